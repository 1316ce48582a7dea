import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext } from "../http/context.js";
import { toBool } from "../db/dialect.js";
import { notFound } from "../lib/errors.js";
import type { Receipts } from "../contract/announcements.js";
import { expectedUnitIds } from "./queries.js";
import { sourceOf } from "./service.js";
import { deliveryStats } from "../notifications/outbox.js";

/** Push delivery figures of a notice, from the notification outbox (owned by the notifications feature). */
async function pushFigures(db: Kysely<DB>, source: string): Promise<Receipts["figures"]["pushes"]> {
  const s = await deliveryStats(db, source);
  return { total: s.total, delivered: s.sent, failed: s.failed, pending: s.pending, inboxOnly: s.skipped };
}

/** Who acknowledged (per expected unit), who has not, and the read and delivery figures. */
export async function loadReceipts(ctx: AppContext, id: number): Promise<Receipts> {
  const { db } = ctx.database;
  const a = await db.selectFrom("announcements").selectAll().where("id", "=", id).executeTakeFirst();
  if (!a) throw notFound("Không tìm thấy thông báo.", "ANNOUNCEMENT_NOT_FOUND");
  const expected = await expectedUnitIds(db, a);
  const [units, acks, readers, focal, pushes] = await Promise.all([
    expected.length ? db.selectFrom("units").select(["id", "code", "name", "sort_order"]).where("id", "in", expected).execute() : Promise.resolve([]),
    db
      .selectFrom("announcement_acks as k")
      .innerJoin("users as u", "u.id", "k.user_id")
      .select(["k.unit_id", "k.acked_at", "u.name as user_name"])
      .where("k.announcement_id", "=", id)
      .orderBy("k.acked_at", "desc")
      .execute(),
    // Readers are the audience: staff and observers opening the notice are not counted.
    db
      .selectFrom("announcement_reads as r")
      .innerJoin("users as u", "u.id", "r.user_id")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("r.announcement_id", "=", id)
      .where("u.role", "in", ["youth", "focal"])
      .executeTakeFirstOrThrow(),
    expected.length
      ? db
          .selectFrom("users")
          .select(["unit_id", (eb) => eb.fn.countAll().as("n")])
          .where("role", "=", "focal")
          .where("disabled", "=", 0)
          .where("unit_id", "in", expected)
          .groupBy("unit_id")
          .execute()
      : Promise.resolve([]),
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
        name: u.name,
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
