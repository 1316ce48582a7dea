import express, { type Request, type Response, type Router } from "express";
import { z, type ZodType } from "zod";
import { AppError, badRequest } from "../lib/errors.js";
import { accessFor, checkAccess } from "../identity/policy.js";
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
 * A handler returns the JSON body (sent with `status`), or sends the response itself.
 */
export class RouteBuilder {
  readonly router: Router = express.Router();
  readonly specs: AnyRouteSpec[] = [];

  constructor(readonly ctx: AppContext) {}

  add<P extends ZodType, Q extends ZodType, B extends ZodType, R extends ZodType>(
    spec: RouteSpec<P, Q, B, R>,
    handler: (input: HandlerInput<Out<P>, Out<Q>, Out<B>>) => Promise<unknown> | unknown,
  ): void {
    const access = accessFor(spec.method, spec.path); // throws when a route has no rule
    this.specs.push(spec as unknown as AnyRouteSpec);
    // The router is mounted at /api; specs keep the full path for the policy and OpenAPI.
    this.router[spec.method](spec.path.replace(/^\/api/, ""), async (req, res) => {
      const user = checkAccess(access, req);
      const params = parse(spec.params, req.params, "params") as Out<P>;
      const query = parse(spec.query, req.query, "query") as Out<Q>;
      const body = parse(spec.body, spec.body ? req.body : undefined, "body") as Out<B>;
      const result = await handler({ req, res, params, query, body, user, ctx: this.ctx });
      if (res.headersSent) return;
      if (result === undefined) res.status(spec.status ?? 204).end();
      else res.status(spec.status ?? 200).json(result);
    });
  }
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
