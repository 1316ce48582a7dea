import { z } from "zod";
import { API_VARY, type RouteBuilder } from "../http/route.js";
import { IdParams } from "../contract/common.js";
import {
  AckResultSchema,
  AnnouncementCategorySchema,
  AnnouncementDetailSchema,
  AnnouncementFeedSchema,
  AnnouncementPatchSchema,
  FeedQuerySchema,
  NewAnnouncementSchema,
  NewCategorySchema,
  ReceiptsSchema,
  RemindResultSchema,
} from "../contract/announcements.js";
import { notFound } from "../lib/errors.js";
import { listCategories, loadVisible, openDetail, toDetail } from "./queries.js";
import { withFileLinks } from "./file-access.js";
import { feedFor } from "./feed.js";
import { preferredEncoding } from "../lib/accept-encoding.js";
import { createAnnouncement, updateAnnouncement } from "./compose.js";
import { archiveAnnouncement } from "./archive.js";
import { acknowledge, remind } from "./acknowledgements.js";
import { createCategory } from "./categories.js";
import { loadReceipts } from "./receipts.js";

const TAG = "Thông báo";

/** Row ids are 32-bit integers (PostgreSQL `integer`): a bigger number names no notice, so 404, not 500. */
function noticeId(id: number): number {
  if (id > 2_147_483_647) throw notFound("Không tìm thấy thông báo.", "ANNOUNCEMENT_NOT_FOUND");
  return id;
}

export function registerAnnouncementRoutes(r: RouteBuilder): void {
  r.add(
    { method: "get", path: "/api/announcement-categories", tag: TAG, summary: "Các chuyên mục thông báo", response: z.array(AnnouncementCategorySchema) },
    ({ ctx }) => listCategories(ctx.database.db),
  );
  r.add(
    {
      method: "post",
      path: "/api/announcement-categories",
      tag: TAG,
      summary: "Thêm chuyên mục thông báo",
      body: NewCategorySchema,
      response: AnnouncementCategorySchema,
      status: 201,
    },
    ({ ctx, body }) => createCategory(ctx, body.name),
  );

  r.add(
    {
      method: "get",
      path: "/api/announcements",
      tag: TAG,
      summary:
        "Bảng tin thông báo của phường và của thành phố: ghim trước, mới nhất trước; lọc chuyên mục, nguồn (thành phố/phường), tìm kiếm không dấu, phân trang con trỏ (có ETag); cán bộ thành phố chọn phường bằng wardId",
      query: FeedQuerySchema,
      response: AnnouncementFeedSchema,
      encodesItself: true,
    },
    async ({ ctx, query, user, req, res }) => {
      // The ETag depends on the caller (read marks, audience); a 304 is decided before building the feed.
      const { etag, json, encoded } = await feedFor(ctx, user, query, req.headers["if-none-match"]);
      res.setHeader("ETag", etag);
      // Anonymous: revalidated each time. Signed in, the answer is personal: no-store (set by the route
      // builder) — the mini app keeps the page itself and revalidates it with If-None-Match.
      if (!user) res.setHeader("Cache-Control", "no-cache");
      res.setHeader("Vary", `${API_VARY}, Accept-Encoding`);
      const coding = encoded && preferredEncoding(req.headers["accept-encoding"]);
      if (json === null) {
        res.statusCode = 304;
        res.end();
      } else {
        // the answer is bytes already: sent as they are (res.send would look again at what we know)
        const body = coding ? encoded!(coding) : json;
        res.setHeader("Content-Type", "application/json; charset=utf-8");
        if (coding) res.setHeader("Content-Encoding", coding);
        res.setHeader("Content-Length", body.length);
        res.end(req.method === "HEAD" ? undefined : body);
      }
    },
  );

  r.add(
    {
      method: "get",
      path: "/api/announcements/:id",
      tag: TAG,
      summary: "Chi tiết thông báo (ghi nhận lượt xem và đã đọc)",
      params: IdParams,
      response: AnnouncementDetailSchema,
    },
    async ({ ctx, params, user }) => withFileLinks(ctx, await openDetail(ctx, user, noticeId(params.id))),
  );

  r.add(
    {
      method: "post",
      path: "/api/announcements",
      tag: TAG,
      summary: "Soạn thông báo: đăng ngay, hẹn giờ hoặc lưu nháp (cán bộ phường: thông báo của phường; cán bộ thành phố: thông báo của thành phố tới mọi phường)",
      body: NewAnnouncementSchema,
      response: AnnouncementDetailSchema,
      status: 201,
    },
    async ({ ctx, body, user }) => {
      const id = await createAnnouncement(ctx, user!, body);
      const now = ctx.clock.now().toISOString();
      return withFileLinks(ctx, await toDetail(ctx.database.db, user, await loadVisible(ctx.database.db, user, now, id), false));
    },
  );

  r.add(
    {
      method: "patch",
      path: "/api/announcements/:id",
      tag: TAG,
      summary: "Sửa thông báo (sau khi đăng sẽ hiện “đã chỉnh sửa”)",
      params: IdParams,
      body: AnnouncementPatchSchema,
      response: AnnouncementDetailSchema,
    },
    async ({ ctx, params, body, user }) => {
      await updateAnnouncement(ctx, user!, noticeId(params.id), body);
      const now = ctx.clock.now().toISOString();
      return withFileLinks(ctx, await toDetail(ctx.database.db, user, await loadVisible(ctx.database.db, user, now, noticeId(params.id)), false));
    },
  );

  r.add(
    { method: "delete", path: "/api/announcements/:id", tag: TAG, summary: "Lưu trữ thông báo (gỡ khỏi bảng tin, giữ số liệu)", params: IdParams, status: 204 },
    async ({ ctx, params, user }) => {
      await archiveAnnouncement(ctx, user!, noticeId(params.id));
      return undefined;
    },
  );

  r.add(
    {
      method: "post",
      path: "/api/announcements/:id/ack",
      tag: TAG,
      summary: "Xác nhận “Đã tiếp nhận” (đầu mối cho đơn vị; cá nhân với thông báo chung)",
      params: IdParams,
      response: AckResultSchema,
    },
    ({ ctx, params, user }) => acknowledge(ctx, user!, noticeId(params.id)),
  );

  r.add(
    {
      method: "get",
      path: "/api/announcements/:id/receipts",
      tag: TAG,
      summary: "Tình hình tiếp nhận: đơn vị đã/chưa xác nhận, lượt xem, người đọc, tin đẩy",
      params: IdParams,
      response: ReceiptsSchema,
    },
    ({ ctx, params, user }) => loadReceipts(ctx, user!, noticeId(params.id)),
  );

  r.add(
    {
      method: "post",
      path: "/api/announcements/:id/remind",
      tag: TAG,
      summary: "Nhắc các đơn vị chưa xác nhận tiếp nhận (tối đa một lần mỗi ngày)",
      params: IdParams,
      response: RemindResultSchema,
    },
    ({ ctx, params, user }) => remind(ctx, user!, noticeId(params.id)),
  );
}
