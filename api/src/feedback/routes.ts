import { z } from "zod";
import type { RouteBuilder } from "../http/route.js";
import { IdParams } from "../contract/common.js";
import { notFound } from "../lib/errors.js";
import { contentDisposition } from "../files/routes.js";
import {
  CreateAnswerSchema,
  CreateFeedbackSchema,
  CreateNoteSchema,
  FeedbackCategorySchema,
  FeedbackCreatedSchema,
  FeedbackDetailSchema,
  FeedbackInboxQuerySchema,
  FeedbackInboxSchema,
  FeedbackNoteSchema,
  FeedbackPhotoParams,
  FeedbackPublicQuerySchema,
  FeedbackStatsQuerySchema,
  FeedbackStatsSchema,
  FlagResultSchema,
  FlagSchema,
  MineQuerySchema,
  MyFeedbackPageSchema,
  PublicFeedbackPageSchema,
  SupportResultSchema,
  UpdateFeedbackCategorySchema,
  UpdateFeedbackSchema,
} from "../contract/feedback.js";
import { listCategories, updateCategory } from "./categories.js";
import { createFeedback } from "./create.js";
import { getDetail, photoForReview } from "./detail.js";
import { listInbox, listMine, listPublic } from "./lists.js";
import { flagFeedback, supportFeedback } from "./public-actions.js";
import { addNote, answerFeedback, updateFeedback } from "./staff-actions.js";
import { feedbackStats } from "./stats.js";

const TAG = "Góp ý của thanh niên";

export function registerFeedbackRoutes(r: RouteBuilder): void {
  // Fixed paths first: Express matches in order, and "/api/feedback/:id" would swallow them.
  r.add(
    { method: "get", path: "/api/feedback/categories", tag: TAG, summary: "Các lĩnh vực góp ý và thời hạn trả lời (ngày làm việc)", response: z.array(FeedbackCategorySchema) },
    ({ ctx }) => listCategories(ctx),
  );
  r.add(
    {
      method: "patch",
      path: "/api/feedback/categories/:id",
      tag: TAG,
      summary: "Sửa tên hoặc thời hạn trả lời của một lĩnh vực",
      params: IdParams,
      body: UpdateFeedbackCategorySchema,
      response: FeedbackCategorySchema,
    },
    ({ ctx, params, body }) => updateCategory(ctx, params.id, body),
  );
  r.add(
    {
      method: "post",
      path: "/api/feedback",
      tag: TAG,
      summary: "Gửi góp ý (có mã theo dõi; gửi lại cùng Idempotency-Key trả về đúng góp ý đã tạo)",
      body: CreateFeedbackSchema,
      response: FeedbackCreatedSchema,
      status: 201,
    },
    async ({ ctx, user, body, req, res }) => {
      const header = req.get("Idempotency-Key") ?? undefined;
      const out = await createFeedback(ctx, user!, body, header, (retryAt) => {
        res.setHeader("Retry-After", String(Math.max(1, Math.ceil((Date.parse(retryAt) - ctx.clock.now().getTime()) / 1000))));
      });
      if (out.replay) res.setHeader("Idempotent-Replayed", "true");
      return out.created;
    },
  );
  r.add(
    { method: "get", path: "/api/feedback/mine", tag: TAG, summary: "Góp ý của tôi: trạng thái, hạn trả lời, câu trả lời", query: MineQuerySchema, response: MyFeedbackPageSchema },
    ({ ctx, user, query }) => listMine(ctx, user!, query),
  );
  r.add(
    {
      method: "get",
      path: "/api/feedback/public",
      tag: TAG,
      summary: "Góp ý đã trả lời được phép công khai (không lộ người gửi ẩn danh)",
      query: FeedbackPublicQuerySchema,
      response: PublicFeedbackPageSchema,
    },
    ({ ctx, user, query }) => listPublic(ctx, user, query),
  );
  r.add(
    {
      method: "get",
      path: "/api/feedback/stats",
      tag: TAG,
      summary: "Số liệu góp ý: tiếp nhận, đã trả lời, đúng hạn, quá hạn, theo lĩnh vực (theo năm của kỳ báo cáo)",
      query: FeedbackStatsQuerySchema,
      response: FeedbackStatsSchema,
    },
    ({ ctx, user, query }) => feedbackStats(ctx, user!, query.periodId, query.wardId),
  );
  r.add(
    {
      method: "get",
      path: "/api/feedback",
      tag: TAG,
      summary: "Hộp thư góp ý cho cán bộ, giám sát và đầu mối (đầu mối: chỉ góp ý giao cho đơn vị mình)",
      query: FeedbackInboxQuerySchema,
      response: FeedbackInboxSchema,
    },
    ({ ctx, user, query }) => listInbox(ctx, user!, query),
  );
  r.add(
    { method: "get", path: "/api/feedback/:id", tag: TAG, summary: "Chi tiết một góp ý (theo quyền người xem)", params: IdParams, response: FeedbackDetailSchema },
    ({ ctx, user, params }) => getDetail(ctx, user, params.id),
  );
  r.add(
    {
      method: "get",
      path: "/api/feedback/:id/photos/:photoId",
      tag: TAG,
      summary: "Xem ảnh của góp ý kể cả khi ảnh đang bị ẩn (chỉ người gửi và người xử lý; không lưu đệm)",
      params: FeedbackPhotoParams,
      produces: "application/octet-stream",
    },
    async ({ ctx, user, params, res }) => {
      const photo = await photoForReview(ctx, user!, params.id, params.photoId);
      res.setHeader("Content-Type", photo.mime);
      res.setHeader("Content-Disposition", contentDisposition("inline", photo.name));
      res.setHeader("X-Content-Type-Options", "nosniff");
      // Personal view of possibly moderated content: never kept by a shared cache.
      res.setHeader("Cache-Control", "private, no-store");
      await new Promise<void>((resolve, reject) => {
        res.sendFile(photo.absPath, { etag: false, lastModified: false, cacheControl: false, dotfiles: "allow" }, (err) => {
          if (!err || res.headersSent) return resolve();
          reject((err as NodeJS.ErrnoException).code === "ENOENT" ? notFound("Không tìm thấy nội dung ảnh.", "PHOTO_NOT_FOUND") : err);
        });
      });
    },
  );
  r.add(
    {
      method: "patch",
      path: "/api/feedback/:id",
      tag: TAG,
      summary: "Đổi trạng thái (kèm lý do khi cần), giao đơn vị, ẩn góp ý hoặc ảnh",
      params: IdParams,
      body: UpdateFeedbackSchema,
      response: FeedbackDetailSchema,
    },
    ({ ctx, user, params, body }) => updateFeedback(ctx, user!, params.id, body),
  );
  r.add(
    {
      method: "post",
      path: "/api/feedback/:id/answer",
      tag: TAG,
      summary: "Trả lời góp ý (bắt buộc nội dung; công khai hoặc riêng tư); báo cho người gửi",
      params: IdParams,
      body: CreateAnswerSchema,
      response: FeedbackDetailSchema,
      status: 201,
    },
    ({ ctx, user, params, body }) => answerFeedback(ctx, user!, params.id, body),
  );
  r.add(
    {
      method: "post",
      path: "/api/feedback/:id/notes",
      tag: TAG,
      summary: "Ghi chú nội bộ (người gửi và công chúng không bao giờ thấy)",
      params: IdParams,
      body: CreateNoteSchema,
      response: FeedbackNoteSchema,
      status: 201,
    },
    ({ ctx, user, params, body }) => addNote(ctx, user!, params.id, body.text),
  );
  r.add(
    { method: "post", path: "/api/feedback/:id/support", tag: TAG, summary: "Ủng hộ một góp ý công khai (mỗi người một lần)", params: IdParams, response: SupportResultSchema },
    ({ ctx, user, params }) => supportFeedback(ctx, user!, params.id),
  );
  r.add(
    {
      method: "post",
      path: "/api/feedback/:id/flag",
      tag: TAG,
      summary: "Báo cáo vi phạm (mỗi người một lần; 3 báo cáo thì tạm ẩn chờ xem xét)",
      params: IdParams,
      body: FlagSchema,
      response: FlagResultSchema,
    },
    ({ ctx, user, params, body }) => flagFeedback(ctx, user!, params.id, body.reason),
  );
}
