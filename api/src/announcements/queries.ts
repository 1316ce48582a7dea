import { sql, type Kysely, type Selectable } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import { parseJson, toBool } from "../db/dialect.js";
import { badRequest, notFound } from "../lib/errors.js";
import { escapeLike, foldVietnamese } from "../lib/text.js";
import type {
  Ack,
  AnnouncementCategory,
  AnnouncementDetail,
  AnnouncementFeed,
  AnnouncementFile,
  AnnouncementItem,
  FeedQuery,
} from "../contract/announcements.js";
import type { AnnouncementsTable } from "./tables.js";
import { excerpt } from "./plain-text.js";
import { visibleTo } from "./visibility.js";

type Row = Selectable<AnnouncementsTable> & { category_name: string; read_by?: number | null };

export const sharePathOf = (id: number) => `/announcements/${id}`;

export async function listCategories(db: Kysely<DB>): Promise<AnnouncementCategory[]> {
  const rows = await db.selectFrom("announcement_categories").select(["id", "name"]).orderBy("sort_order").orderBy("id").execute();
  return rows.map((r) => ({ id: r.id, name: r.name }));
}

function toItem(r: Row, read: boolean): AnnouncementItem {
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
    read,
  };
}

/** Cursor = the feed order key of the last item: (pinned, sort_at, id), opaque to clients. */
function encodeCursor(r: Row): string {
  return Buffer.from(JSON.stringify([Number(r.pinned), r.sort_at, r.id])).toString("base64url");
}

function decodeCursor(cursor: string): [number, string, number] {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && v.length === 3 && (v[0] === 0 || v[0] === 1) && typeof v[1] === "string" && Number.isInteger(v[2])) {
      return v as [number, string, number];
    }
  } catch {
    /* fall through */
  }
  throw badRequest("BAD_CURSOR", "Con trỏ phân trang không hợp lệ. Vui lòng tải lại danh sách.");
}

function baseQuery(db: Kysely<DB>, user: AuthUser | null, nowIso: string, opts: { withArchived?: boolean } = {}) {
  return db
    .selectFrom("announcements")
    .innerJoin("announcement_categories as cat", "cat.id", "announcements.category_id")
    .where(visibleTo(user, nowIso, opts))
    .selectAll("announcements")
    .select("cat.name as category_name");
}

/** The feed: pinned first, then newest; filter by category; search ignoring diacritics. */
export async function listFeed(ctx: AppContext, user: AuthUser | null, query: FeedQuery): Promise<AnnouncementFeed> {
  const { db } = ctx.database;
  const now = ctx.clock.now().toISOString();
  let q = baseQuery(db, user, now);
  if (user) {
    q = q
      .leftJoin("announcement_reads as rd", (j) => j.onRef("rd.announcement_id", "=", "announcements.id").on("rd.user_id", "=", user.id))
      .select("rd.user_id as read_by");
  }
  if (query.category) q = q.where("announcements.category_id", "=", query.category);
  // Only staff can see unpublished notices at all; for anyone else this filter finds nothing.
  if (query.status === "unpublished") q = q.where("announcements.status", "in", ["draft", "scheduled"]);
  const words = foldVietnamese(query.q ?? "").split(" ").filter(Boolean).slice(0, 8);
  for (const w of words) {
    const pattern = `%${escapeLike(w)}%`;
    q = q.where(sql<boolean>`announcements.search_text like ${pattern} escape '\\'`);
  }
  if (query.cursor) {
    const [p, s, id] = decodeCursor(query.cursor);
    q = q.where((eb) =>
      eb.or([
        eb("announcements.pinned", "<", p),
        eb.and([eb("announcements.pinned", "=", p), eb("announcements.sort_at", "<", s)]),
        eb.and([eb("announcements.pinned", "=", p), eb("announcements.sort_at", "=", s), eb("announcements.id", "<", id)]),
      ]),
    );
  }
  const rows = (await q
    .orderBy("announcements.pinned", "desc")
    .orderBy("announcements.sort_at", "desc")
    .orderBy("announcements.id", "desc")
    .limit(query.limit + 1)
    .execute()) as Row[];
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => toItem(r, r.read_by !== null && r.read_by !== undefined)),
    nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]) : null,
    unreadCount: user ? await unreadCount(db, user, now) : 0,
  };
}

/** Published notices meant for the user that they have not opened (the tab badge). */
export async function unreadCount(db: Kysely<DB>, user: AuthUser, nowIso: string): Promise<number> {
  const row = await db
    .selectFrom("announcements")
    .where(visibleTo(user, nowIso))
    .where("announcements.status", "=", "published")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("announcement_reads")
            .select("announcement_reads.user_id")
            .whereRef("announcement_reads.announcement_id", "=", "announcements.id")
            .where("announcement_reads.user_id", "=", user.id),
        ),
      ),
    )
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A notice the user may see, or 404 (the same answer whether it does not exist or is not meant for them). */
export async function loadVisible(db: Kysely<DB>, user: AuthUser | null, nowIso: string, id: number): Promise<Row> {
  const row = (await baseQuery(db, user, nowIso, { withArchived: true }).where("announcements.id", "=", id).executeTakeFirst()) as Row | undefined;
  if (!row) throw notFound("Không tìm thấy thông báo hoặc thông báo không dành cho bạn.", "ANNOUNCEMENT_NOT_FOUND");
  return row;
}

/** The units expected to acknowledge: every unit below the ward for "all_units", the chosen ones for "units". */
export async function expectedUnitIds(db: Kysely<DB>, a: { id: number; audience: string }): Promise<number[]> {
  if (a.audience === "all_units") {
    const rows = await db.selectFrom("units").select("id").where("parent_id", "is not", null).orderBy("sort_order").orderBy("id").execute();
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

/** How this user acknowledges this notice: for their unit (unit notices) or for themselves ("everyone"). */
export async function ackScopeFor(db: Kysely<DB>, user: AuthUser, a: { id: number; audience: string }): Promise<{ scopeKey: string; unitId: number | null } | null> {
  if (user.role === "staff" || user.role === "observer") return null;
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
  // The ward's own staff and observers (writing, checking, previewing) are not the audience: their
  // opens are not counted as views (their read marks are still kept for their own feed).
  const audienceView = !user || user.role === "youth" || user.role === "focal";
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
