import type { Selectable } from "kysely";
import type { AppContext, AuthUser } from "../http/context.js";
import type { PeriodsTable, UnitsTable } from "../catalog/tables.js";
import { notFound } from "../lib/errors.js";
import { assertSeesWard } from "../wards/request-ward.js";

export type UnitRow = Pick<Selectable<UnitsTable>, "id" | "code" | "name" | "short_name" | "kind" | "parent_id" | "sort_order">;

/**
 * What a summary or an export is about: a period (of one ward), the ward's previous annual period, and
 * a set of the ward's units (all of them, or one unit's subtree).
 */
export interface SummaryScope {
  period: Selectable<PeriodsTable>;
  /** the ward the period belongs to (null only for a period made outside the product: every unit) */
  wardId: number | null;
  /** the annual period of the year before (the "last year" column), if any */
  lastYear: Selectable<PeriodsTable> | null;
  /** the unit whose subtree is aggregated, or null for every unit of the ward */
  root: UnitRow | null;
  /** ids of the units in scope, or null when every unit of the ward is (no filter needed) */
  unitIds: number[] | null;
  units: Map<number, UnitRow>;
  /** units ordered as the catalog orders them (sort_order, then id) */
  rank: Map<number, number>;
}

/**
 * Loads the period (404 when unknown, or of another ward than the caller's: `user` undefined skips that
 * check for internal callers), the ward's last year's annual period and the ward's units in scope
 * (`rootUnitId` must be one of them).
 */
export async function resolveScope(ctx: AppContext, periodId: number, rootUnitId?: number, user?: AuthUser | null): Promise<SummaryScope> {
  const { db } = ctx.database;
  const missing = () => notFound("Không tìm thấy kỳ báo cáo.", "PERIOD_NOT_FOUND");
  const period = await db.selectFrom("periods").selectAll().where("id", "=", periodId).executeTakeFirst();
  if (!period) throw missing();
  if (user !== undefined) assertSeesWard(user, period.ward_id, missing);
  const wardId = period.ward_id;

  let lastYearQ = db
    .selectFrom("periods")
    .selectAll()
    .where("kind", "=", "annual")
    .where("year", "=", period.year - 1)
    .orderBy("deadline_at", "desc")
    .orderBy("id", "desc");
  // The unit tree of a ward is small (~25 units) and is needed for names anyway.
  let unitsQ = db.selectFrom("units").select(["id", "code", "name", "short_name", "kind", "parent_id", "sort_order"]).orderBy("sort_order").orderBy("id");
  if (wardId !== null) {
    lastYearQ = lastYearQ.where("ward_id", "=", wardId);
    unitsQ = unitsQ.where("ward_id", "=", wardId);
  } else lastYearQ = lastYearQ.where("ward_id", "is", null);
  const [lastYear, unitRows] = await Promise.all([lastYearQ.executeTakeFirst(), unitsQ.execute()]);

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
  return { period, wardId, lastYear: lastYear ?? null, root, unitIds, units, rank };
}

/** The display name of a unit ("Đoàn phường"), falling back to its full name. */
export function unitLabel(scope: SummaryScope, unitId: number): string {
  const u = scope.units.get(unitId);
  return u ? u.short_name || u.name : `Đơn vị #${unitId}`;
}

export function byUnitRank(scope: SummaryScope) {
  return (a: number, b: number) => (scope.rank.get(a) ?? Number.MAX_SAFE_INTEGER) - (scope.rank.get(b) ?? Number.MAX_SAFE_INTEGER) || a - b;
}
