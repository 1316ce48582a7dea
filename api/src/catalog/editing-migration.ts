import type { DbMigration } from "../db/migrator.js";
import { fk, refType, withId } from "../db/dialect.js";

/**
 * The catalog staff can edit: each indicator's aggregation rule and active flag, its yearly
 * milestones, an audit trail of every change, and the facts of the ward's plan (number, date).
 */
export const catalogEditingMigrations: DbMigration[] = [
  {
    name: "0120_catalog_editing",
    async up(db, dialect) {
      await db.schema.alterTable("indicators").addColumn("aggregation", "text", (c) => c.notNull().defaultTo("sum")).execute();
      await db.schema.alterTable("indicators").addColumn("aggregation_unit_id", refType, fk("units", "set null")).execute();
      await db.schema.alterTable("indicators").addColumn("aggregation_reason", "text", (c) => c.notNull().defaultTo("")).execute();
      await db.schema.alterTable("indicators").addColumn("active", "integer", (c) => c.notNull().defaultTo(1)).execute();
      await db.schema.alterTable("indicators").addColumn("roadmap_seeded", "integer", (c) => c.notNull().defaultTo(0)).execute();

      await db.schema
        .createTable("indicator_milestones")
        .addColumn("indicator_id", refType, (c) => c.notNull().references("indicators.id").onDelete("cascade"))
        .addColumn("year", "integer", (c) => c.notNull())
        .addColumn("value", "real", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        // no foreign key: the users table comes later (0200), and users are disabled, never deleted
        .addColumn("updated_by", refType)
        .addPrimaryKeyConstraint("indicator_milestones_pk", ["indicator_id", "year"])
        .execute();

      await withId(db.schema.createTable("catalog_audit"), dialect)
        .addColumn("entity", "text", (c) => c.notNull())
        .addColumn("entity_id", "integer", (c) => c.notNull())
        .addColumn("user_id", refType)
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("field", "text", (c) => c.notNull())
        .addColumn("old_value", "text")
        .addColumn("new_value", "text")
        .execute();
      await db.schema.createIndex("catalog_audit_entity_idx").on("catalog_audit").columns(["entity", "entity_id", "id"]).execute();

      await db.schema
        .createTable("plan_settings")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("updated_by", refType)
        .execute();
    },
  },
];
