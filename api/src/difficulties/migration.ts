import type { DbMigration } from "../db/migrator.js";
import { fk, refType, withId } from "../db/dialect.js";
import { foldVietnamese } from "../lib/text.js";
import { DEFAULT_DIFFICULTY_THEMES } from "../contract/difficulties-labels.js";

export const difficultiesMigrations: DbMigration[] = [
  {
    name: "0900_difficulties",
    async up(db, dialect) {
      await withId(db.schema.createTable("difficulty_themes"), dialect)
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("name_key", "text", (c) => c.notNull().unique())
        .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable("difficulty_items"), dialect)
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("period_id", refType, (c) => c.notNull().references("periods.id").onDelete("cascade"))
        .addColumn("unit_id", refType, (c) => c.notNull().references("units.id").onDelete("cascade"))
        .addColumn("year", "integer", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("text_key", "text", (c) => c.notNull())
        .addColumn("theme_id", refType, fk("difficulty_themes", "set null"))
        .addColumn("state", "text", (c) => c.notNull().defaultTo("new"))
        .addColumn("merged_into_id", refType, fk("difficulty_items", "set null"))
        .addColumn("forwarded_to", "text")
        .addColumn("forwarded_at", "text")
        .addColumn("answer", "text")
        .addColumn("resolved_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("difficulty_items_line_uq", ["period_id", "unit_id", "kind", "text_key"])
        .execute();
      await db.schema.createIndex("difficulty_items_year_idx").on("difficulty_items").columns(["year", "state"]).execute();
      await db.schema.createIndex("difficulty_items_unit_idx").on("difficulty_items").column("unit_id").execute();
      const at = "2026-01-01T00:00:00.000Z";
      await db
        .insertInto("difficulty_themes")
        .values(DEFAULT_DIFFICULTY_THEMES.map((name, i) => ({ name, name_key: foldVietnamese(name), sort_order: (i + 1) * 10, created_at: at })))
        .execute();
    },
  },
];
