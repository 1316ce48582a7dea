import crypto from "node:crypto";
import { sql } from "kysely";
import type { DbMigration } from "../db/migrator.js";
import { createSubstringIndex, createTrigger, dropTrigger, fk, refType, withId } from "../db/dialect.js";
import { firstWardId } from "../catalog/ward-migration.js";
import { foldVietnamese } from "../lib/text.js";

export const DEFAULT_CATEGORIES = ["Tin tức", "Văn bản chỉ đạo", "Sự kiện - Hoạt động", "Việc làm - Học nghề"];

export const announcementsMigrations: DbMigration[] = [
  {
    name: "0500_announcements",
    async up(db, dialect) {
      await withId(db.schema.createTable("announcement_categories"), dialect)
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("name_key", "text", (c) => c.notNull().unique())
        .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable("announcements"), dialect)
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("category_id", refType, (c) => c.notNull().references("announcement_categories.id").onDelete("restrict"))
        .addColumn("cover_json", "text")
        .addColumn("attachments_json", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("audience", "text", (c) => c.notNull())
        .addColumn("pinned", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("publish_at", "text")
        .addColumn("published_at", "text")
        .addColumn("expires_at", "text")
        .addColumn("requires_ack", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("edited_at", "text")
        .addColumn("archived_at", "text")
        .addColumn("sort_at", "text", (c) => c.notNull())
        .addColumn("search_text", "text", (c) => c.notNull())
        .addColumn("view_count", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("last_reminded_at", "text")
        .addColumn("seed_key", "text", (c) => c.unique())
        .addColumn("created_by", refType, fk("users", "set null"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("announcements_feed_idx").on("announcements").columns(["status", "pinned", "sort_at", "id"]).execute();
      await db.schema.createIndex("announcements_due_idx").on("announcements").columns(["status", "publish_at"]).execute();

      await db.schema
        .createTable("announcement_units")
        .addColumn("announcement_id", refType, (c) => c.notNull().references("announcements.id").onDelete("cascade"))
        .addColumn("unit_id", refType, (c) => c.notNull().references("units.id").onDelete("cascade"))
        .addPrimaryKeyConstraint("announcement_units_pk", ["announcement_id", "unit_id"])
        .execute();
      await db.schema.createIndex("announcement_units_unit_idx").on("announcement_units").column("unit_id").execute();

      await db.schema
        .createTable("announcement_reads")
        .addColumn("announcement_id", refType, (c) => c.notNull().references("announcements.id").onDelete("cascade"))
        .addColumn("user_id", refType, (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("first_read_at", "text", (c) => c.notNull())
        .addColumn("last_read_at", "text", (c) => c.notNull())
        .addColumn("views", "integer", (c) => c.notNull().defaultTo(1))
        .addPrimaryKeyConstraint("announcement_reads_pk", ["announcement_id", "user_id"])
        .execute();
      await db.schema.createIndex("announcement_reads_user_idx").on("announcement_reads").columns(["user_id", "announcement_id"]).execute();

      await withId(db.schema.createTable("announcement_acks"), dialect)
        .addColumn("announcement_id", refType, (c) => c.notNull().references("announcements.id").onDelete("cascade"))
        .addColumn("scope_key", "text", (c) => c.notNull())
        .addColumn("unit_id", refType, fk("units", "cascade"))
        .addColumn("user_id", refType, (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("acked_at", "text", (c) => c.notNull())
        .addUniqueConstraint("announcement_acks_scope_uq", ["announcement_id", "scope_key"])
        .execute();

      // The default categories exist on every installation (staff may add more).
      const at = "2026-01-01T00:00:00.000Z";
      await db
        .insertInto("announcement_categories")
        .values(DEFAULT_CATEGORIES.map((name, i) => ({ name, name_key: foldVietnamese(name), sort_order: (i + 1) * 10, created_at: at })))
        .execute();
    },
  },
  {
    // The feed at city scale (issue 13): a revision that changes with anything a feed shows, so a
    // 304 is decided without building the feed; per-reader read counts; search by index.
    name: "0510_announcements_feed_revision",
    async up(db, dialect) {
      await db.schema
        .createTable("announcement_feed_state")
        .addColumn("id", "integer", (c) => c.primaryKey())
        .addColumn("revision", "integer", (c) => c.notNull())
        .addColumn("epoch", "text", (c) => c.notNull())
        .execute();
      // epoch: another database (a restore, a test's fresh one) never reuses this one's revisions.
      await db.insertInto("announcement_feed_state").values({ id: 1, revision: 1, epoch: crypto.randomBytes(6).toString("base64url") }).execute();
      const bump = "UPDATE announcement_feed_state SET revision = revision + 1 WHERE id = 1";
      for (const event of ["insert", "delete"] as const) {
        await createTrigger(db, dialect, { name: `announcements_rev_${event}`, table: "announcements", event, statements: bump });
        await createTrigger(db, dialect, { name: `announcement_units_rev_${event}`, table: "announcement_units", event, statements: bump });
        await createTrigger(db, dialect, { name: `announcement_categories_rev_${event}`, table: "announcement_categories", event, statements: bump });
      }
      // Every column a feed item shows or filters on (not view_count, last_reminded_at, updated_at).
      const shown = ["title", "body", "category_id", "cover_json", "attachments_json", "audience", "pinned", "status", "publish_at", "published_at", "expires_at", "requires_ack", "edited_at", "sort_at"];
      await createTrigger(db, dialect, { name: "announcements_rev_update", table: "announcements", event: "update", columns: shown, statements: bump });
      await createTrigger(db, dialect, { name: "announcement_categories_rev_update", table: "announcement_categories", event: "update", columns: ["name"], statements: bump });

      await db.schema
        .createTable("announcement_reader_state")
        .addColumn("user_id", refType, (c) => c.primaryKey().references("users.id").onDelete("cascade"))
        .addColumn("read_count", "integer", (c) => c.notNull())
        .execute();
      await sql`insert into announcement_reader_state (user_id, read_count) select user_id, count(*) from announcement_reads group by user_id`.execute(db);
      await createTrigger(db, dialect, {
        name: "announcement_reads_count_insert",
        table: "announcement_reads",
        event: "insert",
        perRow: true,
        statements:
          "INSERT INTO announcement_reader_state (user_id, read_count) VALUES (NEW.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET read_count = announcement_reader_state.read_count + 1",
      });
      await createTrigger(db, dialect, {
        name: "announcement_reads_count_delete",
        table: "announcement_reads",
        event: "delete",
        perRow: true,
        statements: "UPDATE announcement_reader_state SET read_count = read_count - 1 WHERE user_id = OLD.user_id",
      });

      // "the latest expiry that has passed" is one index probe
      await db.schema.createIndex("announcements_expires_idx").on("announcements").column("expires_at").execute();
      await createSubstringIndex(db, dialect, "announcements", "search_text");
    },
  },
  {
    // Notices belong to a ward (issue 14); ward_id null is a city notice (Sở Nội vụ). What existed
    // belongs to the first ward. The feed's revision becomes one counter per ward (and one, key 0, for
    // the city's notices): a ward's ETag sums its own, the city's and the categories' (the global row),
    // so a notice of another ward leaves a ward's phones on their 304.
    name: "0520_announcements_ward",
    async up(db, dialect) {
      await db.schema.alterTable("announcements").addColumn("ward_id", "integer").execute();
      const ward = await firstWardId(db);
      if (ward !== null) await db.updateTable("announcements").set({ ward_id: ward }).execute();
      // "the latest expiry passed" per ward and for the city's notices: one index probe each
      await db.schema.createIndex("announcements_ward_expires_idx").on("announcements").columns(["ward_id", "expires_at"]).execute();

      await db.schema
        .createTable("announcement_feed_revisions")
        .addColumn("ward_key", "integer", (c) => c.primaryKey())
        .addColumn("revision", "integer", (c) => c.notNull())
        .execute();
      for (const event of ["insert", "delete", "update"] as const) await dropTrigger(db, dialect, `announcements_rev_${event}`, "announcements");
      for (const event of ["insert", "delete"] as const) await dropTrigger(db, dialect, `announcement_units_rev_${event}`, "announcement_units");
      const bump = (ward: string) =>
        `INSERT INTO announcement_feed_revisions (ward_key, revision) VALUES (COALESCE(${ward}, 0), 1) ON CONFLICT (ward_key) DO UPDATE SET revision = announcement_feed_revisions.revision + 1`;
      const shown = ["title", "body", "category_id", "cover_json", "attachments_json", "audience", "pinned", "status", "publish_at", "published_at", "expires_at", "requires_ack", "edited_at", "sort_at", "ward_id"];
      await createTrigger(db, dialect, { name: "announcements_ward_rev_insert", table: "announcements", event: "insert", perRow: true, statements: bump("NEW.ward_id") });
      await createTrigger(db, dialect, { name: "announcements_ward_rev_delete", table: "announcements", event: "delete", perRow: true, statements: bump("OLD.ward_id") });
      await createTrigger(db, dialect, { name: "announcements_ward_rev_update", table: "announcements", event: "update", columns: shown, perRow: true, statements: bump("NEW.ward_id") });
      const ofNotice = (row: "NEW" | "OLD") => `(SELECT a.ward_id FROM announcements a WHERE a.id = ${row}.announcement_id)`;
      await createTrigger(db, dialect, { name: "announcement_units_ward_rev_insert", table: "announcement_units", event: "insert", perRow: true, statements: bump(ofNotice("NEW")) });
      await createTrigger(db, dialect, { name: "announcement_units_ward_rev_delete", table: "announcement_units", event: "delete", perRow: true, statements: bump(ofNotice("OLD")) });
    },
  },
];
