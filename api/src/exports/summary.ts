import { sql, type ExpressionBuilder } from "kysely";
import type { AppContext } from "../http/context.js";
import type { DB } from "../db/schema.js";
import type { IndicatorSummary, OnTrack, SummaryCompleteness, TaskSummary, UnitIssues, WardSummary } from "../contract/summary.js";
import { COUNTED_STATUSES } from "../contract/summary-labels.js";
import { resolveScope, unitLabel, type SummaryScope } from "./scope.js";

/**
 * The ward summary of a period, computed with one GROUP BY query per figure family (never a loop
 * over units), so it stays fast for a whole city. Only submitted and approved reports count.
 * Percentages are the sum of numerators over the sum of denominators, never a mean of percentages.
 */
export async function loadSummary(ctx: AppContext, periodId: number, rootUnitId?: number): Promise<{ summary: WardSummary; scope: SummaryScope }> {
  const scope = await resolveScope(ctx, periodId, rootUnitId);
  const [indicators, tasks, issues, completeness] = await Promise.all([
    indicatorSummaries(ctx, scope),
    taskSummaries(ctx, scope),
    unitIssues(ctx, scope),
    completenessCounts(ctx, scope),
  ]);
  const { period } = scope;
  return {
    scope,
    summary: {
      period: { id: period.id, year: period.year, kind: period.kind, title: period.title, deadlineAt: period.deadline_at },
      scope: { unitId: scope.root?.id ?? null, name: scope.root?.name ?? ctx.config.wardName },
      countedStatuses: [...COUNTED_STATUSES],
      generatedAt: ctx.clock.now().toISOString(),
      completeness,
      indicators,
      tasks,
      issues,
    },
  };
}

/** Limits a query on `reports as r` to the units in scope. */
function inScope<QB extends { where(...args: any[]): any }>(qb: QB, scope: SummaryScope, column = "r.unit_id"): QB {
  return scope.unitIds ? (qb.where(column, "in", scope.unitIds) as QB) : qb;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function onTrack(value: number | null, target: number | null, direction: "at_least" | "at_most"): OnTrack {
  if (value === null || target === null) return "unknown";
  return (direction === "at_least" ? value >= target : value <= target) ? "on_track" : "off_track";
}

/** A percentage from sums; null when nothing (or only zero denominators) was reported. */
export function percentOf(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator <= 0) return null;
  return (100 * numerator) / denominator;
}

async function indicatorSummaries(ctx: AppContext, scope: SummaryScope): Promise<IndicatorSummary[]> {
  const { db } = ctx.database;
  const periodIds = [scope.period.id, ...(scope.lastYear ? [scope.lastYear.id] : [])];

  const aggregate = inScope(
    db
      .selectFrom("report_indicator_values as v")
      .innerJoin("reports as r", "r.id", "v.report_id")
      .innerJoin("indicators as i", "i.id", "v.indicator_id")
      .where("r.period_id", "in", periodIds)
      .where("r.status", "in", [...COUNTED_STATUSES])
      // A unit "reported" an indicator when it gave the figure its measure needs.
      .where((eb) =>
        eb.or([
          eb.and([eb("i.measure", "=", "percent"), eb("v.numerator", "is not", null), eb("v.denominator", "is not", null)]),
          eb.and([eb("i.measure", "!=", "percent"), eb("v.value", "is not", null)]),
        ]),
      )
      .select(["r.period_id", "v.indicator_id"])
      .select((eb) => [
        eb.fn.sum<number>("v.numerator").as("num"),
        eb.fn.sum<number>("v.denominator").as("den"),
        eb.fn.sum<number>("v.value").as("val"),
        eb.fn.countAll<number>().as("units"),
      ])
      .groupBy(["r.period_id", "v.indicator_id"]),
    scope,
  );

  const expected = inScope(
    db
      .selectFrom("indicator_units as iu")
      .innerJoin("period_units as pu", "pu.unit_id", "iu.unit_id")
      .where("pu.period_id", "=", scope.period.id)
      .select("iu.indicator_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .groupBy("iu.indicator_id"),
    scope,
    "iu.unit_id",
  );

  const [catalog, sums, expectedRows] = await Promise.all([
    db.selectFrom("indicators").selectAll().orderBy("sort_order").orderBy("code").execute(),
    aggregate.execute(),
    expected.execute(),
  ]);

  const key = (periodId: number, indicatorId: number) => `${periodId}:${indicatorId}`;
  const byKey = new Map(sums.map((s) => [key(s.period_id, s.indicator_id), s]));
  const expectedBy = new Map(expectedRows.map((e) => [e.indicator_id, Number(e.n)]));

  const figure = (periodId: number, indicatorId: number, measure: string) => {
    const s = byKey.get(key(periodId, indicatorId));
    if (!s) return { value: null, numerator: null, denominator: null, unitsReported: 0 };
    if (measure === "percent") {
      const numerator = num(s.num);
      const denominator = num(s.den);
      return { value: percentOf(numerator, denominator), numerator, denominator, unitsReported: Number(s.units) };
    }
    return { value: num(s.val), numerator: null, denominator: null, unitsReported: Number(s.units) };
  };

  return catalog.map((i) => {
    const target = num(i.target_value);
    const current = figure(scope.period.id, i.id, i.measure);
    return {
      id: i.id,
      code: i.code,
      name: i.name,
      measure: i.measure,
      unitLabel: i.unit_label,
      direction: i.direction,
      target,
      targetText: i.target_text,
      unitsExpected: expectedBy.get(i.id) ?? 0,
      current,
      lastYear: scope.lastYear ? { ...figure(scope.lastYear.id, i.id, i.measure), year: scope.lastYear.year, periodId: scope.lastYear.id } : null,
      onTrack: onTrack(current.value, target, i.direction),
    };
  });
}

/** A task value counts as reported when the unit said anything about it. */
const taskReported = (eb: ExpressionBuilder<DB & { tv: DB["report_task_values"] }, "tv">) =>
  eb.or([eb("tv.status", "is not", null), eb("tv.progress", "is not", null), eb("tv.result", "!=", "")]);

async function taskSummaries(ctx: AppContext, scope: SummaryScope): Promise<TaskSummary[]> {
  const { db } = ctx.database;
  const counted = () =>
    inScope(
      db
        .selectFrom("report_task_values as tv")
        .innerJoin("reports as r", "r.id", "tv.report_id")
        .where("r.period_id", "=", scope.period.id)
        .where("r.status", "in", [...COUNTED_STATUSES])
        .where((eb) => taskReported(eb as any)),
      scope,
    );

  const statusCount = (status: string) => sql<number>`sum(case when tv.status = ${status} then 1 else 0 end)`;
  const aggregate = counted()
    .select("tv.task_id")
    .select((eb) => [
      eb.fn.countAll<number>().as("units"),
      statusCount("not_started").as("not_started"),
      statusCount("in_progress").as("in_progress"),
      statusCount("done").as("done"),
      eb.fn.avg<number>("tv.progress").as("mean_progress"),
    ])
    .groupBy("tv.task_id");

  const results = counted()
    .innerJoin("units as u", "u.id", "r.unit_id")
    .select(["tv.task_id", "r.unit_id", "tv.status", "tv.progress", "tv.result"])
    .orderBy("tv.task_id")
    .orderBy("u.sort_order")
    .orderBy("u.id");

  const expected = inScope(
    db
      .selectFrom("task_units as tu")
      .innerJoin("period_units as pu", "pu.unit_id", "tu.unit_id")
      .where("pu.period_id", "=", scope.period.id)
      .select("tu.task_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .groupBy("tu.task_id"),
    scope,
    "tu.unit_id",
  );

  const [catalog, sums, rows, expectedRows] = await Promise.all([
    db.selectFrom("tasks").selectAll().orderBy("sort_order").orderBy("code").execute(),
    aggregate.execute(),
    results.execute(),
    expected.execute(),
  ]);
  const sumsBy = new Map(sums.map((s) => [s.task_id, s]));
  const expectedBy = new Map(expectedRows.map((e) => [e.task_id, Number(e.n)]));
  const resultsBy = new Map<number, TaskSummary["results"]>();
  for (const row of rows) {
    const list = resultsBy.get(row.task_id) ?? [];
    list.push({ unitId: row.unit_id, unitName: unitLabel(scope, row.unit_id), status: row.status, progress: num(row.progress), result: row.result });
    resultsBy.set(row.task_id, list);
  }

  return catalog.map((t) => {
    const s = sumsBy.get(t.id);
    const mean = num(s?.mean_progress);
    return {
      id: t.id,
      code: t.code,
      name: t.name,
      timing: t.timing,
      unitsExpected: expectedBy.get(t.id) ?? 0,
      unitsReported: Number(s?.units ?? 0),
      notStarted: Number(s?.not_started ?? 0),
      inProgress: Number(s?.in_progress ?? 0),
      done: Number(s?.done ?? 0),
      meanProgress: mean === null ? null : Math.round(mean * 10) / 10,
      results: resultsBy.get(t.id) ?? [],
    };
  });
}

async function unitIssues(ctx: AppContext, scope: SummaryScope): Promise<UnitIssues[]> {
  const rows = await inScope(
    ctx.database.db
      .selectFrom("reports as r")
      .innerJoin("units as u", "u.id", "r.unit_id")
      .where("r.period_id", "=", scope.period.id)
      .where("r.status", "in", [...COUNTED_STATUSES])
      .where((eb) => eb.or([eb("r.difficulties", "!=", ""), eb("r.proposals", "!=", "")]))
      .select(["r.unit_id", "u.code", "u.name", "r.difficulties", "r.proposals"])
      .orderBy("u.sort_order")
      .orderBy("u.id"),
    scope,
  ).execute();
  return rows.map((r) => ({
    unitId: r.unit_id,
    unitCode: r.code,
    unitName: r.name,
    difficulties: r.difficulties.trim(),
    proposals: r.proposals.trim(),
  }));
}

async function completenessCounts(ctx: AppContext, scope: SummaryScope): Promise<SummaryCompleteness> {
  const counted = sql.join(COUNTED_STATUSES.map((s) => sql`${s}`));
  const row = await inScope(
    ctx.database.db
      .selectFrom("period_units as pu")
      .leftJoin("reports as r", (j) => j.onRef("r.period_id", "=", "pu.period_id").onRef("r.unit_id", "=", "pu.unit_id"))
      .where("pu.period_id", "=", scope.period.id)
      .select((eb) => [
        eb.fn.countAll<number>().as("expected"),
        sql<number>`sum(case when r.status in (${counted}) then 1 else 0 end)`.as("submitted"),
        sql<number>`sum(case when r.status = 'approved' then 1 else 0 end)`.as("approved"),
        sql<number>`sum(case when r.status = 'returned' then 1 else 0 end)`.as("returned"),
        sql<number>`sum(case when r.status = 'draft' then 1 else 0 end)`.as("draft"),
        sql<number>`sum(case when r.status in (${counted}) and r.on_time = 1 then 1 else 0 end)`.as("on_time"),
        sql<number>`sum(case when r.status in (${counted}) and r.on_time = 0 then 1 else 0 end)`.as("late"),
      ]),
    scope,
    "pu.unit_id",
  ).executeTakeFirstOrThrow();
  const n = (v: unknown) => Number(v ?? 0);
  const expected = n(row.expected);
  const submitted = n(row.submitted);
  return {
    expected,
    submitted,
    approved: n(row.approved),
    returned: n(row.returned),
    draft: n(row.draft),
    missing: expected - submitted,
    onTime: n(row.on_time),
    late: n(row.late),
  };
}


/** Names of the expected units in scope without a submitted or approved report, in catalog order. */
export async function missingUnitNames(ctx: AppContext, scope: SummaryScope): Promise<string[]> {
  const rows = await inScope(
    ctx.database.db
      .selectFrom("period_units as pu")
      .innerJoin("units as u", "u.id", "pu.unit_id")
      .leftJoin("reports as r", (j) => j.onRef("r.period_id", "=", "pu.period_id").onRef("r.unit_id", "=", "pu.unit_id"))
      .where("pu.period_id", "=", scope.period.id)
      .where((eb) => eb.or([eb("r.id", "is", null), eb("r.status", "not in", [...COUNTED_STATUSES])]))
      .select(["u.name"])
      .orderBy("u.sort_order")
      .orderBy("u.id"),
    scope,
    "pu.unit_id",
  ).execute();
  return rows.map((r) => r.name);
}
