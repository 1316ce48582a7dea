import { sql } from "kysely";
import type { DbMigration } from "../db/migrator.js";
import { fk, refType, withId } from "../db/dialect.js";

export const feedbackMigrations: DbMigration[] = [
  {
    name: "0700_feedback",
    async up(db, dialect) {
      await withId(db.schema.createTable("feedback_categories"), dialect)
        .addColumn("code", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("answer_days", "integer", (c) => c.notNull().defaultTo(5))
        .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("feedback_counters")
        .addColumn("year", "integer", (c) => c.primaryKey())
        .addColumn("last_seq", "integer", (c) => c.notNull().defaultTo(0))
        .execute();

      await withId(db.schema.createTable("feedback_items"), dialect)
        .addColumn("code", "text", (c) => c.notNull().unique())
        .addColumn("sender_id", refType, (c) => c.notNull().references("users.id").onDelete("restrict"))
        .addColumn("category_id", refType, (c) => c.notNull().references("feedback_categories.id").onDelete("restrict"))
        .addColumn("content", "text", (c) => c.notNull())
        .addColumn("search_text", "text", (c) => c.notNull())
        .addColumn("photos", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("hidden_photo_ids", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("place_unit_id", refType, fk("units", "set null"))
        .addColumn("allow_public", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("anonymous", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("status", "text", (c) => c.notNull().defaultTo("received"))
        .addColumn("status_reason", "text")
        .addColumn("assigned_unit_id", refType, fk("units", "set null"))
        .addColumn("due_at", "text", (c) => c.notNull())
        .addColumn("answered_at", "text")
        .addColumn("hidden", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("hidden_by", "text")
        .addColumn("flags_count", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("flags_reviewed", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("supports_count", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("idempotency_key", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("feedback_items_sender_key_uq", ["sender_id", "idempotency_key"])
        .execute();
      await db.schema.createIndex("feedback_items_sender_idx").on("feedback_items").columns(["sender_id", "created_at"]).execute();
      await db.schema.createIndex("feedback_items_status_idx").on("feedback_items").columns(["status", "due_at"]).execute();
      await db.schema.createIndex("feedback_items_unit_idx").on("feedback_items").column("assigned_unit_id").execute();
      await db.schema.createIndex("feedback_items_category_idx").on("feedback_items").column("category_id").execute();
      await db.schema.createIndex("feedback_items_created_idx").on("feedback_items").column("created_at").execute();

      await withId(db.schema.createTable("feedback_answers"), dialect)
        .addColumn("item_id", refType, (c) => c.notNull().references("feedback_items.id").onDelete("cascade"))
        .addColumn("author_id", refType, (c) => c.notNull().references("users.id").onDelete("restrict"))
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("attachments", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("is_public", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("feedback_answers_item_idx").on("feedback_answers").column("item_id").execute();

      await withId(db.schema.createTable("feedback_notes"), dialect)
        .addColumn("item_id", refType, (c) => c.notNull().references("feedback_items.id").onDelete("cascade"))
        .addColumn("author_id", refType, (c) => c.notNull().references("users.id").onDelete("restrict"))
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("feedback_notes_item_idx").on("feedback_notes").column("item_id").execute();

      await db.schema
        .createTable("feedback_supports")
        .addColumn("item_id", refType, (c) => c.notNull().references("feedback_items.id").onDelete("cascade"))
        .addColumn("user_id", refType, (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("feedback_supports_pk", ["item_id", "user_id"])
        .execute();

      await db.schema
        .createTable("feedback_flags")
        .addColumn("item_id", refType, (c) => c.notNull().references("feedback_items.id").onDelete("cascade"))
        .addColumn("user_id", refType, (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("reason", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("feedback_flags_pk", ["item_id", "user_id"])
        .execute();
    },
  },
  {
    // What a sending was, next to its Idempotency-Key: the same key with another body is refused.
    name: "0701_feedback_request_hash",
    async up(db) {
      await db.schema.alterTable("feedback_items").addColumn("request_hash", "text").execute();
    },
  },
  {
    // Feedback belongs to the ward it was sent in (the sender's at the time): its staff handle it, its
    // youth see it answered in public. Existing items go to their sender's ward, or the first ward.
    name: "0702_feedback_ward",
    async up(db) {
      await db.schema.alterTable("feedback_items").addColumn("ward_id", "integer").execute();
      await db.schema.createIndex("feedback_items_ward_idx").on("feedback_items").columns(["ward_id", "id"]).execute();
      await sql`update feedback_items set ward_id = (select u.ward_id from users u where u.id = feedback_items.sender_id)`.execute(db);
      const ward = await db.selectFrom("units").select("id").where("kind", "=", "ward").orderBy("sort_order").orderBy("id").executeTakeFirst();
      if (ward) await db.updateTable("feedback_items").set({ ward_id: ward.id }).where("ward_id", "is", null).execute();
    },
  },
];
