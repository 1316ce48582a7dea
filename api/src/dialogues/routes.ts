import { z } from "zod";
import type { RouteBuilder } from "../http/route.js";
import { IdParams } from "../contract/common.js";
import {
  DialogueQuery,
  DialogueQuestionSchema,
  DialogueSchema,
  NewDialogueSchema,
  NewQuestionSchema,
  PublishAnswersSchema,
  QuestionCreatedSchema,
  QuestionFlagResult,
  QuestionFlagSchema,
  QuestionListQuery,
  QuestionListSchema,
  QuestionParams,
  QuestionPatchSchema,
  QuestionSupportResult,
} from "../contract/dialogues.js";
import { createDialogue, getDialogue, listDialogues, publishAnswers } from "./service.js";
import { askQuestion, flagQuestion, listQuestions, supportQuestion, updateQuestion } from "./questions.js";

const TAG = "Đối thoại với thanh niên";

/** The ward chair's dialogue with youth: announced in the feed, questions with tracking codes, answers. */
export function registerDialogueRoutes(r: RouteBuilder): void {
  r.add(
    { method: "get", path: "/api/dialogues", tag: TAG, summary: "Các buổi đối thoại của Chủ tịch UBND phường với thanh niên (phường của người hỏi; chưa đăng nhập hoặc cán bộ thành phố: ?wardId=)", query: DialogueQuery, response: z.array(DialogueSchema) },
    ({ ctx, query, user }) => listDialogues(ctx, user, query.year, query.wardId),
  );
  r.add(
    {
      method: "post",
      path: "/api/dialogues",
      tag: TAG,
      summary: "Công bố buổi đối thoại (đăng lên bảng tin của thanh niên); dưới 30 ngày phải xác nhận acknowledgeShortNotice",
      body: NewDialogueSchema,
      response: DialogueSchema,
      status: 201,
    },
    ({ ctx, user, body }) => createDialogue(ctx, user!, body),
  );
  r.add({ method: "get", path: "/api/dialogues/:id", tag: TAG, summary: "Một buổi đối thoại", params: IdParams, response: DialogueSchema }, ({ ctx, params, user }) => getDialogue(ctx, user, params.id));
  r.add(
    {
      method: "get",
      path: "/api/dialogues/:id/questions",
      tag: TAG,
      summary: "Câu hỏi của buổi đối thoại (cán bộ: cả câu bị ẩn, tên người hỏi, bản nháp trả lời)",
      params: IdParams,
      query: QuestionListQuery,
      response: QuestionListSchema,
    },
    async ({ ctx, user, params, query }) => ({ items: await listQuestions(ctx, user, params.id, query.order) }),
  );
  r.add(
    { method: "post", path: "/api/dialogues/:id/questions", tag: TAG, summary: "Gửi câu hỏi trong thời gian nhận câu hỏi (có mã theo dõi)", params: IdParams, body: NewQuestionSchema, response: QuestionCreatedSchema, status: 201 },
    ({ ctx, user, params, body }) => askQuestion(ctx, user!, params.id, body),
  );
  r.add(
    {
      method: "patch",
      path: "/api/dialogues/:id/questions/:questionId",
      tag: TAG,
      summary: "Cán bộ nhóm, sắp thứ tự, ẩn/hiện câu hỏi và soạn câu trả lời",
      params: QuestionParams,
      body: QuestionPatchSchema,
      response: DialogueQuestionSchema,
    },
    ({ ctx, user, params, body }) => updateQuestion(ctx, user!, params.id, params.questionId, body),
  );
  r.add(
    { method: "post", path: "/api/dialogues/:id/questions/:questionId/support", tag: TAG, summary: "Ủng hộ câu hỏi của người khác (một lần)", params: QuestionParams, response: QuestionSupportResult },
    ({ ctx, user, params }) => supportQuestion(ctx, user!, params.id, params.questionId),
  );
  r.add(
    { method: "post", path: "/api/dialogues/:id/questions/:questionId/flag", tag: TAG, summary: "Báo cáo vi phạm (đủ số lượt thì câu hỏi tạm ẩn chờ cán bộ xem xét)", params: QuestionParams, body: QuestionFlagSchema, response: QuestionFlagResult },
    ({ ctx, user, params, body }) => flagQuestion(ctx, user!, params.id, params.questionId, body.reason),
  );
  r.add(
    { method: "post", path: "/api/dialogues/:id/publish", tag: TAG, summary: "Công bố câu trả lời sau buổi đối thoại (người hỏi được thông báo)", params: IdParams, body: PublishAnswersSchema, response: DialogueSchema },
    ({ ctx, params, body, user }) => publishAnswers(ctx, user!, params.id, body),
  );
}
