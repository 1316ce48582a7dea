import type { RequestHandler, Response } from "express";
import helmet from "helmet";

/**
 * The security headers of every answer. They never depend on the request, so they are computed once
 * at start and each request only copies them (one loop instead of helmet's thirteen middlewares):
 * - the mini app's pages and the files people open (/api/files: PDFs and photos shown inline) get
 *   helmet's full set with our Content-Security-Policy;
 * - every other API answer (JSON, downloads) is never rendered as a page and gets the short set
 *   OWASP's REST Security Cheat Sheet recommends for APIs: nothing may load or frame it, no sniffing,
 *   HTTPS only. (No Referrer-Policy: a JSON answer is no document and sends no referrer; no
 *   Cross-Origin-Resource-Policy: "cross-origin" is what its absence means.) A phone downloads a few
 *   hundred bytes less on each request.
 */
export function securityHeaders(): { pages: RequestHandler; api: RequestHandler } {
  const api: [string, string][] = [
    ["Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"],
    ["Strict-Transport-Security", "max-age=31536000; includeSubDomains"],
    ["X-Content-Type-Options", "nosniff"],
    ["X-Frame-Options", "DENY"],
  ];
  const pages = recordHeaders(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'"],
          "style-src": ["'self'", "'unsafe-inline'", "https:"],
          "font-src": ["'self'", "data:", "https:"],
          "img-src": ["'self'", "data:", "blob:", "https:"],
          "connect-src": ["'self'"],
          "frame-src": ["'self'", "blob:"],
          "object-src": ["'self'", "blob:"],
          "upgrade-insecure-requests": null,
        },
      },
      crossOriginResourcePolicy: { policy: "cross-origin" },
      crossOriginEmbedderPolicy: false,
    }),
  );
  const copy = (res: Response, headers: [string, string][]) => {
    for (let i = 0; i < headers.length; i++) res.setHeader(headers[i][0], headers[i][1]);
  };
  return {
    pages: (_req, res, next) => {
      copy(res, pages);
      next();
    },
    // under the API's mount (req.url without /api): its files are shown to people, as pages
    api: (req, res, next) => {
      copy(res, FILES.test(req.url) ? pages : api);
      next();
    },
  };
}

/** Runs a header-only middleware once and returns what it set, in order (it must not read the request). */
function recordHeaders(middleware: (req: never, res: never, next: (err?: unknown) => void) => void): [string, string][] {
  const set = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      set.set(name, Array.isArray(value) ? value.join(", ") : String(value));
      return recorder;
    },
    removeHeader: (name: string) => void set.delete(name),
    getHeader: (name: string) => set.get(name),
  };
  let done = false;
  middleware({ method: "GET", headers: {} } as never, recorder as never, (err) => {
    if (err) throw err;
    done = true;
  });
  if (!done) throw new Error("the security headers middleware did not finish synchronously");
  return [...set];
}

/** /api/files/… seen from the API's mount (any case, as routes match). */
const FILES = /^\/files(?=[/?]|$)/i;
