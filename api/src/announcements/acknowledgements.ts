import type { AppContext, AuthUser } from "../http/context.js";
import { toBool } from "../db/dialect.js";
import { AppError, conflict, forbidden, notFound } from "../lib/errors.js";
import { vnDateKey } from "../lib/time.js";
import { enqueueNotifications } from "../notifications/outbox.js";
import { pushChannelName } from "../notifications/channel-name.js";
import type { AckResult, RemindResult } from "../contract/announcements.js";
import { ackScopeFor, expectedUnitIds, findAck, loadVisible, sharePathOf } from "./queries.js";
import { sourceOf } from "./pushes.js";
import { writableNotice } from "./write-access.js";

export async function acknowledge(ctx: AppContext, user: AuthUser, id: number): Promise<AckResult> {
  const { db } = ctx.database;
  const now = ctx.clock.now().toISOString();
  const a = await loadVisible(db, user, now, id);
  if (a.status !== "published") throw conflict("ANNOUNCEMENT_NOT_PUBLISHED", "Thông báo chưa được đăng hoặc đã lưu trữ.");
  if (!toBool(a.requires_ack)) throw conflict("ACK_NOT_REQUIRED", "Thông báo này không yêu cầu xác nhận tiếp nhận.");
  const scope = await ackScopeFor(db, user, a);
  if (!scope) throw forbidden("Bạn không thuộc đơn vị cần xác nhận tiếp nhận thông báo này.", "ACK_NOT_ALLOWED");
  const inserted = await db
    .insertInto("announcement_acks")
    .values({ announcement_id: id, scope_key: scope.scopeKey, unit_id: scope.unitId, user_id: user.id, acked_at: now })
    .onConflict((oc) => oc.columns(["announcement_id", "scope_key"]).doNothing())
    .executeTakeFirst();
  const ack = await findAck(db, id, scope.scopeKey);
  if (!ack) throw new AppError(500, "ACK_LOST", "Không ghi nhận được xác nhận. Vui lòng thử lại.");
  return { ack, alreadyAcknowledged: Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0 };
}

/**
 * One tap: a reminder to whoever acknowledges for each expected unit that has not, once a day — a
 * ward's notice: the unit's focal points; a city notice to all_units: each ward's staff.
 */
export async function remind(ctx: AppContext, user: AuthUser, id: number): Promise<RemindResult> {
  const now = ctx.clock.now().toISOString();
  await writableNotice(ctx.database.db, user, id);
  return ctx.database.db.transaction().execute(async (trx) => {
    const a = await trx.selectFrom("announcements").selectAll().where("id", "=", id).executeTakeFirst();
    if (!a) throw notFound("Không tìm thấy thông báo.", "ANNOUNCEMENT_NOT_FOUND");
    if (a.status !== "published") throw conflict("ANNOUNCEMENT_NOT_PUBLISHED", "Chỉ nhắc được thông báo đang đăng.");
    if (!toBool(a.requires_ack) || a.audience === "everyone") {
      throw conflict("REMIND_NOT_APPLICABLE", "Thông báo này không yêu cầu đơn vị xác nhận tiếp nhận.");
    }
    const expected = await expectedUnitIds(trx, a);
    const acked = new Set(
      (await trx.selectFrom("announcement_acks").select("unit_id").where("announcement_id", "=", id).where("unit_id", "is not", null).execute()).map((r) => r.unit_id),
    );
    const missing = expected.filter((u) => !acked.has(u));
    const city = a.ward_id === null;
    const users = missing.length
      ? await (city
          ? trx.selectFrom("users").select("id").where("role", "=", "staff").where("disabled", "=", 0).where("ward_id", "in", missing)
          : trx.selectFrom("users").select("id").where("role", "=", "focal").where("disabled", "=", 0).where("unit_id", "in", missing)
        ).execute()
      : [];
    const day = vnDateKey(now);
    const sent = await enqueueNotifications(
      trx,
      users.map((u) => ({
        userId: u.id,
        kind: "announcement_reminder",
        title: `Nhắc tiếp nhận: ${a.title}`,
        body: city
          ? "Phường, xã của bạn chưa xác nhận đã tiếp nhận thông báo của Sở Nội vụ. Vui lòng mở thông báo và bấm “Đã tiếp nhận”."
          : "Đơn vị của bạn chưa xác nhận đã tiếp nhận thông báo này. Vui lòng mở thông báo và bấm “Đã tiếp nhận”.",
        link: sharePathOf(id),
        dedupeKey: `${sourceOf(id)}:remind:${day}`,
        source: `${sourceOf(id)}:remind`,
      })),
      now,
      pushChannelName(ctx.config) !== "inbox",
    );
    if (sent > 0) await trx.updateTable("announcements").set({ last_reminded_at: now }).where("id", "=", id).execute();
    return { missingUnits: missing.length, recipients: users.length, sent, alreadyRemindedToday: users.length > 0 && sent === 0 };
  });
}
