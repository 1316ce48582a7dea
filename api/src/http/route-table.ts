import type { NextFunction, Request, Response } from "express";
import { match, type MatchFunction } from "path-to-regexp";

type Handle = (req: Request, res: Response) => Promise<void>;
interface Entry {
  method: string;
  match: MatchFunction<Record<string, string | string[]>>;
  handle: Handle;
}

/**
 * The API's routes, found the way Express's router finds them (path-to-regexp, case-insensitive,
 * a trailing slash allowed, parameters URI-decoded, HEAD answered by GET, first match wins, no
 * match → next) but without walking every route of the API through nested routers: routes are
 * grouped by their first path segment, so a request is compared with its own handful only.
 */
export class RouteTable {
  private readonly bySegment = new Map<string, Entry[]>();

  add(method: string, path: string, handle: Handle): void {
    const segment = firstSegment(path);
    if (segment.includes(":") || segment.includes("*") || segment.includes("{")) throw new Error(`${path}: the first segment of a route must be fixed`);
    let entries = this.bySegment.get(segment);
    if (!entries) this.bySegment.set(segment, (entries = []));
    entries.push({ method: method.toUpperCase(), match: match(path.replace(/\/+$/, "") || "/", { sensitive: false, end: true, trailing: true, decode: decodeParam }), handle });
  }

  /** The middleware: runs the first route that matches the request's method and path. */
  readonly handler = (req: Request, res: Response, next: NextFunction): void => {
    const entries = this.bySegment.get(firstSegment(req.path));
    if (entries) {
      const method = req.method === "HEAD" ? "GET" : req.method;
      try {
        for (const entry of entries) {
          if (entry.method !== method) continue;
          const found = entry.match(req.path);
          if (!found) continue;
          req.params = found.params as Request["params"];
          entry.handle(req, res).catch(next);
          return;
        }
      } catch (err) {
        return next(err); // a parameter that is not valid percent-encoding (400)
      }
    }
    next();
  };
}

/** "/announcements/12/read" → "announcements" (lower case, as paths match case-insensitively). */
function firstSegment(path: string): string {
  const end = path.indexOf("/", 1);
  return (end < 0 ? path.slice(1) : path.slice(1, end)).toLowerCase();
}

/** As Express decodes route parameters: a broken escape is a 400. */
function decodeParam(value: string): string {
  if (value.indexOf("%") === -1) return value;
  try {
    return decodeURIComponent(value);
  } catch (err) {
    if (err instanceof URIError) Object.assign(err, { status: 400, statusCode: 400, message: `Failed to decode param '${value}'` });
    throw err;
  }
}
