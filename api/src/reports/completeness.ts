import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext } from "../http/context.js";
import type { Completeness, ReportListItem, RemindResult } from "../contract/reports.js";
import { conflict, notFound } from "../lib/errors.js";
import { formatDateVN, vnDateKey } from "../lib/time.js";
import { enqueueNotifications, type NotificationInput } from "../notifications/outbox.js";
import { pushChannelName } from "../notifications/channel-name.js";
import { focalUserIds, loadPeriod, type PeriodRow } from "./access.js";
import { countsOf, hasReported } from "../contract/reports-rules.js";
import { storedTiming } from "./timing.js";

export { countsOf };

/** Every expected unit of a period with its report status (optionally one unit only). */
export async function listUnitReports(db: Kysely<DB>, periodId: number, onlyUnitId?: number): Promise<ReportListItem[]> {
  let q = db
    .selectFrom("period_units as pu")
    .innerJoin("units as u", "u.id", "pu.unit_id")
    .leftJoin("reports as r", (j) => j.onRef("r.period_id", "=", "pu.period_id").onRef("r.unit_id", "=", "pu.unit_id"))
    .select([
      "u.id as unitId",
      "u.code",
      "u.name",
      "u.sort_order",
      "pu.exception_until",
      "r.id as reportId",
      "r.status",
      "r.submitted_at",
      "r.on_time",
      "r.submit_timing",
      "r.version",
      "r.updated_at",
    ])
    .where("pu.period_id", "=", periodId)
    .orderBy("u.sort_order")
    .orderBy("u.id");
  if (onlyUnitId !== undefined) q = q.where("pu.unit_id", "=", onlyUnitId);
  const rows = await q.execute();
  return rows.map((r) => ({
    unitId: r.unitId,
    unitCode: r.code,
    unitName: r.name,
    reportId: r.reportId ?? null,
    status: r.status ?? "missing",
    submittedAt: r.submitted_at ?? null,
    onTime: r.on_time === null || r.on_time === undefined ? null : Boolean(r.on_time),
    timing: storedTiming({ submit_timing: r.submit_timing, on_time: r.on_time ?? null }),
    version: r.version === null || r.version === undefined ? 0 : Number(r.version),
    updatedAt: r.updated_at ?? null,
    exceptionUntil: r.exception_until,
  }));
}

/** DHIS2's reporting-rate view: per unit and in total. */
export async function completeness(ctx: AppContext, periodId: number): Promise<Completeness> {
  const { db } = ctx.database;
  const period = await loadPeriod(db, periodId);
  const items = await listUnitReports(db, periodId);
  const focal = await focalUserIds(
    db,
    items.map((i) => i.unitId),
  );
  return {
    periodId,
    deadlineAt: period.deadline_at,
    asOf: ctx.clock.now().toISOString(),
    total: countsOf(items),
    units: items.map((i) => ({ ...i, counts: countsOf([i]), focalCount: focal.get(i.unitId)?.length ?? 0 })),
  };
}

function reminderMessage(period: PeriodRow, step: string, now: Date): { title: string; body: string } {
  const date = formatDateVN(period.deadline_at);
  if (step === "after") {
    return {
      title: "Đơn vị đã quá hạn nộp báo cáo",
      body: `Hạn nộp báo cáo "${period.title}" là ${date}. Đơn vị chưa nộp; vui lòng liên hệ Phòng Văn hóa - Xã hội để được gia hạn và nộp sớm nhất.`,
    };
  }
  if (step === "manual") {
    return { title: "Nhắc nộp báo cáo", body: `Phường nhắc đơn vị hoàn thành và nộp báo cáo "${period.title}" trước hạn ${date}.` };
  }
  if (step === "manual-late") {
    return {
      title: "Nhắc nộp báo cáo đã quá hạn",
      body: `Báo cáo "${period.title}" đã quá hạn nộp (${date}) mà đơn vị chưa nộp. Vui lòng liên hệ Phòng Văn hóa - Xã hội để được gia hạn và nộp sớm nhất.`,
    };
  }
  // The days actually left (Vietnamese calendar), not the step's nominal 14/7/1: a step first reached
  // late (a fresh install, a focal point who joined since) must not say "7 days" with 3 left.
  const days = Math.round((Date.parse(vnDateKey(period.deadline_at)) - Date.parse(vnDateKey(now))) / DAY);
  const title = days > 0 ? `Còn ${days} ngày đến hạn nộp báo cáo` : "Hôm nay là hạn cuối nộp báo cáo";
  return { title, body: `Đơn vị chưa nộp báo cáo "${period.title}". Hạn nộp: ${date}.` };
}

async function notifyUnits(
  ctx: AppContext,
  db: Kysely<DB>,
  period: PeriodRow,
  unitIds: number[],
  step: string | ((unitId: number) => { title: string; body: string }),
  keyOf: (unitId: number) => string,
): Promise<number> {
  const focal = await focalUserIds(db, unitIds);
  const items: NotificationInput[] = [];
  for (const unitId of unitIds) {
    const msg = typeof step === "string" ? reminderMessage(period, step, ctx.clock.now()) : step(unitId);
    for (const userId of focal.get(unitId) ?? []) {
      items.push({
        userId,
        kind: "report_reminder",
        title: msg.title,
        body: msg.body,
        link: `/reports/${period.id}/units/${unitId}`,
        dedupeKey: keyOf(unitId),
        source: `period:${period.id}`,
      });
    }
  }
  if (items.length === 0) return 0;
  return enqueueNotifications(db, items, ctx.clock.now().toISOString(), pushChannelName(ctx.config) !== "inbox");
}

/**
 * "Nhắc nộp": one unit, or every unit that has not reported when no unit is named. A repeat on the
 * same day for the same unit is a no-op (dedupe key per period, unit and Vietnamese date).
 */
export async function remindUnits(ctx: AppContext, periodId: number, unitIds?: number[]): Promise<RemindResult> {
  const { db } = ctx.database;
  const period = await loadPeriod(db, periodId);
  if (period.status === "closed") throw conflict("PERIOD_CLOSED", "Kỳ báo cáo đã đóng, không thể nhắc nộp báo cáo.");
  const items = await listUnitReports(db, periodId);
  const skipped: RemindResult["skipped"] = [];
  let targets: number[];
  if (unitIds && unitIds.length) {
    targets = [];
    for (const id of [...new Set(unitIds)]) {
      const it = items.find((i) => i.unitId === id);
      if (!it) throw notFound("Đơn vị này không thuộc danh sách phải báo cáo trong kỳ này.", "UNIT_NOT_EXPECTED");
      if (hasReported(it.status)) skipped.push({ unitId: id, reason: "ALREADY_SUBMITTED" });
      else targets.push(id);
    }
  } else {
    targets = items.filter((i) => !hasReported(i.status)).map((i) => i.unitId);
  }
  const day = vnDateKey(ctx.clock.now());
  // After the deadline a unit is not asked to submit "before" a date that has passed: it is told it is
  // late, or given its exception's date.
  const nowIso = ctx.clock.now().toISOString();
  const message = (unitId: number) => {
    const it = items.find((i) => i.unitId === unitId);
    const until = it?.exceptionUntil && it.exceptionUntil > period.deadline_at ? it.exceptionUntil : period.deadline_at;
    if (it?.status === "returned") {
      return { title: "Nhắc nộp lại báo cáo", body: `Phường nhắc đơn vị sửa và nộp lại báo cáo "${period.title}" đã được trả lại.` };
    }
    if (until > nowIso) return reminderMessage({ ...period, deadline_at: until }, "manual", ctx.clock.now());
    return reminderMessage(period, "manual-late", ctx.clock.now());
  };
  const notified = await db.transaction().execute((trx) => notifyUnits(ctx, trx, period, targets, message, (u) => `report-remind:${periodId}:${u}:manual:${day}`));
  return { units: targets, skipped, notified };
}

const DAY = 86_400_000;
/** Automatic reminder steps: days before the deadline, and the day after it. */
export const REMINDER_STEPS = [
  { step: "d14", offsetMs: -14 * DAY },
  { step: "d7", offsetMs: -7 * DAY },
  { step: "d1", offsetMs: -1 * DAY },
] as const;

/** Which automatic step is due now for a period (the latest one reached), or null. */
export function dueStep(period: Pick<PeriodRow, "deadline_at" | "opens_at" | "status">, now: Date): string | null {
  if (period.status !== "open") return null;
  const t = now.getTime();
  const deadline = Date.parse(period.deadline_at);
  if (t > deadline) {
    // the day after the deadline (Vietnamese calendar), for a week at most
    if (vnDateKey(now) > vnDateKey(period.deadline_at) && t < deadline + 8 * DAY) return "after";
    return null;
  }
  if (t < Date.parse(period.opens_at)) return null;
  let due: string | null = null;
  for (const s of REMINDER_STEPS) if (t >= deadline + s.offsetMs) due = s.step;
  return due;
}

/**
 * One pass of the automatic reminders: for every open period, the step due now goes to the focal
 * points of units that have not reported. The dedupe key (period, unit, step) makes it never twice.
 * Returns how many notifications were created.
 */
export async function runReportReminders(ctx: AppContext): Promise<number> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const periods = await db.selectFrom("periods").selectAll().where("status", "=", "open").execute();
  let created = 0;
  for (const period of periods) {
    const step = dueStep(period, now);
    if (!step) continue;
    const items = await listUnitReports(db, period.id);
    const targets = items
      .filter((i) => !hasReported(i.status))
      // a unit with a running lock exception is not told it is overdue
      .filter((i) => step !== "after" || !(i.exceptionUntil && i.exceptionUntil > now.toISOString()))
      .map((i) => i.unitId);
    if (targets.length === 0) continue;
    created += await db.transaction().execute((trx) => notifyUnits(ctx, trx, period, targets, step, (u) => `report-remind:${period.id}:${u}:${step}`));
  }
  return created;
}
