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
import { IdParams, WardQuery } from "../contract/common.js";
import type { AuthUser } from "../http/context.js";
import type { AppContext } from "../http/context.js";
import { isCityStaff, requestWardId } from "../wards/request-ward.js";
import { getIndicatorDetail, getTask } from "./items.js";
import { createIndicator, patchIndicator, patchTask } from "./editing.js";
import { catalogHistory } from "./audit.js";
import { getPlanReference, setPlanReference } from "./plan-reference.js";

const TAG = "Danh mục kế hoạch";

/** Whose settings a catalog read shows: the caller's ward; city staff the ward they name, or the city's view. */
export async function catalogWard(ctx: AppContext, user: AuthUser | null, asked?: number): Promise<number | null> {
  if (isCityStaff(user) && asked === undefined) return null;
  return requestWardId(ctx.database.db, user, asked);
}

/**
 * City staff edit the definitions (indicators, tasks), a ward's staff its settings and its plan's
 * reference; every change is in the audit trail.
 */
export function registerCatalogEditingRoutes(r: RouteBuilder): void {
  r.add(
    {
      method: "post",
      path: "/api/indicators",
      tag: TAG,
      summary:
        "Cán bộ thành phố thêm chỉ tiêu vào danh mục chung (ví dụ thay một chỉ tiêu không đổi được cách đo); từng phường chọn đơn vị báo cáo. Cán bộ phường: 403 CITY_LEVEL_ONLY",
      body: IndicatorCreateSchema,
      response: IndicatorDetailSchema,
      status: 201,
    },
    ({ ctx, user, body }) => createIndicator(ctx, user!, body),
  );
  r.add(
    {
      method: "get",
      path: "/api/indicators/:id",
      tag: TAG,
      summary: "Một chỉ tiêu với thiết lập của phường (cán bộ thành phố: ?wardId= hoặc danh mục chung), kèm số báo cáo đã có số liệu",
      params: IdParams,
      query: WardQuery,
      response: IndicatorDetailSchema,
    },
    async ({ ctx, params, query, user }) => getIndicatorDetail(ctx.database.db, params.id, await catalogWard(ctx, user, query.wardId)),
  );
  r.add(
    {
      method: "patch",
      path: "/api/indicators/:id",
      tag: TAG,
      summary:
        "Sửa chỉ tiêu. Cán bộ thành phố: tên, cách đo, đơn vị tính, mục tiêu 2030, đang theo dõi (không đổi cách đo khi đã có số liệu: 409 INDICATOR_MEASURE_LOCKED). Cán bộ phường: đơn vị báo cáo và chủ trì, cách tổng hợp, lộ trình từng năm của phường mình. Sửa phần của cấp kia: 403 CITY_LEVEL_ONLY / WARD_DATA_READ_ONLY.",
      params: IdParams,
      body: IndicatorPatchSchema,
      response: IndicatorDetailSchema,
    },
    ({ ctx, params, user, body }) => patchIndicator(ctx, user!, params.id, body),
  );
  r.add(
    {
      method: "get",
      path: "/api/indicators/:id/history",
      tag: TAG,
      summary: "Lịch sử sửa chỉ tiêu: danh mục chung và thiết lập của phường",
      params: IdParams,
      query: WardQuery,
      response: z.array(CatalogChangeSchema),
    },
    async ({ ctx, params, query, user }) => {
      const wardId = await catalogWard(ctx, user, query.wardId);
      await getIndicatorDetail(ctx.database.db, params.id, wardId);
      return catalogHistory(ctx.database.db, "indicator", params.id, wardId);
    },
  );
  r.add(
    {
      method: "patch",
      path: "/api/tasks/:id",
      tag: TAG,
      summary: "Sửa nhiệm vụ. Cán bộ thành phố: tên, thời gian thực hiện; cán bộ phường: đơn vị chủ trì và phối hợp của phường mình",
      params: IdParams,
      body: TaskPatchSchema,
      response: TaskSchema,
    },
    ({ ctx, params, user, body }) => patchTask(ctx, user!, params.id, body),
  );
  r.add(
    { method: "get", path: "/api/tasks/:id/history", tag: TAG, summary: "Lịch sử sửa nhiệm vụ", params: IdParams, query: WardQuery, response: z.array(CatalogChangeSchema) },
    async ({ ctx, params, query, user }) => {
      const wardId = await catalogWard(ctx, user, query.wardId);
      await getTask(ctx.database.db, params.id, wardId);
      return catalogHistory(ctx.database.db, "task", params.id, wardId);
    },
  );
  r.add(
    {
      method: "get",
      path: "/api/plan-reference",
      tag: TAG,
      summary: "Số và ngày Kế hoạch của phường (trích dẫn trong báo cáo); cán bộ thành phố: ?wardId=",
      query: WardQuery,
      response: PlanReferenceSchema,
    },
    async ({ ctx, query, user }) => getPlanReference(ctx.database.db, await requestWardId(ctx.database.db, user, query.wardId)),
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
    async ({ ctx, user, body }) => setPlanReference(ctx, user!, await requestWardId(ctx.database.db, user), body),
  );
}
