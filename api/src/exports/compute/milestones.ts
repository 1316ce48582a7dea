import type { Indicator } from "../../contract/catalog.js";
import type { MilestoneKind, OnTrack } from "../../contract/summary.js";
import { PLAN_FIRST_YEAR, PLAN_LAST_YEAR } from "../../contract/plan.js";

export interface YearMilestone {
  year: number;
  value: number;
  kind: MilestoneKind;
}

/** Milestones are shown with the figure's precision: one decimal for a percentage, whole numbers otherwise. */
export const roundFor = (measure: Indicator["measure"], v: number) => (measure === "percent" ? Math.round(v * 10) / 10 : Math.round(v));

/**
 * The milestone of `year`: one set by the plan or by staff; for 2030 the target by default; between
 * two known points (a set milestone, the 2030 target, or the first year's ward figure) even steps.
 * The first year has no milestone unless one is set (its figure is the starting point), and a year
 * outside the plan has none: both are then judged against the 2030 target.
 */
export function milestoneFor(ind: Pick<Indicator, "milestones" | "target" | "measure">, year: number, firstYearValue: number | null): YearMilestone | null {
  const anchors = new Map<number, YearMilestone>();
  for (const m of ind.milestones) anchors.set(m.year, { year: m.year, value: m.value, kind: m.source });
  if (!anchors.has(PLAN_LAST_YEAR) && ind.target !== null) anchors.set(PLAN_LAST_YEAR, { year: PLAN_LAST_YEAR, value: ind.target, kind: "target" });
  const set = anchors.get(year);
  if (set) return set;
  if (year <= PLAN_FIRST_YEAR || year >= PLAN_LAST_YEAR) return null;

  const points = [...anchors.values()].map((a) => ({ year: a.year, value: a.value }));
  if (!anchors.has(PLAN_FIRST_YEAR) && firstYearValue !== null) points.push({ year: PLAN_FIRST_YEAR, value: firstYearValue });
  const before = points.filter((p) => p.year < year).sort((a, b) => b.year - a.year)[0];
  const after = points.filter((p) => p.year > year).sort((a, b) => a.year - b.year)[0];
  if (!before || !after) return null;
  const value = before.value + ((after.value - before.value) * (year - before.year)) / (after.year - before.year);
  return { year, value: roundFor(ind.measure, value), kind: "even_steps" };
}

/** Judged at the precision people read: 69,96% shows as 70,0% and meets a 70% milestone. */
export function judge(value: number | null, against: number | null, direction: Indicator["direction"], measure: Indicator["measure"]): OnTrack {
  if (value === null || against === null) return "unknown";
  const shown = measure === "percent" ? Math.round(value * 10) / 10 : value;
  return (direction === "at_least" ? shown >= against : shown <= against) ? "on_track" : "off_track";
}
