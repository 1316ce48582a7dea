import { defaultWardId, wardForAccount } from "../wards/queries.js";
import type { Request, Response } from "express";
import { rateLimit } from "express-rate-limit";
import { databaseRateLimitStore } from "../db/rate-limit-store.js";
import type { RouteBuilder } from "../http/route.js";
import {
  DevSignInSchema,
  MeSchema,
  PasswordSignInSchema,
  SessionSchema,
  SharePhoneSchema,
  UpdateMeSchema,
  ZaloSignInSchema,
} from "../contract/identity.js";
import { NEUTRAL_NAME, ROLE_LABELS } from "../contract/identity-labels.js";
import { AppError, badRequest, conflict } from "../lib/errors.js";
import { formatDateVN, vnParts } from "../lib/time.js";
import { openSession, revokeSession } from "./sessions.js";
import { ensureUserByUsername, loadMe } from "./users.js";
import { fetchZaloPhone, fetchZaloProfile } from "./zalo-graph.js";
import { verifyPassword } from "./passwords.js";
import { userSearchText } from "./search-text.js";
import { clearFailures, LOCK_MINUTES, lockedUntil, MAX_FAILED_LOGINS, recordFailure } from "./lockout.js";
import { registerInvitationRoutes } from "./invitation-routes.js";
import { registerUserAdminRoutes } from "./user-routes.js";

const TAG = "Danh tính";


export const accountDisabled = () =>
  new AppError(403, "ACCOUNT_DISABLED", "Tài khoản của bạn đã bị khóa. Vui lòng liên hệ cán bộ phường.");

const pad = (n: number) => String(n).padStart(2, "0");
/** dd/MM/yyyy HH:mm in Vietnam time. */
const formatUntil = (iso: string) => {
  const p = vnParts(iso);
  return `${formatDateVN(iso)} ${pad(p.hour)}:${pad(p.minute)}`;
};

function accountLocked(res: Response, untilIso: string, nowMs: number): AppError {
  res.setHeader("Retry-After", String(Math.max(1, Math.ceil((Date.parse(untilIso) - nowMs) / 1000))));
  return new AppError(
    429,
    "ACCOUNT_LOCKED",
    `Đăng nhập từ thiết bị này tạm khóa do nhập sai mật khẩu ${MAX_FAILED_LOGINS} lần liên tiếp. Vui lòng thử lại sau ${formatUntil(untilIso)}, hoặc nhờ một cán bộ khác mở khóa.`,
    { lockedUntil: untilIso },
  );
}

export function registerIdentityRoutes(r: RouteBuilder): void {
  const { config } = r.ctx;

  // Password guessing from one address, across accounts: 429 before any hash is computed.
  const passwordLimiter = rateLimit({
    store: databaseRateLimitStore(r.ctx.database, "password:"), // counted across every API instance
    windowMs: 15 * 60_000,
    limit: config.identity.passwordRateLimit,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    // Without TRUST_PROXY a client-written X-Forwarded-For is ignored on purpose: no warning for it.
    validate: { xForwardedForHeader: false },
    handler: (_req, _res, next) =>
      next(new AppError(429, "TOO_MANY_REQUESTS", "Bạn đã thử đăng nhập quá nhiều lần từ thiết bị này. Vui lòng thử lại sau 15 phút.")),
  });
  const limitPasswordAttempts = (req: Request, res: Response) =>
    new Promise<void>((resolve, reject) => {
      void passwordLimiter(req, res, (err?: unknown) => (err ? reject(err) : resolve()));
    });

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
      const wardId = await wardForAccount(db, body.role, unitId, body.wardId);
      // one dev account per role, unit (or ward) and name
      const username = `dev:${body.role}:${unitId ?? 0}:${body.name ?? ""}${unitId === null && wardId !== null && body.wardId !== undefined ? `:w${wardId}` : ""}`;
      const now = ctx.clock.now().toISOString();
      const name = body.name ?? `${ROLE_LABELS[body.role]} (thử nghiệm)`;
      const id = await ensureUserByUsername(db, { username, name, role: body.role, unitId, wardId, source: "dev", consentAt: now }, now);
      const user = await db
        .selectFrom("users")
        .select(["id", "disabled", "role", "unit_id", "ward_id"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      if (user.disabled) throw accountDisabled();
      // The chooser promises the role picked: an earlier invitation or a staff change of this dev
      // account (say, youth made a focal point) is undone, so "Thanh niên" signs in as a youth.
      if (user.role !== body.role || user.unit_id !== unitId || user.ward_id !== wardId) {
        await db.updateTable("users").set({ role: body.role, unit_id: unitId, ward_id: wardId, ward_chosen_at: now, updated_at: now }).where("id", "=", user.id).execute();
      }
      return openSession(ctx, user.id);
    },
  );

  r.add(
    {
      method: "post",
      path: "/api/auth/zalo",
      tag: TAG,
      summary: "Đăng nhập bằng Zalo (access token của mini app, xác thực qua Zalo Graph API)",
      body: ZaloSignInSchema,
      response: SessionSchema,
    },
    async ({ body, ctx }) => {
      // Zalo is asked first: when it is down or the token is bad, nothing is written.
      const profile = await fetchZaloProfile(ctx.config, body.accessToken);
      const { db } = ctx.database;
      const now = ctx.clock.now().toISOString();
      const userId = await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("users")
          .values({
            zalo_id: profile.id,
            username: null,
            password_hash: null,
            // Without consent the account keeps a neutral name and no avatar.
            name: NEUTRAL_NAME,
            avatar_url: null,
            phone: null,
            role: "youth",
            unit_id: null,
            // a new youth belongs to the default ward until an invitation or their choice says otherwise
            ward_id: await defaultWardId(trx),
            // not chosen yet: the app asks (or a ward's link, an invitation settles it)
            ward_chosen_at: null,
            disabled: 0,
            consent_at: null,
            failed_logins: 0,
            locked_until: null,
            source: "zalo",
            search_text: userSearchText({ name: NEUTRAL_NAME, username: null, phone: null, source: "zalo" }),
            created_at: now,
            updated_at: now,
          })
          .onConflict((oc) => oc.column("zalo_id").doNothing())
          .execute();
        const user = await trx
          .selectFrom("users")
          .select(["id", "disabled", "consent_at", "name", "avatar_url", "phone", "username", "source"])
          .where("zalo_id", "=", profile.id)
          .executeTakeFirstOrThrow();
        if (user.disabled) throw accountDisabled();
        // With consent, keep the Zalo name and avatar current.
        if (user.consent_at && profile.name) {
          const name = profile.name;
          await trx
            .updateTable("users")
            .set({ name, avatar_url: profile.avatarUrl ?? user.avatar_url, search_text: userSearchText({ ...user, name }), updated_at: now })
            .where("id", "=", user.id)
            .execute();
        }
        return user.id;
      });
      return openSession(ctx, userId);
    },
  );

  r.add(
    {
      method: "post",
      path: "/api/auth/password",
      tag: TAG,
      summary: `Cán bộ đăng nhập bằng tên đăng nhập và mật khẩu (tạm khóa ${LOCK_MINUTES} phút sau ${MAX_FAILED_LOGINS} lần sai)`,
      body: PasswordSignInSchema,
      response: SessionSchema,
    },
    async ({ req, res, body, ctx }) => {
      await limitPasswordAttempts(req, res);
      const { db } = ctx.database;
      const nowDate = ctx.clock.now();
      const now = nowDate.toISOString();
      const user = await db
        .selectFrom("users")
        .select(["id", "password_hash", "disabled"])
        .where("username", "=", body.username.toLowerCase())
        .where("source", "=", "password")
        .executeTakeFirst();
      // The caller's address (X-Forwarded-For only counts when TRUST_PROXY names the proxy).
      const source = req.ip ?? req.socket.remoteAddress ?? "unknown";
      const locked = user ? await lockedUntil(db, user.id, source, now) : null;
      if (locked) throw accountLocked(res, locked, nowDate.getTime());
      const ok = await verifyPassword(body.password, user?.password_hash ?? null);
      if (!user || !ok) {
        const until = user ? await recordFailure(db, user.id, source, nowDate) : null;
        if (until) throw accountLocked(res, until, nowDate.getTime());
        throw new AppError(
          401,
          "INVALID_CREDENTIALS",
          `Tên đăng nhập hoặc mật khẩu không đúng. Sau ${MAX_FAILED_LOGINS} lần sai liên tiếp, đăng nhập từ thiết bị này sẽ tạm khóa ${LOCK_MINUTES} phút.`,
        );
      }
      if (user.disabled) throw accountDisabled();
      await clearFailures(db, user.id, source);
      return openSession(ctx, user.id);
    },
  );

  r.add(
    { method: "get", path: "/api/me", tag: TAG, summary: "Thông tin người đang đăng nhập", response: MeSchema },
    async ({ user, ctx }) => loadMe(ctx, user!.id),
  );

  r.add(
    {
      method: "patch",
      path: "/api/me",
      tag: TAG,
      summary:
        "Đồng ý (hoặc rút lại đồng ý) dùng tên và ảnh đại diện Zalo (lấy từ Zalo bằng access token, không nhập tay); xóa số điện thoại đã chia sẻ; thanh niên chọn hoặc đổi phường, xã của mình",
      body: UpdateMeSchema,
      response: MeSchema,
    },
    async ({ user, body, ctx }) => {
      const { db } = ctx.database;
      const row = await db
        .selectFrom("users")
        .select(["id", "zalo_id", "name", "avatar_url", "phone", "consent_at", "source", "username", "role", "ward_id", "ward_chosen_at"])
        .where("id", "=", user!.id)
        .executeTakeFirstOrThrow();
      const now = ctx.clock.now().toISOString();
      const isZalo = row.source === "zalo";
      let { name, avatar_url: avatarUrl, consent_at: consentAt, phone } = row;
      if (body.consent === false) {
        consentAt = null;
        avatarUrl = null;
        if (isZalo) name = NEUTRAL_NAME;
      } else if (body.consent === true) {
        consentAt ??= now;
      }
      const wantsProfile = body.name !== undefined || body.avatarUrl !== undefined;
      if (wantsProfile) {
        // A Zalo account's name and picture come from Zalo only, and only with the user's consent.
        if (isZalo && !consentAt) {
          throw badRequest("CONSENT_REQUIRED", "Cần sự đồng ý của bạn trước khi lưu tên và ảnh đại diện Zalo.");
        }
        if (isZalo) {
          throw badRequest(
            "PROFILE_FROM_ZALO",
            "Tên và ảnh đại diện của tài khoản Zalo được lấy từ chính Zalo, không đặt tay được. Hãy đổi tên trong Zalo rồi đăng nhập lại.",
          );
        }
        if (body.consent === false) throw badRequest("CONSENT_REQUIRED", "Không thể lưu tên và ảnh khi bạn không đồng ý.");
        if (body.name !== undefined) name = body.name;
        if (body.avatarUrl !== undefined) avatarUrl = body.avatarUrl;
      }
      if (body.accessToken !== undefined) {
        if (!isZalo) throw badRequest("NOT_A_ZALO_ACCOUNT", "Chỉ tài khoản đăng nhập bằng Zalo mới lấy được tên và ảnh từ Zalo.");
        if (!consentAt) throw badRequest("CONSENT_REQUIRED", "Cần sự đồng ý của bạn trước khi lưu tên và ảnh đại diện Zalo.");
        // The token must be this user's, so nobody takes someone else's Zalo name.
        const profile = await fetchZaloProfile(ctx.config, body.accessToken);
        if (profile.id !== row.zalo_id) {
          throw new AppError(403, "ZALO_ACCOUNT_MISMATCH", "Tài khoản Zalo không khớp với tài khoản đang đăng nhập.");
        }
        name = profile.name || NEUTRAL_NAME;
        avatarUrl = profile.avatarUrl ?? null;
      }
      if (body.phone === null) phone = null;
      let { ward_id: wardId, ward_chosen_at: wardChosenAt } = row;
      if (body.wardId !== undefined) {
        // A youth picks their own ward; everyone else's follows their unit or is set by staff.
        if (row.role !== "youth") {
          throw conflict(
            "WARD_FIXED",
            row.role === "city_staff"
              ? "Cán bộ thành phố không thuộc phường, xã nào."
              : "Phường, xã của tài khoản này theo đơn vị hoặc do cán bộ phường quản lý, không tự đổi được.",
          );
        }
        wardId = await wardForAccount(db, "youth", null, body.wardId);
        wardChosenAt = now;
      }
      await db
        .updateTable("users")
        .set({
          name,
          avatar_url: avatarUrl,
          consent_at: consentAt,
          phone,
          ward_id: wardId,
          ward_chosen_at: wardChosenAt,
          search_text: userSearchText({ name, username: row.username, phone, source: row.source }),
          updated_at: now,
        })
        .where("id", "=", row.id)
        .execute();
      return loadMe(ctx, row.id);
    },
  );

  r.add(
    {
      method: "post",
      path: "/api/me/phone",
      tag: TAG,
      summary: "Chia sẻ số điện thoại: đổi mã một lần của Zalo (getPhoneNumber) lấy số, phía máy chủ",
      body: SharePhoneSchema,
      response: MeSchema,
    },
    async ({ user, body, ctx }) => {
      const { db } = ctx.database;
      const row = await db.selectFrom("users").select(["id", "zalo_id", "name", "username", "source"]).where("id", "=", user!.id).executeTakeFirstOrThrow();
      if (!row.zalo_id) {
        throw badRequest("NOT_A_ZALO_ACCOUNT", "Chỉ tài khoản đăng nhập bằng Zalo mới chia sẻ được số điện thoại qua Zalo.");
      }
      // The Zalo token must be this user's, so nobody attaches someone else's number.
      const profile = await fetchZaloProfile(ctx.config, body.accessToken);
      if (profile.id !== row.zalo_id) {
        throw new AppError(403, "ZALO_ACCOUNT_MISMATCH", "Tài khoản Zalo không khớp với tài khoản đang đăng nhập.");
      }
      const phone = await fetchZaloPhone(ctx.config, body.accessToken, body.token);
      await db
        .updateTable("users")
        .set({ phone, search_text: userSearchText({ ...row, phone }), updated_at: ctx.clock.now().toISOString() })
        .where("id", "=", row.id)
        .execute();
      return loadMe(ctx, row.id);
    },
  );

  r.add(
    { method: "post", path: "/api/auth/logout", tag: TAG, summary: "Đăng xuất (thu hồi phiên)" },
    async ({ user, ctx }) => {
      await revokeSession(ctx, user!.sessionId);
      return undefined;
    },
  );

  registerInvitationRoutes(r);
  registerUserAdminRoutes(r);
}
