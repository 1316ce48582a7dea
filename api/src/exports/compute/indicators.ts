import type { Indicator } from "../../contract/catalog.js";
import type { FlaggedValue, IndicatorSummary, TrajectoryPoint } from "../../contract/summary.js";
import { PLAN_FIRST_YEAR, PLAN_YEARS } from "../../contract/plan.js";
import { isFarFromLastYear } from "../../contract/reports-rules.js";
import type { IndicatorValueFact, SummaryInput } from "../load.js";
import { hasFigure, unitFigure, wardFigure, type FigureContext, type UnitValue } from "./figures.js";
import { judge, milestoneFor } from "./milestones.js";
import { pushTo } from "./areas.js";

export interface IndicatorResult {
  indicators: IndicatorSummary[];
  flagged: FlaggedValue[];
  /** per indicator, the units whose values entered this period's ward figure */
  standing: Map<number, Set<number>>;
  /** per indicator, the units whose values were flagged */
  flaggedUnits: Map<number, Set<number>>;
}

/** Counted values by period and indicator. */
export function valueIndex(values: IndicatorValueFact[], counted: (periodId: number, unitId: number) => boolean): Map<string, UnitValue[]> {
  const out = new Map<string, UnitValue[]>();
  for (const v of values) {
    if (!counted(v.periodId, v.unitId)) continue;
    const k = `${v.periodId}:${v.indicatorId}`;
    pushTo(out, k, { unitId: v.unitId, numerator: v.numerator, denominator: v.denominator, value: v.value, comment: v.comment });
  }
  return out;
}

/** Active indicators, and inactive ones that still have values in the period (they stay in past reports). */
export function shownIndicators(input: SummaryInput, values: Map<string, UnitValue[]>): Indicator[] {
  const pid = input.scope.period.id;
  return input.indicators.filter((i) => i.active || (values.get(`${pid}:${i.id}`) ?? []).some((v) => hasFigure(i.measure, v)));
}

export function computeIndicators(input: SummaryInput, values: Map<string, UnitValue[]>, ctx: FigureContext, singleArea: boolean): IndicatorResult {
  const { period, lastYear } = input.scope;
  const expected = new Set(input.expected.map((e) => e.unitId));
  const yearPeriod = new Map(input.yearPeriods.map((y) => [y.year, y.id]));
  const flagged: FlaggedValue[] = [];
  const standing = new Map<number, Set<number>>();
  const flaggedUnits = new Map<number, Set<number>>();

  const indicators = shownIndicators(input, values).map((ind): IndicatorSummary => {
    const of = (periodId: number) => values.get(`${periodId}:${ind.id}`) ?? [];
    const figureOf = (periodId: number | undefined) => (periodId === undefined ? null : wardFigure(ind, of(periodId), ctx));
    const current = wardFigure(ind, of(period.id), ctx);
    standing.set(ind.id, current.standing);
    const last = lastYear ? wardFigure(ind, of(lastYear.id), ctx) : null;

    // The first year's ward figure is where the even steps to 2030 start.
    const firstPeriod = yearPeriod.get(PLAN_FIRST_YEAR);
    const firstValue = firstPeriod === period.id ? current.figure.value : (figureOf(firstPeriod)?.figure.value ?? null);
    const milestone = milestoneFor(ind, period.year, firstValue);
    const trajectory: TrajectoryPoint[] = PLAN_YEARS.map((year) => {
      // the period's own year shows the period's figure (an ad hoc report's trajectory agrees with its table)
      const pid = yearPeriod.get(year);
      const value = year === period.year ? current.figure.value : pid === undefined ? null : (figureOf(pid)?.figure.value ?? null);
      const m = milestoneFor(ind, year, firstValue);
      // a year without a milestone is judged against the 2030 target, as the summary judges its own year
      return { year, value, milestone: m?.value ?? null, milestoneKind: m?.kind ?? null, onTrack: judge(value, m ? m.value : ind.target, ind.direction, ind.measure) };
    });

    const lastByUnit = new Map(lastYear ? of(lastYear.id).map((v) => [v.unitId, unitFigure(ind.measure, v)]) : []);
    const flags = new Set<number>();
    for (const v of of(period.id)) {
      const mine = unitFigure(ind.measure, v);
      const before = lastByUnit.get(v.unitId) ?? null;
      if (mine === null || before === null || !isFarFromLastYear(mine, before)) continue;
      flags.add(v.unitId);
      flagged.push({ indicatorId: ind.id, code: ind.code, measure: ind.measure, unitId: v.unitId, unitName: ctx.unitName(v.unitId), value: mine, lastYear: before, comment: v.comment.trim() });
    }
    flaggedUnits.set(ind.id, flags);

    const leads = new Set(ind.leadUnitIds);
    const contributions = singleArea
      ? of(period.id)
          .filter((v) => hasFigure(ind.measure, v))
          .sort((a, b) => ctx.rank(a.unitId) - ctx.rank(b.unitId))
          .map((v) => ({
            unitId: v.unitId,
            unitName: ctx.unitName(v.unitId),
            value: unitFigure(ind.measure, v),
            numerator: v.numerator,
            denominator: v.denominator,
            counted: current.standing.has(v.unitId),
            lead: leads.has(v.unitId),
          }))
      : [];
    const named = ind.aggregation.unitId;
    return {
      id: ind.id,
      code: ind.code,
      name: ind.name,
      measure: ind.measure,
      unitLabel: ind.unitLabel,
      direction: ind.direction,
      target: ind.target,
      targetText: ind.targetText,
      active: ind.active,
      aggregation: { rule: ind.aggregation.rule, unitName: named === null ? null : ctx.unitName(named), reason: ind.aggregation.reason },
      unitsExpected: ind.unitIds.filter((u) => expected.has(u)).length,
      current: current.figure,
      lastYear: lastYear && last ? { ...last.figure, year: lastYear.year, periodId: lastYear.id } : null,
      milestone,
      basis: milestone ? "milestone" : "target",
      onTrack: judge(current.figure.value, milestone ? milestone.value : ind.target, ind.direction, ind.measure),
      trajectory,
      contributions,
    };
  });
  return { indicators, flagged, standing, flaggedUnits };
}
