import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { SEED_HOLIDAYS, SEED_INDICATORS, SEED_TASKS, SEED_UNITS } from "./seed-data.js";

/** Inserts the reference plan where it is missing; running it twice changes nothing. */
export async function seedCatalog(db: Kysely<DB>, now: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const unitIds = new Map<string, number>();
    const wardIds = new Map<string, number | null>();
    for (const [i, u] of SEED_UNITS.entries()) {
      const parentWard = u.parent ? (wardIds.get(u.parent) ?? null) : null;
      await trx
        .insertInto("units")
        .values({
          code: u.code,
          name: u.name,
          short_name: u.shortName,
          kind: u.kind,
          parent_id: u.parent ? unitIds.get(u.parent)! : null,
          ward_id: parentWard,
          sort_order: i,
          created_at: now,
        })
        .onConflict((oc) => oc.column("code").doNothing())
        .execute();
      const row = await trx.selectFrom("units").select("id").where("code", "=", u.code).executeTakeFirstOrThrow();
      unitIds.set(u.code, row.id);
      // a ward is its own tenant; its units belong to it; the city belongs to no ward
      const wardId = u.kind === "ward" ? row.id : parentWard;
      if (u.kind === "ward") await trx.updateTable("units").set({ ward_id: row.id }).where("id", "=", row.id).execute();
      wardIds.set(u.code, wardId);
    }

    for (const [i, ind] of SEED_INDICATORS.entries()) {
      const existing = await trx.selectFrom("indicators").select("id").where("code", "=", ind.code).executeTakeFirst();
      if (existing) continue;
      const { id } = await trx
        .insertInto("indicators")
        .values({
          code: ind.code,
          name: ind.name,
          measure: ind.measure,
          unit_label: ind.unitLabel,
          target_value: ind.target,
          direction: ind.direction,
          target_text: ind.targetText,
          sort_order: i,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("indicator_units")
        .values(ind.units.map((code, k) => ({ indicator_id: id, unit_id: unitIds.get(code)!, is_lead: k === 0 || ind.units.length <= 3 ? 1 : 0 })))
        .execute();
    }

    for (const [i, t] of SEED_TASKS.entries()) {
      const existing = await trx.selectFrom("tasks").select("id").where("code", "=", t.code).executeTakeFirst();
      if (existing) continue;
      const { id } = await trx
        .insertInto("tasks")
        .values({ code: t.code, name: t.name, timing: t.timing, sort_order: i, created_at: now, updated_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      const links = [
        ...t.lead.map((code) => ({ task_id: id, unit_id: unitIds.get(code)!, role: "lead" as const })),
        ...t.partners.filter((c) => !t.lead.includes(c)).map((code) => ({ task_id: id, unit_id: unitIds.get(code)!, role: "partner" as const })),
      ];
      if (links.length) await trx.insertInto("task_units").values(links).execute();
    }

    await seedHolidays(trx, now);
  });
}

/**
 * The reference holidays, once per year: a year already seeded is left as staff made it (a day they
 * removed stays removed); a date staff already entered keeps their entry.
 */
async function seedHolidays(db: Kysely<DB>, now: string): Promise<void> {
  const done = new Set((await db.selectFrom("holiday_seeds").select("year").execute()).map((r) => Number(r.year)));
  const years = [...new Set(SEED_HOLIDAYS.map((h) => Number(h.date.slice(0, 4))))].filter((y) => !done.has(y));
  for (const year of years) {
    for (const h of SEED_HOLIDAYS.filter((x) => x.date.startsWith(`${year}-`))) {
      await db.insertInto("holidays").values({ ...h, created_at: now }).onConflict((oc) => oc.column("date").doNothing()).execute();
    }
    await db.insertInto("holiday_seeds").values({ year, seeded_at: now }).onConflict((oc) => oc.column("year").doNothing()).execute();
  }
}

/** Every unit responsible for at least one indicator or task (the default expected reporters). */
export async function defaultExpectedUnitIds(db: Kysely<DB>): Promise<number[]> {
  const a = await db.selectFrom("indicator_units").select("unit_id").distinct().execute();
  const b = await db.selectFrom("task_units").select("unit_id").distinct().execute();
  return [...new Set([...a, ...b].map((r) => r.unit_id))].sort((x, y) => x - y);
}
