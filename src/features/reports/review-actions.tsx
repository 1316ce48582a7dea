import { useState } from "react";
import { Button, Sheet } from "zmp-ui";
import type { Report } from "@contract/reports";
import { useNotify } from "../../components/use-notify";
import { reportsApi } from "./api";

/** Staff's review of a submitted report: approve, return it with a reason, or reopen an approved one. */
export function ReviewActions({ report, onChanged }: { report: Report; onChanged: (r: Report) => void }) {
  const notify = useNotify();
  const [sheet, setSheet] = useState<"return" | "reopen" | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  async function run(fn: () => Promise<Report>, done: string) {
    setBusy(true);
    try {
      onChanged(await fn());
      notify.success(done);
      setSheet(null);
      setReason("");
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(false);
    }
  }
  const tooShort = reason.trim().length < 5;
  const actionable = report.status === "submitted" || report.status === "approved";
  // Stays at the bottom of the screen while staff read the report: no scrolling to the end to act.
  return (
    <>
      {actionable && <div className="review-bar-space" aria-hidden="true" />}
      <div className={`card stack${actionable ? " review-bar" : ""}`} data-testid="review-actions">
        <h3>Xem xét báo cáo</h3>
        {report.status === "submitted" && (
          <div className="row">
            <Button size="small" data-testid="approve" loading={busy} onClick={() => void run(() => reportsApi.approve(report.periodId, report.unitId), "Đã duyệt báo cáo.")}>
              Duyệt
            </Button>
            <Button size="small" variant="secondary" data-testid="return" onClick={() => setSheet("return")}>
              Trả lại
            </Button>
          </div>
        )}
        {report.status === "approved" && (
          <Button size="small" variant="secondary" data-testid="reopen" onClick={() => setSheet("reopen")}>
            Mở lại để đơn vị sửa
          </Button>
        )}
        {(report.status === "draft" || report.status === "returned") && <p className="muted">Đơn vị chưa nộp báo cáo.</p>}
      </div>
      {/* outside the bar: a sheet inside its stacking context would sit under the bottom tabs */}
      <Sheet visible={sheet !== null} title={sheet === "return" ? "Trả lại báo cáo" : "Mở lại báo cáo"} autoHeight onClose={() => setSheet(null)}>
        <div className="sheet-body">
          <label>
            <span className="field-label">{sheet === "return" ? "Lý do trả lại (bắt buộc, đơn vị sẽ thấy)" : "Lý do mở lại (không bắt buộc)"}</span>
            <textarea className="native-textarea" data-testid="review-reason" maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          {sheet === "return" && tooShort && reason.length > 0 && <p className="field-error">Vui lòng ghi rõ lý do (ít nhất 5 ký tự).</p>}
          <Button
            fullWidth
            data-testid="confirm-review"
            loading={busy}
            disabled={sheet === "return" && tooShort}
            onClick={() =>
              void run(
                () => (sheet === "return" ? reportsApi.returnReport(report.periodId, report.unitId, reason.trim()) : reportsApi.reopen(report.periodId, report.unitId, reason.trim() || undefined)),
                sheet === "return" ? "Đã trả lại báo cáo cho đơn vị." : "Đã mở lại báo cáo.",
              )
            }
          >
            {sheet === "return" ? "Trả lại báo cáo" : "Mở lại báo cáo"}
          </Button>
        </div>
      </Sheet>
    </>
  );
}
