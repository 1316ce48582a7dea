import type { WardSummary } from "../../contract/summary.js";
import { COUNTED_STATUSES, FLAGGED_LISTED, SECTION_TITLES } from "../../contract/summary-labels.js";
import type { ReportFact, SummaryInput } from "../load.js";
import { unitLabel } from "../scope.js";
import { areaResolver } from "./areas.js";
import type { FigureContext } from "./figures.js";
import { computeIndicators, valueIndex } from "./indicators.js";
import { computeTasks } from "./tasks.js";
import { commendationRows, completenessOf, reportingRows, unitIssues } from "./reporting.js";
import { draftSections } from "./drafts.js";
import { unitDetail, type UnitDetail } from "./detail.js";

export interface ComputedSummary {
  summary: WardSummary;
  /** the per-unit rows behind the figures (the Excel appendices) */
  detail: UnitDetail;
}

/**
 * The ward summary as a pure function of the loaded data: the screen, the Excel workbook and the
 * Word report all render this one result, so they agree to the last digit.
 */
export function computeSummary(input: SummaryInput): ComputedSummary {
  const { scope } = input;
  const { period } = scope;
  const statuses = COUNTED_STATUSES[input.counted];
  const counted = new Set<string>(statuses);

  const areaOf = areaResolver(scope);
  const scoped = scope.unitIds ? new Set(scope.unitIds) : null;
  const ctx: FigureContext = {
    areaOf,
    inScope: (unitId) => !scoped || scoped.has(unitId),
    rank: (unitId) => scope.rank.get(unitId) ?? Number.MAX_SAFE_INTEGER,
    unitName: (unitId) => unitLabel(scope, unitId),
  };

  const reportsNow = new Map<number, ReportFact>();
  const statusOf = new Map<string, string>();
  for (const r of input.reports) {
    statusOf.set(`${r.periodId}:${r.unitId}`, r.status);
    if (r.periodId === period.id) reportsNow.set(r.unitId, r);
  }
  const countedUnits = new Set([...reportsNow.values()].filter((r) => counted.has(r.status)).map((r) => r.unitId));
  const values = valueIndex(input.indicatorValues, (periodId, unitId) => counted.has(statusOf.get(`${periodId}:${unitId}`) ?? ""));

  // One ward (or part of one): the units' own figures are listed next to the ward figure.
  // (the city's own unit reports nothing and is nobody's area)
  const areas = new Set((scope.unitIds ?? [...scope.units.keys()]).filter((id) => scope.units.get(id)?.kind !== "city").map(areaOf));
  const result = computeIndicators(input, values, ctx, areas.size <= 1);
  const tasks = computeTasks(input, countedUnits, ctx);
  const reporting = reportingRows(input, reportsNow, counted, ctx);
  const completeness = completenessOf(reporting);
  const issues = unitIssues(input, reportsNow, countedUnits, ctx);
  const commendations = commendationRows(input, countedUnits, ctx);

  const periodInfo = { id: period.id, year: period.year, kind: period.kind, title: period.title, deadlineAt: period.deadline_at };
  const drafts = draftSections({ period: periodInfo, completeness, reporting, indicators: result.indicators, tasks, issues, commendations });
  const saved = new Map(input.sections.map((s) => [s.key, s]));
  const summary: WardSummary = {
    period: periodInfo,
    scope: { unitId: scope.root?.id ?? null, name: scope.root?.name ?? input.wardName },
    counted: input.counted,
    countedStatuses: [...statuses],
    generatedAt: input.generatedAt,
    planReference: { number: input.planReference.number, date: input.planReference.date },
    completeness,
    reporting,
    indicators: result.indicators,
    tasks,
    issues,
    flagged: result.flagged.slice(0, FLAGGED_LISTED),
    flaggedTotal: result.flagged.length,
    commendations,
    sections: (Object.keys(drafts) as (keyof typeof drafts)[]).map((key) => {
      const s = saved.get(key);
      const title = key === "next_year" ? `Nhiệm vụ, giải pháp năm ${period.year + 1}` : SECTION_TITLES[key];
      return { key, title, text: s?.text ?? null, draft: drafts[key], updatedAt: s?.updatedAt ?? null, updatedBy: s?.updatedBy ?? null };
    }),
  };
  const detail = unitDetail(input, { indicators: result.indicators, tasks, result }, values, reportsNow, countedUnits, ctx);
  return { summary, detail };
}
