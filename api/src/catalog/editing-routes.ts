import { z } from "zod";
import type { RouteBuilder } from "../http/route.js";
import {
  CatalogChangeSchema,
  IndicatorCreateSchema,
  IndicatorDetailSchema,
  IndicatorPatchSchema,
  PlanReferenceInputSchema,
  PlanReferenceSchema,
  TaskPatchSchema,
  TaskSchema,
} from "../contract/catalog.js";
import { IdParams } from "../contract/common.js";
import { getIndicatorDetail, getTask } from "./items.js";
import { createIndicator, patchIndicator, patchTask } from "./editing.js";
import { catalogHistory } from "./audit.js";
import { getPlanReference, setPlanReference } from "./plan-reference.js";

const TAG = "Danh mục kế hoạch";

/** Staff edit indicators, tasks and the plan's reference; every change is in the audit trail. */
export function registerCatalogEditingRoutes(r: RouteBuilder): void {
  r.add(
    {
      method: "post",
      path: "/api/indicators",
      tag: TAG,
      summary: "Thêm chỉ tiêu (ví dụ thay một chỉ tiêu không đổi được cách đo); sau đó sửa như mọi chỉ tiêu",
      body: IndicatorCreateSchema,
      response: IndicatorDetailSchema,
      status: 201,
    },
    ({ ctx, user, body }) => createIndicator(ctx, user!, body),
  );
  r.add(
    { method: "get", path: "/api/indicators/:id", tag: TAG, summary: "Một chỉ tiêu, kèm số báo cáo đã có số liệu", params: IdParams, response: IndicatorDetailSchema },
    ({ ctx, params }) => getIndicatorDetail(ctx.database.db, params.id),
  );
  r.add(
    {
      method: "patch",
      path: "/api/indicators/:id",
      tag: TAG,
      summary:
        "Sửa chỉ tiêu: tên, cách đo, mục tiêu, lộ trình từng năm, đơn vị báo cáo và chủ trì, cách tổng hợp, đang theo dõi. Không đổi cách đo khi đã có số liệu (409 INDICATOR_MEASURE_LOCKED).",
      params: IdParams,
      body: IndicatorPatchSchema,
      response: IndicatorDetailSchema,
    },
    ({ ctx, params, user, body }) => patchIndicator(ctx, user!, params.id, body),
  );
  r.add(
    { method: "get", path: "/api/indicators/:id/history", tag: TAG, summary: "Lịch sử sửa chỉ tiêu", params: IdParams, response: z.array(CatalogChangeSchema) },
    async ({ ctx, params }) => {
      await getIndicatorDetail(ctx.database.db, params.id);
      return catalogHistory(ctx.database.db, "indicator", params.id);
    },
  );
  r.add(
    {
      method: "patch",
      path: "/api/tasks/:id",
      tag: TAG,
      summary: "Sửa nhiệm vụ: tên, thời gian, đơn vị chủ trì và phối hợp",
      params: IdParams,
      body: TaskPatchSchema,
      response: TaskSchema,
    },
    ({ ctx, params, user, body }) => patchTask(ctx, user!, params.id, body),
  );
  r.add(
    { method: "get", path: "/api/tasks/:id/history", tag: TAG, summary: "Lịch sử sửa nhiệm vụ", params: IdParams, response: z.array(CatalogChangeSchema) },
    async ({ ctx, params }) => {
      await getTask(ctx.database.db, params.id);
      return catalogHistory(ctx.database.db, "task", params.id);
    },
  );
  r.add(
    { method: "get", path: "/api/plan-reference", tag: TAG, summary: "Số và ngày Kế hoạch của phường (trích dẫn trong báo cáo)", response: PlanReferenceSchema },
    ({ ctx }) => getPlanReference(ctx.database.db),
  );
  r.add(
    {
      method: "put",
      path: "/api/plan-reference",
      tag: TAG,
      summary: "Nhập số và ngày Kế hoạch của phường (một lần; sửa được, có lịch sử)",
      body: PlanReferenceInputSchema,
      response: PlanReferenceSchema,
    },
    ({ ctx, user, body }) => setPlanReference(ctx, user!, body),
  );
}
