import crypto from "node:crypto";
import type { Request, RequestHandler } from "express";
import type { AppContext, AuthUser } from "../http/context.js";
import type { Session } from "../contract/identity.js";
import { loadMe } from "./users.js";
import { hotQuery } from "../db/hot-query.js";

export const hashToken = (token: string) => crypto.hash("sha256", token, "hex");

/** Opens a session for a user: the raw token goes to the client once, only its hash is stored. */
export async function openSession(ctx: AppContext, userId: number): Promise<Session> {
  const { db } = ctx.database;
  const token = crypto.randomBytes(32).toString("base64url");
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.tokenTtlHours * 3600_000).toISOString();
  await db
    .insertInto("sessions")
    .values({ token_hash: hashToken(token), user_id: userId, created_at: now.toISOString(), expires_at: expiresAt, revoked_at: null })
    .execute();
  return { token, expiresAt, user: await loadMe(ctx, userId) };
}

export async function revokeSession(ctx: AppContext, sessionId: number): Promise<void> {
  await ctx.database.db
    .updateTable("sessions")
    .set({ revoked_at: ctx.clock.now().toISOString() })
    .where("id", "=", sessionId)
    .execute();
}

function bearer(req: Request): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(.+)$/i.exec(h);
  return m ? m[1].trim() : "";
}

/** The session and its user, by the token's hash: asked on every signed-in request. */
const sessionByHash = hotQuery((db, tokenHash: string) =>
  db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id as session_id",
      "sessions.expires_at",
      "sessions.revoked_at",
      "users.id as user_id",
      "users.name",
      "users.role",
      "users.unit_id",
      "users.ward_id",
      "users.disabled",
    ])
    .where("sessions.token_hash", "=", tokenHash),
);

/**
 * Resolves the bearer token of every API request into req.auth. It never refuses by itself:
 * the access policy decides, using req.authError to explain a bad token.
 */
export function authMiddleware(ctx: AppContext): RequestHandler {
  return async (req, _res, next) => {
    req.auth = null;
    const token = bearer(req);
    if (token === null) return next();
    try {
      const hash = token ? hashToken(token) : null;
      // on the embedded database the session is usually known at once: no await, the request goes on in this turn
      const row = hash === null ? undefined : (sessionByHash.now(ctx.database, hash) ?? (await sessionByHash(ctx.database, hash)))[0];
      if (!row) {
        req.authError = { code: "INVALID_TOKEN", message: "Phiên đăng nhập không hợp lệ, vui lòng đăng nhập lại." };
      } else if (row.revoked_at) {
        req.authError = { code: "SESSION_REVOKED", message: "Phiên đăng nhập đã kết thúc, vui lòng đăng nhập lại." };
      } else if (row.expires_at <= ctx.clock.now().toISOString()) {
        req.authError = { code: "SESSION_EXPIRED", message: "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại." };
      } else if (row.disabled) {
        req.authError = { code: "ACCOUNT_DISABLED", message: "Tài khoản của bạn đã bị khóa. Vui lòng liên hệ cán bộ phường." };
      } else {
        const user: AuthUser = { id: row.user_id, name: row.name, role: row.role, unitId: row.unit_id, wardId: row.ward_id, sessionId: row.session_id };
        req.auth = user;
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}
