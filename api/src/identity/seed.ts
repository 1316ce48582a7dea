import type { AppContext } from "../http/context.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { ensureUserByUsername } from "./users.js";
import { clearFailures } from "./lockout.js";

/** The password of the initial staff account outside production when STAFF_PASSWORD is not set. */
export const DEV_STAFF_PASSWORD = "ThanhNien@2026";

/**
 * The initial staff account (Phòng VHXH), so the ward office can sign in from a desktop browser.
 * Idempotent: an existing account is left alone, except that an explicitly set STAFF_PASSWORD that
 * no longer matches replaces the stored hash (the operator's way to reset a forgotten password).
 */
export async function seedIdentity(ctx: AppContext): Promise<void> {
  const { db } = ctx.database;
  const { staffUsername, staffPassword } = ctx.config.identity;
  const username = staffUsername.toLowerCase();
  const password = staffPassword ?? (ctx.config.env === "production" ? undefined : DEV_STAFF_PASSWORD);
  if (!password) {
    ctx.logger.warn(
      "STAFF_PASSWORD is not set: the initial staff account was not created (Chưa đặt STAFF_PASSWORD nên chưa tạo tài khoản cán bộ).",
    );
    return;
  }
  const existing = await db.selectFrom("users").select(["id", "password_hash"]).where("username", "=", username).executeTakeFirst();
  const now = ctx.clock.now().toISOString();
  if (existing) {
    if (staffPassword && !(await verifyPassword(staffPassword, existing.password_hash))) {
      await db
        .updateTable("users")
        .set({ password_hash: await hashPassword(staffPassword), updated_at: now })
        .where("id", "=", existing.id)
        .execute();
      await clearFailures(db, existing.id);
      ctx.logger.info({ username }, "staff password replaced from STAFF_PASSWORD");
    }
    return;
  }
  const unit = await db.selectFrom("units").select("id").where("code", "=", "VHXH").executeTakeFirst();
  const name = "Cán bộ Phòng Văn hóa - Xã hội";
  await ensureUserByUsername(
    db,
    { username, name, role: "staff", unitId: unit?.id ?? null, source: "password", passwordHash: await hashPassword(password) },
    now,
  );
  if (!staffPassword) ctx.logger.info({ username }, "initial staff account created with the development default password");
}
