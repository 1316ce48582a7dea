import type { AppContext, AuthUser } from "../http/context.js";
import type { Snapshot } from "../contract/city.js";
import { RETURN_REASON_MIN } from "../contract/city-labels.js";
import { badRequest, conflict, notFound } from "../lib/errors.js";
import { getSnapshot } from "./snapshots.js";
import { notifyWardStaff } from "./notify.js";

const MAX_ID = 2_147_483_647;

/** The city's answer to a version: only the newest one of its period, and only once per state. */
async function decidable(ctx: AppContext, id: number, action: "accept" | "return") {
  const { db } = ctx.database;
  if (id > MAX_ID) throw notFound("Không tìm thấy báo cáo đã gửi lên thành phố.", "SNAPSHOT_NOT_FOUND");
  const s = await db
    .selectFrom("ward_snapshots as s")
    .innerJoin("units as w", "w.id", "s.ward_id")
    .select(["s.id", "s.ward_id", "s.period_id", "s.year", "s.version", "s.status", "w.name as ward_name"])
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!s) throw notFound("Không tìm thấy báo cáo đã gửi lên thành phố.", "SNAPSHOT_NOT_FOUND");
  if (s.status === "superseded") {
    const newest = await db.selectFrom("ward_snapshots").select((eb) => eb.fn.max("version").as("v")).where("ward_id", "=", s.ward_id).where("period_id", "=", s.period_id).executeTakeFirst();
    throw conflict("SNAPSHOT_NOT_LATEST", `Phường đã gửi phiên bản mới hơn (phiên bản ${Number(newest?.v)}); hãy xem xét phiên bản đó.`);
  }
  if (s.status === "returned") throw conflict("SNAPSHOT_ALREADY_RETURNED", `Phiên bản ${s.version} đã được trả lại; chờ phường sửa và gửi phiên bản mới.`);
  if (s.status === "accepted" && action === "accept") throw conflict("SNAPSHOT_ALREADY_ACCEPTED", `Phiên bản ${s.version} đã được tiếp nhận.`);
  return s;
}

const changed = () => conflict("SNAPSHOT_CHANGED", "Báo cáo vừa thay đổi (phường gửi phiên bản mới hoặc cán bộ khác đã xử lý). Hãy tải lại trang.");

/** City staff accept a version: its figures now count in the city's. */
export async function acceptSnapshot(ctx: AppContext, user: AuthUser, id: number): Promise<Snapshot> {
  const s = await decidable(ctx, id, "accept");
  const nowIso = ctx.clock.now().toISOString();
  await ctx.database.db.transaction().execute(async (trx) => {
    const res = await trx.updateTable("ward_snapshots").set({ status: "accepted", decided_at: nowIso, decided_by: user.id, return_reason: null }).where("id", "=", s.id).where("status", "=", "sent").executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw changed();
    await notifyWardStaff(ctx, trx, s.ward_id, {
      title: `Thành phố đã tiếp nhận báo cáo năm ${s.year}`,
      body: `Sở Nội vụ đã tiếp nhận báo cáo kết quả thực hiện Nghị quyết 83 năm ${s.year} của ${s.ward_name} (phiên bản ${s.version}).`,
      link: `/reports/${s.period_id}/summary`,
      dedupeKey: `snapshot-accepted:${s.id}`,
    });
  });
  return getSnapshot(ctx, user, s.id);
}

/**
 * City staff return a version with a reason the ward reads (DHIS2 has no such field; people keep asking
 * for it). Also an accepted version can be returned — the city found a mistake later — and its figures
 * leave the city's until the ward sends a corrected version and the city accepts it.
 */
export async function returnSnapshot(ctx: AppContext, user: AuthUser, id: number, rawReason: string | undefined): Promise<Snapshot> {
  const reason = (rawReason ?? "").trim();
  if (reason.length < RETURN_REASON_MIN) {
    throw badRequest("RETURN_REASON_REQUIRED", `Cần ghi lý do trả lại (ít nhất ${RETURN_REASON_MIN} ký tự) để phường biết cần sửa gì.`, { field: "reason" });
  }
  const s = await decidable(ctx, id, "return");
  const nowIso = ctx.clock.now().toISOString();
  await ctx.database.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("ward_snapshots")
      .set({ status: "returned", decided_at: nowIso, decided_by: user.id, return_reason: reason })
      .where("id", "=", s.id)
      .where("status", "=", s.status)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw changed();
    await notifyWardStaff(ctx, trx, s.ward_id, {
      title: `Thành phố trả lại báo cáo năm ${s.year}`,
      body: `Sở Nội vụ trả lại báo cáo năm ${s.year} của ${s.ward_name} (phiên bản ${s.version}). Lý do: ${reason} Vui lòng sửa và gửi lại phiên bản mới.`,
      link: `/reports/${s.period_id}/summary`,
      dedupeKey: `snapshot-returned:${s.id}`,
    });
  });
  return getSnapshot(ctx, user, s.id);
}
