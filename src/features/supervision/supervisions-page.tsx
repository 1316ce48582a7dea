import { Link } from "react-router-dom";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { toApiError } from "../../lib/api-client";
import { formatDate } from "../../lib/dates";
import { useRole } from "../../lib/session-store";
import { useLoad } from "../../lib/use-load";
import { supervisionApi } from "./api";

/** The Fatherland Front's supervisions of the year with their recommendations and answers. */
export function SupervisionsPage() {
  const role = useRole();
  const { data, error, reload } = useLoad(() => supervisionApi.list(), []);
  return (
    <AppPage title="Giám sát của MTTQ" back testId="supervisions-page">
      {role === "observer" && (
        <Link className="pill" to="/supervisions/new" data-testid="new-supervision">
          + Ghi nhận cuộc giám sát
        </Link>
      )}
      {!!error && <ErrorState message={toApiError(error).message} onRetry={reload} />}
      {!data && !error && <Skeleton rows={2} />}
      {data && data.overdue > 0 && (
        <div className="banner banner--bad" data-testid="supervision-overdue">
          {data.overdue} kiến nghị đã quá hạn trả lời.
        </div>
      )}
      {data && data.items.length === 0 && <EmptyState title={`Năm ${data.year} chưa có cuộc giám sát nào`} />}
      {data && (
        <ul className="plain-list" data-testid="supervision-list">
          {data.items.map((s) => {
            const answered = s.recommendations.filter((r) => r.answer).length;
            return (
              <li key={s.id}>
                <Link to={`/supervisions/${s.id}`} className="list-link" data-testid="supervision-item">
                  <span className="list-link__title">{s.title}</span>
                  <span className="list-link__meta">
                    {formatDate(s.heldOn)} · {s.units.map((u) => u.name).join(", ")}
                  </span>
                  <span className="list-link__meta">
                    {answered}/{s.recommendations.length} kiến nghị đã trả lời
                    {s.recommendations.some((r) => r.state === "overdue") ? " · có kiến nghị quá hạn" : ""}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </AppPage>
  );
}
