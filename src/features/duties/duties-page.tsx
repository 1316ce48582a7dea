import { Link, useSearchParams } from "react-router-dom";
import type { CalendarEntry } from "@contract/duties";
import { DUTY_STATUS_LABELS, DUTY_STATUS_TONE } from "@contract/duties-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { toApiError } from "../../lib/api-client";
import { formatDate } from "../../lib/dates";
import { useRole } from "../../lib/session-store";
import { useLoad } from "../../lib/use-load";
import { dutiesApi } from "./api";

/** The calendar of duties with deadlines: a focal point's own, or every unit's for staff and the Front. */
export function DutiesPage() {
  const role = useRole();
  const [search, setSearch] = useSearchParams();
  const year = Number(search.get("year")) || undefined;
  const { data, error, reload } = useLoad(() => dutiesApi.calendar(year), [year]);
  return (
    <AppPage title="Nhiệm vụ có thời hạn" back testId="duties-page">
      {role === "staff" && (
        <Link className="pill" to="/duties/new" data-testid="new-duty">
          + Giao nhiệm vụ
        </Link>
      )}
      {!!error && <ErrorState message={toApiError(error).message} onRetry={reload} />}
      {!data && !error && <Skeleton rows={3} />}
      {data && (
        <>
          <select className="native-select" aria-label="Chọn năm" value={data.year} onChange={(e) => setSearch({ year: e.target.value })}>
            {data.years.map((y) => (
              <option key={y} value={y}>
                Năm {y}
              </option>
            ))}
          </select>
          {data.entries.length === 0 ? (
            <EmptyState title="Chưa có nhiệm vụ nào trong năm này" />
          ) : (
            <ul className="plain-list" data-testid="duty-list">
              {data.entries.map((e) => (
                <EntryRow key={e.key} entry={e} focal={role === "focal"} />
              ))}
            </ul>
          )}
        </>
      )}
    </AppPage>
  );
}

function EntryRow({ entry: e, focal }: { entry: CalendarEntry; focal: boolean }) {
  const c = e.counts;
  return (
    <li>
      <Link to={e.link} className="list-link" data-testid={`duty-${e.kind}`}>
        <span className="list-link__title">{e.title}</span>
        <span className="list-link__meta">
          Hạn {formatDate(e.dueAt)}
          {e.recursYearly ? " · hằng năm" : ""}
          {!focal && ` · ${c.accepted}/${c.expected} hoàn thành · ${c.handedIn} chờ xem xét`}
        </span>
        <span className="row">
          {focal && e.myStatus && (
            <span className={`pill${DUTY_STATUS_TONE[e.myStatus] ? ` pill--${DUTY_STATUS_TONE[e.myStatus]}` : ""}`} data-testid="duty-status">
              {DUTY_STATUS_LABELS[e.myStatus]}
            </span>
          )}
          {e.overdue && <span className="pill pill--bad">{focal ? "Quá hạn" : `${c.overdue} đơn vị quá hạn`}</span>}
        </span>
      </Link>
    </li>
  );
}
