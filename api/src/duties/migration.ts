import { sql } from "kysely";
import type { DbMigration } from "../db/migrator.js";
import { refType, withId } from "../db/dialect.js";
import { addWardColumn } from "../catalog/ward-migration.js";

export const dutiesMigrations: DbMigration[] = [
  {
    name: "0800_duties",
    async up(db, dialect) {
      await withId(db.schema.createTable("duties"), dialect)
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("year", "integer", (c) => c.notNull())
        .addColumn("starts_at", "text", (c) => c.notNull())
        .addColumn("due_at", "text", (c) => c.notNull())
        .addColumn("requires_document", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("recurs_yearly", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("series_key", "text")
        .addColumn("seed_key", "text", (c) => c.unique())
        .addColumn("created_by", refType, (c) => c.references("users.id").onDelete("set null"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("duties_year_idx").on("duties").columns(["year", "due_at"]).execute();

      await db.schema
        .createTable("duty_units")
        .addColumn("duty_id", refType, (c) => c.notNull().references("duties.id").onDelete("cascade"))
        .addColumn("unit_id", refType, (c) => c.notNull().references("units.id").onDelete("cascade"))
        .addColumn("status", "text", (c) => c.notNull().defaultTo("not_started"))
        .addColumn("text", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("files", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("handed_in_at", "text")
        .addColumn("handed_in_by", refType, (c) => c.references("users.id").onDelete("set null"))
        .addColumn("reviewed_at", "text")
        .addColumn("reviewed_by", refType, (c) => c.references("users.id").onDelete("set null"))
        .addColumn("return_reason", "text")
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("duty_units_pk", ["duty_id", "unit_id"])
        .execute();
      await db.schema.createIndex("duty_units_unit_idx").on("duty_units").column("unit_id").execute();

      await withId(db.schema.createTable("duty_history"), dialect)
        .addColumn("duty_id", refType, (c) => c.notNull().references("duties.id").onDelete("cascade"))
        .addColumn("unit_id", refType, (c) => c.notNull().references("units.id").onDelete("cascade"))
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("note", "text")
        .addColumn("user_id", refType, (c) => c.references("users.id").onDelete("set null"))
        .addColumn("at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("duty_history_duty_idx").on("duty_history").columns(["duty_id", "unit_id"]).execute();
    },
  },
  {
    // Duties belong to a ward (the ward of the units that owe them); a seeded or yearly copy's key names
    // its ward, so every ward gets its own copy of the plan's duties, once.
    name: "0810_duties_per_ward",
    async up(db) {
      await addWardColumn(db, "duties", { table: "duty_units", rowColumn: "duty_id" }, ["year", "due_at"]);
      await sql`update duties set seed_key = 'w' || ward_id || ':' || seed_key where seed_key is not null and ward_id is not null`.execute(db);
    },
  },
];
