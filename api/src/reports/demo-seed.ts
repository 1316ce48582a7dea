import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext } from "../http/context.js";
import { acceptsFrom } from "../catalog/queries.js";
import { SUBMISSION_TIMING_LABELS } from "../contract/reports-labels.js";
import { ensureUserByUsername } from "../identity/users.js";
import { submissionTiming } from "./timing.js";
import { unitItems, type UnitItems } from "./form.js";
import type { PeriodRow } from "./access.js";
import type { ReportStatus } from "./tables.js";

const DAY = 86_400_000;

/**
 * Demo reports, so that every journey of the README can be tried on the day the product starts,
 * whatever the date: in the yearly period open now, some units have submitted (staff can review),
 * one is approved, one was returned with a reason, one is a draft; the other units are left for a
 * focal point to fill and submit. Earlier yearly periods get approved reports from the same units,
 * so "last year" figures and the trajectory show. The units used by the browser journeys (Đoàn,
 * Hội, MTTQ, TDP01–06) are left untouched.
 */
const CURRENT: { unit: string; status: ReportStatus; daysAgo: number; reason?: string }[] = [
  { unit: "CA", status: "approved", daysAgo: 12 },
  { unit: "QS", status: "submitted", daysAgo: 3 },
  { unit: "VP", status: "submitted", daysAgo: 1 },
  {
    unit: "TDP07",
    status: "returned",
    daysAgo: 5,
    reason: "Số liệu CT17 chưa khớp danh sách thanh niên của tổ đã gửi phường, đề nghị kiểm tra lại và nộp lại.",
  },
  { unit: "TDP08", status: "draft", daysAgo: 2 },
];
const EARLIER_UNITS = ["CA", "QS", "VP", "TDP07"];

const FOCAL_NAMES: Record<string, string> = {
  CA: "Đại úy Phạm Minh Tuấn",
  QS: "Thiếu úy Lê Văn Hải",
  VP: "Nguyễn Thị Hồng Nhung",
  TDP07: "Trần Văn Khánh",
  TDP08: "Vũ Thị Mai",
};

/** Plausible figures: close to (slightly short of) the 2030 target, a little lower the year before. */
function figure(i: UnitItems["indicators"][number], unitIndex: number, yearsBefore: number) {
  if (i.measure !== "percent") {
    const base = i.measure === "times" ? 1 : 12 + unitIndex;
    return { numerator: null, denominator: null, value: Math.max(i.measure === "times" ? 1 : 0, base - yearsBefore * 2) };
  }
  const denominator = 120 + unitIndex * 37;
  const target = i.target_value ?? 60;
  const ratio = i.direction === "at_most" ? Math.max(0.02, target / 100 - 0.015 + yearsBefore * 0.005) : Math.min(0.98, target / 100 + 0.02) - yearsBefore * 0.05;
  return { numerator: Math.round(denominator * ratio), denominator, value: null };
}

async function seedReport(
  db: Kysely<DB>,
  period: PeriodRow,
  unit: { id: number; code: string; index: number },
  plan: { status: ReportStatus; submittedAt: string; reason?: string; partial?: boolean; yearsBefore: number; nowMs: number },
  people: { focal: number; staff: number | null },
): Promise<void> {
  const exists = await db.selectFrom("reports").select("id").where("period_id", "=", period.id).where("unit_id", "=", unit.id).executeTakeFirst();
  if (exists) return;
  const items = await unitItems(db, unit.id);
  const at = plan.submittedAt;
  const createdAt = new Date(Math.max(Date.parse(acceptsFrom(period)), Date.parse(at) - 2 * DAY)).toISOString();
  const reviewedAt = new Date(Math.min(Date.parse(at) + 6 * 3_600_000, plan.nowMs)).toISOString();
  const sent = plan.status !== "draft";
  const timing = sent ? submissionTiming(at, period.deadline_at, null) : null;
  const reviewed = plan.status === "approved" || plan.status === "returned";
  const version = sent ? (reviewed ? 2 : 1) : 0;
  await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("reports")
      .values({
        period_id: period.id,
        unit_id: unit.id,
        status: plan.status,
        version,
        difficulties: sent ? "Kinh phí cho hoạt động thanh niên còn hạn chế; một số thanh niên đi làm ăn xa nên khó tập hợp." : "",
        proposals: sent ? "Đề nghị phường bố trí kinh phí và tổ chức tập huấn cho cán bộ phụ trách công tác thanh niên." : "",
        submitted_at: sent ? at : null,
        submitted_by: sent ? people.focal : null,
        on_time: timing === null ? null : timing === "late" ? 0 : 1,
        submit_timing: timing,
        reviewed_at: reviewed ? reviewedAt : null,
        reviewed_by: reviewed ? people.staff : null,
        return_reason: plan.status === "returned" ? (plan.reason ?? null) : null,
        created_at: createdAt,
        updated_at: reviewed ? reviewedAt : at,
        updated_by: reviewed ? people.staff : people.focal,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const indicators = plan.partial ? items.indicators.slice(0, Math.ceil(items.indicators.length / 2)) : items.indicators;
    if (indicators.length) {
      await trx
        .insertInto("report_indicator_values")
        .values(indicators.map((i) => ({ report_id: id, indicator_id: i.id, ...figure(i, unit.index, plan.yearsBefore), comment: "", flagged: 0, updated_at: at })))
        .execute();
    }
    const tasks = plan.partial ? [] : items.tasks;
    if (tasks.length) {
      await trx
        .insertInto("report_task_values")
        .values(
          tasks.map((t, k) => ({
            report_id: id,
            task_id: t.id,
            status: k % 3 === 2 ? ("in_progress" as const) : ("done" as const),
            progress: k % 3 === 2 ? 60 : null,
            result: k % 3 === 2 ? "Đang triển khai theo kế hoạch, dự kiến hoàn thành trong quý IV." : "Đã triển khai theo kế hoạch của phường, có biên bản và hình ảnh lưu tại đơn vị.",
            comment: "",
            updated_at: at,
          })),
        )
        .execute();
    }
    const audit = [{ at: createdAt, user: people.focal, action: "create", field: null as string | null, old: null as string | null, next: null as string | null, note: null as string | null, v: 0 }];
    if (sent) audit.push({ at, user: people.focal, action: "submit", field: "status", old: "draft", next: "submitted", note: SUBMISSION_TIMING_LABELS[timing!], v: 1 });
    if (plan.status === "approved") audit.push({ at: reviewedAt, user: people.staff!, action: "approve", field: "status", old: "submitted", next: "approved", note: null, v: 2 });
    if (plan.status === "returned") audit.push({ at: reviewedAt, user: people.staff!, action: "return", field: "status", old: "submitted", next: "returned", note: plan.reason ?? null, v: 2 });
    await trx
      .insertInto("report_audit")
      .values(audit.map((a) => ({ report_id: id, user_id: a.user, at: a.at, action: a.action, field: a.field, old_value: a.old, new_value: a.next, note: a.note, version: a.v })))
      .execute();
  });
}

/** Seeds the demo reports where missing (idempotent: a unit that has a report in a period is left alone). */
export async function seedDemoReports(ctx: AppContext): Promise<void> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const units = await db.selectFrom("units").select(["id", "code", "name", "ward_id"]).where("code", "in", Object.keys(FOCAL_NAMES)).execute();
  // the demo units are Lê Đại Hành's: its periods, not another ward's
  const wardId = units[0]?.ward_id;
  if (wardId === undefined || wardId === null) return;
  const periods = await db.selectFrom("periods").selectAll().where("ward_id", "=", wardId).where("kind", "=", "annual").where("status", "=", "open").orderBy("year").execute();
  const current = periods.find((p) => acceptsFrom(p) <= nowIso && nowIso <= p.deadline_at);
  const earlier = periods.filter((p) => p.deadline_at < nowIso);
  if (!current && earlier.length === 0) return;

  const staff = await db.selectFrom("users").select("id").where("role", "=", "staff").where("ward_id", "=", wardId).orderBy("id").executeTakeFirst();
  const focal = new Map<string, number>();
  for (const u of units) {
    const id = await ensureUserByUsername(
      db,
      { username: `demo:reports:${u.code}`, name: FOCAL_NAMES[u.code], role: "focal", unitId: u.id, source: "demo", consentAt: nowIso },
      nowIso,
    );
    focal.set(u.code, id);
  }
  const unitOf = (code: string) => {
    const u = units.find((x) => x.code === code);
    return u ? { id: u.id, code, index: Object.keys(FOCAL_NAMES).indexOf(code) } : null;
  };
  const expected = async (periodId: number) =>
    new Set((await db.selectFrom("period_units").select("unit_id").where("period_id", "=", periodId).execute()).map((r) => r.unit_id));

  for (const p of earlier) {
    const exp = await expected(p.id);
    const submittedAt = new Date(Math.max(Date.parse(acceptsFrom(p)) + DAY, Date.parse(p.deadline_at) - 10 * DAY)).toISOString();
    for (const code of EARLIER_UNITS) {
      const unit = unitOf(code);
      if (!unit || !exp.has(unit.id)) continue;
      const yearsBefore = (current?.year ?? p.year + 1) - p.year;
      await seedReport(db, p, unit, { status: "approved", submittedAt, yearsBefore, nowMs: now.getTime() }, { focal: focal.get(code)!, staff: staff?.id ?? null });
    }
  }
  if (!current) return;
  const exp = await expected(current.id);
  const from = Date.parse(acceptsFrom(current));
  for (const d of CURRENT) {
    const unit = unitOf(d.unit);
    if (!unit || !exp.has(unit.id)) continue;
    // within the period's window even when it opened a moment ago (a fresh install the day after a deadline)
    const submittedAt = new Date(Math.min(now.getTime(), Math.max(from + 60_000, now.getTime() - d.daysAgo * DAY))).toISOString();
    // a review needs someone to do it: without a staff account the report stays submitted
    const status = !staff && (d.status === "approved" || d.status === "returned") ? "submitted" : d.status;
    await seedReport(
      db,
      current,
      unit,
      { status, submittedAt, reason: d.reason, partial: d.status === "draft", yearsBefore: 0, nowMs: now.getTime() },
      { focal: focal.get(d.unit)!, staff: staff?.id ?? null },
    );
  }
}

/**
 * A demo ward's reports of one year (the city's demo: another ward than Lê Đại Hành): `status` for the
 * first `share` of the units its annual period expects (1: all of them), each from a focal point of
 * its own, submitted before the deadline (or just now when the window opened a moment ago). Nothing
 * when the period does not take reports yet; a unit that has a report is left alone (idempotent).
 */
export async function seedDemoWardYear(ctx: AppContext, wardId: number, year: number, plan: { share: number; status: ReportStatus }): Promise<number> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const period = await db.selectFrom("periods").selectAll().where("ward_id", "=", wardId).where("kind", "=", "annual").where("year", "=", year).executeTakeFirst();
  if (!period || acceptsFrom(period) > nowIso) return 0;
  const expected = await db
    .selectFrom("period_units")
    .innerJoin("units", "units.id", "period_units.unit_id")
    .select(["units.id", "units.code", "units.short_name"])
    .where("period_units.period_id", "=", period.id)
    .orderBy("units.sort_order")
    .orderBy("units.id")
    .execute();
  const staff = await db.selectFrom("users").select("id").where("role", "=", "staff").where("ward_id", "=", wardId).orderBy("id").executeTakeFirst();
  const from = Date.parse(acceptsFrom(period));
  const submittedAt = new Date(Math.min(now.getTime(), Math.max(from + 60_000, Math.min(Date.parse(period.deadline_at) - 10 * DAY, now.getTime() - 3 * DAY)))).toISOString();
  const picked = expected.slice(0, Math.ceil(expected.length * plan.share));
  for (const [index, u] of picked.entries()) {
    const focal = await ensureUserByUsername(
      db,
      { username: `demo:reports:${u.code}`, name: `Đầu mối ${u.short_name}`, role: "focal", unitId: u.id, source: "demo", consentAt: nowIso },
      nowIso,
    );
    const status = !staff && (plan.status === "approved" || plan.status === "returned") ? "submitted" : plan.status;
    await seedReport(db, period, { id: u.id, code: u.code, index }, { status, submittedAt, yearsBefore: 0, nowMs: now.getTime() }, { focal, staff: staff?.id ?? null });
  }
  return picked.length;
}
