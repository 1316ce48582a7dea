import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import { toBool } from "../db/dialect.js";
import { forbidden } from "../lib/errors.js";
import type { Receipts } from "../contract/announcements.js";
import { expectedUnitIds, noticeNotFound, senderOf } from "./queries.js";
import { sourceOf } from "./pushes.js";
import { wardTitle } from "../contract/wards-labels.js";
import { deliveryStats } from "../notifications/outbox.js";

/** Push delivery figures of a notice, from the notification outbox (owned by the notifications feature). */
async function pushFigures(db: Kysely<DB>, source: string): Promise<Receipts["figures"]["pushes"]> {
  const s = await deliveryStats(db, source);
  return { total: s.total, delivered: s.sent, failed: s.failed, pending: s.pending, inboxOnly: s.skipped };
}

/**
 * Receipts are read by the level that published: a ward's notice by its ward's staff and observer (and
 * by city staff, read only); a city notice by city staff. A ward's staff see their own ward's
 * acknowledgement of a city notice on the notice itself (myAck), not the other wards'.
 */
function assertReadsReceipts(user: AuthUser, a: { ward_id: number | null; status: string }): void {
  if (user.role === "city_staff") return;
  if (a.ward_id === null) {
    if (a.status !== "published") throw noticeNotFound();
    throw forbidden(
      "Tình hình tiếp nhận thông báo của thành phố do Sở Nội vụ theo dõi; xác nhận của phường bạn hiện ngay trên thông báo.",
      "CITY_NOTICE_RECEIPTS",
    );
  }
  if (a.ward_id !== user.wardId) throw noticeNotFound();
}

/** Who acknowledged (per expected unit), who has not, and the read and delivery figures. */
export async function loadReceipts(ctx: AppContext, user: AuthUser, id: number): Promise<Receipts> {
  const { db } = ctx.database;
  const a = await db
    .selectFrom("announcements")
    .leftJoin("units as w", "w.id", "announcements.ward_id")
    .selectAll("announcements")
    .select("w.name as ward_name")
    .where("announcements.id", "=", id)
    .executeTakeFirst();
  if (!a) throw noticeNotFound();
  assertReadsReceipts(user, a);
  const city = a.ward_id === null;
  const expected = await expectedUnitIds(db, a);
  // who acknowledges for an expected unit (and can be reminded): its focal points; a ward, for a city notice: its staff
  const [role, by] = city ? (["staff", "ward_id"] as const) : (["focal", "unit_id"] as const);
  const remindable = () =>
    db
      .selectFrom("users")
      .select((eb) => [eb.ref(by).as("unit_id"), eb.fn.countAll().as("n")])
      .where("role", "=", role)
      .where("disabled", "=", 0)
      .where(by, "in", expected)
      .groupBy(by)
      .execute();
  const [units, acks, readers, focal, pushes] = await Promise.all([
    expected.length ? db.selectFrom("units").select(["id", "code", "name", "sort_order"]).where("id", "in", expected).execute() : Promise.resolve([]),
    db
      .selectFrom("announcement_acks as k")
      .innerJoin("users as u", "u.id", "k.user_id")
      .select(["k.unit_id", "k.acked_at", "u.name as user_name"])
      .where("k.announcement_id", "=", id)
      .orderBy("k.acked_at", "desc")
      .execute(),
    // Readers are the audience: the publishing level (a ward's staff and observers, or city staff) is not counted.
    db
      .selectFrom("announcement_reads as r")
      .innerJoin("users as u", "u.id", "r.user_id")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("r.announcement_id", "=", id)
      .where("u.role", "in", city ? ["youth", "focal", "staff", "observer"] : ["youth", "focal"])
      .executeTakeFirstOrThrow(),
    expected.length ? remindable() : Promise.resolve([]),
    pushFigures(db, sourceOf(id)),
  ]);
  const ackByUnit = new Map(acks.filter((k) => k.unit_id !== null).map((k) => [k.unit_id!, k]));
  const order = new Map(expected.map((u, i) => [u, i]));
  const list = units
    .map((u) => {
      const k = ackByUnit.get(u.id);
      return {
        unitId: u.id,
        code: u.code,
        // a ward of a city notice by the name people write ("Phường Hồng Bàng")
        name: city ? wardTitle(u.name).name : u.name,
        acknowledged: !!k,
        ackedAt: k?.acked_at ?? null,
        ackedBy: k?.user_name ?? null,
        focalCount: Number(focal.find((f) => f.unit_id === u.id)?.n ?? 0),
      };
    })
    .sort((x, y) => Number(y.acknowledged) - Number(x.acknowledged) || order.get(x.unitId)! - order.get(y.unitId)!);
  return {
    announcementId: a.id,
    title: a.title,
    status: a.status,
    audience: a.audience,
    requiresAck: toBool(a.requires_ack),
    sender: senderOf(a),
    units: list,
    missingUnitIds: list.filter((u) => !u.acknowledged).map((u) => u.unitId),
    personalAcks: acks
      .filter((k) => k.unit_id === null)
      .slice(0, 100)
      .map((k) => ({ userName: k.user_name, ackedAt: k.acked_at })),
    figures: {
      views: Number(a.view_count),
      uniqueReaders: Number(readers.n),
      // A unit taken out of the audience after acknowledging no longer counts.
      acknowledgements: acks.filter((k) => k.unit_id === null || order.has(k.unit_id)).length,
      expectedUnits: expected.length,
      pushes,
    },
    lastRemindedAt: a.last_reminded_at,
  };
}
