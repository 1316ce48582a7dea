import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import { conflict, forbidden } from "../lib/errors.js";
import { enqueueNotifications } from "../notifications/outbox.js";
import { FEEDBACK_LIMITS } from "../contract/feedback-labels.js";
import { syncPhotoFiles } from "./photo-files.js";
import { hasPublicAnswer, photosOf } from "./queries.js";
import { itemNotFound, publicFor } from "./access.js";
import { pushEnabled } from "./shared.js";

// ---------------------------------------------------------------- public reactions

async function loadPublicVisible(db: Kysely<DB>, user: AuthUser, id: number) {
  const row = await db
    .selectFrom("feedback_items as f")
    .select(["f.id", "f.code", "f.ward_id", "f.sender_id", "f.hidden", "f.flags_count", "f.flags_reviewed"])
    .where("f.id", "=", id)
    .where("f.allow_public", "=", 1)
    .where("f.status", "=", "answered")
    .where("f.hidden", "=", 0)
    .where(hasPublicAnswer)
    .executeTakeFirst();
  if (!row || !publicFor(user, row)) throw itemNotFound();
  return row;
}

/** Support and flags speak for others: nobody counts towards (or against) their own item. */
function refuseOwnItem(user: AuthUser, item: { sender_id: number }, what: "support" | "flag"): void {
  if (item.sender_id !== user.id) return;
  throw forbidden(
    what === "support" ? "Bạn không thể tự ủng hộ góp ý của chính mình." : "Bạn không thể báo cáo vi phạm góp ý của chính mình.",
    "OWN_FEEDBACK",
  );
}

export async function supportFeedback(ctx: AppContext, user: AuthUser, id: number) {
  const { db } = ctx.database;
  const nowIso = ctx.clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    refuseOwnItem(user, await loadPublicVisible(trx, user, id), "support");
    const res = await trx
      .insertInto("feedback_supports")
      .values({ item_id: id, user_id: user.id, created_at: nowIso })
      .onConflict((oc) => oc.columns(["item_id", "user_id"]).doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) throw conflict("ALREADY_SUPPORTED", "Bạn đã ủng hộ góp ý này rồi.");
    const row = await trx
      .updateTable("feedback_items")
      .set((eb) => ({ supports_count: eb("supports_count", "+", 1) }))
      .where("id", "=", id)
      .returning("supports_count")
      .executeTakeFirstOrThrow();
    return { supported: true, supportsCount: Number(row.supports_count) };
  });
}

export async function flagFeedback(ctx: AppContext, user: AuthUser, id: number, reason: string | undefined) {
  const { db } = ctx.database;
  const nowIso = ctx.clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const item = await loadPublicVisible(trx, user, id);
    refuseOwnItem(user, item, "flag");
    const res = await trx
      .insertInto("feedback_flags")
      .values({ item_id: id, user_id: user.id, reason: reason || null, created_at: nowIso })
      .onConflict((oc) => oc.columns(["item_id", "user_id"]).doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) throw conflict("ALREADY_FLAGGED", "Bạn đã báo cáo vi phạm góp ý này rồi.");
    const row = await trx
      .updateTable("feedback_items")
      .set((eb) => ({ flags_count: eb("flags_count", "+", 1) }))
      .where("id", "=", id)
      .returning(["flags_count", "flags_reviewed"])
      .executeTakeFirstOrThrow();
    const unreviewed = Number(row.flags_count) - Number(row.flags_reviewed);
    let hidden = false;
    if (unreviewed >= FEEDBACK_LIMITS.flagsToHide) {
      hidden = true;
      await trx.updateTable("feedback_items").set({ hidden: 1, hidden_by: "flags", updated_at: nowIso }).where("id", "=", id).execute();
      const photos = await trx.selectFrom("feedback_items").select("photos").where("id", "=", id).executeTakeFirstOrThrow();
      await syncPhotoFiles(trx, photosOf(photos).map((p) => p.id));
      // the item's ward's staff review it
      const staff = await trx.selectFrom("users").select("id").where("role", "=", "staff").where("ward_id", "=", item.ward_id).where("disabled", "=", 0).execute();
      await enqueueNotifications(
        trx,
        staff.map((s) => ({
          userId: s.id,
          kind: "feedback_flagged",
          title: `Góp ý ${item.code} bị ẩn chờ xem xét`,
          body: `Góp ý đã bị báo cáo vi phạm ${Number(row.flags_count)} lần và tạm ẩn khỏi danh sách công khai.`,
          link: `/feedback/${id}`,
          dedupeKey: `feedback:${id}:flagged:${Number(row.flags_count)}`,
          source: `feedback:${id}`,
        })),
        nowIso,
        pushEnabled(ctx),
      );
    }
    return { flagged: true, hidden };
  });
}
