import type { ReportingRow, ReportingState } from "@contract/summary";
import { REPORTING_STATE_LABELS } from "@contract/summary-labels";
import { formatDate, formatDateTime } from "../../../lib/dates";

const ORDER: ReportingState[] = ["late", "returned", "not_submitted", "on_time_extended", "on_time"];
const TONE: Record<ReportingState, string> = { on_time: "ok", on_time_extended: "ok", late: "warn", returned: "bad", not_submitted: "bad" };

/** Each expected unit's reporting status in words, grouped: the late ones with their date, the returned ones with the reason. */
export function ReportingList({ rows }: { rows: ReportingRow[] }) {
  if (!rows.length) return <p className="muted">Kỳ báo cáo chưa giao đơn vị nào.</p>;
  return (
    <section className="card stack" data-testid="reporting-list">
      {ORDER.map((state) => {
        const list = rows.filter((r) => r.state === state);
        if (!list.length) return null;
        return (
          <div key={state} className="sum-status__group" data-testid={`reporting-${state}`}>
            <h4>
              <span className={`pill pill--${TONE[state]}`}>{REPORTING_STATE_LABELS[state]}</span> {list.length} đơn vị
            </h4>
            <ul>
              {list.map((r) => (
                <li key={r.unitId}>
                  {r.unitName}
                  {state === "late" && r.submittedAt && <span className="muted"> — nộp lúc {formatDateTime(r.submittedAt)}</span>}
                  {state === "on_time_extended" && r.exceptionUntil && <span className="muted"> — gia hạn đến {formatDate(r.exceptionUntil)}</span>}
                  {state === "returned" && r.returnReason && <span className="muted"> — lý do: {r.returnReason}</span>}
                  {(state === "on_time" || state === "on_time_extended" || state === "late") && !r.counted && <span className="muted"> (chưa duyệt, chưa tính số liệu)</span>}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
