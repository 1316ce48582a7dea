import type { Kysely } from "kysely";
import type { AppContext } from "../http/context.js";
import type { DB } from "../db/schema.js";
import type { Me, User } from "../contract/identity.js";
import { badRequest, notFound } from "../lib/errors.js";
import { toBool } from "../db/dialect.js";

/** The signed-in person as the mini app sees them (GET /api/me). */
export async function loadMe(ctx: AppContext, userId: number): Promise<Me> {
  const row = await ctx.database.db
    .selectFrom("users")
    .leftJoin("units", "units.id", "users.unit_id")
    .select([
      "users.id",
      "users.name",
      "users.avatar_url",
      "users.role",
      "users.phone",
      "users.consent_at",
      "units.id as unit_id",
      "units.code as unit_code",
      "units.name as unit_name",
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
    hasPhone: !!row.phone,
    consented: !!row.consent_at,
  };
}

/** The users admin view of accounts (GET /api/users), newest first. */
export function selectUsers(db: Kysely<DB>) {
  return db
    .selectFrom("users")
    .leftJoin("units", "units.id", "users.unit_id")
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
      "users.locked_until",
      "units.id as unit_id",
      "units.code as unit_code",
      "units.name as unit_name",
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
