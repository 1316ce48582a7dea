import type { AppContext, AuthUser } from "../http/context.js";
import type { DutyDetail, DutyUnitStatus } from "../contract/duties.js";
import { DUTY_STATUS_LABELS } from "../contract/duties-labels.js";
import { conflict } from "../lib/errors.js";
import { enqueueNotifications } from "../notifications/outbox.js";
import { pushEnabled } from "../notifications/channel-name.js";
import { focalUserIds } from "../reports/access.js";
import { loadDuty, loadDutyUnit } from "./lookup.js";
import { getDuty } from "./detail.js";

/** Staff accept a hand-in, or return it with a reason the unit sees. */
export async function reviewDuty(ctx: AppContext, user: AuthUser, dutyId: number, unitId: number, action: "accept" | "return", reason?: string): Promise<DutyDetail> {
  const { db } = ctx.database;
  const d = await loadDuty(db, dutyId, user);
  const nowIso = ctx.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const row = await loadDutyUnit(trx, dutyId, unitId);
    if (row.status !== "handed_in") {
      throw conflict("INVALID_DUTY_STATUS", `Chỉ xem xét được phần đã nộp; đơn vị đang ở trạng thái "${DUTY_STATUS_LABELS[row.status]}".`, { status: row.status });
    }
    const to: DutyUnitStatus = action === "accept" ? "accepted" : "returned";
    await trx
      .updateTable("duty_units")
      .set({ status: to, reviewed_at: nowIso, reviewed_by: user.id, return_reason: action === "return" ? reason! : null, updated_at: nowIso })
      .where("duty_id", "=", dutyId)
      .where("unit_id", "=", unitId)
      .execute();
    await trx.insertInto("duty_history").values({ duty_id: dutyId, unit_id: unitId, action, note: action === "return" ? reason! : null, user_id: user.id, at: nowIso }).execute();
    const focal = (await focalUserIds(trx, [unitId])).get(unitId) ?? [];
    await enqueueNotifications(
      trx,
      focal.map((userId) => ({
        userId,
        kind: `duty_${action}`,
        title: action === "accept" ? `Phường đã chấp nhận: ${d.title}`.slice(0, 200) : `Bị trả lại, cần nộp lại: ${d.title}`.slice(0, 200),
        body: action === "accept" ? "Phần nộp của đơn vị đã được chấp nhận." : `Lý do: ${reason!.slice(0, 200)}`,
        link: `/duties/${dutyId}`,
        dedupeKey: `duty:${dutyId}:${unitId}:${action}:${nowIso}`,
        source: `duty:${dutyId}`,
      })),
      nowIso,
      pushEnabled(ctx.config),
    );
  });
  return getDuty(ctx, user, dutyId);
}
