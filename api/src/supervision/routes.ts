import { z } from "zod";
import type { RouteBuilder } from "../http/route.js";
import { IdParams } from "../contract/common.js";
import {
  AnswerRecommendationSchema,
  NewSupervisionSchema,
  RecommendationParams,
  RecommendationQuery,
  RecommendationSchema,
  SupervisionListSchema,
  SupervisionQuery,
  SupervisionSchema,
} from "../contract/supervision.js";
import { answerRecommendation, createSupervision, getSupervision, listRecommendations, listSupervisions } from "./service.js";

const TAG = "Giám sát của Ủy ban MTTQ phường";

/** The Fatherland Front's supervision: the only thing its observer account writes. */
export function registerSupervisionRoutes(r: RouteBuilder): void {
  r.add(
    { method: "get", path: "/api/supervisions", tag: TAG, summary: "Các cuộc giám sát của một năm, kiến nghị và trả lời (đầu mối: cuộc giám sát liên quan đơn vị mình)", query: SupervisionQuery, response: SupervisionListSchema },
    ({ ctx, user, query }) => listSupervisions(ctx, user!, query.year, query.wardId),
  );
  r.add(
    {
      method: "post",
      path: "/api/supervisions",
      tag: TAG,
      summary: "Ủy ban MTTQ ghi nhận một cuộc giám sát: ngày, đơn vị, kết quả, kiến nghị gửi đơn vị (hoặc UBND phường) kèm hạn trả lời",
      body: NewSupervisionSchema,
      response: SupervisionSchema,
      status: 201,
    },
    ({ ctx, user, body }) => createSupervision(ctx, user!, body),
  );
  r.add(
    {
      method: "get",
      path: "/api/supervision-recommendations",
      tag: TAG,
      summary: "Kiến nghị giám sát theo tình trạng (quá hạn trả lời cho bảng theo dõi của phường; đầu mối: kiến nghị gửi đơn vị mình)",
      query: RecommendationQuery,
      response: z.array(RecommendationSchema),
    },
    ({ ctx, user, query }) => listRecommendations(ctx, user!, query.state, query.wardId),
  );
  r.add(
    { method: "get", path: "/api/supervisions/:id", tag: TAG, summary: "Một cuộc giám sát và các trả lời", params: IdParams, response: SupervisionSchema },
    ({ ctx, user, params }) => getSupervision(ctx, user!, params.id),
  );
  r.add(
    {
      method: "post",
      path: "/api/supervisions/:id/recommendations/:recId/answer",
      tag: TAG,
      summary: "Đơn vị được gửi kiến nghị trả lời (kiến nghị gửi UBND phường: cán bộ phường trả lời)",
      params: RecommendationParams,
      body: AnswerRecommendationSchema,
      response: SupervisionSchema,
    },
    ({ ctx, user, params, body }) => answerRecommendation(ctx, user!, params.id, params.recId, body.text),
  );
}
