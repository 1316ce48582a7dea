import type { Request, RequestHandler, Response } from "express";
import { RouteTable } from "./route-table.js";
import { z, type ZodType } from "zod";
import { AppError, badRequest, unsupportedMediaType } from "../lib/errors.js";
import { accessFor, checkAccess, type Access } from "../identity/policy.js";
import type { AppContext, AuthUser } from "./context.js";

// Validation messages in Vietnamese for people; `code` stays stable for programs.
z.config(z.locales.vi());

export type Method = "get" | "post" | "put" | "patch" | "delete";

export interface RouteSpec<P extends ZodType, Q extends ZodType, B extends ZodType, R extends ZodType> {
  method: Method;
  /** Express path, e.g. "/api/announcements/:id" (the access policy is keyed by it). */
  path: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** multipart/form-data upload with the given file field name (validated by the handler) */
  multipartField?: string;
  response?: R;
  status?: number;
  /** non-JSON responses (files, exports), for the OpenAPI document */
  produces?: string;
  /** path parameters that grant access (invitation codes): written to the request log as ":name" */
  secretParams?: string[];
  /**
   * The handler sends its answer's bytes itself, already compressed for the coding the caller asked
   * for (the feed): the compression middleware, which every other route gets, is not put around it.
   */
  encodesItself?: boolean;
}

export interface HandlerInput<P, Q, B> {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
  /** the signed-in user, or null on public routes without a (valid) token */
  user: AuthUser | null;
  ctx: AppContext;
}

type Out<T extends ZodType | undefined> = T extends ZodType ? z.output<T> : undefined;

export type AnyRouteSpec = RouteSpec<ZodType, ZodType, ZodType, ZodType>;

/**
 * The one way to declare an API route: validates params, query and body with zod, applies the
 * access policy, and records the route for the OpenAPI document and the policy test.
 * A handler returns the JSON body (sent with `status`, unless it set another status itself, as
 * health does with 503), or sends the response itself.
 *
 * What every route gets from here, so no handler can forget it:
 * - the body's type is checked: JSON routes refuse anything but JSON (415), upload routes anything
 *   but multipart (415), so a multipart body never reaches a JSON handler as `{}`;
 * - an answer that depends on who asks (a signed-in caller, or a route that is not public) is sent
 *   with `Cache-Control: no-store`; public answers keep their own caching (every API answer carries
 *   `Vary: API_VARY`, set in app.ts before any route);
 * - the request log shows the route with secret path parameters masked (`secretParams`);
 * - the answer is compressed (`compress`, when the caller accepts a coding), unless the route
 *   encodes it itself (`encodesItself`): the feed, which sends bytes it compressed once and mostly
 *   304s, pays nothing for the middleware's hooks on the response.
 */
export class RouteBuilder {
  readonly specs: AnyRouteSpec[] = [];
  private readonly table = new RouteTable();
  /** The middleware that runs the routes (mounted at /api). */
  readonly router = this.table.handler;

  constructor(
    readonly ctx: AppContext,
    private readonly compress?: RequestHandler,
  ) {}

  add<P extends ZodType, Q extends ZodType, B extends ZodType, R extends ZodType>(
    spec: RouteSpec<P, Q, B, R>,
    handler: (input: HandlerInput<Out<P>, Out<Q>, Out<B>>) => Promise<unknown> | unknown,
  ): void {
    const access = accessFor(spec.method, spec.path); // throws when a route has no rule
    const logged = this.ctx.logger.isLevelEnabled("info"); // the request log shows the masked path
    this.specs.push(spec as unknown as AnyRouteSpec);
    // The router is mounted at /api; specs keep the full path for the policy and OpenAPI.
    const compress = spec.encodesItself ? undefined : this.compress;
    this.table.add(spec.method, spec.path.replace(/^\/api/, ""), async (req, res) => {
      // (compression's middleware only hooks the response and calls on synchronously)
      compress?.(req, res, noop);
      if (logged) req.logPath = logPathOf(spec, req.params);
      const user = checkAccess(access, req);
      const personal = isPersonal(access, user);
      if (personal) res.setHeader("Cache-Control", "no-store");
      checkContentType(spec, req);
      const params = parse(spec.params, req.params, "params") as Out<P>;
      const query = parse(spec.query, req.query, "query") as Out<Q>;
      const body = parse(spec.body, spec.body ? req.body : undefined, "body") as Out<B>;
      const result = await handler({ req, res, params, query, body, user, ctx: this.ctx });
      if (res.headersSent) return;
      // A personal answer is never stored, whatever caching the handler set up for anonymous callers.
      if (personal) res.setHeader("Cache-Control", "no-store");
      // The handler's own status (health's 503) wins over the spec's default.
      const status = res.statusCode !== 200 ? res.statusCode : undefined;
      if (result === undefined) res.status(status ?? spec.status ?? 204).end();
      else res.status(status ?? spec.status ?? 200).json(result);
    });
  }
}

/** What every API answer varies on: the caller's origin (CORS) and their token. */
export const API_VARY = "Origin, Authorization";

const noop = () => undefined;

const isPersonal = (access: Access, user: AuthUser | null) => access !== "public" || user !== null;

function hasBody(req: Request): boolean {
  return Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
}

/** JSON routes take JSON only, upload routes multipart only: nothing is guessed. */
function checkContentType(spec: AnyRouteSpec, req: Request): void {
  if (spec.multipartField) {
    if (!req.is("multipart/form-data")) {
      throw unsupportedMediaType(`Tệp phải gửi dạng multipart/form-data (trường "${spec.multipartField}"), không gửi dạng JSON.`);
    }
    return;
  }
  if (!hasBody(req)) return;
  if (!req.is(["application/json", "application/*+json"])) {
    throw unsupportedMediaType("Dữ liệu phải gửi dạng JSON (Content-Type: application/json).");
  }
}

/** "/api/invitations/:code/accept" → "/api/invitations/:code/accept" with the public params filled in. */
function logPathOf(spec: AnyRouteSpec, params: Record<string, string | string[]>): string {
  const secret = new Set(spec.secretParams ?? []);
  return spec.path.replace(/:(\w+)/g, (whole, name: string) => {
    const v = params[name];
    return secret.has(name) || typeof v !== "string" ? whole : encodeURIComponent(v);
  });
}

function parse(schema: ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  if (where === "body" && (value === undefined || value === null)) value = {};
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw badRequest(
    "VALIDATION_FAILED",
    "Dữ liệu gửi lên chưa hợp lệ, vui lòng kiểm tra lại.",
    result.error.issues.map((i) => ({ in: where, path: i.path.join("."), message: i.message, code: i.code })),
  );
}

export { AppError };
