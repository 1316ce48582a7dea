import type { AppContext, AuthUser } from "../http/context.js";
import type { Report } from "../contract/reports.js";
import { REPORT_STATUS_LABELS } from "../contract/reports-labels.js";
import { conflict, notFound } from "../lib/errors.js";
import { enqueueNotifications } from "../notifications/outbox.js";
import { pushChannelName } from "../notifications/channel-name.js";
import { focalUserIds, loadScope } from "./access.js";
import { buildReport } from "./form.js";
import type { ReportStatus } from "./tables.js";
import { writeAudit } from "./audit.js";

export type ReviewAction = "approve" | "return" | "reopen";

const REVIEW_FROM: Record<ReviewAction, ReportStatus> = { approve: "submitted", return: "submitted", reopen: "approved" };
const REVIEW_TO: Record<ReviewAction, ReportStatus> = { approve: "approved", return: "returned", reopen: "returned" };
const REVIEW_VERB: Record<ReviewAction, string> = { approve: "duyệt", return: "trả lại", reopen: "mở lại" };

/** Staff review: approve (locks), return with a reason, reopen an approved report. */
export async function reviewReport(ctx: AppContext, user: AuthUser, periodId: number, unitId: number, action: ReviewAction, reason?: string): Promise<Report> {
  const { db } = ctx.database;
  const { period, pu } = await loadScope(db, periodId, unitId);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const report = await trx.selectFrom("reports").selectAll().where("period_id", "=", periodId).where("unit_id", "=", unitId).executeTakeFirst();
    if (!report) throw notFound("Đơn vị chưa có báo cáo trong kỳ này.", "REPORT_NOT_FOUND");
    if (report.status !== REVIEW_FROM[action]) {
      throw conflict(
        "INVALID_REPORT_STATUS",
        `Không thể ${REVIEW_VERB[action]} báo cáo đang ở trạng thái "${REPORT_STATUS_LABELS[report.status]}".`,
        { status: report.status },
      );
    }
    const to = REVIEW_TO[action];
    const note = action === "reopen" ? (reason?.trim() || "Phường mở lại báo cáo để đơn vị chỉnh sửa.") : (reason?.trim() ?? null);
    const nextVersion = Number(report.version) + 1;
    await trx
      .updateTable("reports")
      .set({
        status: to,
        reviewed_at: nowIso,
        reviewed_by: user.id,
        version: nextVersion,
        updated_at: nowIso,
        updated_by: user.id,
        ...(action === "approve" ? {} : { return_reason: note }),
      })
      .where("id", "=", report.id)
      .execute();
    await writeAudit(trx, report.id, user.id, nowIso, nextVersion, [{ action, field: "status", old: report.status, next: to, note }]);

    const unit = await trx.selectFrom("units").select("name").where("id", "=", unitId).executeTakeFirstOrThrow();
    const focal = (await focalUserIds(trx, [unitId])).get(unitId) ?? [];
    const title =
      action === "approve" ? "Báo cáo đã được duyệt" : action === "return" ? "Báo cáo bị trả lại, cần chỉnh sửa" : "Báo cáo được mở lại để chỉnh sửa";
    const body =
      action === "approve"
        ? `Báo cáo "${period.title}" của ${unit.name} đã được phường duyệt.`
        : `Báo cáo "${period.title}" của ${unit.name}: ${note}`;
    await enqueueNotifications(
      trx,
      focal.map((userId) => ({
        userId,
        kind: `report_${action}`,
        title,
        body,
        link: `/reports/${periodId}/units/${unitId}`,
        dedupeKey: `report:${report.id}:${action}:v${nextVersion}`,
        source: `report:${report.id}`,
      })),
      nowIso,
      pushChannelName(ctx.config) !== "inbox",
    );
    const fresh = await trx.selectFrom("reports").selectAll().where("id", "=", report.id).executeTakeFirstOrThrow();
    return buildReport(trx, period, pu, fresh, now);
  });
}
