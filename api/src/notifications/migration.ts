import type { DbMigration } from "../db/migrator.js";
import { refType, withId } from "../db/dialect.js";

export const notificationsMigrations: DbMigration[] = [
  {
    name: "0400_notifications",
    async up(db, dialect) {
      await withId(db.schema.createTable("notifications"), dialect)
        .addColumn("user_id", refType, (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("link", "text")
        .addColumn("dedupe_key", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("read_at", "text")
        .addColumn("push_status", "text", (c) => c.notNull().defaultTo("pending"))
        .addColumn("push_attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("push_next_at", "text")
        .addColumn("push_claimed_until", "text")
        .addColumn("push_sent_at", "text")
        .addColumn("push_error", "text")
        .addColumn("source", "text")
        .addUniqueConstraint("notifications_user_dedupe_uq", ["user_id", "dedupe_key"])
        .execute();
      await db.schema.createIndex("notifications_user_idx").on("notifications").columns(["user_id", "id"]).execute();
      await db.schema.createIndex("notifications_push_idx").on("notifications").columns(["push_status", "push_next_at"]).execute();
      await db.schema.createIndex("notifications_source_idx").on("notifications").column("source").execute();
    },
  },
  {
    name: "0401_zalo_tokens",
    async up(db) {
      await db.schema
        .createTable("zalo_tokens")
        .addColumn("kind", "text", (c) => c.primaryKey())
        .addColumn("access_token", "text")
        .addColumn("refresh_token", "text")
        .addColumn("env_refresh_token", "text")
        .addColumn("expires_at", "text")
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
    },
  },
];
