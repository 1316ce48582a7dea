import type { Harness } from "./harness.js";
import type { UnitKind } from "../src/catalog/tables.js";
import { prepareWard } from "../src/wards/prepare.js";

export interface WardUnit {
  code: string;
  name: string;
  kind: UnitKind;
  /** indicator codes the unit reports; "!" before a code makes it the lead */
  indicators: string[];
}

/**
 * A second (third…) ward under the city HP for tests: the ward unit and a few units under it (ward_id
 * set), assigned to indicators, then made ready as a new ward is (`prepareWard`: the plan's rules, its
 * own yearly periods with these units expected, its duties).
 */
export async function addWard(h: Harness, ward: { code: string; name: string; shortName?: string }, units: WardUnit[]): Promise<{ wardId: number; unitIds: Record<string, number> }> {
  const { db } = h.ctx.database;
  const now = h.clock.now().toISOString();
  const city = await db.selectFrom("units").select("id").where("kind", "=", "city").executeTakeFirstOrThrow();
  const { id: wardId } = await db
    .insertInto("units")
    .values({ code: ward.code, name: ward.name, short_name: ward.shortName ?? ward.name, kind: "ward", parent_id: city.id, ward_id: null, sort_order: 1000 + city.id, created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.updateTable("units").set({ ward_id: wardId }).where("id", "=", wardId).execute();
  const unitIds: Record<string, number> = {};
  for (const [i, u] of units.entries()) {
    const { id } = await db
      .insertInto("units")
      .values({ code: u.code, name: u.name, short_name: u.name, kind: u.kind, parent_id: wardId, ward_id: wardId, sort_order: 1001 + i, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    unitIds[u.code] = id;
    for (const code of u.indicators) {
      const ind = await db.selectFrom("indicators").select("id").where("code", "=", code.replace(/^!/, "")).executeTakeFirstOrThrow();
      await db.insertInto("indicator_units").values({ indicator_id: ind.id, unit_id: id, is_lead: code.startsWith("!") ? 1 : 0 }).execute();
    }
  }
  await prepareWard(h.ctx, wardId);
  return { wardId, unitIds };
}
