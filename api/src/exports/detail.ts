import type { AppContext } from "../http/context.js";
import { COUNTED_STATUSES } from "../contract/summary-labels.js";
import { percentOf } from "./summary.js";
import { byUnitRank, type SummaryScope } from "./scope.js";

export type UnitReportStatus = "missing" | "draft" | "submitted" | "approved" | "returned";

export interface IndicatorUnitRow {
  indicatorId: number;
  unitId: number;
  reportStatus: UnitReportStatus;
  numerator: number | null;
  denominator: number | null;
  /** percentage (0–100) for percent indicators, the reported value otherwise */
  value: number | null;
  lastYear: number | null;
  comment: string;
}

export interface TaskUnitRow {
  taskId: number;
  unitId: number;
  role: "lead" | "partner" | null;
  reportStatus: UnitReportStatus;
  status: "not_started" | "in_progress" | "done" | null;
  progress: number | null;
  result: string;
}

/** Rows grouped by item id, each group in the catalog's unit order. */
export interface UnitDetail {
  indicators: Map<number, IndicatorUnitRow[]>;
  tasks: Map<number, TaskUnitRow[]>;
}

/**
 * One row per unit × item for the Excel appendices: every unit responsible for an item and expected
 * in the period (with "not submitted" when it has no counted report), plus any counted value from
 * a unit outside that list, so the rows always add up to the ward totals.
 * Five set-based queries whatever the number of units.
 */
export async function loadUnitDetail(ctx: AppContext, scope: SummaryScope): Promise<UnitDetail> {
  const { db } = ctx.database;
  const f = <QB extends { where(...args: any[]): any }>(qb: QB, column: string): QB =>
    scope.unitIds ? (qb.where(column, "in", scope.unitIds) as QB) : qb;
  const periodIds = [scope.period.id, ...(scope.lastYear ? [scope.lastYear.id] : [])];
  const counted = [...COUNTED_STATUSES];

  const [statuses, indicatorValues, indicatorLinks, taskValues, taskLinks, measures] = await Promise.all([
    f(db.selectFrom("reports as r").where("r.period_id", "=", scope.period.id).select(["r.unit_id", "r.status"]), "r.unit_id").execute(),
    f(
      db
        .selectFrom("report_indicator_values as v")
        .innerJoin("reports as r", "r.id", "v.report_id")
        .where("r.period_id", "in", periodIds)
        .where("r.status", "in", counted)
        .select(["r.period_id", "r.unit_id", "v.indicator_id", "v.numerator", "v.denominator", "v.value", "v.comment"]),
      "r.unit_id",
    ).execute(),
    f(
      db
        .selectFrom("indicator_units as iu")
        .innerJoin("period_units as pu", "pu.unit_id", "iu.unit_id")
        .where("pu.period_id", "=", scope.period.id)
        .select(["iu.indicator_id", "iu.unit_id"]),
      "iu.unit_id",
    ).execute(),
    f(
      db
        .selectFrom("report_task_values as tv")
        .innerJoin("reports as r", "r.id", "tv.report_id")
        .where("r.period_id", "=", scope.period.id)
        .where("r.status", "in", counted)
        .select(["r.unit_id", "tv.task_id", "tv.status", "tv.progress", "tv.result"]),
      "r.unit_id",
    ).execute(),
    f(
      db
        .selectFrom("task_units as tu")
        .innerJoin("period_units as pu", "pu.unit_id", "tu.unit_id")
        .where("pu.period_id", "=", scope.period.id)
        .select(["tu.task_id", "tu.unit_id", "tu.role"]),
      "tu.unit_id",
    ).execute(),
    db.selectFrom("indicators").select(["id", "measure"]).execute(),
  ]);

  const statusOf = new Map(statuses.map((s) => [s.unit_id, s.status as UnitReportStatus]));
  const reportStatus = (unitId: number): UnitReportStatus => statusOf.get(unitId) ?? "missing";
  const measureOf = new Map(measures.map((m) => [m.id, m.measure]));
  const figure = (indicatorId: number, v: { numerator: number | null; denominator: number | null; value: number | null }) =>
    measureOf.get(indicatorId) === "percent"
      ? percentOf(v.numerator === null ? null : Number(v.numerator), v.denominator === null ? null : Number(v.denominator))
      : v.value === null
        ? null
        : Number(v.value);

  const k = (itemId: number, unitId: number) => `${itemId}:${unitId}`;
  const indicatorRows = new Map<string, IndicatorUnitRow>();
  const blankIndicator = (indicatorId: number, unitId: number): IndicatorUnitRow => ({
    indicatorId,
    unitId,
    reportStatus: reportStatus(unitId),
    numerator: null,
    denominator: null,
    value: null,
    lastYear: null,
    comment: "",
  });
  for (const l of indicatorLinks) indicatorRows.set(k(l.indicator_id, l.unit_id), blankIndicator(l.indicator_id, l.unit_id));
  const lastYearValues: typeof indicatorValues = [];
  for (const v of indicatorValues) {
    if (v.period_id !== scope.period.id) {
      lastYearValues.push(v);
      continue;
    }
    const key = k(v.indicator_id, v.unit_id);
    const row = indicatorRows.get(key) ?? blankIndicator(v.indicator_id, v.unit_id);
    row.numerator = v.numerator === null ? null : Number(v.numerator);
    row.denominator = v.denominator === null ? null : Number(v.denominator);
    row.value = figure(v.indicator_id, v);
    row.comment = v.comment;
    indicatorRows.set(key, row);
  }
  for (const v of lastYearValues) {
    const row = indicatorRows.get(k(v.indicator_id, v.unit_id));
    if (row) row.lastYear = figure(v.indicator_id, v);
  }

  const taskRows = new Map<string, TaskUnitRow>();
  const blankTask = (taskId: number, unitId: number, role: "lead" | "partner" | null): TaskUnitRow => ({
    taskId,
    unitId,
    role,
    reportStatus: reportStatus(unitId),
    status: null,
    progress: null,
    result: "",
  });
  for (const l of taskLinks) taskRows.set(k(l.task_id, l.unit_id), blankTask(l.task_id, l.unit_id, l.role));
  for (const v of taskValues) {
    const key = k(v.task_id, v.unit_id);
    const row = taskRows.get(key) ?? blankTask(v.task_id, v.unit_id, null);
    row.status = v.status;
    row.progress = v.progress === null ? null : Number(v.progress);
    row.result = v.result;
    taskRows.set(key, row);
  }

  const byUnit = byUnitRank(scope);
  const group = <T extends { unitId: number }>(rows: Iterable<T>, item: (r: T) => number) => {
    const out = new Map<number, T[]>();
    for (const r of rows) {
      const list = out.get(item(r)) ?? [];
      list.push(r);
      out.set(item(r), list);
    }
    for (const list of out.values()) list.sort((a, b) => byUnit(a.unitId, b.unitId));
    return out;
  };
  return {
    indicators: group(indicatorRows.values(), (r) => r.indicatorId),
    tasks: group(taskRows.values(), (r) => r.taskId),
  };
}
