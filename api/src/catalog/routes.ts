import { z } from "zod";
import type { RouteBuilder } from "../http/route.js";
import { IndicatorSchema, PeriodSchema, TaskSchema, UnitSchema } from "../contract/catalog.js";
import { IdParams, WardQuery } from "../contract/common.js";
import { notFound } from "../lib/errors.js";
import { assertSeesWard, requestWardId } from "../wards/request-ward.js";
import { listPeriods, listUnits } from "./queries.js";
import { listIndicators, listTasks } from "./items.js";
import { catalogWard, registerCatalogEditingRoutes } from "./editing-routes.js";

const TAG = "Danh mục kế hoạch";

export function registerCatalogRoutes(r: RouteBuilder): void {
  r.add(
    {
      method: "get",
      path: "/api/units",
      tag: TAG,
      summary: "Các đơn vị (dạng cây, theo parentId): thành phố và phường của người hỏi (?wardId= một phường; chưa đăng nhập hoặc cán bộ thành phố: mọi phường)",
      query: WardQuery,
      response: z.array(UnitSchema),
    },
    async ({ ctx, query, user }) => {
      // a ward's people pick among their own ward's units; the dev sign-in (anonymous) and the city see every ward
      const all = query.wardId === undefined && (!user || user.role === "city_staff");
      return listUnits(ctx, all ? undefined : await requestWardId(ctx.database.db, user, query.wardId));
    },
  );
  r.add(
    {
      method: "get",
      path: "/api/indicators",
      tag: TAG,
      summary: "Chỉ tiêu (Phụ lục I) với đơn vị báo cáo, cách tổng hợp và lộ trình của phường (cán bộ thành phố: ?wardId=, hoặc danh mục chung)",
      query: WardQuery,
      response: z.array(IndicatorSchema),
    },
    async ({ ctx, query, user }) => listIndicators(ctx.database.db, { wardId: await catalogWard(ctx, user, query.wardId) }),
  );
  r.add(
    {
      method: "get",
      path: "/api/tasks",
      tag: TAG,
      summary: "Nhiệm vụ, giải pháp (Phụ lục II) với đơn vị chủ trì, phối hợp của phường (cán bộ thành phố: ?wardId=, hoặc danh mục chung)",
      query: WardQuery,
      response: z.array(TaskSchema),
    },
    async ({ ctx, query, user }) => listTasks(ctx.database.db, { wardId: await catalogWard(ctx, user, query.wardId) }),
  );
  r.add(
    {
      method: "get",
      path: "/api/periods",
      tag: TAG,
      summary: "Các kỳ báo cáo của phường, mới nhất trước (cán bộ thành phố: ?wardId=)",
      query: WardQuery,
      response: z.array(PeriodSchema),
    },
    async ({ ctx, query, user }) => listPeriods(ctx, { wardId: await requestWardId(ctx.database.db, user, query.wardId) }),
  );
  r.add(
    { method: "get", path: "/api/periods/:id", tag: TAG, summary: "Một kỳ báo cáo", params: IdParams, response: PeriodSchema },
    async ({ ctx, params, user }) => {
      const [p] = await listPeriods(ctx, { id: params.id });
      const missing = () => notFound("Không tìm thấy kỳ báo cáo.", "PERIOD_NOT_FOUND");
      if (!p) throw missing();
      assertSeesWard(user, p.wardId, missing);
      return p;
    },
  );
  registerCatalogEditingRoutes(r);
}
