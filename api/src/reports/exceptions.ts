import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext } from "../http/context.js";
import type { BulkExceptionResult } from "../contract/reports.js";
import { hasReported } from "../contract/reports-rules.js";
import { AppError, badRequest, conflict } from "../lib/errors.js";
import { formatDateTimeVN, toIso } from "../lib/time.js";
import { enqueueNotifications } from "../notifications/outbox.js";
import { pushChannelName } from "../notifications/channel-name.js";
import { focalUserIds, loadPeriod, type PeriodRow } from "./access.js";
import { listUnitReports } from "./completeness.js";

/**
 * An extension must end after the period's deadline (else it extends nothing) and in the future
 * (else it has already ended), and a closed period takes none: nothing can be saved in it.
 */
export function checkExceptionUntil(period: PeriodRow, untilInput: string, now: Date): string {
  if (period.status === "closed") throw conflict("PERIOD_CLOSED", "Kỳ báo cáo đã đóng, không thể gia hạn. Mở lại kỳ báo cáo trước khi gia hạn.");
  const until = toIso(untilInput);
  if (until <= period.deadline_at) {
    throw badRequest("EXCEPTION_BEFORE_DEADLINE", `Ngày gia hạn phải sau hạn nộp báo cáo của kỳ (${formatDateTimeVN(period.deadline_at)}).`);
  }
  if (until <= now.toISOString()) throw badRequest("EXCEPTION_IN_PAST", "Ngày gia hạn đã qua, vui lòng chọn một ngày trong tương lai.");
  return until;
}

/** Tells the focal points of the extended units their new date (once per unit and date). */
export async function notifyExtension(ctx: AppContext, db: Kysely<DB>, period: PeriodRow, unitIds: number[], until: string): Promise<number> {
  const focal = await focalUserIds(db, unitIds);
  const items = unitIds.flatMap((unitId) =>
    (focal.get(unitId) ?? []).map((userId) => ({
      userId,
      kind: "report_extension",
      title: "Đơn vị được gia hạn nộp báo cáo",
      body: `Phường gia hạn cho đơn vị nộp báo cáo "${period.title}" đến ${formatDateTimeVN(until)}.`,
      link: `/reports/${period.id}/units/${unitId}`,
      dedupeKey: `report-extension:${period.id}:${unitId}:${until}`,
      source: `period:${period.id}`,
    })),
  );
  if (items.length === 0) return 0;
  return enqueueNotifications(db, items, ctx.clock.now().toISOString(), pushChannelName(ctx.config) !== "inbox");
}

/**
 * Extends several units at once with one date: the chosen ones, or every expected unit that has not
 * submitted yet (no report or a draft). A unit that already submitted is skipped and said so; a unit
 * not expected in the period refuses the whole action (nothing changes).
 */
export async function grantExceptions(ctx: AppContext, periodId: number, untilInput: string, unitIds?: number[]): Promise<BulkExceptionResult> {
  const { db } = ctx.database;
  const period = await loadPeriod(db, periodId);
  const until = checkExceptionUntil(period, untilInput, ctx.clock.now());
  const items = await listUnitReports(db, periodId);
  const skipped: BulkExceptionResult["skipped"] = [];
  let targets: number[];
  if (unitIds) {
    targets = [];
    for (const id of [...new Set(unitIds)]) {
      const it = items.find((i) => i.unitId === id);
      if (!it) throw new AppError(404, "UNIT_NOT_EXPECTED", "Có đơn vị không thuộc danh sách phải báo cáo trong kỳ này, chưa gia hạn cho đơn vị nào.", { unitId: id });
      if (hasReported(it.status)) skipped.push({ unitId: id, reason: "ALREADY_SUBMITTED" });
      else targets.push(id);
    }
  } else {
    targets = items.filter((i) => i.status === "missing" || i.status === "draft").map((i) => i.unitId);
  }
  const notified = await db.transaction().execute(async (trx) => {
    if (targets.length === 0) return 0;
    await trx.updateTable("period_units").set({ exception_until: until }).where("period_id", "=", periodId).where("unit_id", "in", targets).execute();
    return notifyExtension(ctx, trx, period, targets, until);
  });
  return { periodId, until, units: targets, skipped, notified };
}
