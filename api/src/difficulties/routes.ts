import { z } from "zod";
import type { RouteBuilder } from "../http/route.js";
import { IdParams } from "../contract/common.js";
import {
  DifficultyDetailSchema,
  DifficultyListSchema,
  DifficultyPatchSchema,
  DifficultyQuery,
  DifficultyThemeSchema,
  ForwardSchema,
  MergeSchema,
  NewThemeSchema,
  ResolveSchema,
} from "../contract/difficulties.js";
import { createTheme, forwardDifficulty, getDifficulty, listDifficulties, listThemes, mergeDifficulty, resolveDifficulty, setTheme } from "./service.js";

import { assertCityLevel } from "../wards/request-ward.js";

const TAG = "Khó khăn, đề xuất của đơn vị";

/** The register of difficulties and proposals taken from the units' reports, and their follow-up. */
export function registerDifficultyRoutes(r: RouteBuilder): void {
  r.add(
    { method: "get", path: "/api/difficulty-themes", tag: TAG, summary: "Các chủ đề phân loại khó khăn, đề xuất", response: z.array(DifficultyThemeSchema) },
    ({ ctx }) => listThemes(ctx),
  );
  r.add(
    {
      method: "post",
      path: "/api/difficulty-themes",
      tag: TAG,
      summary: "Cán bộ thành phố thêm chủ đề phân loại (danh mục chung của các phường). Cán bộ phường: 403 CITY_LEVEL_ONLY",
      body: NewThemeSchema,
      response: DifficultyThemeSchema,
      status: 201,
    },
    ({ ctx, body, user }) => {
      // one list for every ward: a theme a ward added would show in every other ward's register
      assertCityLevel(user!, "Các chủ đề phân loại khó khăn, đề xuất");
      return createTheme(ctx, body.name);
    },
  );
  r.add(
    {
      method: "get",
      path: "/api/difficulties",
      tag: TAG,
      summary: "Sổ theo dõi khó khăn, đề xuất của một năm (mỗi dòng trong báo cáo đã nộp là một mục); đầu mối chỉ thấy của đơn vị mình",
      query: DifficultyQuery,
      response: DifficultyListSchema,
    },
    ({ ctx, user, query }) => listDifficulties(ctx, user!, query),
  );
  r.add(
    { method: "get", path: "/api/difficulties/:id", tag: TAG, summary: "Một khó khăn, đề xuất và kết quả xử lý", params: IdParams, response: DifficultyDetailSchema },
    ({ ctx, user, params }) => getDifficulty(ctx, user!, params.id),
  );
  r.add(
    { method: "patch", path: "/api/difficulties/:id", tag: TAG, summary: "Gắn chủ đề", params: IdParams, body: DifficultyPatchSchema, response: DifficultyDetailSchema },
    ({ ctx, user, params, body }) => setTheme(ctx, user!, params.id, body.themeId),
  );
  r.add(
    { method: "post", path: "/api/difficulties/:id/forward", tag: TAG, summary: "Ghi nhận đã chuyển cấp có thẩm quyền (nơi nhận, ngày chuyển)", params: IdParams, body: ForwardSchema, response: DifficultyDetailSchema },
    ({ ctx, user, params, body }) => forwardDifficulty(ctx, user!, params.id, body),
  );
  r.add(
    { method: "post", path: "/api/difficulties/:id/resolve", tag: TAG, summary: "Ghi nhận đã giải quyết kèm kết quả (đơn vị được thông báo)", params: IdParams, body: ResolveSchema, response: DifficultyDetailSchema },
    ({ ctx, user, params, body }) => resolveDifficulty(ctx, user!, params.id, body.answer),
  );
  r.add(
    { method: "post", path: "/api/difficulties/:id/merge", tag: TAG, summary: "Gộp mục trùng vào một mục khác (theo dõi chung một kết quả)", params: IdParams, body: MergeSchema, response: DifficultyDetailSchema },
    ({ ctx, user, params, body }) => mergeDifficulty(ctx, user!, params.id, body.intoId),
  );
}
