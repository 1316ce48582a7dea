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
];
