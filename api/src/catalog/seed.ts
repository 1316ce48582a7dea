import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { SEED_HOLIDAYS, SEED_INDICATORS, SEED_TASKS, SEED_UNITS } from "./seed-data.js";
import type { TemplateResolver } from "../wards/template-resolver.js";

/**
 * Inserts the reference plan where it is missing: Lê Đại Hành's unit tree under the city, the city's
 * indicator and task definitions, the national holidays. Which units report and lead is each ward's
 * (`seedWardLinks`). Running it twice changes nothing.
 */
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
      await trx
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
        .execute();
    }

    for (const [i, t] of SEED_TASKS.entries()) {
      const existing = await trx.selectFrom("tasks").select("id").where("code", "=", t.code).executeTakeFirst();
      if (existing) continue;
      await trx.insertInto("tasks").values({ code: t.code, name: t.name, timing: t.timing, sort_order: i, created_at: now, updated_at: now }).execute();
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

/**
 * Gives one ward the plan's reference assignments (which of its units report each indicator, lead or
 * partner each task), found by template code (wards/template.ts), for every item the ward has no unit
 * for yet: what its staff changed is kept. Returns how many items it assigned.
 */
export async function seedWardLinks(db: Kysely<DB>, wardId: number, template: TemplateResolver): Promise<number> {
  const wardUnits = db.selectFrom("units").select("id").where("ward_id", "=", wardId);
  const [indicators, tasks, indLinked, taskLinked] = await Promise.all([
    db.selectFrom("indicators").select(["id", "code"]).execute(),
    db.selectFrom("tasks").select(["id", "code"]).execute(),
    db.selectFrom("indicator_units").select("indicator_id").distinct().where("unit_id", "in", wardUnits).execute(),
    db.selectFrom("task_units").select("task_id").distinct().where("unit_id", "in", wardUnits).execute(),
  ]);
  const hasInd = new Set(indLinked.map((r) => r.indicator_id));
  const hasTask = new Set(taskLinked.map((r) => r.task_id));
  let n = 0;
  for (const ind of indicators) {
    const seed = SEED_INDICATORS.find((s) => s.code === ind.code);
    if (!seed || hasInd.has(ind.id)) continue;
    // the first unit leads, and every unit of a short list (the plan names them together)
    const lead = new Map<number, boolean>();
    seed.units.forEach((code, k) => {
      for (const unitId of template(code)) lead.set(unitId, (lead.get(unitId) ?? false) || k === 0 || seed.units.length <= 3);
    });
    if (lead.size === 0) continue;
    await db
      .insertInto("indicator_units")
      .values([...lead].map(([unit_id, isLead]) => ({ indicator_id: ind.id, unit_id, is_lead: isLead ? 1 : 0 })))
      .execute();
    n++;
  }
  for (const task of tasks) {
    const seed = SEED_TASKS.find((s) => s.code === task.code);
    if (!seed || hasTask.has(task.id)) continue;
    const leads = new Set(seed.lead.flatMap(template));
    const partners = new Set(seed.partners.flatMap(template).filter((u) => !leads.has(u)));
    if (leads.size + partners.size === 0) continue;
    await db
      .insertInto("task_units")
      .values([...[...leads].map((unit_id) => ({ task_id: task.id, unit_id, role: "lead" as const })), ...[...partners].map((unit_id) => ({ task_id: task.id, unit_id, role: "partner" as const }))])
      .execute();
    n++;
  }
  return n;
}

/** Every unit of a ward responsible for at least one indicator or task (the default expected reporters). */
export async function defaultExpectedUnitIds(db: Kysely<DB>, wardId: number): Promise<number[]> {
  const wardUnits = db.selectFrom("units").select("id").where("ward_id", "=", wardId);
  const a = await db.selectFrom("indicator_units").select("unit_id").distinct().where("unit_id", "in", wardUnits).execute();
  const b = await db.selectFrom("task_units").select("unit_id").distinct().where("unit_id", "in", wardUnits).execute();
  return [...new Set([...a, ...b].map((r) => r.unit_id))].sort((x, y) => x - y);
}
