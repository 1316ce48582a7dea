import { sql, type Kysely, type Selectable } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import { parseJson, toBool } from "../db/dialect.js";
import { notFound } from "../lib/errors.js";
import type {
  Ack,
  AnnouncementCategory,
  AnnouncementDetail,
  AnnouncementFile,
  AnnouncementItem,
} from "../contract/announcements.js";
import type { AnnouncementSender } from "../contract/announcements.js";
import { CITY_SENDER } from "../contract/announcements-labels.js";
import { wardTitle } from "../contract/wards-labels.js";
import type { AnnouncementsTable } from "./tables.js";
import { excerpt } from "./plain-text.js";
import { visibleTo, type NoticeWard } from "./visibility.js";

export type Row = Selectable<AnnouncementsTable> & { category_name: string; ward_name: string | null; read_by?: number | null };

/** A ward's notice is sent by the ward ("Phường Hồng Bàng"), a city notice by Sở Nội vụ. */
export function senderOf(r: { ward_id: number | null; ward_name: string | null }): AnnouncementSender {
  if (r.ward_id === null) return { level: "city", wardId: null, name: CITY_SENDER };
  return { level: "ward", wardId: r.ward_id, name: r.ward_name ? wardTitle(r.ward_name).name : "" };
}

export const noticeNotFound = () => notFound("Không tìm thấy thông báo hoặc thông báo không dành cho bạn.", "ANNOUNCEMENT_NOT_FOUND");

export const sharePathOf = (id: number) => `/announcements/${id}`;

export async function listCategories(db: Kysely<DB>): Promise<AnnouncementCategory[]> {
  const rows = await db.selectFrom("announcement_categories").select(["id", "name"]).orderBy("sort_order").orderBy("id").execute();
  return rows.map((r) => ({ id: r.id, name: r.name }));
}

export function toItem(r: Row, read: boolean): AnnouncementItem {
  const cover = parseJson<AnnouncementFile | null>(r.cover_json, null);
  return {
    id: r.id,
    title: r.title,
    excerpt: excerpt(r.body),
    category: { id: r.category_id, name: r.category_name },
    coverUrl: cover?.url ?? null,
    audience: r.audience,
    pinned: toBool(r.pinned),
    status: r.status,
    publishAt: r.publish_at,
    publishedAt: r.published_at,
    expiresAt: r.expires_at,
    requiresAck: toBool(r.requires_ack),
    edited: r.edited_at !== null,
    editedAt: r.edited_at,
    attachmentCount: parseJson<unknown[]>(r.attachments_json, []).length,
    sender: senderOf(r),
    read,
  };
}

export function baseQuery(db: Kysely<DB>, user: AuthUser | null, nowIso: string, opts: { withArchived?: boolean; ward?: NoticeWard } = {}) {
  return db
    .selectFrom("announcements")
    .innerJoin("announcement_categories as cat", "cat.id", "announcements.category_id")
    .leftJoin("units as sender_ward", "sender_ward.id", "announcements.ward_id")
    .where(visibleTo(user, nowIso, opts))
    .selectAll("announcements")
    .select(["cat.name as category_name", "sender_ward.name as ward_name"]);
}

/**
 * A notice the user may see, or 404 (the same answer whether it does not exist, is another ward's or
 * is not meant for them). Anonymous callers open any ward's public notice (a shared link).
 */
export async function loadVisible(db: Kysely<DB>, user: AuthUser | null, nowIso: string, id: number): Promise<Row> {
  const row = (await baseQuery(db, user, nowIso, { withArchived: true }).where("announcements.id", "=", id).executeTakeFirst()) as Row | undefined;
  if (!row) throw noticeNotFound();
  return row;
}

/**
 * The units expected to acknowledge: for a ward's notice, every unit of the ward ("all_units") or the
 * chosen ones ("units"); for a city notice to "all_units", every ward (its staff acknowledge for it).
 */
export async function expectedUnitIds(db: Kysely<DB>, a: { id: number; audience: string; ward_id: number | null }): Promise<number[]> {
  if (a.audience === "all_units") {
    const q = db.selectFrom("units").select("id").orderBy("sort_order").orderBy("id");
    const rows = await (a.ward_id === null ? q.where("kind", "=", "ward") : q.where("ward_id", "=", a.ward_id).where("id", "!=", a.ward_id)).execute();
    return rows.map((r) => r.id);
  }
  if (a.audience === "units") {
    const rows = await db
      .selectFrom("announcement_units")
      .innerJoin("units", "units.id", "announcement_units.unit_id")
      .select("units.id")
      .where("announcement_units.announcement_id", "=", a.id)
      .orderBy("units.sort_order")
      .orderBy("units.id")
      .execute();
    return rows.map((r) => r.id);
  }
  return [];
}

/**
 * How this user acknowledges this notice: for their unit (unit notices), for themselves ("everyone"),
 * or — a ward's staff, a city notice to "all_units" — for their ward (the ward's own unit).
 */
export async function ackScopeFor(
  db: Kysely<DB>,
  user: AuthUser,
  a: { id: number; audience: string; ward_id: number | null },
): Promise<{ scopeKey: string; unitId: number | null } | null> {
  if (a.ward_id === null && a.audience === "all_units") {
    return user.role === "staff" && user.wardId !== null ? { scopeKey: `unit:${user.wardId}`, unitId: user.wardId } : null;
  }
  if (user.role === "staff" || user.role === "observer" || user.role === "city_staff") return null;
  if (a.audience === "everyone") return { scopeKey: `user:${user.id}`, unitId: null };
  if (user.role !== "focal" || !user.unitId) return null;
  const expected = await expectedUnitIds(db, a);
  return expected.includes(user.unitId) ? { scopeKey: `unit:${user.unitId}`, unitId: user.unitId } : null;
}

export async function findAck(db: Kysely<DB>, announcementId: number, scopeKey: string): Promise<Ack | null> {
  const row = await db
    .selectFrom("announcement_acks as k")
    .innerJoin("users as u", "u.id", "k.user_id")
    .leftJoin("units as un", "un.id", "k.unit_id")
    .select(["k.unit_id", "k.acked_at", "u.name as user_name", "un.name as unit_name"])
    .where("k.announcement_id", "=", announcementId)
    .where("k.scope_key", "=", scopeKey)
    .executeTakeFirst();
  if (!row) return null;
  return {
    scope: row.unit_id ? "unit" : "user",
    unitId: row.unit_id,
    unitName: row.unit_name ?? null,
    userName: row.user_name,
    ackedAt: row.acked_at,
  };
}

export async function toDetail(db: Kysely<DB>, user: AuthUser | null, r: Row, read: boolean): Promise<AnnouncementDetail> {
  const units =
    r.audience === "units"
      ? await db
          .selectFrom("announcement_units")
          .innerJoin("units", "units.id", "announcement_units.unit_id")
          .select(["units.id", "units.name"])
          .where("announcement_units.announcement_id", "=", r.id)
          .orderBy("units.sort_order")
          .orderBy("units.id")
          .execute()
      : [];
  let myAck: Ack | null = null;
  let canAck = false;
  if (user && toBool(r.requires_ack)) {
    const scope = await ackScopeFor(db, user, r);
    if (scope) {
      myAck = await findAck(db, r.id, scope.scopeKey);
      canAck = !myAck && r.status === "published";
    }
  }
  return {
    ...toItem(r, read),
    body: r.body,
    cover: parseJson<AnnouncementFile | null>(r.cover_json, null),
    attachments: parseJson<AnnouncementFile[]>(r.attachments_json, []),
    units,
    myAck,
    canAck,
    sharePath: sharePathOf(r.id),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Opens a notice: counts the view and records the signed-in reader. */
export async function openDetail(ctx: AppContext, user: AuthUser | null, id: number): Promise<AnnouncementDetail> {
  const { db } = ctx.database;
  const now = ctx.clock.now().toISOString();
  const row = await loadVisible(db, user, now, id);
  // The author's level (the ward's staff and observers for a ward's notice, city staff for the city's)
  // is not the audience: their opens are not counted as views (their read marks are still kept for
  // their own feed). A city notice's audience is every ward's people, staff included.
  const audienceView = !user || user.role === "youth" || user.role === "focal" || (row.ward_id === null && user.role !== "city_staff");
  await db.transaction().execute(async (trx) => {
    if (audienceView) await trx.updateTable("announcements").set({ view_count: sql`view_count + 1` }).where("id", "=", id).execute();
    if (user) {
      await trx
        .insertInto("announcement_reads")
        .values({ announcement_id: id, user_id: user.id, first_read_at: now, last_read_at: now, views: 1 })
        .onConflict((oc) => oc.columns(["announcement_id", "user_id"]).doUpdateSet({ views: sql`announcement_reads.views + 1`, last_read_at: now }))
        .execute();
      // Reading the notice is reading its inbox messages (the push and any reminder): the bell
      // must not keep counting what the person has just read.
      await trx
        .updateTable("notifications")
        .set({ read_at: now })
        .where("user_id", "=", user.id)
        .where("source", "in", [`announcement:${id}`, `announcement:${id}:remind`])
        .where("read_at", "is", null)
        .execute();
    }
  });
  return toDetail(db, user, row, user !== null);
}
