import { OpenAPIRegistry, OpenApiGeneratorV3 } from "@asteasolutions/zod-to-openapi";
import { z, type ZodObject } from "zod";
import type { AnyRouteSpec } from "../http/route.js";
import { POLICY } from "../identity/policy.js";
import { ErrorSchema } from "./common.js";

/** The OpenAPI 3 document, generated from the zod schemas every route was declared with. */
export function buildOpenApiDocument(specs: AnyRouteSpec[], version: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  for (const s of specs) {
    const access = POLICY[`${s.method.toUpperCase()} ${s.path}`];
    const roles = access === "public" ? "công khai" : access === "signed-in" ? "đã đăng nhập" : access.join(", ");
    const ok = s.status ?? (s.response ? 200 : 204);
    registry.registerPath({
      method: s.method,
      path: s.path.replace(/:(\w+)/g, "{$1}"),
      tags: [s.tag],
      summary: s.summary,
      description: `Quyền: ${roles}`,
      security: access === "public" ? [] : [{ bearer: [] }],
      request: {
        ...(s.params ? { params: s.params as ZodObject } : {}),
        ...(s.query ? { query: s.query as ZodObject } : {}),
        ...(s.body ? { body: { content: { "application/json": { schema: s.body } } } } : {}),
        ...(s.multipartField
          ? {
              body: {
                content: {
                  "multipart/form-data": { schema: z.object({ [s.multipartField]: z.string().meta({ format: "binary" }) }) },
                },
              },
            }
          : {}),
      },
      responses: {
        [ok]: {
          description: "Thành công",
          ...(s.response
            ? { content: { "application/json": { schema: s.response } } }
            : s.produces
              ? { content: { [s.produces]: { schema: z.string().meta({ format: "binary" }) } } }
              : {}),
        },
        default: { description: "Lỗi", content: { "application/json": { schema: ErrorSchema } } },
      },
    });
  }
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: "3.0.3",
    info: { title: "Thanh niên số API", version, description: "API của Mini App Thanh niên số — phường Lê Đại Hành" },
    servers: [{ url: "/" }],
  });
}
