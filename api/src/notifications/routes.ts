import type { Kysely } from "kysely";
import type { RouteBuilder } from "../http/route.js";
import type { DB } from "../db/schema.js";
import { IdParams } from "../contract/common.js";
import {
  NotificationListQuery,
  NotificationPageSchema,
  NotificationReadAllSchema,
  NotificationReadSchema,
  type NotificationItem,
} from "../contract/notifications.js";
import { notFound, unauthorized } from "../lib/errors.js";

const TAG = "Hộp thư";

async function unreadCount(db: Kysely<DB>, userId: number): Promise<number> {
  const r = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function registerNotificationRoutes(r: RouteBuilder): void {
  r.add(
    {
      method: "get",
      path: "/api/notifications",
      tag: TAG,
      summary: "Hộp thư của tôi, mới nhất trước (phân trang bằng con trỏ)",
      query: NotificationListQuery,
      response: NotificationPageSchema,
    },
    async ({ query, user, ctx, res }) => {
      if (!user) throw unauthorized();
      const db = ctx.database.db;
      let q = db
        .selectFrom("notifications")
        .select(["id", "kind", "title", "body", "link", "created_at", "read_at"])
        .where("user_id", "=", user.id)
        .orderBy("id", "desc")
        .limit(query.limit + 1);
      if (query.cursor) q = q.where("id", "<", Math.min(Number(query.cursor), 2_147_483_647)); // ids are 32-bit in PostgreSQL
      const rows = await q.execute();
      const page = rows.slice(0, query.limit);
      const items: NotificationItem[] = page.map((n) => ({
        id: n.id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link,
        createdAt: n.created_at,
        readAt: n.read_at,
      }));
      res.setHeader("Cache-Control", "private, no-store");
      return {
        items,
        nextCursor: rows.length > query.limit ? String(page[page.length - 1].id) : null,
        unreadCount: await unreadCount(db, user.id),
      };
    },
  );

  r.add(
    {
      method: "post",
      path: "/api/notifications/:id/read",
      tag: TAG,
      summary: "Đánh dấu một tin đã đọc (chỉ tin của mình)",
      params: IdParams,
      response: NotificationReadSchema,
    },
    async ({ params, user, ctx }) => {
      if (!user) throw unauthorized();
      // Ids are 32-bit integers in PostgreSQL: a bigger number names no message (404, not a database error).
      if (params.id > 2_147_483_647) throw notFound("Không tìm thấy tin nhắn này trong hộp thư của bạn.", "NOTIFICATION_NOT_FOUND");
      const db = ctx.database.db;
      const now = ctx.clock.now().toISOString();
      // Reading twice keeps the first time; someone else's message is "not found", never "forbidden".
      await db
        .updateTable("notifications")
        .set({ read_at: now })
        .where("id", "=", params.id)
        .where("user_id", "=", user.id)
        .where("read_at", "is", null)
        .execute();
      const row = await db
        .selectFrom("notifications")
        .select(["id", "read_at"])
        .where("id", "=", params.id)
        .where("user_id", "=", user.id)
        .executeTakeFirst();
      if (!row) throw notFound("Không tìm thấy tin nhắn này trong hộp thư của bạn.", "NOTIFICATION_NOT_FOUND");
      return { id: row.id, readAt: row.read_at ?? now, unreadCount: await unreadCount(db, user.id) };
    },
  );

  r.add(
    {
      method: "post",
      path: "/api/notifications/read-all",
      tag: TAG,
      summary: "Đánh dấu tất cả tin trong hộp thư là đã đọc",
      response: NotificationReadAllSchema,
    },
    async ({ user, ctx }) => {
      if (!user) throw unauthorized();
      const res = await ctx.database.db
        .updateTable("notifications")
        .set({ read_at: ctx.clock.now().toISOString() })
        .where("user_id", "=", user.id)
        .where("read_at", "is", null)
        .executeTakeFirst();
      return { updated: Number(res.numUpdatedRows ?? 0), unreadCount: 0 };
    },
  );
}
