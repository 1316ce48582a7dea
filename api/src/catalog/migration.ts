import type { DbMigration } from "../db/migrator.js";
import { sql } from "kysely";
import { fk, refType, withId } from "../db/dialect.js";

export const catalogMigrations: DbMigration[] = [
  {
    name: "0100_catalog",
    async up(db, dialect) {
      await withId(db.schema.createTable("units"), dialect)
        .addColumn("code", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("short_name", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("parent_id", refType, fk("units", "restrict"))
        .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("units_parent_idx").on("units").column("parent_id").execute();

      await withId(db.schema.createTable("indicators"), dialect)
        .addColumn("code", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("measure", "text", (c) => c.notNull())
        .addColumn("unit_label", "text", (c) => c.notNull())
        .addColumn("target_value", "real")
        .addColumn("direction", "text", (c) => c.notNull())
        .addColumn("target_text", "text", (c) => c.notNull())
        .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("indicator_units")
        .addColumn("indicator_id", refType, (c) => c.notNull().references("indicators.id").onDelete("cascade"))
        .addColumn("unit_id", refType, (c) => c.notNull().references("units.id").onDelete("cascade"))
        .addColumn("is_lead", "integer", (c) => c.notNull().defaultTo(1))
        .addPrimaryKeyConstraint("indicator_units_pk", ["indicator_id", "unit_id"])
        .execute();

      await withId(db.schema.createTable("tasks"), dialect)
        .addColumn("code", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("timing", "text", (c) => c.notNull())
        .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("task_units")
        .addColumn("task_id", refType, (c) => c.notNull().references("tasks.id").onDelete("cascade"))
        .addColumn("unit_id", refType, (c) => c.notNull().references("units.id").onDelete("cascade"))
        .addColumn("role", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("task_units_pk", ["task_id", "unit_id"])
        .execute();

      await withId(db.schema.createTable("periods"), dialect)
        .addColumn("year", "integer", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("opens_at", "text", (c) => c.notNull())
        .addColumn("deadline_at", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("period_units")
        .addColumn("period_id", refType, (c) => c.notNull().references("periods.id").onDelete("cascade"))
        .addColumn("unit_id", refType, (c) => c.notNull().references("units.id").onDelete("cascade"))
        .addColumn("exception_until", "text")
        .addPrimaryKeyConstraint("period_units_pk", ["period_id", "unit_id"])
        .execute();

      await db.schema
        .createTable("holidays")
        .addColumn("date", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .execute();
    },
  },
  {
    // Yearly periods recur: one annual period per year (never two), and the next year's period
    // accepts drafts from the previous deadline, before it formally opens on 01/01.
    name: "0110_periods_recur",
    async up(db) {
      await db.schema.alterTable("periods").addColumn("accepts_from", "text").execute();
      await db.schema
        .createIndex("periods_annual_year_uq")
        .on("periods")
        .column("year")
        .unique()
        .where(sql.ref("kind"), "=", "annual")
        .execute();
    },
  },
  {
    // Holidays as data staff edit: a kind (a day off, or a weekend day worked in exchange), and the
    // years already seeded, so a reference day staff removed is not put back at the next start.
    name: "0130_holidays_as_data",
    async up(db) {
      await db.schema.alterTable("holidays").addColumn("kind", "text", (c) => c.notNull().defaultTo("off")).execute();
      await db.schema.alterTable("holidays").addColumn("created_at", "text").execute();
      await db.schema
        .createTable("holiday_seeds")
        .addColumn("year", "integer", (c) => c.primaryKey())
        .addColumn("seeded_at", "text", (c) => c.notNull())
        .execute();
    },
  },
  {
    // The city above the wards: units belong to a ward (its tenant); the wards hang under the city.
    name: "0140_city_levels",
    async up(db) {
      await db.schema.alterTable("units").addColumn("ward_id", "integer").execute();
      await db.schema.createIndex("units_ward_idx").on("units").column("ward_id").execute();
      const units = await db.selectFrom("units").select(["id", "kind", "parent_id", "sort_order"]).execute();
      if (units.length === 0) return; // a fresh database: the seed builds the tree
      // an existing single-ward database: put its ward under the city, then give every unit its ward
      let city = units.find((u) => u.kind === "city");
      if (!city) {
        const now = "2026-01-01T00:00:00.000Z"; // migrations have no clock; the city row predates every other
        await db
          .insertInto("units")
          .values({ code: "HP", name: "Thành phố Hải Phòng", short_name: "TP. Hải Phòng", kind: "city", parent_id: null, sort_order: -1, created_at: now })
          .execute();
        city = await db.selectFrom("units").select(["id", "kind", "parent_id", "sort_order"]).where("code", "=", "HP").executeTakeFirstOrThrow();
      }
      await db.updateTable("units").set({ parent_id: city.id }).where("kind", "=", "ward").where("parent_id", "is", null).execute();
      const byId = new Map(units.map((u) => [u.id, u]));
      const wardOf = (id: number): number | null => {
        for (let u = byId.get(id); u; u = u.parent_id ? byId.get(u.parent_id) : undefined) if (u.kind === "ward") return u.id;
        return null;
      };
      for (const u of units) if (u.kind !== "city") await db.updateTable("units").set({ ward_id: wardOf(u.id) }).where("id", "=", u.id).execute();
    },
  },
];
