import { z } from "zod";
import type { RouteBuilder } from "../http/route.js";
import { IndicatorSchema, PeriodSchema, TaskSchema, UnitSchema } from "../contract/catalog.js";
import { IdParams } from "../contract/common.js";
import { notFound } from "../lib/errors.js";
import { listPeriods, listUnits } from "./queries.js";
import { listIndicators, listTasks } from "./items.js";
import { registerCatalogEditingRoutes } from "./editing-routes.js";

const TAG = "Danh mục kế hoạch";

export function registerCatalogRoutes(r: RouteBuilder): void {
  r.add(
    { method: "get", path: "/api/units", tag: TAG, summary: "Các đơn vị (dạng cây, theo parentId)", response: z.array(UnitSchema) },
    ({ ctx }) => listUnits(ctx),
  );
  r.add(
    { method: "get", path: "/api/indicators", tag: TAG, summary: "Chỉ tiêu (Phụ lục I)", response: z.array(IndicatorSchema) },
    ({ ctx }) => listIndicators(ctx.database.db),
  );
  r.add(
    { method: "get", path: "/api/tasks", tag: TAG, summary: "Nhiệm vụ, giải pháp (Phụ lục II)", response: z.array(TaskSchema) },
    ({ ctx }) => listTasks(ctx.database.db),
  );
  r.add(
    { method: "get", path: "/api/periods", tag: TAG, summary: "Các kỳ báo cáo, mới nhất trước", response: z.array(PeriodSchema) },
    ({ ctx }) => listPeriods(ctx),
  );
  r.add(
    { method: "get", path: "/api/periods/:id", tag: TAG, summary: "Một kỳ báo cáo", params: IdParams, response: PeriodSchema },
    async ({ ctx, params }) => {
      const [p] = await listPeriods(ctx, params.id);
      if (!p) throw notFound("Không tìm thấy kỳ báo cáo.", "PERIOD_NOT_FOUND");
      return p;
    },
  );
  registerCatalogEditingRoutes(r);
}
