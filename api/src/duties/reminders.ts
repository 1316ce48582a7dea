import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import type { DutyRemindResult } from "../contract/duties.js";
import { notFound } from "../lib/errors.js";
import { formatDateVN, vnDateKey } from "../lib/time.js";
import { enqueueNotifications, type NotificationInput } from "../notifications/outbox.js";
import { pushEnabled } from "../notifications/channel-name.js";
import { focalUserIds } from "../reports/access.js";
import { dueStep } from "../reports/completeness.js";
import { owing } from "./counts.js";
import { loadDuty, type DutyRow, type DutyUnitRow } from "./lookup.js";

type Db = Kysely<DB>;

function reminderText(d: DutyRow, step: string, now: Date, returned: boolean): { title: string; body: string } {
  const date = formatDateVN(d.due_at);
  if (returned) return { title: "Nhắc nộp lại phần bị trả lại", body: `Phường nhắc đơn vị sửa và nộp lại "${d.title}" (hạn ${date}).` };
  if (step === "after" || (step === "manual" && now.toISOString() > d.due_at)) {
    return { title: "Đơn vị đã quá hạn nộp", body: `Hạn của "${d.title}" là ${date}. Đơn vị chưa nộp; vui lòng nộp sớm nhất.` };
  }
  if (step === "manual") return { title: "Nhắc nộp nhiệm vụ", body: `Phường nhắc đơn vị hoàn thành và nộp "${d.title}" trước hạn ${date}.` };
  // the days actually left, as the report's reminders count them
  const days = Math.round((Date.parse(vnDateKey(d.due_at)) - Date.parse(vnDateKey(now))) / 86_400_000);
  return { title: days > 0 ? `Còn ${days} ngày đến hạn: ${d.title}`.slice(0, 200) : `Hôm nay là hạn cuối: ${d.title}`.slice(0, 200), body: `Đơn vị chưa nộp "${d.title}". Hạn: ${date}.` };
}

/** Messages to the focal points of the given units; the key makes each (duty, unit, step) once. */
async function notifyOwing(ctx: AppContext, trx: Db, d: DutyRow, rows: DutyUnitRow[], step: string, keyOf: (unitId: number) => string): Promise<number> {
  const now = ctx.clock.now();
  const focal = await focalUserIds(trx, rows.map((r) => r.unit_id));
  const items: NotificationInput[] = [];
  for (const r of rows) {
    const msg = reminderText(d, step, now, r.status === "returned");
    for (const userId of focal.get(r.unit_id) ?? []) {
      items.push({ userId, kind: "duty_reminder", title: msg.title, body: msg.body, link: `/duties/${d.id}`, dedupeKey: keyOf(r.unit_id), source: `duty:${d.id}` });
    }
  }
  return items.length ? enqueueNotifications(trx, items, now.toISOString(), pushEnabled(ctx.config)) : 0;
}

/** "Nhắc": the units that still owe it (or one named unit); once per unit and Vietnamese day. */
export async function remindDuty(ctx: AppContext, user: AuthUser, dutyId: number, unitIds?: number[]): Promise<DutyRemindResult> {
  const { db } = ctx.database;
  const d = await loadDuty(db, dutyId, user);
  const rows = await db.selectFrom("duty_units").selectAll().where("duty_id", "=", dutyId).execute();
  let targets = rows.filter((r) => owing(r.status));
  if (unitIds?.length) {
    for (const u of unitIds) if (!rows.some((r) => r.unit_id === u)) throw notFound("Đơn vị này không phải thực hiện nhiệm vụ.", "UNIT_NOT_EXPECTED");
    targets = targets.filter((r) => unitIds.includes(r.unit_id));
  }
  const focal = await focalUserIds(db, targets.map((r) => r.unit_id));
  const day = vnDateKey(ctx.clock.now());
  const notified = await db.transaction().execute((trx) => notifyOwing(ctx, trx, d, targets, "manual", (u) => `duty-remind:${dutyId}:${u}:manual:${day}`));
  return { units: targets.map((r) => r.unit_id), notified, withoutFocal: targets.filter((r) => !focal.get(r.unit_id)?.length).length };
}

const DAY = 86_400_000;

/** One pass of the automatic reminders (like the report's); the dedupe key (duty, unit, step) makes it never twice. */
export async function runDutyReminders(ctx: AppContext): Promise<number> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const from = new Date(now.getTime() - 9 * DAY).toISOString();
  const to = new Date(now.getTime() + 15 * DAY).toISOString();
  const duties = await db.selectFrom("duties").selectAll().where("due_at", ">=", from).where("due_at", "<=", to).execute();
  let created = 0;
  for (const d of duties) {
    // the same steps as the report's (14, 7, 1 days before, the day after)
    const step = dueStep({ deadline_at: d.due_at, opens_at: d.starts_at, status: "open" }, now);
    if (!step) continue;
    const rows = (await db.selectFrom("duty_units").selectAll().where("duty_id", "=", d.id).execute()).filter((r) => owing(r.status));
    if (!rows.length) continue;
    created += await db.transaction().execute((trx) => notifyOwing(ctx, trx, d, rows, step, (u) => `duty-remind:${d.id}:${u}:${step}`));
  }
  return created;
}
