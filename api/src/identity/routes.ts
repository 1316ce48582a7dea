import type { RouteBuilder } from "../http/route.js";
import { DevSignInSchema, MeSchema, SessionSchema } from "../contract/identity.js";
import { ROLE_LABELS } from "../contract/identity-labels.js";
import { AppError, badRequest } from "../lib/errors.js";
import { openSession, revokeSession } from "./sessions.js";
import { loadMe } from "./users.js";

const TAG = "Danh tính";

export function registerIdentityRoutes(r: RouteBuilder): void {
  r.add(
    {
      method: "post",
      path: "/api/auth/dev",
      tag: TAG,
      summary: "Đăng nhập thử nghiệm theo vai trò (chỉ khi bật chế độ thử nghiệm)",
      body: DevSignInSchema,
      response: SessionSchema,
    },
    async ({ body, ctx }) => {
      if (!ctx.config.devSignIn) {
        throw new AppError(403, "DEV_SIGNIN_DISABLED", "Chế độ đăng nhập thử nghiệm đã bị tắt trên máy chủ này.");
      }
      const { db } = ctx.database;
      let unitId: number | null = null;
      if (body.role === "focal") {
        if (!body.unitId) throw badRequest("UNIT_REQUIRED", "Vui lòng chọn đơn vị cho đầu mối.");
        const unit = await db.selectFrom("units").select("id").where("id", "=", body.unitId).executeTakeFirst();
        if (!unit) throw badRequest("UNKNOWN_UNIT", "Đơn vị không tồn tại.");
        unitId = unit.id;
      }
      const username = `dev:${body.role}:${unitId ?? 0}:${body.name ?? ""}`;
      const now = ctx.clock.now().toISOString();
      const name = body.name ?? `${ROLE_LABELS[body.role]} (thử nghiệm)`;
      await db
        .insertInto("users")
        .values({
          username,
          name,
          role: body.role,
          unit_id: unitId,
          source: "dev",
          consent_at: now,
          disabled: 0,
          failed_logins: 0,
          created_at: now,
          updated_at: now,
          zalo_id: null,
          password_hash: null,
          avatar_url: null,
          phone: null,
          locked_until: null,
        })
        .onConflict((oc) => oc.column("username").doNothing())
        .execute();
      const user = await db.selectFrom("users").select(["id", "disabled"]).where("username", "=", username).executeTakeFirstOrThrow();
      if (user.disabled) throw new AppError(403, "ACCOUNT_DISABLED", "Tài khoản của bạn đã bị khóa. Vui lòng liên hệ cán bộ phường.");
      return openSession(ctx, user.id);
    },
  );

  r.add(
    { method: "get", path: "/api/me", tag: TAG, summary: "Thông tin người đang đăng nhập", response: MeSchema },
    async ({ user, ctx }) => loadMe(ctx, user!.id),
  );

  r.add(
    { method: "post", path: "/api/auth/logout", tag: TAG, summary: "Đăng xuất (thu hồi phiên)" },
    async ({ user, ctx }) => {
      await revokeSession(ctx, user!.sessionId);
      return undefined;
    },
  );
}
