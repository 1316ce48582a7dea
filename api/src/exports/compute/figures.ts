import type { Indicator } from "../../contract/catalog.js";
import type { FigureValue } from "../../contract/summary.js";
import { comparable } from "../../contract/reports-rules.js";
import { byArea } from "./areas.js";

/** A unit's counted value of an indicator in one period. */
export interface UnitValue {
  unitId: number;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  comment: string;
}

/** A percentage from sums; null when nothing (or only zero denominators) was reported. */
export function percentOf(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator <= 0) return null;
  return (100 * numerator) / denominator;
}

/** A unit "reported" an indicator when it gave the figure its measure needs. */
export const hasFigure = (measure: Indicator["measure"], v: UnitValue) =>
  measure === "percent" ? v.numerator !== null && v.denominator !== null : v.value !== null;

/** The unit's own figure: its percentage for a percentage, else its value. */
export const unitFigure = (measure: Indicator["measure"], v: UnitValue): number | null => comparable(measure, v);

export interface FigureContext {
  areaOf: (unitId: number) => number;
  /** catalog order of units (for ties) */
  rank: (unitId: number) => number;
  unitName: (unitId: number) => string;
  /** the unit is in the summary's scope (a part of a ward may leave the lead unit out) */
  inScope: (unitId: number) => boolean;
}

export interface WardFigure {
  figure: FigureValue;
  /** the units whose values entered the figure */
  standing: Set<number>;
}

/** The row of the largest figure (ties: the unit first in catalog order). */
function largest(measure: Indicator["measure"], rows: UnitValue[], ctx: FigureContext): UnitValue | null {
  let best: UnitValue | null = null;
  let bestValue = -Infinity;
  for (const r of [...rows].sort((a, b) => ctx.rank(a.unitId) - ctx.rank(b.unitId))) {
    const f = unitFigure(measure, r);
    if (f !== null && f > bestValue) {
      best = r;
      bestValue = f;
    }
  }
  return best;
}

/** Which values of one area stand for the area under the indicator's rule. */
function standingInArea(ind: Indicator, area: number, rows: UnitValue[], ctx: FigureContext): UnitValue[] {
  const { rule, unitId: named } = ind.aggregation;
  if (rule === "sum") return rows;
  if (rule === "max") {
    const top = largest(ind.measure, rows, ctx);
    return top ? [top] : [];
  }
  // lead: the named unit when it is in this area, else the area's only lead, else the largest of its leads;
  // a part of a ward without any lead unit shows its largest figure.
  if (named !== null && ctx.inScope(named) && ctx.areaOf(named) === area) return rows.filter((r) => r.unitId === named);
  const leads = new Set(ind.leadUnitIds.filter((u) => ctx.inScope(u) && ctx.areaOf(u) === area));
  if (leads.size === 1) return rows.filter((r) => leads.has(r.unitId));
  const top = largest(ind.measure, leads.size ? rows.filter((r) => leads.has(r.unitId)) : rows, ctx);
  return top ? [top] : [];
}

/**
 * The ward figure of an indicator from its units' counted values in one period, under its rule;
 * over several wards, the sum of the wards' figures (numerators and denominators for a percentage).
 */
export function wardFigure(ind: Indicator, values: UnitValue[], ctx: FigureContext): WardFigure {
  const rows = values.filter((v) => hasFigure(ind.measure, v));
  const standing: UnitValue[] = [];
  for (const [area, list] of byArea(rows, ctx.areaOf)) standing.push(...standingInArea(ind, area, list, ctx));
  const sum = (pick: (v: UnitValue) => number | null) => (standing.length ? standing.reduce((s, v) => s + (pick(v) ?? 0), 0) : null);
  const percent = ind.measure === "percent";
  const numerator = percent ? sum((v) => v.numerator) : null;
  const denominator = percent ? sum((v) => v.denominator) : null;
  const value = percent ? percentOf(numerator, denominator) : sum((v) => v.value);
  const single = ind.aggregation.rule !== "sum" && standing.length === 1 ? ctx.unitName(standing[0].unitId) : null;
  return {
    figure: { value, numerator, denominator, unitsReported: rows.length, sourceUnitName: single },
    standing: new Set(standing.map((s) => s.unitId)),
  };
}
