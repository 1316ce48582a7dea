import type { DbMigration } from "../db/migrator.js";
import { fk, refType } from "../db/dialect.js";

export const exportsMigrations: DbMigration[] = [
  {
    name: "0850_summary_sections",
    async up(db) {
      await db.schema
        .createTable("summary_sections")
        .addColumn("period_id", refType, (c) => c.notNull().references("periods.id").onDelete("cascade"))
        // 0 = the whole catalog's units; a unit id = that unit's subtree (no foreign key: 0 is no unit)
        .addColumn("scope_unit_id", "integer", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("updated_by", refType, fk("users", "set null"))
        .addPrimaryKeyConstraint("summary_sections_pk", ["period_id", "scope_unit_id", "key"])
        .execute();
    },
  },
];
