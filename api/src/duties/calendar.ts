import type { AppContext, AuthUser } from "../http/context.js";
import type { CalendarEntry, DutyCalendar, DutyUnitStatus } from "../contract/duties.js";
import { PLAN_FIRST_YEAR } from "../contract/plan.js";
import { listUnitReports } from "../reports/completeness.js";
import { planYearAt } from "../lib/plan-year.js";
import { requestWardId } from "../wards/request-ward.js";
import { countsOf, isOverdue } from "./counts.js";

/** How a unit's 30/11 report stands, in the duties' words (a draft is not handed in yet). */
const REPORT_AS_DUTY: Record<string, DutyUnitStatus> = { missing: "not_started", draft: "not_started", submitted: "handed_in", approved: "accepted", returned: "returned" };

/** The calendar of a year in one ward: every duty and the annual report, with who has handed in. */
export async function dutyCalendar(ctx: AppContext, user: AuthUser, year?: number, askedWard?: number): Promise<DutyCalendar> {
  const { db } = ctx.database;
  const wardId = await requestWardId(db, user, askedWard);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const y = year ?? planYearAt(now);
  const myUnit = user.role === "focal" ? (user.unitId ?? -1) : null;

  const duties = await db.selectFrom("duties").selectAll().where("ward_id", "=", wardId).where("year", "=", y).orderBy("due_at").orderBy("id").execute();
  const rows = duties.length
    ? await db.selectFrom("duty_units").select(["duty_id", "unit_id", "status"]).where("duty_id", "in", duties.map((d) => d.id)).execute()
    : [];
  const entries: CalendarEntry[] = [];
  for (const d of duties) {
    const units = rows.filter((r) => r.duty_id === d.id);
    const mine = myUnit === null ? null : units.find((u) => u.unit_id === myUnit);
    if (myUnit !== null && !mine) continue;
    const counts = countsOf(units, d.due_at, nowIso);
    entries.push({
      key: `duty:${d.id}`,
      kind: d.kind,
      dutyId: d.id,
      periodId: null,
      title: d.title,
      startsAt: d.starts_at,
      dueAt: d.due_at,
      recursYearly: !!d.recurs_yearly,
      link: `/duties/${d.id}`,
      counts,
      myStatus: mine ? mine.status : null,
      overdue: mine ? isOverdue(mine.status, d.due_at, nowIso) : counts.overdue > 0,
    });
  }
  // The year's annual report, on the same calendar (its state lives in the reports).
  const periods = await db.selectFrom("periods").selectAll().where("ward_id", "=", wardId).where("year", "=", y).where("kind", "=", "annual").execute();
  for (const p of periods) {
    const items = await listUnitReports(db, p.id, myUnit ?? undefined);
    if (myUnit !== null && items.length === 0) continue;
    const mapped = items.map((i) => {
      const until = i.exceptionUntil && i.exceptionUntil > p.deadline_at ? i.exceptionUntil : p.deadline_at;
      return { status: REPORT_AS_DUTY[i.status], until };
    });
    const counts = countsOf(mapped, p.deadline_at, nowIso);
    // an extension moves a unit's own due date: it is not overdue before it
    counts.overdue = mapped.filter((m) => isOverdue(m.status, m.until, nowIso)).length;
    entries.push({
      key: `report:${p.id}`,
      kind: "report",
      dutyId: null,
      periodId: p.id,
      title: p.title,
      startsAt: p.opens_at,
      dueAt: p.deadline_at,
      recursYearly: true,
      link: myUnit !== null ? `/reports/${p.id}/units/${myUnit}` : `/reports?period=${p.id}`,
      counts,
      myStatus: myUnit !== null ? (mapped[0]?.status ?? null) : null,
      overdue: counts.overdue > 0,
    });
  }
  entries.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key));
  const years = await db.selectFrom("duties").select("year").distinct().where("ward_id", "=", wardId).execute();
  const all = new Set<number>([PLAN_FIRST_YEAR, planYearAt(now), y, ...years.map((r) => Number(r.year))]);
  return { year: y, years: [...all].sort((a, b) => a - b), entries };
}
