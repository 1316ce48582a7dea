import type { AppContext } from "../http/context.js";
import type { Period, Unit } from "../contract/catalog.js";
import type { PeriodsTable } from "./tables.js";
import type { Selectable } from "kysely";

/** The unit tree: every ward's, or one ward's units under the city (the city unit has no ward). */
export async function listUnits(ctx: AppContext, wardId?: number): Promise<Unit[]> {
  let q = ctx.database.db.selectFrom("units").selectAll().orderBy("sort_order").orderBy("id");
  if (wardId !== undefined) q = q.where((eb) => eb.or([eb("ward_id", "=", wardId), eb("ward_id", "is", null)]));
  const rows = await q.execute();
  return rows.map((u) => ({ id: u.id, code: u.code, name: u.name, shortName: u.short_name, kind: u.kind, parentId: u.parent_id, wardId: u.ward_id }));
}

/** The instant a period starts accepting drafts: the previous year's deadline for a recurring year, else its opening. */
export const acceptsFrom = (p: Pick<Selectable<PeriodsTable>, "opens_at" | "accepts_from">): string =>
  p.accepts_from && p.accepts_from < p.opens_at ? p.accepts_from : p.opens_at;

export function periodState(p: Pick<Selectable<PeriodsTable>, "opens_at" | "accepts_from" | "deadline_at" | "status">, now: Date): Period["state"] {
  if (p.status === "closed") return "closed";
  const t = now.toISOString();
  if (t < acceptsFrom(p)) return "upcoming";
  if (t > p.deadline_at) return "locked";
  return "open";
}

/** A ward's periods (or one period by id), newest first. */
export async function listPeriods(ctx: AppContext, which: { wardId?: number; id?: number }): Promise<Period[]> {
  const { db } = ctx.database;
  let q = db.selectFrom("periods").selectAll().orderBy("deadline_at", "desc").orderBy("id", "desc");
  if (which.id !== undefined) q = q.where("id", "=", which.id);
  if (which.wardId !== undefined) q = q.where("ward_id", "=", which.wardId);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const expected = await db
    .selectFrom("period_units")
    .select(["period_id", "unit_id", "exception_until"])
    .where(
      "period_id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  const now = ctx.clock.now();
  return rows.map((p) => ({
    id: p.id,
    wardId: p.ward_id,
    year: p.year,
    kind: p.kind,
    title: p.title,
    opensAt: p.opens_at,
    acceptsFrom: acceptsFrom(p),
    deadlineAt: p.deadline_at,
    status: p.status,
    state: periodState(p, now),
    expectedUnitIds: expected.filter((e) => e.period_id === p.id).map((e) => e.unit_id),
    exceptions: expected
      .filter((e) => e.period_id === p.id && e.exception_until !== null)
      .map((e) => ({ unitId: e.unit_id, until: e.exception_until! }))
      .sort((a, b) => a.until.localeCompare(b.until) || a.unitId - b.unitId),
  }));
}
