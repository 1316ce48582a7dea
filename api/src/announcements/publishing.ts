import type { AppContext } from "../http/context.js";
import { enqueueAnnouncementPushes } from "./pushes.js";

/** Publishes the scheduled notices whose time has come (the job); safe with several instances. */
export async function publishDue(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now().toISOString();
  const { db } = ctx.database;
  const due = await db
    .selectFrom("announcements")
    .select(["id", "publish_at"])
    .where("status", "=", "scheduled")
    .where("publish_at", "<=", now)
    .orderBy("publish_at")
    .limit(50)
    .execute();
  let published = 0;
  for (const { id, publish_at } of due) {
    const at = publish_at ?? now;
    await db.transaction().execute(async (trx) => {
      // The status guard makes one instance win; the others update nothing and send nothing.
      const res = await trx
        .updateTable("announcements")
        .set({ status: "published", published_at: at, sort_at: at, updated_at: now })
        .where("id", "=", id)
        .where("status", "=", "scheduled")
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return;
      const a = await trx.selectFrom("announcements").select(["id", "ward_id", "audience", "created_by", "title", "body"]).where("id", "=", id).executeTakeFirstOrThrow();
      await enqueueAnnouncementPushes(trx, ctx, a, now);
      published++;
    });
  }
  return published;
}
