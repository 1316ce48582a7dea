import path from "node:path";
import { z } from "zod";

/**
 * The one typed configuration of the API. Every setting comes from an environment
 * variable, is validated once at start, and has a safe default for a fresh machine.
 */
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const list = z.string().transform((v) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL phải bắt đầu bằng postgres:// (PostgreSQL)")
    .optional(),
  /** PostgreSQL schema to use instead of the default (one database shared by several installs or benches) */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "DATABASE_SCHEMA: chữ thường, số và dấu gạch dưới")
    .optional(),
  SQLITE_PATH: z.string().default("data/thanh-nien-so.sqlite"),
  SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  // Off: X-Forwarded-For is ignored (the client's own address counts). A number of proxy hops, or a
  // comma-separated list of proxy addresses/subnets (e.g. "loopback" or "10.0.0.0/8"), when a proxy exists.
  TRUST_PROXY: z.string().trim().default("false"),
  UPLOAD_DIR: z.string().default("data/uploads"),
  WEB_DIR: z.string().default("www"),
  CORS_ORIGINS: list.default(["https://h5.zdn.vn", "http://localhost:3000", "http://localhost:2999"]),
  WARD_NAME: z.string().min(1).default("Phường Lê Đại Hành"),
  TIME_ZONE: z.literal("Asia/Ho_Chi_Minh").default("Asia/Ho_Chi_Minh"),
  JSON_BODY_LIMIT: z.string().default("256kb"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TOKEN_TTL_HOURS: z.coerce.number().positive().default(24 * 30),
  DEV_SIGNIN: bool.optional(),
  SEED_DEMO: bool.default(true),
  // Zalo: every base URL is configurable so tests can point them at a fake server on loopback.
  ZALO_APP_ID: z.string().default("thanh-nien-so"),
  ZALO_APP_SECRET: z.string().optional(),
  ZALO_GRAPH_URL: z.string().url().default("https://graph.zalo.me"),
  ZALO_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  ZALO_OA_API_URL: z.string().url().default("https://openapi.zalo.me"),
  ZALO_OA_OAUTH_URL: z.string().url().default("https://oauth.zaloapp.com"),
  ZALO_OA_ACCESS_TOKEN: z.string().optional(),
  ZALO_OA_REFRESH_TOKEN: z.string().optional(),
  ZALO_MINIAPP_API_URL: z.string().url().default("https://openapi.mini.zalo.me"),
  ZALO_MINIAPP_API_KEY: z.string().optional(),
  ZALO_NOTIFICATION_TEMPLATE_ID: z.string().optional(),
  WORKER_INTERVAL_MS: z.coerce.number().int().positive().default(5000),
  /** how often the calendar jobs run: reminders, yearly periods, yearly duty copies */
  JOB_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  /** Zalo pushes per second at most (per API instance), evenly spaced */
  PUSH_RATE_PER_SECOND: z.coerce.number().positive().max(1000).default(20),
  // Exports (Excel, Word, the summary) are built in worker threads so that a city-sized one never
  // freezes the API: how many threads, how many exports may wait for one, and how long one may take.
  // EXPORT_WORKERS=0 builds them on the event loop (as an in-memory SQLite database must).
  EXPORT_WORKERS: z.coerce.number().int().min(0).max(8).default(2),
  EXPORT_QUEUE: z.coerce.number().int().min(0).max(1000).default(16),
  EXPORT_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  // Identity: the initial staff account, password sign-in limits, invitations.
  STAFF_USERNAME: z.string().trim().min(3).max(64).default("canbo"),
  STAFF_PASSWORD: z.string().min(8, "STAFF_PASSWORD cần ít nhất 8 ký tự").optional(),
  PASSWORD_RATE_LIMIT: z.coerce.number().int().positive().default(30),
  INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  // Test only: the API's clock starts at this instant and runs on from there (refused in production).
  TEST_CLOCK: z.iso.datetime({ offset: true, message: "TEST_CLOCK phải là một thời điểm ISO-8601, ví dụ 2026-12-01T09:00:00+07:00" }).optional(),
});

export type Env = z.input<typeof EnvSchema>;

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  database: { kind: "sqlite"; path: string } | { kind: "postgres"; url: string; schema?: string };
  /** SQLite: how long a write waits for a lock before the request answers 503 */
  sqliteBusyTimeoutMs: number;
  /** Express "trust proxy": false, a hop count, or proxy addresses/subnets */
  trustProxy: false | number | string[];
  uploadDir: string;
  webDir: string;
  corsOrigins: string[];
  wardName: string;
  timeZone: "Asia/Ho_Chi_Minh";
  jsonBodyLimit: string;
  logLevel: string;
  tokenTtlHours: number;
  devSignIn: boolean;
  seedDemo: boolean;
  zalo: {
    appId: string;
    appSecret?: string;
    graphUrl: string;
    timeoutMs: number;
    oaApiUrl: string;
    oaOauthUrl: string;
    oaAccessToken?: string;
    oaRefreshToken?: string;
    miniAppApiUrl: string;
    miniAppApiKey?: string;
    notificationTemplateId?: string;
  };
  workerIntervalMs: number;
  /** calendar jobs (reminders, yearly periods and duties): every this many ms */
  jobIntervalMs: number;
  /** pushes per second at most, evenly spaced (per instance) */
  pushRatePerSecond: number;
  exports: {
    /** worker threads building exports (0: on the event loop) */
    workers: number;
    /** exports waiting for a free worker at most; one more answers 503 EXPORT_BUSY */
    queue: number;
    /** an export still running after this is stopped (503 EXPORT_TIMEOUT) */
    timeoutMs: number;
  };
  identity: {
    staffUsername: string;
    /** undefined: no STAFF_PASSWORD set (a default applies outside production) */
    staffPassword?: string;
    /** password sign-in attempts per IP address per 15 minutes */
    passwordRateLimit: number;
    invitationTtlDays: number;
  };
  /** test only: the instant the clock starts at (ISO-8601); undefined = the real time */
  testClock?: string;
  version: string;
}

export class ConfigError extends Error {}

const configError = (name: string, message: string) => new ConfigError(`Cấu hình không hợp lệ (biến môi trường):\n  - ${name}: ${message}`);

/**
 * TRUST_PROXY: "false"/"0"/"no" → trust nothing; a whole number → that many hops; otherwise a list of
 * addresses, subnets or Express's names (loopback, linklocal, uniquelocal). "true" is refused: trusting
 * every hop makes X-Forwarded-For whatever the client writes, which defeats the per-address limits.
 */
export function parseTrustProxy(raw: string): false | number | string[] {
  const v = raw.trim().toLowerCase();
  if (v === "" || v === "false" || v === "0" || v === "no" || v === "off") return false;
  if (v === "true" || v === "yes" || v === "*") {
    throw configError("TRUST_PROXY", "không dùng true (tin mọi proxy); hãy ghi số tầng proxy (ví dụ 1) hoặc địa chỉ proxy (ví dụ loopback, 10.0.0.0/8)");
  }
  if (/^\d+$/.test(v)) return Number(v);
  const items = v.split(",").map((s) => s.trim()).filter(Boolean);
  const named = new Set(["loopback", "linklocal", "uniquelocal"]);
  const bad = items.filter((s) => !named.has(s) && !/^[0-9a-f.:]+(\/\d{1,3})?$/.test(s));
  if (bad.length) throw configError("TRUST_PROXY", `không hiểu "${bad.join(", ")}": ghi số tầng proxy hoặc địa chỉ/dải địa chỉ IP của proxy`);
  return items;
}

export const VERSION = "0.1.0";

/** Parses the environment; throws ConfigError with one readable line per problem. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Cấu hình không hợp lệ (biến môi trường):\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  // Dev sign-in is on outside production, and in production only when explicitly enabled.
  const devSignIn = e.DEV_SIGNIN ?? e.NODE_ENV !== "production";
  if (e.TEST_CLOCK && e.NODE_ENV === "production") {
    throw configError("TEST_CLOCK", "chỉ dùng khi thử nghiệm, không được đặt khi NODE_ENV=production");
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: "postgres", url: e.DATABASE_URL, schema: e.DATABASE_SCHEMA }
      : { kind: "sqlite", path: e.SQLITE_PATH === ":memory:" ? ":memory:" : path.resolve(e.SQLITE_PATH) },
    sqliteBusyTimeoutMs: e.SQLITE_BUSY_TIMEOUT_MS,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    uploadDir: path.resolve(e.UPLOAD_DIR),
    webDir: path.resolve(e.WEB_DIR),
    corsOrigins: e.CORS_ORIGINS,
    wardName: e.WARD_NAME,
    timeZone: e.TIME_ZONE,
    jsonBodyLimit: e.JSON_BODY_LIMIT,
    logLevel: e.LOG_LEVEL,
    tokenTtlHours: e.TOKEN_TTL_HOURS,
    devSignIn,
    seedDemo: e.SEED_DEMO,
    zalo: {
      appId: e.ZALO_APP_ID,
      appSecret: e.ZALO_APP_SECRET,
      graphUrl: e.ZALO_GRAPH_URL.replace(/\/$/, ""),
      timeoutMs: e.ZALO_TIMEOUT_MS,
      oaApiUrl: e.ZALO_OA_API_URL.replace(/\/$/, ""),
      oaOauthUrl: e.ZALO_OA_OAUTH_URL.replace(/\/$/, ""),
      oaAccessToken: e.ZALO_OA_ACCESS_TOKEN,
      oaRefreshToken: e.ZALO_OA_REFRESH_TOKEN,
      miniAppApiUrl: e.ZALO_MINIAPP_API_URL.replace(/\/$/, ""),
      miniAppApiKey: e.ZALO_MINIAPP_API_KEY,
      notificationTemplateId: e.ZALO_NOTIFICATION_TEMPLATE_ID,
    },
    workerIntervalMs: e.WORKER_INTERVAL_MS,
    jobIntervalMs: e.JOB_INTERVAL_MS,
    pushRatePerSecond: e.PUSH_RATE_PER_SECOND,
    exports: { workers: e.EXPORT_WORKERS, queue: e.EXPORT_QUEUE, timeoutMs: e.EXPORT_TIMEOUT_MS },
    identity: {
      staffUsername: e.STAFF_USERNAME,
      staffPassword: e.STAFF_PASSWORD,
      passwordRateLimit: e.PASSWORD_RATE_LIMIT,
      invitationTtlDays: e.INVITATION_TTL_DAYS,
    },
    testClock: e.TEST_CLOCK ? new Date(e.TEST_CLOCK).toISOString() : undefined,
    version: VERSION,
  };
}
