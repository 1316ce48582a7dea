import crypto from "node:crypto";
import type { Express, Request, RequestHandler } from "express";
import type { Logger } from "../lib/logger.js";

declare module "express-serve-static-core" {
  interface Request {
    /** this request's id: the caller's X-Request-Id when it is a plain token, else a new UUID */
    id: string;
    /** a logger whose lines carry the request id (made on first use) */
    log: Logger;
  }
}

/**
 * Request ids and the request log, in one cheap step per request:
 * - every answer carries X-Request-Id (the caller's, when it is a plain token, or a new one);
 * - `req.log` is a child logger with the id, made only when a handler logs something;
 * - when the logger writes at info, one short line per request once the answer is sent: no headers
 *   (they carry tokens), no bodies, no query string (signed file links), and the route's secret path
 *   parameters masked (`req.logPath`, set by the route builder; invitation codes on unknown routes).
 */
export function requestLog(app: Express, logger: Logger): RequestHandler {
  Object.defineProperty(app.request, "log", {
    configurable: true,
    get(this: Request & { _log?: Logger }) {
      return (this._log ??= logger.child({ reqId: this.id }));
    },
  });
  const lineEach = logger.isLevelEnabled("info");
  return (req, res, next) => {
    const incoming = req.headers["x-request-id"];
    req.id = typeof incoming === "string" && incoming.length <= 64 && /^[\w-]+$/.test(incoming) ? incoming : crypto.randomUUID();
    res.setHeader("X-Request-Id", req.id);
    if (lineEach) {
      const start = performance.now();
      res.once("finish", () => {
        const line = {
          req: { id: req.id, method: req.method, url: req.logPath ?? maskPath(req.originalUrl.split("?")[0]) },
          res: { status: res.statusCode },
          responseTime: Math.round(performance.now() - start),
        };
        if (res.statusCode >= 500) logger.error(line, "request errored");
        else logger.info(line, "request completed");
      });
    }
    next();
  };
}

/** For lines of requests the route builder never saw (404s): an invitation code in a path is masked. */
const maskPath = (p: string) => p.replace(/^(\/api\/invitations\/)[^/]+/, "$1:code");
