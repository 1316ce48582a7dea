import { sql, type Kysely } from "kysely";
import type { DbMigration } from "../db/migrator.js";
import { fk, refType } from "../db/dialect.js";

/** The first ward (a single-ward database's only one): what existed before the city had wards belongs to it. */
export async function firstWardId(db: Kysely<any>): Promise<number | null> {
  const row = await db.selectFrom("units").select("id").where("kind", "=", "ward").orderBy("sort_order").orderBy("id").executeTakeFirst();
  return row ? Number(row.id) : null;
}

/**
 * Gives an existing table of a ward's records its `ward_id`: the ward of the units a row links to through
 * `links` (table, its column naming the row), else the first ward (a single-ward database's), and an index
 * led by the ward.
 */
export async function addWardColumn(db: Kysely<any>, table: string, links: { table: string; rowColumn: string } | null, indexColumns: string[]): Promise<void> {
  await db.schema.alterTable(table).addColumn("ward_id", "integer").execute();
  if (links) {
    await sql`update ${sql.table(table)} set ward_id = (
      select min(u.ward_id) from ${sql.table(links.table)} l join units u on u.id = l.unit_id where l.${sql.ref(links.rowColumn)} = ${sql.table(table)}.id)`.execute(db);
  }
  const ward = await firstWardId(db);
  if (ward !== null) await db.updateTable(table).set({ ward_id: ward }).where("ward_id", "is", null).execute();
  await db.schema.createIndex(`${table}_ward_idx`).on(table).columns(["ward_id", ...indexColumns]).execute();
}

/** Fields of an indicator or a task that are the ward's settings (the rest is the city's definition). */
const WARD_FIELDS = ["unitIds", "leadUnitIds", "partnerUnitIds", "aggregation"];

/**
 * The plan's work becomes per ward. Indicator and task definitions stay one list for the city; a ward's
 * settings move to rows of their own: each indicator's aggregation rule (indicator_ward_settings), its
 * yearly milestones and the ward plan's number and date (both get a ward_id in their key). Periods
 * belong to a ward (one annual period per ward and year). The catalog's audit rows say which ward a
 * change was made in (null: the city's definition). An existing single-ward database gives all of it
 * to its ward, so it behaves as before.
 */
export const catalogWardMigrations: DbMigration[] = [
  {
    name: "0150_catalog_per_ward",
    async up(db) {
      const ward = await firstWardId(db);

      await db.schema
        .createTable("indicator_ward_settings")
        .addColumn("indicator_id", refType, (c) => c.notNull().references("indicators.id").onDelete("cascade"))
        .addColumn("ward_id", refType, (c) => c.notNull().references("units.id").onDelete("cascade"))
        .addColumn("aggregation", "text", (c) => c.notNull().defaultTo("sum"))
        .addColumn("aggregation_unit_id", refType, fk("units", "set null"))
        .addColumn("aggregation_reason", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("indicator_ward_settings_pk", ["indicator_id", "ward_id"])
        .execute();
      if (ward !== null) {
        const rows = await db.selectFrom("indicators").select(["id", "aggregation", "aggregation_unit_id", "aggregation_reason", "updated_at"]).execute();
        for (const r of rows) {
          await db
            .insertInto("indicator_ward_settings")
            .values({
              indicator_id: r.id,
              ward_id: ward,
              aggregation: r.aggregation,
              aggregation_unit_id: r.aggregation_unit_id,
              aggregation_reason: r.aggregation_reason,
              updated_at: r.updated_at,
            })
            .execute();
        }
      }

      // milestones: the key gains the ward (a table rebuild: SQLite cannot change a primary key)
      await db.schema
        .createTable("indicator_milestones_w")
        .addColumn("indicator_id", refType, (c) => c.notNull().references("indicators.id").onDelete("cascade"))
        .addColumn("ward_id", refType, (c) => c.notNull().references("units.id").onDelete("cascade"))
        .addColumn("year", "integer", (c) => c.notNull())
        .addColumn("value", "real", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("updated_by", refType)
        .addPrimaryKeyConstraint("indicator_milestones_ward_pk", ["ward_id", "indicator_id", "year"])
        .execute();
      if (ward !== null) {
        await sql`insert into indicator_milestones_w (indicator_id, ward_id, year, value, source, updated_at, updated_by)
          select indicator_id, ${sql.lit(ward)}, year, value, source, updated_at, updated_by from indicator_milestones`.execute(db);
      }
      await db.schema.dropTable("indicator_milestones").execute();
      await db.schema.alterTable("indicator_milestones_w").renameTo("indicator_milestones").execute();

      await db.schema
        .createTable("plan_settings_w")
        .addColumn("ward_id", refType, (c) => c.notNull().references("units.id").onDelete("cascade"))
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("value", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("updated_by", refType)
        .addPrimaryKeyConstraint("plan_settings_ward_pk", ["ward_id", "key"])
        .execute();
      if (ward !== null) {
        await sql`insert into plan_settings_w (ward_id, key, value, updated_at, updated_by)
          select ${sql.lit(ward)}, key, value, updated_at, updated_by from plan_settings`.execute(db);
      }
      await db.schema.dropTable("plan_settings").execute();
      await db.schema.alterTable("plan_settings_w").renameTo("plan_settings").execute();

      await db.schema.alterTable("catalog_audit").addColumn("ward_id", "integer").execute();
      if (ward !== null) {
        await db.updateTable("catalog_audit").set({ ward_id: ward }).where("field", "in", WARD_FIELDS).execute();
        await db.updateTable("catalog_audit").set({ ward_id: ward }).where("field", "like", "milestone:%").execute();
        // the plan's reference is one per ward: its audit rows are keyed by the ward
        await db.updateTable("catalog_audit").set({ ward_id: ward, entity_id: ward }).where("entity", "=", "plan").execute();
      }

      await db.schema.alterTable("periods").addColumn("ward_id", "integer").execute();
      if (ward !== null) await db.updateTable("periods").set({ ward_id: ward }).execute();
      await db.schema.dropIndex("periods_annual_year_uq").execute();
      await db.schema
        .createIndex("periods_annual_ward_year_uq")
        .on("periods")
        .columns(["ward_id", "year"])
        .unique()
        .where(sql.ref("kind"), "=", "annual")
        .execute();
      await db.schema.createIndex("periods_ward_idx").on("periods").columns(["ward_id", "deadline_at"]).execute();
    },
  },
];
