import type { AppContext, AuthUser } from "../http/context.js";
import { sourceOf } from "./pushes.js";
import { writableNotice } from "./write-access.js";

/** DELETE archives: the notice leaves every feed but its receipts stay. */
export async function archiveAnnouncement(ctx: AppContext, user: AuthUser, id: number): Promise<void> {
  const now = ctx.clock.now().toISOString();
  await writableNotice(ctx.database.db, user, id);
  await ctx.database.db.transaction().execute(async (trx) => {
    // Archiving twice is harmless and keeps the first archiving time.
    const res = await trx
      .updateTable("announcements")
      .set({ status: "archived", archived_at: now, updated_at: now })
      .where("id", "=", id)
      .where("status", "!=", "archived")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return;
    // Pushes still waiting (retries with backoff) would lead to a notice that is gone: not sent.
    await trx
      .updateTable("notifications")
      .set({ push_status: "skipped", push_error: "Thông báo đã được lưu trữ trước khi gửi", push_next_at: null })
      .where("source", "in", [sourceOf(id), `${sourceOf(id)}:remind`])
      .where("push_status", "=", "pending")
      .execute();
  });
}
