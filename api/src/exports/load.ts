import type { AppContext, AuthUser } from "../http/context.js";
import type { Indicator, PlanReference, Task } from "../contract/catalog.js";
import type { Commendation } from "../contract/commendations.js";
import type { Counted, SectionKey } from "../contract/summary.js";
import type { SubmissionTiming } from "../contract/reports.js";
import { PLAN_YEARS } from "../contract/plan.js";
import { listIndicators, listTasks } from "../catalog/items.js";
import { getPlanReference } from "../catalog/plan-reference.js";
import { storedTiming } from "../reports/timing.js";
import { resolveScope, type SummaryScope } from "./scope.js";
import { loadSections, scopeKey } from "./sections.js";
import { wardTitle } from "./ward-title.js";

/**
 * Everything the ward summary is computed from, loaded with a few set-based queries (never a loop
 * over units). The computation (compute/*.ts) is a pure function of this object and the renderers
 * (JSON, Excel, Word) only read its result: no database call after this point, so the work can move
 * to a worker thread as it is.
 */
export interface SummaryInput {
  generatedAt: string;
  wardName: string;
  counted: Counted;
  scope: SummaryScope;
  /** the annual period of each plan year up to the period's year (the trajectory) */
  yearPeriods: { year: number; id: number }[];
  indicators: Indicator[];
  tasks: Task[];
  /** the units expected to report in the period (in scope) */
  expected: { unitId: number; exceptionUntil: string | null }[];
  /** the reports of the period (every status) and of the other loaded periods (sent ones) */
  reports: ReportFact[];
  /** values of sent (submitted or approved) reports of every loaded period */
  indicatorValues: IndicatorValueFact[];
  /** the period's task values of sent reports */
  taskValues: { unitId: number; taskId: number; status: "not_started" | "in_progress" | "done" | null; progress: number | null; result: string }[];
  /** the period's commendation candidates of sent reports */
  commendations: (Commendation & { unitId: number })[];
  sections: { key: SectionKey; text: string; updatedAt: string; updatedBy: string | null }[];
  planReference: PlanReference;
}

export interface ReportFact {
  periodId: number;
  unitId: number;
  status: "draft" | "submitted" | "approved" | "returned";
  timing: SubmissionTiming | null;
  submittedAt: string | null;
  returnReason: string | null;
  difficulties: string;
  proposals: string;
}

export interface IndicatorValueFact {
  periodId: number;
  unitId: number;
  indicatorId: number;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  comment: string;
}

const SENT = ["submitted", "approved"] as const;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Loads the summary of a period of one ward (all its units, or `unitId`'s subtree). For "ward W, year Y"
 * (the city's view): `wardAnnualPeriod(db, W, Y)` (reports/yearly-periods.ts) gives the period, then
 * `computeSummary(await loadSummaryInput(ctx, period.id, { counted }))`. `user`: the caller, whose ward
 * must be the period's (404 otherwise); internal callers leave it out.
 */
export async function loadSummaryInput(ctx: AppContext, periodId: number, opts: { unitId?: number; counted: Counted; user?: AuthUser | null }): Promise<SummaryInput> {
  const { db } = ctx.database;
  const scope = await resolveScope(ctx, periodId, opts.unitId, opts.user);
  const { period } = scope;
  const inScope = <QB extends { where(...args: any[]): any }>(qb: QB, column: string): QB =>
    scope.unitIds ? (qb.where(column, "in", scope.unitIds) as QB) : qb;

  const annual = await db
    .selectFrom("periods")
    .select(["id", "year"])
    .where((eb) => (scope.wardId === null ? eb("ward_id", "is", null) : eb("ward_id", "=", scope.wardId)))
    .where("kind", "=", "annual")
    .where("year", "in", [...PLAN_YEARS])
    .where("year", "<=", period.year)
    .orderBy("year")
    .orderBy("deadline_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const yearPeriods: { year: number; id: number }[] = [];
  for (const p of annual) if (!yearPeriods.some((y) => y.year === p.year)) yearPeriods.push({ year: p.year, id: p.id });
  const periodIds = [...new Set([period.id, ...(scope.lastYear ? [scope.lastYear.id] : []), ...yearPeriods.map((y) => y.id)])];

  const [indicators, tasks, expected, reports, values, taskValues, commendations, sections, planReference] = await Promise.all([
    listIndicators(db, { wardId: scope.wardId ?? undefined, unitIds: scope.unitIds ?? undefined }),
    listTasks(db, { wardId: scope.wardId ?? undefined, unitIds: scope.unitIds ?? undefined }),
    inScope(db.selectFrom("period_units").select(["unit_id", "exception_until"]).where("period_id", "=", period.id), "unit_id").execute(),
    inScope(
      db
        .selectFrom("reports as r")
        .select(["r.period_id", "r.unit_id", "r.status", "r.submit_timing", "r.on_time", "r.submitted_at", "r.return_reason", "r.difficulties", "r.proposals"])
        .where("r.period_id", "in", periodIds),
      "r.unit_id",
    ).execute(),
    inScope(
      db
        .selectFrom("report_indicator_values as v")
        .innerJoin("reports as r", "r.id", "v.report_id")
        .where("r.period_id", "in", periodIds)
        .where("r.status", "in", [...SENT])
        .select(["r.period_id", "r.unit_id", "v.indicator_id", "v.numerator", "v.denominator", "v.value", "v.comment"]),
      "r.unit_id",
    ).execute(),
    inScope(
      db
        .selectFrom("report_task_values as tv")
        .innerJoin("reports as r", "r.id", "tv.report_id")
        .where("r.period_id", "=", period.id)
        .where("r.status", "in", [...SENT])
        .select(["r.unit_id", "tv.task_id", "tv.status", "tv.progress", "tv.result"]),
      "r.unit_id",
    ).execute(),
    inScope(
      db
        .selectFrom("report_commendations as c")
        .innerJoin("reports as r", "r.id", "c.report_id")
        .where("r.period_id", "=", period.id)
        .where("r.status", "in", [...SENT])
        .select(["r.unit_id", "c.kind", "c.name", "c.position", "c.achievement", "c.award_form", "c.sort_order"])
        .orderBy("c.sort_order"),
      "r.unit_id",
    ).execute(),
    loadSections(db, period.id, scopeKey(scope)),
    getPlanReference(db, scope.wardId),
  ]);

  return {
    generatedAt: ctx.clock.now().toISOString(),
    wardName: scope.root && scope.root.kind === "ward" ? scope.root.name : await wardTitle(ctx, scope.wardId),
    counted: opts.counted,
    scope,
    yearPeriods,
    indicators,
    tasks,
    expected: expected.map((e) => ({ unitId: e.unit_id, exceptionUntil: e.exception_until })),
    reports: reports
      .filter((r) => r.period_id === period.id || (SENT as readonly string[]).includes(r.status))
      .map((r) => ({
        periodId: r.period_id,
        unitId: r.unit_id,
        status: r.status,
        timing: storedTiming(r),
        submittedAt: r.submitted_at,
        returnReason: r.return_reason,
        difficulties: r.difficulties,
        proposals: r.proposals,
      })),
    indicatorValues: values.map((v) => ({
      periodId: v.period_id,
      unitId: v.unit_id,
      indicatorId: v.indicator_id,
      numerator: num(v.numerator),
      denominator: num(v.denominator),
      value: num(v.value),
      comment: v.comment,
    })),
    taskValues: taskValues.map((t) => ({ unitId: t.unit_id, taskId: t.task_id, status: t.status, progress: num(t.progress), result: t.result })),
    commendations: commendations.map((c) => ({
      unitId: c.unit_id,
      kind: c.kind,
      name: c.name,
      position: c.position,
      achievement: c.achievement,
      form: c.award_form,
    })),
    sections,
    planReference,
  };
}
