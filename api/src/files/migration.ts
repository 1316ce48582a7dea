import type { DbMigration } from "../db/migrator.js";
import { fk, refType } from "../db/dialect.js";

export const filesMigrations: DbMigration[] = [
  {
    name: "0300_files",
    async up(db) {
      await db.schema
        .createTable("files")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("mime", "text", (c) => c.notNull())
        .addColumn("size", "integer", (c) => c.notNull())
        .addColumn("sha256", "text", (c) => c.notNull())
        .addColumn("storage_path", "text", (c) => c.notNull())
        .addColumn("uploaded_by", refType, fk("users", "set null"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("hidden", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex("files_uploaded_by_idx").on("files").column("uploaded_by").execute();
    },
  },
];
