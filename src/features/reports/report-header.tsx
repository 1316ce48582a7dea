import type { Report } from "@contract/reports";
import { REPORT_STATUS_LABELS, REPORT_STATUS_TONE, SUBMISSION_TIMING_LABELS } from "@contract/reports-labels";
import { deadlineCountdown, formatDateTime } from "../../lib/dates";
import type { SyncState } from "./draft-sync";
import { SyncBadge } from "./sync-badge";

const ASK_VHXH = "vui lòng liên hệ Phòng Văn hóa - Xã hội (UBND phường)";

/** Why the report cannot be changed, said plainly, with whom to ask when the period is the reason. */
function lockText(lock: Report["lock"]): string {
  switch (lock.reason) {
    case "PERIOD_CLOSED":
      return `Kỳ báo cáo đã đóng, không nhận thêm báo cáo. Cần mở lại, ${ASK_VHXH}.`;
    case "PERIOD_LOCKED":
      return lock.exceptionUntil && lock.exceptionUntil > lock.deadlineAt
        ? `Thời gian gia hạn đã hết lúc ${formatDateTime(lock.exceptionUntil)}, báo cáo bị khóa. Để được gia hạn thêm, ${ASK_VHXH}.`
        : `Kỳ báo cáo đã hết hạn nộp lúc ${formatDateTime(lock.deadlineAt)}, báo cáo bị khóa. Để được gia hạn, ${ASK_VHXH}.`;
    case "PERIOD_NOT_OPEN":
      return `Kỳ báo cáo chưa mở: nhận báo cáo từ ${formatDateTime(lock.acceptsFrom)}.`;
    case "REPORT_SUBMITTED":
      return "Báo cáo đã nộp, đang chờ phường xem xét.";
    case "REPORT_APPROVED":
      return "Báo cáo đã được duyệt.";
    default:
      return "";
  }
}

/** The top of the report: its status, the deadline, when it was submitted, why it was returned or is locked. */
export function ReportHeader({ report, syncState, syncError }: { report: Report; syncState: SyncState | null; syncError: string | null }) {
  // staff looking at a unit that has not opened its report yet: there is no draft (id 0)
  const status = report.id === 0 ? "missing" : report.status;
  const tone = REPORT_STATUS_TONE[status];
  return (
    <div className="card stack report-head">
      <div className="row row--between">
        <span className={`pill${tone ? ` pill--${tone}` : ""}`} data-testid="report-status">
          {REPORT_STATUS_LABELS[status]}
        </span>
        {syncState && <SyncBadge state={syncState} error={syncError} />}
      </div>
      <div className={`countdown${report.lock.locked && report.lock.reason === "PERIOD_LOCKED" ? " countdown--locked" : ""}`}>
        {report.lock.exceptionUntil
          ? `Được gia hạn đến ${formatDateTime(report.lock.exceptionUntil)}`
          : deadlineCountdown(report.lock.deadlineAt)}
      </div>
      {report.submittedAt && (
        <div className="muted">
          Nộp lúc {formatDateTime(report.submittedAt)} · {report.timing ? SUBMISSION_TIMING_LABELS[report.timing].toLocaleLowerCase("vi") : ""}
        </div>
      )}
      {report.status === "returned" && report.returnReason && (
        <div className="return-reason" role="alert" data-testid="return-reason">
          <b>Phường trả lại báo cáo:</b> {report.returnReason}
        </div>
      )}
      {report.lock.locked && report.lock.reason && (
        <div className={report.lock.reason.startsWith("PERIOD_") ? "lock-note" : "muted"} role={report.lock.reason.startsWith("PERIOD_") ? "alert" : undefined} data-testid="lock-reason">
          {lockText(report.lock)}
        </div>
      )}
    </div>
  );
}
