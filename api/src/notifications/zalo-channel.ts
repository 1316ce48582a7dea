import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { supportsSkipLocked } from "../db/dialect.js";
import type { AppContext } from "../http/context.js";
import { pushChannelName } from "./channel-name.js";
import { postOnce, TransportError, type PostResult } from "./http-post.js";

/**
 * What happened to one push:
 * - sent: Zalo accepted it;
 * - retry: it certainly did not reach Zalo's users (refused connection, 5xx, rate limit): try later;
 * - failed: refused for good, or the outcome is unknown (time-out after sending, hang-up):
 *   never tried again, because "never twice to the same person" beats "always delivered".
 */
export type SendOutcome = { kind: "sent" } | { kind: "retry"; error: string } | { kind: "failed"; error: string };

export interface PushMessage {
  zaloId: string;
  title: string;
  body: string;
  link: string | null;
}

/** Zalo error codes meaning the OA access token is invalid or expired (refresh, then retry once). */
const TOKEN_ERRORS = new Set([-216, -124, -220]);
/** Zalo error codes that are temporary on Zalo's side (quota / rate limits, internal error). */
const TRANSIENT_ERRORS = new Set([-32, -1]);

export const UNKNOWN_OUTCOME = "không rõ kết quả";

/** Delivers one push through the configured channel; performs at most one message request per call (plus one after a token refresh). */
export async function sendPush(ctx: AppContext, msg: PushMessage): Promise<SendOutcome> {
  const channel = pushChannelName(ctx.config);
  if (channel === "zalo_oa") return sendOa(ctx, msg);
  if (channel === "zalo_miniapp") return sendMiniApp(ctx, msg);
  return { kind: "failed", error: "Chưa cấu hình kênh Zalo" };
}

/** The text of an OA message: title, body, and a link that opens the mini app on the item. */
export function oaText(ctx: AppContext, msg: PushMessage): string {
  const link = msg.link ? `\n\nXem chi tiết: https://zalo.me/s/${encodeURIComponent(ctx.config.zalo.appId)}${msg.link.startsWith("/") ? msg.link : `/${msg.link}`}` : "";
  const head = `${msg.title}\n\n`;
  const room = 2000 - head.length - link.length;
  const body = msg.body.length > room ? `${msg.body.slice(0, Math.max(0, room - 1))}…` : msg.body;
  return `${head}${body}${link}`;
}

// ---------------------------------------------------------------- OA message API

async function sendOa(ctx: AppContext, msg: PushMessage): Promise<SendOutcome> {
  let token: string;
  try {
    token = await currentOaAccessToken(ctx);
  } catch (err) {
    return { kind: "retry", error: (err as Error).message };
  }
  const first = await postOaMessage(ctx, token, msg);
  if (first.kind !== "token") return first;
  let fresh: string;
  try {
    fresh = await refreshOaToken(ctx, token);
  } catch (err) {
    return { kind: "retry", error: `Access token OA hết hạn và không làm mới được: ${(err as Error).message}` };
  }
  const second = await postOaMessage(ctx, fresh, msg);
  return second.kind === "token" ? { kind: "retry", error: second.error } : second;
}

async function postOaMessage(ctx: AppContext, token: string, msg: PushMessage): Promise<SendOutcome | { kind: "token"; error: string }> {
  let res: PostResult;
  try {
    res = await postOnce(`${ctx.config.zalo.oaApiUrl}/v3.0/oa/message/cs`, {
      headers: { access_token: token },
      contentType: "application/json",
      body: JSON.stringify({ recipient: { user_id: msg.zaloId }, message: { text: oaText(ctx, msg) } }),
      timeoutMs: ctx.config.zalo.timeoutMs,
    });
  } catch (err) {
    return transportOutcome(err);
  }
  return zaloOutcome(res, true);
}

// ---------------------------------------------------------------- Mini app notification API

async function sendMiniApp(ctx: AppContext, msg: PushMessage): Promise<SendOutcome> {
  const z = ctx.config.zalo;
  let res: PostResult;
  try {
    res = await postOnce(`${z.miniAppApiUrl}/notification/template`, {
      headers: { "X-Api-Key": `Bearer ${z.miniAppApiKey ?? ""}`, "X-User-Id": msg.zaloId, "X-MiniApp-Id": z.appId },
      contentType: "application/json",
      body: JSON.stringify({
        templateId: z.notificationTemplateId,
        templateData: { title: msg.title.slice(0, 100), content: msg.body.slice(0, 500), buttonText: "Xem chi tiết", buttonUrl: msg.link ?? "/" },
      }),
      timeoutMs: z.timeoutMs,
    });
  } catch (err) {
    return transportOutcome(err);
  }
  const out = zaloOutcome(res, false);
  return out.kind === "token" ? { kind: "failed", error: out.error } : out;
}

// ---------------------------------------------------------------- answers

function transportOutcome(err: unknown): SendOutcome {
  if (err instanceof TransportError && err.reached === "no") return { kind: "retry", error: `Không kết nối được Zalo: ${err.message}` };
  const why = err instanceof TransportError && err.timedOut ? "quá thời gian chờ" : `mất kết nối: ${(err as Error).message}`;
  return { kind: "failed", error: `${UNKNOWN_OUTCOME} (${why}); không gửi lại để tránh trùng` };
}

function zaloOutcome(res: PostResult, tokenErrorsMatter: boolean): SendOutcome | { kind: "token"; error: string } {
  if (res.status === 429 || res.status >= 500) return { kind: "retry", error: `Zalo trả lỗi HTTP ${res.status}` };
  const body = res.json as { error?: unknown; message?: unknown } | null;
  if (res.status >= 400) {
    const code = typeof body?.error === "number" ? body.error : null;
    if (tokenErrorsMatter && code !== null && TOKEN_ERRORS.has(code)) return { kind: "token", error: `access token không hợp lệ (mã ${code})` };
    return { kind: "failed", error: `Zalo từ chối (HTTP ${res.status}${code !== null ? `, mã ${code}` : ""})` };
  }
  if (!body || typeof body.error !== "number") {
    return { kind: "failed", error: `${UNKNOWN_OUTCOME} (Zalo trả lời không đúng định dạng, HTTP ${res.status})` };
  }
  if (body.error === 0) return { kind: "sent" };
  const text = typeof body.message === "string" ? `: ${body.message}` : "";
  if (tokenErrorsMatter && TOKEN_ERRORS.has(body.error)) return { kind: "token", error: `access token không hợp lệ (mã ${body.error})` };
  if (TRANSIENT_ERRORS.has(body.error)) return { kind: "retry", error: `Zalo tạm thời từ chối (mã ${body.error}${text})` };
  return { kind: "failed", error: `Zalo từ chối (mã ${body.error}${text})` };
}

// ---------------------------------------------------------------- OA tokens

type Tokens = { access: string | null; refresh: string | null; expiresAt: string | null };

/** The tokens in use: the stored pair (it holds the latest single-use refresh token) unless the environment brought a new one. */
async function loadOaTokens(db: Kysely<DB>, ctx: AppContext, forUpdate = false): Promise<Tokens> {
  const env = ctx.config.zalo;
  let q = db.selectFrom("zalo_tokens").selectAll().where("kind", "=", "oa");
  if (forUpdate && supportsSkipLocked(ctx.database.dialect)) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (row && (!env.oaRefreshToken || row.env_refresh_token === env.oaRefreshToken)) {
    return { access: row.access_token, refresh: row.refresh_token, expiresAt: row.expires_at };
  }
  return { access: env.oaAccessToken ?? null, refresh: env.oaRefreshToken ?? null, expiresAt: null };
}

export async function currentOaAccessToken(ctx: AppContext): Promise<string> {
  const t = await loadOaTokens(ctx.database.db, ctx);
  const expiring = t.expiresAt !== null && Date.parse(t.expiresAt) - 60_000 <= ctx.clock.now().getTime();
  if (t.access && !expiring) return t.access;
  return refreshOaToken(ctx, t.access);
}

const inflight = new WeakMap<object, Promise<string>>();

/**
 * Exchanges the refresh token for a new pair and stores both. One refresh at a time: in this
 * process through a shared promise, across instances through a row lock on PostgreSQL (whoever
 * waits sees the token the other one stored and uses it instead of spending the refresh token).
 */
export function refreshOaToken(ctx: AppContext, stale: string | null): Promise<string> {
  const running = inflight.get(ctx.database);
  if (running) return running;
  const p = doRefresh(ctx, stale).finally(() => inflight.delete(ctx.database));
  inflight.set(ctx.database, p);
  return p;
}

async function doRefresh(ctx: AppContext, stale: string | null): Promise<string> {
  const { db, dialect } = ctx.database;
  const z = ctx.config.zalo;
  if (!z.appSecret) throw new Error("chưa cấu hình ZALO_APP_SECRET để làm mới access token OA");
  const nowIso = ctx.clock.now().toISOString();
  await db
    .insertInto("zalo_tokens")
    .values({ kind: "oa", access_token: z.oaAccessToken ?? null, refresh_token: z.oaRefreshToken ?? null, env_refresh_token: z.oaRefreshToken ?? null, expires_at: null, updated_at: nowIso })
    .onConflict((oc) => oc.column("kind").doNothing())
    .execute();
  const run = async (q: Kysely<DB>): Promise<string> => {
    const t = await loadOaTokens(q, ctx, true);
    const stillValid = t.expiresAt === null || Date.parse(t.expiresAt) - 60_000 > ctx.clock.now().getTime();
    if (t.access && t.access !== stale && stillValid) return t.access; // another worker refreshed meanwhile
    if (!t.refresh) throw new Error("không có refresh token OA (ZALO_OA_REFRESH_TOKEN)");
    let res: PostResult;
    try {
      res = await postOnce(`${z.oaOauthUrl}/v4/oa/access_token`, {
        headers: { secret_key: z.appSecret! },
        contentType: "application/x-www-form-urlencoded",
        body: new URLSearchParams({ refresh_token: t.refresh, app_id: z.appId, grant_type: "refresh_token" }).toString(),
        timeoutMs: z.timeoutMs,
      });
    } catch (err) {
      if (err instanceof TransportError && err.reached === "unknown") {
        ctx.logger.error({ err }, "Zalo OA token refresh: no answer; the refresh token may be spent. Issue new tokens if pushes keep failing.");
      }
      throw new Error(`không gọi được máy chủ cấp token Zalo: ${(err as Error).message}`);
    }
    const j = res.json as { access_token?: unknown; refresh_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } | null;
    if (res.status !== 200 || typeof j?.access_token !== "string" || typeof j.refresh_token !== "string") {
      const detail = j?.error !== undefined ? `mã ${String(j.error)}${j.error_description ? `: ${String(j.error_description)}` : ""}` : `HTTP ${res.status}`;
      throw new Error(`Zalo không cấp access token mới (${detail})`);
    }
    const seconds = Number(j.expires_in);
    const now = ctx.clock.now();
    await q
      .updateTable("zalo_tokens")
      .set({
        access_token: j.access_token,
        refresh_token: j.refresh_token,
        env_refresh_token: z.oaRefreshToken ?? null,
        expires_at: Number.isFinite(seconds) && seconds > 0 ? new Date(now.getTime() + seconds * 1000).toISOString() : null,
        updated_at: now.toISOString(),
      })
      .where("kind", "=", "oa")
      .execute();
    ctx.logger.info("Zalo OA access token refreshed");
    return j.access_token;
  };
  // PostgreSQL: hold the row lock across the call so two instances never spend the same refresh token.
  return dialect === "postgres" ? db.transaction().execute(run) : run(db);
}
