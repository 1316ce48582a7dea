import type { DbMigration } from "../db/migrator.js";
import { addWardColumn } from "../catalog/ward-migration.js";
import { refType, withId } from "../db/dialect.js";

export const supervisionMigrations: DbMigration[] = [
  {
    name: "1000_supervision",
    async up(db, dialect) {
      await withId(db.schema.createTable("supervisions"), dialect)
        .addColumn("year", "integer", (c) => c.notNull())
        .addColumn("held_on", "text", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("findings", "text", (c) => c.notNull())
        .addColumn("created_by", refType, (c) => c.references("users.id").onDelete("set null"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("supervisions_year_idx").on("supervisions").columns(["year", "held_on"]).execute();
      await db.schema
        .createTable("supervision_units")
        .addColumn("supervision_id", refType, (c) => c.notNull().references("supervisions.id").onDelete("cascade"))
        .addColumn("unit_id", refType, (c) => c.notNull().references("units.id").onDelete("cascade"))
        .addPrimaryKeyConstraint("supervision_units_pk", ["supervision_id", "unit_id"])
        .execute();
      await withId(db.schema.createTable("supervision_recommendations"), dialect)
        .addColumn("supervision_id", refType, (c) => c.notNull().references("supervisions.id").onDelete("cascade"))
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("unit_id", refType, (c) => c.notNull().references("units.id").onDelete("restrict"))
        .addColumn("due_at", "text", (c) => c.notNull())
        .addColumn("answer", "text")
        .addColumn("answered_at", "text")
        .addColumn("answered_by", refType, (c) => c.references("users.id").onDelete("set null"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("supervision_recs_unit_idx").on("supervision_recommendations").columns(["unit_id", "due_at"]).execute();
      await db.schema.createIndex("supervision_recs_sup_idx").on("supervision_recommendations").column("supervision_id").execute();
    },
  },
  {
    // A supervision is the ward's Fatherland Front's: it belongs to the ward of the units it concerns.
    name: "1010_supervision_per_ward",
    async up(db) {
      await addWardColumn(db, "supervisions", { table: "supervision_units", rowColumn: "supervision_id" }, ["year", "held_on"]);
    },
  },
];
