import type { IndicatorSummary, TaskSummary } from "../../contract/summary.js";
import type { ReportFact, SummaryInput } from "../load.js";
import type { IndicatorResult } from "./indicators.js";
import type { FigureContext, UnitValue } from "./figures.js";
import { unitFigure } from "./figures.js";
import { pushTo } from "./areas.js";

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
  lead: boolean;
  /** the value entered the ward figure (false: a contribution, shown but not added) */
  inFigure: boolean;
  /** far from the unit's figure of last year */
  flagged: boolean;
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
 * in the period (with its report status when it has no counted report), plus any counted value from
 * a unit outside that list, so the rows always show what the ward figure was made from.
 */
export function unitDetail(
  input: SummaryInput,
  parts: { indicators: IndicatorSummary[]; tasks: TaskSummary[]; result: IndicatorResult },
  values: Map<string, UnitValue[]>,
  reports: Map<number, ReportFact>,
  countedUnits: Set<number>,
  ctx: FigureContext,
): UnitDetail {
  const { period, lastYear } = input.scope;
  const expected = new Set(input.expected.map((e) => e.unitId));
  const status = (unitId: number): UnitReportStatus => reports.get(unitId)?.status ?? "missing";
  const byRank = <T extends { unitId: number }>(list: T[]) => list.sort((a, b) => ctx.rank(a.unitId) - ctx.rank(b.unitId));

  const indicators = new Map<number, IndicatorUnitRow[]>();
  const catalog = new Map(input.indicators.map((i) => [i.id, i]));
  for (const s of parts.indicators) {
    const ind = catalog.get(s.id)!;
    const rows = new Map<number, IndicatorUnitRow>();
    const leads = new Set(ind.leadUnitIds);
    const blank = (unitId: number): IndicatorUnitRow => ({
      indicatorId: s.id,
      unitId,
      reportStatus: status(unitId),
      numerator: null,
      denominator: null,
      value: null,
      lastYear: null,
      comment: "",
      lead: leads.has(unitId),
      inFigure: false,
      flagged: false,
    });
    for (const u of ind.unitIds) if (expected.has(u)) rows.set(u, blank(u));
    const standing = parts.result.standing.get(s.id) ?? new Set<number>();
    const flagged = parts.result.flaggedUnits.get(s.id) ?? new Set<number>();
    for (const v of values.get(`${period.id}:${s.id}`) ?? []) {
      const row = rows.get(v.unitId) ?? blank(v.unitId);
      row.numerator = v.numerator;
      row.denominator = v.denominator;
      row.value = unitFigure(ind.measure, v);
      row.comment = v.comment;
      row.inFigure = standing.has(v.unitId);
      row.flagged = flagged.has(v.unitId);
      rows.set(v.unitId, row);
    }
    if (lastYear) for (const v of values.get(`${lastYear.id}:${s.id}`) ?? []) {
      const row = rows.get(v.unitId);
      if (row) row.lastYear = unitFigure(ind.measure, v);
    }
    indicators.set(s.id, byRank([...rows.values()]));
  }

  const tasks = new Map<number, TaskUnitRow[]>();
  const catalogTasks = new Map(input.tasks.map((t) => [t.id, t]));
  const taskValues = new Map<number, SummaryInput["taskValues"]>();
  for (const v of input.taskValues) if (countedUnits.has(v.unitId)) pushTo(taskValues, v.taskId, v);
  for (const s of parts.tasks) {
    const t = catalogTasks.get(s.id)!;
    const rows = new Map<number, TaskUnitRow>();
    const leadSet = new Set(t.leadUnitIds);
    const partnerSet = new Set(t.partnerUnitIds);
    const role = (u: number) => (leadSet.has(u) ? "lead" : partnerSet.has(u) ? "partner" : null);
    const blank = (unitId: number): TaskUnitRow => ({ taskId: s.id, unitId, role: role(unitId), reportStatus: status(unitId), status: null, progress: null, result: "" });
    for (const u of [...t.leadUnitIds, ...t.partnerUnitIds]) if (expected.has(u)) rows.set(u, blank(u));
    for (const v of taskValues.get(s.id) ?? []) {
      const row = rows.get(v.unitId) ?? blank(v.unitId);
      row.status = v.status;
      row.progress = v.progress;
      row.result = v.result;
      rows.set(v.unitId, row);
    }
    tasks.set(s.id, byRank([...rows.values()]));
  }
  return { indicators, tasks };
}
