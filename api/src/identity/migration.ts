import { sql } from "kysely";
import type { DbMigration } from "../db/migrator.js";
import { fk, refType, withId } from "../db/dialect.js";
import { userSearchText } from "./search-text.js";

export const identityMigrations: DbMigration[] = [
  {
    name: "0200_identity",
    async up(db, dialect) {
      await withId(db.schema.createTable("users"), dialect)
        .addColumn("zalo_id", "text", (c) => c.unique())
        .addColumn("username", "text", (c) => c.unique())
        .addColumn("password_hash", "text")
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("avatar_url", "text")
        .addColumn("phone", "text")
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("unit_id", refType, fk("units", "set null"))
        .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("consent_at", "text")
        .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("locked_until", "text")
        .addColumn("source", "text", (c) => c.notNull().defaultTo("zalo"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("users_unit_idx").on("users").column("unit_id").execute();

      await withId(db.schema.createTable("sessions"), dialect)
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("user_id", refType, (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("revoked_at", "text")
        .execute();

      await withId(db.schema.createTable("invitations"), dialect)
        .addColumn("code", "text", (c) => c.notNull().unique())
        .addColumn("unit_id", refType, (c) => c.notNull().references("units.id").onDelete("cascade"))
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("created_by", refType, (c) => c.notNull().references("users.id"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("used_by", refType, fk("users", "set null"))
        .addColumn("used_at", "text")
        .execute();
    },
  },
  {
    // Search in the users admin ignores diacritics: a folded copy of name, username and phone.
    name: "0201_users_search",
    async up(db) {
      await db.schema.alterTable("users").addColumn("search_text", "text", (c) => c.notNull().defaultTo("")).execute();
      const rows = await db.selectFrom("users").select(["id", "name", "username", "phone", "source"]).execute();
      for (const r of rows) {
        await db.updateTable("users").set({ search_text: userSearchText(r) }).where("id", "=", r.id).execute();
      }
    },
  },
  {
    // Lock-outs per account and source, so a guesser elsewhere cannot lock the staff out.
    name: "0202_login_failures",
    async up(db) {
      await db.schema
        .createTable("login_failures")
        .addColumn("user_id", refType, (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("locked_until", "text")
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("login_failures_pk", ["user_id", "source"])
        .execute();
    },
  },
  {
    // Every account belongs to one ward (its tenant), but city staff: a focal point to its unit's ward,
    // existing youth, staff and observers to the ward of this (so far single-ward) database.
    name: "0203_users_ward",
    async up(db) {
      await db.schema.alterTable("users").addColumn("ward_id", "integer").execute();
      await db.schema.createIndex("users_ward_idx").on("users").column("ward_id").execute();
      const ward = await db.selectFrom("units").select("id").where("kind", "=", "ward").orderBy("sort_order").orderBy("id").executeTakeFirst();
      if (!ward) return;
      await sql`update users set ward_id = (select u.ward_id from units u where u.id = users.unit_id) where unit_id is not null`.execute(db);
      await db.updateTable("users").set({ ward_id: ward.id }).where("ward_id", "is", null).where("role", "!=", "city_staff").execute();
    },
  },
  {
    // A youth's ward is either chosen (a ward's link, an invitation, their own choice) or only the default
    // one, which the app asks them to confirm. Accounts that exist already keep theirs as chosen.
    name: "0204_users_ward_chosen",
    async up(db) {
      await db.schema.alterTable("users").addColumn("ward_chosen_at", "text").execute();
      await sql`update users set ward_chosen_at = updated_at`.execute(db);
    },
  },
];
