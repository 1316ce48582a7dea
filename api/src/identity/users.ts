import type { AppContext } from "../http/context.js";
import type { Me } from "../contract/identity.js";
import { notFound } from "../lib/errors.js";

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
