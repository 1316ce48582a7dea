import crypto from "node:crypto";
import type { Config } from "../config.js";
import { AppError } from "../lib/errors.js";
import { cleanPersonName } from "../contract/identity.js";

/**
 * The Zalo Graph API calls of sign-in: who owns an access token, and the phone number behind a
 * one-time phone token. Every call is bounded by ZALO_TIMEOUT_MS. Zalo answers a bad token with
 * HTTP 200 and {error: <non-zero>, message}, so the body is checked as well as the status.
 */
export interface ZaloProfile {
  id: string;
  name: string | null;
  avatarUrl: string | null;
}

export const zaloUnavailable = () =>
  new AppError(503, "ZALO_UNAVAILABLE", "Không kết nối được với Zalo để xác thực. Vui lòng thử lại sau ít phút.");

/** hex HMAC-SHA256 of the access token keyed by the app secret (Zalo's appsecret_proof). */
export function appSecretProof(accessToken: string, appSecret: string): string {
  return crypto.createHmac("sha256", appSecret).update(accessToken).digest("hex");
}

interface GraphResult {
  status: number;
  body: Record<string, unknown> | null;
}

async function graphGet(config: Config, path: string, headers: Record<string, string>): Promise<GraphResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), config.zalo.timeoutMs);
  try {
    const res = await fetch(`${config.zalo.graphUrl}${path}`, { headers, signal: controller.signal });
    // The body read is covered by the same time limit (a server may stall mid-answer).
    const text = await res.text();
    let body: Record<string, unknown> | null = null;
    try {
      const parsed = JSON.parse(text);
      body = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : null;
    } catch {
      body = null;
    }
    return { status: res.status, body };
  } catch {
    // Refused, reset, DNS failure or our own time limit: Zalo is unreachable for now.
    throw zaloUnavailable();
  } finally {
    clearTimeout(timer);
  }
}

const graphErrorCode = (body: Record<string, unknown> | null): number => {
  if (!body || body.error === undefined || body.error === null) return 0;
  const n = typeof body.error === "object" ? Number((body.error as { code?: unknown }).code ?? -1) : Number(body.error);
  return Number.isFinite(n) ? n : -1;
};

/** Verifies a mini app access token and returns the Zalo account behind it. */
export async function fetchZaloProfile(config: Config, accessToken: string): Promise<ZaloProfile> {
  const headers: Record<string, string> = { access_token: accessToken };
  if (config.zalo.appSecret) headers.appsecret_proof = appSecretProof(accessToken, config.zalo.appSecret);
  const { status, body } = await graphGet(config, "/v2.0/me?fields=id,name,picture", headers);
  if (status >= 500 || status === 429) throw zaloUnavailable();
  const code = graphErrorCode(body);
  if (status >= 400 || code !== 0 || !body || (typeof body.id !== "string" && typeof body.id !== "number")) {
    throw new AppError(401, "ZALO_TOKEN_INVALID", "Phiên Zalo không hợp lệ hoặc đã hết hạn. Vui lòng mở lại ứng dụng trong Zalo.");
  }
  const picture = body.picture as { data?: { url?: unknown } } | undefined;
  const url = picture?.data?.url;
  return {
    id: String(body.id),
    name: typeof body.name === "string" ? cleanPersonName(body.name).slice(0, 100) || null : null,
    avatarUrl: typeof url === "string" && /^https?:\/\//.test(url) ? url.slice(0, 1000) : null,
  };
}

/** Exchanges a one-time phone token (from getPhoneNumber) for the number. Needs the app secret. */
export async function fetchZaloPhone(config: Config, accessToken: string, phoneToken: string): Promise<string> {
  if (!config.zalo.appSecret) {
    throw new AppError(
      503,
      "ZALO_NOT_CONFIGURED",
      "Máy chủ chưa được cấu hình khóa bí mật của ứng dụng Zalo (ZALO_APP_SECRET) nên chưa nhận được số điện thoại.",
    );
  }
  const { status, body } = await graphGet(config, "/v2.0/me/info", {
    access_token: accessToken,
    code: phoneToken,
    secret_key: config.zalo.appSecret,
  });
  if (status >= 500 || status === 429) throw zaloUnavailable();
  const data = body?.data as { number?: unknown } | undefined;
  const number = data?.number;
  if (status >= 400 || graphErrorCode(body) !== 0 || (typeof number !== "string" && typeof number !== "number")) {
    // Not 401: the user's own session is fine, only the one-time phone token is not.
    throw new AppError(400, "PHONE_TOKEN_INVALID", "Mã chia sẻ số điện thoại không hợp lệ hoặc đã hết hạn (2 phút). Vui lòng thử lại.");
  }
  return normalisePhone(String(number));
}

/** Zalo returns numbers like 84912345678: stored in the local form 0912345678. */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/[^\d]/g, "");
  if (digits.startsWith("84") && digits.length >= 11) return `0${digits.slice(2)}`;
  return digits;
}
