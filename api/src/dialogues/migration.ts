import type { DbMigration } from "../db/migrator.js";
import { addWardColumn } from "../catalog/ward-migration.js";
import { refType, withId } from "../db/dialect.js";

export const dialoguesMigrations: DbMigration[] = [
  {
    name: "1100_dialogues",
    async up(db, dialect) {
      await withId(db.schema.createTable("dialogues"), dialect)
        .addColumn("year", "integer", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("held_at", "text", (c) => c.notNull())
        .addColumn("place", "text", (c) => c.notNull())
        .addColumn("presided_by", "text", (c) => c.notNull())
        .addColumn("questions_open_at", "text", (c) => c.notNull())
        .addColumn("questions_close_at", "text", (c) => c.notNull())
        .addColumn("announced_at", "text", (c) => c.notNull())
        .addColumn("notice_days", "integer", (c) => c.notNull())
        .addColumn("announcement_id", refType, (c) => c.references("announcements.id").onDelete("set null"))
        .addColumn("status", "text", (c) => c.notNull().defaultTo("announced"))
        .addColumn("answers_published_at", "text")
        .addColumn("attendees", "integer")
        .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("question_seq", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_by", refType, (c) => c.references("users.id").onDelete("set null"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("dialogues_year_idx").on("dialogues").columns(["year", "held_at"]).execute();
      await withId(db.schema.createTable("dialogue_questions"), dialect)
        .addColumn("dialogue_id", refType, (c) => c.notNull().references("dialogues.id").onDelete("cascade"))
        .addColumn("code", "text", (c) => c.notNull().unique())
        .addColumn("sender_id", refType, (c) => c.notNull().references("users.id").onDelete("restrict"))
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("anonymous", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("hidden", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("hidden_by", "text")
        .addColumn("flags_count", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("flags_reviewed", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("supports_count", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("group_label", "text")
        .addColumn("position", "integer")
        .addColumn("answer", "text")
        .addColumn("published_answer", "text")
        .addColumn("answered_at", "text")
        .addColumn("answered_by", refType, (c) => c.references("users.id").onDelete("set null"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("dialogue_questions_dialogue_idx").on("dialogue_questions").columns(["dialogue_id", "supports_count"]).execute();
      await db.schema.createIndex("dialogue_questions_sender_idx").on("dialogue_questions").columns(["sender_id", "created_at"]).execute();
      for (const table of ["dialogue_question_supports", "dialogue_question_flags"]) {
        let t = db.schema
          .createTable(table)
          .addColumn("question_id", refType, (c) => c.notNull().references("dialogue_questions.id").onDelete("cascade"))
          .addColumn("user_id", refType, (c) => c.notNull().references("users.id").onDelete("cascade"))
          .addColumn("created_at", "text", (c) => c.notNull());
        if (table.endsWith("flags")) t = t.addColumn("reason", "text");
        await t.addPrimaryKeyConstraint(`${table}_pk`, ["question_id", "user_id"]).execute();
      }
    },
  },
  {
    // A dialogue is one ward's chair's with its youth: existing ones belong to the (single) ward.
    name: "1110_dialogues_per_ward",
    async up(db) {
      await addWardColumn(db, "dialogues", null, ["year", "held_at"]);
    },
  },
];
