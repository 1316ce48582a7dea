import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { vnInstant } from "../lib/time.js";
import { SEED_HOLIDAYS, SEED_INDICATORS, SEED_TASKS, SEED_UNITS } from "./seed-data.js";

/** Inserts the reference plan where it is missing; running it twice changes nothing. */
export async function seedCatalog(db: Kysely<DB>, now: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const unitIds = new Map<string, number>();
    for (const [i, u] of SEED_UNITS.entries()) {
      await trx
        .insertInto("units")
        .values({
          code: u.code,
          name: u.name,
          short_name: u.shortName,
          kind: u.kind,
          parent_id: u.parent ? unitIds.get(u.parent)! : null,
          sort_order: i,
          created_at: now,
        })
        .onConflict((oc) => oc.column("code").doNothing())
        .execute();
      const row = await trx.selectFrom("units").select("id").where("code", "=", u.code).executeTakeFirstOrThrow();
      unitIds.set(u.code, row.id);
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

    for (const h of SEED_HOLIDAYS) {
      await trx.insertInto("holidays").values(h).onConflict((oc) => oc.column("date").doNothing()).execute();
    }

    // The 2026 annual period: every unit responsible for an indicator or a task reports by 30/11/2026 23:59:59 +07:00.
    const period = await trx.selectFrom("periods").select("id").where("year", "=", 2026).where("kind", "=", "annual").executeTakeFirst();
    if (!period) {
      const { id } = await trx
        .insertInto("periods")
        .values({
          year: 2026,
          kind: "annual",
          title: "Báo cáo kết quả thực hiện Nghị quyết 83 năm 2026",
          opens_at: vnInstant(2026, 1, 1),
          deadline_at: vnInstant(2026, 11, 30, 23, 59, 59),
          status: "open",
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const expected = await defaultExpectedUnitIds(trx);
      if (expected.length) {
        await trx
          .insertInto("period_units")
          .values(expected.map((unit_id) => ({ period_id: id, unit_id, exception_until: null })))
          .execute();
      }
    }
  });
}

/** Every unit responsible for at least one indicator or task (the default expected reporters). */
export async function defaultExpectedUnitIds(db: Kysely<DB>): Promise<number[]> {
  const a = await db.selectFrom("indicator_units").select("unit_id").distinct().execute();
  const b = await db.selectFrom("task_units").select("unit_id").distinct().execute();
  return [...new Set([...a, ...b].map((r) => r.unit_id))].sort((x, y) => x - y);
}
