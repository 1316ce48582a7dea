import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext } from "../http/context.js";
import type { CityCompleteness, CityCounts, CityRemindResult, CityWardRow, CityWardState } from "../contract/city.js";
import { PLAN_YEARS } from "../contract/plan.js";
import { listWardRows } from "../wards/queries.js";
import { notFound } from "../lib/errors.js";
import { formatDateVN, vnDateKey } from "../lib/time.js";
import { cityDeadline, type CityDeadline } from "./deadlines.js";
import { wardStaffIds, type CityMessage } from "./notify.js";
import { wardAnnualPeriod } from "./ward-source.js";
import { enqueueNotifications, type NotificationInput } from "../notifications/outbox.js";
import { pushEnabled } from "../notifications/channel-name.js";

type Db = Kysely<DB>;

/**
 * DHIS2's reporting-rate view one level up: every ward of the city and where its report of the year
 * stands with the city — not sent, sent (waiting), accepted, returned — and whether its first version
 * came by the city's deadline. One query for the year's versions, one for the wards, one for staff.
 */
export async function wardStates(db: Db, year: number, deadline: CityDeadline, nowIso: string): Promise<CityWardRow[]> {
  const [wards, versions] = await Promise.all([
    listWardRows(db),
    db
      .selectFrom("ward_snapshots")
      .select(["id", "ward_id", "version", "status", "sent_at", "decided_at", "return_reason"])
      .where("year", "=", year)
      .orderBy("sent_at")
      .orderBy("id")
      .execute(),
  ]);
  const staff = await wardStaffIds(
    db,
    wards.map((w) => w.id),
  );
  const byWard = new Map<number, typeof versions>();
  for (const v of versions) byWard.set(v.ward_id, [...(byWard.get(v.ward_id) ?? []), v]);
  const passed = nowIso > deadline.deadlineAt;
  return wards.map((w): CityWardRow => {
    const list = byWard.get(w.id) ?? [];
    const latest = list[list.length - 1];
    const first = list[0];
    const state: CityWardState = !latest ? "not_sent" : latest.status === "accepted" ? "accepted" : latest.status === "returned" ? "returned" : "sent";
    return {
      ward: { id: w.id, code: w.code, name: w.name },
      state,
      timing: first ? (first.sent_at <= deadline.deadlineAt ? "on_time" : "late") : null,
      overdue: passed && (state === "not_sent" || state === "returned"),
      versions: list.length,
      firstSentAt: first?.sent_at ?? null,
      latest: latest
        ? { id: latest.id, version: Number(latest.version), status: latest.status, sentAt: latest.sent_at, decidedAt: latest.decided_at, returnReason: latest.return_reason }
        : null,
      staffCount: staff.get(w.id)?.length ?? 0,
    };
  });
}

export function cityCounts(rows: CityWardRow[]): CityCounts {
  const n = (f: (r: CityWardRow) => boolean) => rows.filter(f).length;
  const sent = n((r) => r.state === "sent" || r.state === "accepted");
  return {
    expected: rows.length,
    sent,
    accepted: n((r) => r.state === "accepted"),
    waiting: n((r) => r.state === "sent"),
    returned: n((r) => r.state === "returned"),
    notSent: n((r) => r.state === "not_sent"),
    onTime: n((r) => r.timing === "on_time"),
    late: n((r) => r.timing === "late"),
    overdue: n((r) => r.overdue),
    rate: rows.length ? Math.round((sent / rows.length) * 10000) / 10000 : 0,
  };
}

export async function cityCompleteness(ctx: AppContext, year: number): Promise<CityCompleteness> {
  const { db } = ctx.database;
  const nowIso = ctx.clock.now().toISOString();
  const deadline = await cityDeadline(db, year);
  const wards = await wardStates(db, year, deadline, nowIso);
  return { year, years: [...PLAN_YEARS], deadline, asOf: nowIso, counts: cityCounts(wards), wards };
}

const DAY = 86_400_000;
/** Automatic reminders to ward staff: 7 and 1 days before the city's deadline (Vietnamese calendar days), and the day after it (for a week). */
export const CITY_REMINDER_STEPS = [
  { step: "d7", daysLeft: 7 },
  { step: "d1", daysLeft: 1 },
] as const;

const daysBetween = (fromKey: string, toKey: string) => Math.round((Date.parse(toKey) - Date.parse(fromKey)) / DAY);

export function cityDueStep(deadlineAt: string, now: Date): string | null {
  const t = now.getTime();
  const deadline = Date.parse(deadlineAt);
  if (t > deadline) return vnDateKey(now) > vnDateKey(deadlineAt) && t < deadline + 8 * DAY ? "after" : null;
  const left = daysBetween(vnDateKey(now), vnDateKey(deadlineAt));
  let due: string | null = null;
  for (const s of CITY_REMINDER_STEPS) if (left <= s.daysLeft) due = s.step;
  return due;
}

function reminderMessage(year: number, deadlineAt: string, step: string, state: CityWardState, now: Date): Pick<CityMessage, "title" | "body"> {
  const date = formatDateVN(deadlineAt);
  const what = state === "returned" ? `Báo cáo năm ${year} bị thành phố trả lại chưa được sửa và gửi lại` : `Phường chưa gửi báo cáo kết quả thực hiện Nghị quyết 83 năm ${year} lên thành phố`;
  if (step === "after" || (step.startsWith("manual") && now.toISOString() > deadlineAt)) {
    return { title: "Đã quá hạn gửi báo cáo lên thành phố", body: `${what}; hạn của Sở Nội vụ là ${date}. Vui lòng gửi sớm nhất (màn hình Tổng hợp báo cáo → Gửi báo cáo lên thành phố).` };
  }
  if (step.startsWith("manual")) return { title: "Sở Nội vụ nhắc gửi báo cáo", body: `${what}. Hạn gửi: ${date}.` };
  const days = daysBetween(vnDateKey(now), vnDateKey(deadlineAt));
  return { title: days > 0 ? `Còn ${days} ngày đến hạn gửi báo cáo lên thành phố` : "Hôm nay là hạn gửi báo cáo lên thành phố", body: `${what}. Hạn gửi: ${date}.` };
}

/** Reminds the staff of these wards once per key; returns how many notifications were new. */
async function remind(ctx: AppContext, year: number, deadline: CityDeadline, targets: CityWardRow[], step: string, keyOf: (wardId: number) => string): Promise<number> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  // wards already told at this step need nothing more (and no period lookup)
  const keys = targets.map((t) => keyOf(t.ward.id));
  const done = new Set(
    keys.length ? (await db.selectFrom("notifications").select("dedupe_key").distinct().where("dedupe_key", "in", keys).execute()).map((r) => r.dedupe_key) : [],
  );
  const todo = targets.filter((t) => !done.has(keyOf(t.ward.id)));
  if (!todo.length) return 0;
  const staff = await wardStaffIds(
    db,
    todo.map((t) => t.ward.id),
  );
  const items: NotificationInput[] = [];
  for (const t of todo) {
    const period = await wardAnnualPeriod(db, t.ward.id, year);
    const msg = reminderMessage(year, deadline.deadlineAt, step, t.state, now);
    for (const userId of staff.get(t.ward.id) ?? []) {
      items.push({ userId, kind: "city_report", ...msg, link: period ? `/reports/${period.id}/summary` : "/reports", dedupeKey: keyOf(t.ward.id), source: `city-remind:${year}` });
    }
  }
  if (!items.length) return 0;
  return db.transaction().execute((trx) => enqueueNotifications(trx, items, now.toISOString(), pushEnabled(ctx.config)));
}

const owes = (r: CityWardRow) => r.state === "not_sent" || r.state === "returned";

/** "Nhắc gửi" by city staff: the wards named, or every ward that owes its report; once a day per ward. */
export async function remindWards(ctx: AppContext, year: number, wardIds?: number[]): Promise<CityRemindResult> {
  const { db } = ctx.database;
  const deadline = await cityDeadline(db, year);
  const rows = await wardStates(db, year, deadline, ctx.clock.now().toISOString());
  const skipped: CityRemindResult["skipped"] = [];
  let targets: CityWardRow[];
  if (wardIds?.length) {
    targets = [];
    for (const id of [...new Set(wardIds)]) {
      const row = rows.find((r) => r.ward.id === id);
      if (!row) throw notFound("Không tìm thấy phường, xã.", "WARD_NOT_FOUND");
      if (owes(row)) targets.push(row);
      else skipped.push({ wardId: id, reason: row.state === "accepted" ? "ALREADY_ACCEPTED" : "ALREADY_SENT" });
    }
  } else {
    targets = rows.filter(owes);
  }
  for (const t of targets) if (t.staffCount === 0) skipped.push({ wardId: t.ward.id, reason: "NO_STAFF_ACCOUNT" });
  const day = vnDateKey(ctx.clock.now());
  const notified = await remind(ctx, year, deadline, targets, "manual", (w) => `city-remind:${year}:${w}:manual:${day}`);
  return { year, wards: targets.map((t) => t.ward.id), skipped, notified };
}

/**
 * One pass of the automatic reminders: for each plan year whose city deadline is near or just passed,
 * the step due now goes to the staff of wards that owe their report. The key (year, ward, step) makes
 * it never twice, also with several API instances.
 */
export async function runCityReminders(ctx: AppContext): Promise<number> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  let created = 0;
  for (const year of PLAN_YEARS) {
    const deadline = await cityDeadline(db, year);
    const step = cityDueStep(deadline.deadlineAt, now);
    if (!step) continue;
    const rows = await wardStates(db, year, deadline, now.toISOString());
    created += await remind(ctx, year, deadline, rows.filter(owes), step, (w) => `city-remind:${year}:${w}:${step}`);
  }
  return created;
}
