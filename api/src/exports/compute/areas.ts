import type { SummaryScope } from "../scope.js";

/**
 * The aggregation area of each unit: its nearest ancestor-or-self of kind "ward" (else the top of
 * its tree). An indicator's rule (sum, lead unit, largest) applies within a ward; wards split a city
 * between them, so a city figure is the sum of its wards' figures.
 */
export function areaResolver(scope: Pick<SummaryScope, "units">): (unitId: number) => number {
  const memo = new Map<number, number>();
  const resolve = (unitId: number): number => {
    const hit = memo.get(unitId);
    if (hit !== undefined) return hit;
    let id = unitId;
    let area = unitId;
    const seen = new Set<number>();
    while (true) {
      const u = scope.units.get(id);
      if (!u) break;
      area = u.id;
      if (u.kind === "ward" || u.parent_id === null || seen.has(u.parent_id)) break;
      seen.add(id);
      id = u.parent_id;
    }
    memo.set(unitId, area);
    return area;
  };
  return resolve;
}

/** Groups items by the area of their unit, keeping their order. */
export function byArea<T extends { unitId: number }>(items: T[], areaOf: (unitId: number) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const it of items) {
    pushTo(out, areaOf(it.unitId), it);
  }
  return out;
}

/** Appends to a map of lists (a grouping without copying the list each time). */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
