import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext } from "../http/context.js";
import type { Me, Role, User } from "../contract/identity.js";
import { userSearchText } from "./search-text.js";
import { badRequest, notFound } from "../lib/errors.js";
import { toBool } from "../db/dialect.js";
import { wardForAccount } from "../wards/queries.js";

/** The signed-in person as the mini app sees them (GET /api/me). */
export async function loadMe(ctx: AppContext, userId: number): Promise<Me> {
  const row = await ctx.database.db
    .selectFrom("users")
    .leftJoin("units", "units.id", "users.unit_id")
    .leftJoin("units as wards", "wards.id", "users.ward_id")
    .select([
      "users.id",
      "users.name",
      "users.avatar_url",
      "users.role",
      "users.phone",
      "users.consent_at",
      "users.ward_chosen_at",
      "units.id as unit_id",
      "units.code as unit_code",
      "units.name as unit_name",
      "wards.id as ward_id",
      "wards.code as ward_code",
      "wards.name as ward_name",
    ])
    .where("users.id", "=", userId)
    .executeTakeFirst();
  if (!row) throw notFound("Không tìm thấy người dùng.", "USER_NOT_FOUND");
  return {
    id: row.id,
    name: row.name,
    avatarUrl: row.avatar_url,
    role: row.role,
    unit: row.unit_id !== null ? { id: row.unit_id, code: row.unit_code!, name: row.unit_name! } : null,
    ward: row.ward_id !== null ? { id: row.ward_id, code: row.ward_code!, name: row.ward_name! } : null,
    hasPhone: !!row.phone,
    consented: !!row.consent_at,
    wardChosen: row.role !== "youth" || row.ward_chosen_at !== null,
  };
}

/** The users admin view of accounts (GET /api/users), newest first. */
export function selectUsers(db: Kysely<DB>) {
  return db
    .selectFrom("users")
    .leftJoin("units", "units.id", "users.unit_id")
    .leftJoin("units as wards", "wards.id", "users.ward_id")
    .select([
      "users.id",
      "users.name",
      "users.avatar_url",
      "users.role",
      "users.disabled",
      "users.source",
      "users.username",
      "users.phone",
      "users.consent_at",
      "users.created_at",
      // the latest lock-out after wrong passwords, from any source
      (eb) =>
        eb
          .selectFrom("login_failures")
          .select((f) => f.fn.max("login_failures.locked_until").as("m"))
          .whereRef("login_failures.user_id", "=", "users.id")
          .as("locked_until"),
      "units.id as unit_id",
      "units.code as unit_code",
      "units.name as unit_name",
      "wards.id as ward_id",
      "wards.code as ward_code",
      "wards.name as ward_name",
    ]);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof selectUsers>["execute"]>>[number];

export function toUser(row: UserRow, nowIso: string): User {
  return {
    id: row.id,
    name: row.name,
    avatarUrl: row.avatar_url,
    role: row.role,
    unit: row.unit_id !== null ? { id: row.unit_id, code: row.unit_code!, name: row.unit_name! } : null,
    ward: row.ward_id !== null ? { id: row.ward_id, code: row.ward_code!, name: row.ward_name! } : null,
    disabled: toBool(row.disabled),
    source: row.source,
    // Dev accounts carry a technical username that means nothing to people.
    username: row.source === "password" ? row.username : null,
    phone: row.phone,
    consented: !!row.consent_at,
    createdAt: row.created_at,
    lockedUntil: row.locked_until && row.locked_until > nowIso ? row.locked_until : null,
  };
}

/** Throws 400 UNKNOWN_UNIT unless the unit exists. */
export async function requireUnit(db: Kysely<DB>, unitId: number): Promise<{ id: number; code: string; name: string }> {
  const unit = await db.selectFrom("units").select(["id", "code", "name"]).where("id", "=", unitId).executeTakeFirst();
  if (!unit) throw badRequest("UNKNOWN_UNIT", "Đơn vị không tồn tại.");
  return unit;
}

export interface NewUser {
  username: string;
  name: string;
  role: Role;
  unitId: number | null;
  /** the ward asked for (youth, staff, observer); derived from the unit when there is one, none for city staff */
  wardId?: number | null;
  /** "dev", "password", "demo"… */
  source: string;
  passwordHash?: string | null;
  consentAt?: string | null;
}

/**
 * Creates the account with this username unless it already exists (idempotent: seeds, dev
 * sign-in) and returns its id. The one place that inserts username accounts.
 */
export async function ensureUserByUsername(db: Kysely<DB>, u: NewUser, now: string): Promise<number> {
  const wardId = await wardForAccount(db, u.role, u.unitId, u.wardId);
  await db
    .insertInto("users")
    .values({
      username: u.username,
      name: u.name,
      role: u.role,
      unit_id: u.unitId,
      ward_id: wardId,
      // an account made with its role and ward (seeds, dev sign-in) has its ward settled
      ward_chosen_at: now,
      source: u.source,
      password_hash: u.passwordHash ?? null,
      consent_at: u.consentAt ?? null,
      disabled: 0,
      failed_logins: 0,
      locked_until: null,
      zalo_id: null,
      avatar_url: null,
      phone: null,
      search_text: userSearchText({ name: u.name, username: u.username, phone: null, source: u.source }),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column("username").doNothing())
    .execute();
  const row = await db.selectFrom("users").select("id").where("username", "=", u.username).executeTakeFirstOrThrow();
  return row.id;
}
