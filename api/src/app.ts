import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import compression from "compression";
import cors from "cors";
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import { AppError, DATABASE_UNAVAILABLE, type ErrorBody } from "./lib/errors.js";
import { acceptedEncodings } from "./lib/accept-encoding.js";
import { ping } from "./db/dialect.js";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "./db/unavailable.js";
import { API_VARY, RouteBuilder } from "./http/route.js";
import { requestLog } from "./http/request-log.js";
import { putApiInFront } from "./http/api-front.js";
import { securityHeaders } from "./http/security-headers.js";
import type { AppContext } from "./http/context.js";
import { HealthSchema, PublicConfigSchema } from "./contract/common.js";
import { buildOpenApiDocument } from "./contract/openapi.js";
import { authMiddleware } from "./identity/sessions.js";
import { registerCatalogRoutes } from "./catalog/routes.js";
import { registerHolidayRoutes } from "./catalog/holidays-routes.js";
import { registerIdentityRoutes } from "./identity/routes.js";
import { registerWardRoutes } from "./wards/routes.js";
import { registerFilesRoutes } from "./files/routes.js";
import { announcementFileAccess } from "./announcements/file-access.js";
import { feedbackAnswerAccess, feedbackPhotoAccess } from "./feedback/file-access.js";
import { reportEvidenceAccess } from "./reports/file-access.js";
import { dutyHandInAccess } from "./duties/file-access.js";
import { wardSnapshotAccess } from "./city/file-access.js";
import { registerAnnouncementRoutes } from "./announcements/routes.js";
import { registerNotificationRoutes } from "./notifications/routes.js";
import { registerReportRoutes } from "./reports/routes.js";
import { registerFeedbackRoutes } from "./feedback/routes.js";
import { registerExportRoutes } from "./exports/routes.js";
import { registerDutyRoutes } from "./duties/routes.js";
import { registerDifficultyRoutes } from "./difficulties/routes.js";
import { registerSupervisionRoutes } from "./supervision/routes.js";
import { registerDialogueRoutes } from "./dialogues/routes.js";
import { registerCityRoutes } from "./city/routes.js";
import { pushChannelName } from "./notifications/channel-name.js";
import { registerTestClockRoutes } from "./testing/clock-routes.js";

export interface BuiltApp {
  app: Express;
  routes: RouteBuilder["specs"];
}

/** Builds the Express app (no listening, no workers): tests use it in-process. */
export function buildApp(ctx: AppContext): BuiltApp {
  const app = express();
  app.disable("x-powered-by");
  // Off unless TRUST_PROXY says there is a proxy: otherwise X-Forwarded-For is whatever the client
  // writes, and the per-address password limit could be dodged by changing it.
  app.set("trust proxy", ctx.config.trustProxy);
  app.set("etag", false);

  const log = requestLog(app, ctx.logger);
  // JSON answers (and anything else compressible that is not precompressed) go out gzip/brotli:
  // a phone on a slow network downloads a fraction of them. A client that accepts no coding has
  // nothing to negotiate: it skips the middleware's per-request work. On the API, each route puts
  // it on (RouteBuilder), so the feed, which sends bytes it compressed itself, goes without it. What
  // no route answers (a 404, a malformed body) is a few hundred bytes at most and goes out as it is.
  const compress = compression();
  const compressIfAccepted: RequestHandler = (req, res, next) => (req.headers["accept-encoding"] ? compress(req, res, next) : next());
  const headers = securityHeaders();

  // Every API answer may differ by the caller's origin (CORS) and token (who is signed in): caches
  // keep them apart (API_VARY, extended by the routes that also vary on coding). A request without
  // Origin is not cross-origin: nothing to negotiate. A GET or HEAD carries no body to parse.
  const corsCheck = cors({ origin: ctx.config.corsOrigins, exposedHeaders: ["ETag", "Content-Disposition", "X-Request-Id"], maxAge: 600 });
  const varyAndCors: RequestHandler = (req, res, next) => {
    res.setHeader("Vary", API_VARY);
    if (req.headers.origin !== undefined) return corsCheck(req, res, next);
    next();
  };
  const json = express.json({ limit: ctx.config.jsonBodyLimit });
  const body: RequestHandler = (req, res, next) => (req.method === "GET" || req.method === "HEAD" ? next() : json(req, res, next));

  const routes = new RouteBuilder(ctx, compressIfAccepted);
  routes.add(
    {
      method: "get",
      path: "/api/health",
      tag: "Hệ thống",
      summary: "Tình trạng API và cơ sở dữ liệu (503 và danh sách thành phần gián đoạn khi cơ sở dữ liệu không kết nối được)",
      response: HealthSchema,
    },
    async ({ ctx: c, res }) => {
      try {
        await ping(c.database.db);
        return { ok: true, db: c.database.dialect, version: c.config.version, down: [] };
      } catch (err) {
        c.logger.warn({ code: (err as { code?: string }).code, msg: (err as Error).message }, "health check: database unreachable");
        res.status(503).setHeader("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
        return { ok: false, db: c.database.dialect, version: c.config.version, down: ["database" as const] };
      }
    },
  );
  routes.add(
    { method: "get", path: "/api/config", tag: "Hệ thống", summary: "Cấu hình công khai cho mini app", response: PublicConfigSchema },
    ({ ctx: c }) => ({
      wardName: c.config.wardName,
      timeZone: c.config.timeZone,
      devSignIn: c.config.devSignIn,
      zaloAppId: c.config.zalo.appId,
      pushChannel: pushChannelName(c.config),
    }),
  );
  if (ctx.config.testClock) registerTestClockRoutes(routes);
  registerCatalogRoutes(routes);
  registerHolidayRoutes(routes);
  registerIdentityRoutes(routes);
  registerWardRoutes(routes);
  // Each component that attaches files says who may see them (files inherit their parent's access).
  registerFilesRoutes(routes, {
    announcement: announcementFileAccess,
    feedback_photo: feedbackPhotoAccess,
    feedback_answer: feedbackAnswerAccess,
    report_evidence: reportEvidenceAccess,
    duty_hand_in: dutyHandInAccess,
    ward_snapshot: wardSnapshotAccess,
  });
  registerAnnouncementRoutes(routes);
  registerNotificationRoutes(routes);
  registerReportRoutes(routes);
  registerFeedbackRoutes(routes);
  registerExportRoutes(routes);
  registerDutyRoutes(routes);
  registerDifficultyRoutes(routes);
  registerSupervisionRoutes(routes);
  registerDialogueRoutes(routes);
  registerCityRoutes(routes);

  let openApi: unknown;
  routes.add({ method: "get", path: "/api/openapi.json", tag: "Hệ thống", summary: "Tài liệu OpenAPI 3 của API" }, () => {
    openApi ??= buildOpenApiDocument(routes.specs, ctx.config.version);
    return openApi;
  });

  const notFound: RequestHandler = (req, _res, next) => next(new AppError(404, "ROUTE_NOT_FOUND", `Không có đường dẫn API ${req.method} ${req.originalUrl.split("?")[0]}.`));
  const onError = errorHandler(ctx);
  putApiInFront(app, [log, headers.api, varyAndCors, body, authMiddleware(ctx), routes.router], notFound, onError);

  app.use(log, compressIfAccepted, headers.pages);
  serveMiniApp(app, ctx);
  app.use(onError);
  return { app, routes: routes.specs };
}

/**
 * Serves the built mini app. ZMPRouter's production basename is /zapps/<APP_ID>, so the app lives
 * there (as in Zalo) and "/" redirects to it; a <base> tag makes relative assets load on deep links.
 * Files are served as the build precompressed them (.br, .gz beside each file, see vite.config.ts):
 * no compression work per request. Hashed files under assets/ never change, so a phone keeps them
 * a year; index.html and app-config.json name the current ones, so they are always revalidated.
 */
function serveMiniApp(app: Express, ctx: AppContext): void {
  const dir = path.resolve(ctx.config.webDir);
  const indexPath = path.join(dir, "index.html");
  const base = `/zapps/${ctx.config.zalo.appId}/`;
  // Re-read when a new build lands (its asset names change); otherwise served from memory.
  let cached: { mtimeMs: number; html: string; etag: string } | null = null;
  const readIndex = () => {
    const stat = fs.statSync(indexPath, { throwIfNoEntry: false });
    if (!stat) return null;
    if (cached?.mtimeMs !== stat.mtimeMs) {
      const html = fs.readFileSync(indexPath, "utf8").replace("<head>", `<head><base href="${base}">`);
      cached = { mtimeMs: stat.mtimeMs, html, etag: `"${crypto.createHash("sha1").update(html).digest("base64url")}"` };
    }
    return cached;
  };
  app.get("/", (_req, res) => res.redirect(302, base));
  app.use(base, precompressedFiles(dir));
  app.use(
    base,
    express.static(dir, {
      index: false,
      setHeaders: (res, file) => res.setHeader("Cache-Control", cacheControlFor(path.relative(dir, file).replace(/\.(br|gz)$/, ""))),
    }),
  );
  app.get(`${base}{*splat}`, (req, res) => {
    const index = readIndex();
    if (!index) {
      res
        .status(503)
        .type("text/plain; charset=utf-8")
        .send("Chưa có bản dựng của mini app. Hãy chạy `npm run build` (hoặc `npm start`).");
      return;
    }
    res.type("html").setHeader("Cache-Control", "no-cache").setHeader("ETag", index.etag);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.send(index.html);
  });
}

/** Hashed build output is immutable; the files naming it are revalidated; the rest is kept an hour. */
function cacheControlFor(relativePath: string): string {
  const file = relativePath.split(path.sep).join("/");
  if (file.startsWith("assets/")) return "public, max-age=31536000, immutable";
  if (file === "index.html" || file === "app-config.json") return "no-cache";
  return "public, max-age=3600";
}

const PRECOMPRESSED = /\.(js|css|html|json|svg|txt|map)$/;

/**
 * Points a request for a text file at its .br (or .gz) copy when the client accepts that encoding
 * and the copy exists; express.static then serves it (with its ETag and range support).
 */
function precompressedFiles(dir: string): RequestHandler {
  return (req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !PRECOMPRESSED.test(req.path)) return next();
    let rel: string;
    try {
      rel = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = path.join(dir, rel);
    if (!file.startsWith(dir + path.sep)) return next();
    const accepted = acceptedEncodings(req.headers["accept-encoding"]);
    const suffix = ([["br", "br"], ["gzip", "gz"]] as const).find(([e, ext]) => accepted.has(e) && fs.existsSync(`${file}.${ext}`));
    res.vary("Accept-Encoding");
    if (!suffix) return next();
    res.type(path.extname(file));
    res.setHeader("Content-Encoding", suffix[0]);
    req.url = `${req.url.split("?")[0]}.${suffix[1]}`;
    next();
  };
}

function errorHandler(ctx: AppContext): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let status = 500;
    let body: ErrorBody = { error: { code: "INTERNAL_ERROR", message: "Đã có lỗi xảy ra ở máy chủ. Vui lòng thử lại sau." } };
    if (isDatabaseUnavailable(err)) {
      // Expected while the database restarts: a clear "try again", not a bug (logged once, briefly).
      status = 503;
      body = { error: { ...DATABASE_UNAVAILABLE } };
      res.setHeader("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
      (req.log ?? ctx.logger).warn({ code: err?.code, msg: err?.message }, "database unavailable");
    } else if (err instanceof AppError) {
      status = err.status;
      if (err.retryAfterSeconds !== undefined) res.setHeader("Retry-After", String(err.retryAfterSeconds));
      body = { error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } };
    } else if (err?.type === "entity.too.large") {
      status = 413;
      body = { error: { code: "PAYLOAD_TOO_LARGE", message: "Dữ liệu gửi lên quá lớn." } };
    } else if (err?.type === "entity.parse.failed") {
      status = 400;
      body = { error: { code: "MALFORMED_JSON", message: "Dữ liệu JSON không đúng định dạng." } };
    } else if (typeof err?.status === "number" && err.status >= 400 && err.status < 500) {
      status = err.status;
      body = { error: { code: "BAD_REQUEST", message: "Yêu cầu không hợp lệ." } };
    } else {
      (req.log ?? ctx.logger).error({ err }, "unhandled error");
    }
    if (res.headersSent) return;
    // An error is about this request only: never stored by a cache.
    res.setHeader("Cache-Control", "no-store");
    res.status(status).json(body);
  };
}
