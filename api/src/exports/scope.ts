import type { Selectable } from "kysely";
import type { AppContext } from "../http/context.js";
import type { PeriodsTable, UnitsTable } from "../catalog/tables.js";
import { notFound } from "../lib/errors.js";

export type UnitRow = Pick<Selectable<UnitsTable>, "id" | "code" | "name" | "short_name" | "kind" | "parent_id" | "sort_order">;

/** What a summary or an export is about: a period, its previous annual period, and a set of units. */
export interface SummaryScope {
  period: Selectable<PeriodsTable>;
  /** the annual period of the year before (the "last year" column), if any */
  lastYear: Selectable<PeriodsTable> | null;
  /** the unit whose subtree is aggregated, or null for every unit */
  root: UnitRow | null;
  /** ids of the units in scope, or null when every unit is (no filter needed) */
  unitIds: number[] | null;
  units: Map<number, UnitRow>;
  /** units ordered as the catalog orders them (sort_order, then id) */
  rank: Map<number, number>;
}

/** Loads the period (404 when unknown), last year's annual period and the units in scope. */
export async function resolveScope(ctx: AppContext, periodId: number, rootUnitId?: number): Promise<SummaryScope> {
  const { db } = ctx.database;
  const period = await db.selectFrom("periods").selectAll().where("id", "=", periodId).executeTakeFirst();
  if (!period) throw notFound("Không tìm thấy kỳ báo cáo.", "PERIOD_NOT_FOUND");

  const [lastYear, unitRows] = await Promise.all([
    db
      .selectFrom("periods")
      .selectAll()
      .where("kind", "=", "annual")
      .where("year", "=", period.year - 1)
      .orderBy("deadline_at", "desc")
      .orderBy("id", "desc")
      .executeTakeFirst(),
    // The unit tree is small (a ward: ~25 units; a whole city: a few thousand) and is needed for names anyway.
    db
      .selectFrom("units")
      .select(["id", "code", "name", "short_name", "kind", "parent_id", "sort_order"])
      .orderBy("sort_order")
      .orderBy("id")
      .execute(),
  ]);

  const units = new Map(unitRows.map((u) => [u.id, u]));
  const rank = new Map(unitRows.map((u, i) => [u.id, i]));
  let root: UnitRow | null = null;
  let unitIds: number[] | null = null;
  if (rootUnitId !== undefined) {
    root = units.get(rootUnitId) ?? null;
    if (!root) throw notFound("Không tìm thấy đơn vị.", "UNIT_NOT_FOUND");
    const children = new Map<number, number[]>();
    for (const u of unitRows) {
      if (u.parent_id === null) continue;
      const list = children.get(u.parent_id) ?? [];
      list.push(u.id);
      children.set(u.parent_id, list);
    }
    const subtree: number[] = [];
    const stack = [root.id];
    while (stack.length) {
      const id = stack.pop()!;
      subtree.push(id);
      for (const c of children.get(id) ?? []) stack.push(c);
    }
    // A root covering every unit needs no filter (and no huge IN list).
    unitIds = subtree.length === unitRows.length ? null : subtree;
  }
  return { period, lastYear: lastYear ?? null, root, unitIds, units, rank };
}

/** The display name of a unit ("Đoàn phường"), falling back to its full name. */
export function unitLabel(scope: SummaryScope, unitId: number): string {
  const u = scope.units.get(unitId);
  return u ? u.short_name || u.name : `Đơn vị #${unitId}`;
}

export function byUnitRank(scope: SummaryScope) {
  return (a: number, b: number) => (scope.rank.get(a) ?? Number.MAX_SAFE_INTEGER) - (scope.rank.get(b) ?? Number.MAX_SAFE_INTEGER) || a - b;
}
