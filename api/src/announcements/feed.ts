import crypto from "node:crypto";
import zlib from "node:zlib";
import { sql, type RawBuilder } from "kysely";
import type { Database } from "../db/database.js";
import type { AppContext, AuthUser } from "../http/context.js";
import { substringMatch } from "../db/dialect.js";
import { hotQuery } from "../db/hot-query.js";
import { badRequest } from "../lib/errors.js";
import { foldVietnamese } from "../lib/text.js";
import type { AnnouncementFeed, AnnouncementItem, FeedQuery } from "../contract/announcements.js";
import { baseQuery, toItem, type Row } from "./queries.js";
import { visibleTo, type NoticeWard } from "./visibility.js";
import { wardToRead } from "../wards/scope.js";
import { defaultWardId } from "../wards/queries.js";
import { withFileLinks } from "./file-access.js";
import { signedLinkWindow } from "../files/access.js";

/**
 * The feed at city scale. Everything a feed shows changes only with (a) the feed revision, moved by
 * database triggers on every change of notices, their units and categories — one counter per ward
 * and one for the city's notices, so a ward's feed moves with its own notices and the city's only; (b) time, through
 * expiry only (scheduled notices appear when the publishing job changes their status, which is a
 * change); (c) who asks: their audience and, signed in, their read marks. So:
 * - the ETag is computed from those inputs in one cheap query, and a 304 is decided before any feed
 *   is built;
 * - a page is built once per revision for everyone who sees the same notices (the audience scope)
 *   and kept in memory; the reader's read marks are laid over it;
 * - the unread count is the scope's count of published notices (kept per revision) minus the
 *   reader's read ones that are still visible (a lookup over their own reads), never a scan.
 */

interface FeedState {
  epoch: string;
  revision: number;
  /** the latest expiry instant already passed: it moves whenever a notice expires */
  expiredThrough: string | null;
  /** how many notices the reader has opened (0 anonymous) */
  readCount: number;
}

/** Bump when the shape of a feed answer changes, so clients revalidate after a deploy. */
const FEED_FORMAT = 3;

// Every feed request, 304s included, pays for this one round trip of primary-key reads: the state
// row, the ward's and the city's revision rows, the reader's row. A ward's revision is the sum of
// its own counter, the city's (key 0) and the categories' (the state row): each only grows, so the
// sum moves whenever one of them does, and a notice of another ward leaves it alone.
type StateRow = { epoch: string; revision: number | string; read_count: number | null };
const wardState = hotQuery((_db, ward: number, userId: number) =>
  sql<StateRow>`select s.epoch, s.revision + (select coalesce(sum(r.revision), 0) from announcement_feed_revisions r where r.ward_key in (${ward}, 0)) as revision,
      (select r.read_count from announcement_reader_state r where r.user_id = ${userId}) as read_count
    from announcement_feed_state s where s.id = 1`,
);
const cityState = hotQuery((_db, userId: number) =>
  sql<StateRow>`select s.epoch, s.revision + (select coalesce(sum(r.revision), 0) from announcement_feed_revisions r) as revision,
      (select r.read_count from announcement_reader_state r where r.user_id = ${userId}) as read_count
    from announcement_feed_state s where s.id = 1`,
);

async function readFeedState(database: Database, user: AuthUser | null, ward: NoticeWard, nowIso: string): Promise<FeedState> {
  const userId = user?.id ?? -1;
  const [row] =
    ward === "all"
      ? (cityState.now(database, userId) ?? (await cityState(database, userId)))
      : (wardState.now(database, ward, userId) ?? (await wardState(database, ward, userId)));
  const revision = Number(row.revision);
  const expiredThrough = await expiryMark(database, ward, `${row.epoch}.${revision}`, nowIso);
  return { epoch: row.epoch, revision, expiredThrough, readCount: Number(row.read_count ?? 0) };
}

/** The expiry mark of a ward's feed at one revision, and the instants between which it holds. */
interface ExpiryMark {
  revision: string;
  mark: string | null;
  /** the latest expiry already passed (the mark holds from it) and the next one to come (until it) */
  from: string | null;
  until: string | null;
}
const expiryMarks = new WeakMap<Database, Map<string, ExpiryMark>>();

/**
 * The latest expiry instant already passed, which moves whenever a notice expires. Within one
 * revision the notices' expiry instants are fixed, so the mark only changes when the clock crosses
 * one of them: it is asked once per revision and kept until the next expiry comes (or the clock is
 * set back before the last one, as tests do).
 */
async function expiryMark(database: Database, ward: NoticeWard, revision: string, nowIso: string): Promise<string | null> {
  let marks = expiryMarks.get(database);
  if (!marks) expiryMarks.set(database, (marks = new Map()));
  const key = String(ward);
  const kept = marks.get(key);
  if (kept && kept.revision === revision && (kept.from === null || kept.from <= nowIso) && (kept.until === null || nowIso < kept.until)) return kept.mark;

  const past = (where: RawBuilder<unknown>) => sql`(select max(a.expires_at) from announcements a where ${where} and a.expires_at <= ${nowIso})`;
  const next = (where: RawBuilder<unknown>) => sql`(select min(a.expires_at) from announcements a where ${where} and a.expires_at > ${nowIso})`;
  let found: ExpiryMark;
  if (ward === "all") {
    const all = sql`a.expires_at is not null`;
    const { rows } = await sql<{ past: string | null; next: string | null }>`select ${past(all)} as past, ${next(all)} as next`.execute(database.db);
    found = { revision, mark: rows[0].past ?? null, from: rows[0].past ?? null, until: rows[0].next ?? null };
  } else {
    const own = sql`a.ward_id = ${ward}`;
    const city = sql`a.ward_id is null`;
    const { rows } = await sql<{ own_past: string | null; own_next: string | null; city_past: string | null; city_next: string | null }>`
      select ${past(own)} as own_past, ${next(own)} as own_next, ${past(city)} as city_past, ${next(city)} as city_next`.execute(database.db);
    const r = rows[0];
    const latest = [r.own_past, r.city_past].filter((v): v is string => !!v).sort().pop() ?? null;
    const soonest = [r.own_next, r.city_next].filter((v): v is string => !!v).sort()[0] ?? null;
    found = { revision, mark: `${r.own_past ?? "-"}|${r.city_past ?? "-"}`, from: latest, until: soonest };
  }
  marks.set(key, found);
  return found.mark;
}

/** Everyone in a scope sees the same notices (see visibility.ts): a role's rule within one ward (or every ward). */
function scopeOf(user: AuthUser | null, ward: NoticeWard): string {
  if (user?.role === "staff" || user?.role === "observer" || user?.role === "city_staff") return `${user.role}:${ward}`;
  if (user?.role === "focal" && user.unitId) return `unit:${user.unitId}:${ward}`;
  return `public:${ward}`;
}

/**
 * Whose feed a request reads (wards/scope.ts): a ward's people their own ward (naming another: 403
 * WARD_FORBIDDEN), city staff the ward named or every ward, an anonymous caller the ward named or the
 * first ward (kept per database once known: the first ward never changes).
 */
const firstWards = new WeakMap<Database, number>();
async function feedWard(ctx: AppContext, user: AuthUser | null, asked: number | undefined): Promise<NoticeWard> {
  if (user || asked !== undefined) return wardToRead(ctx.database.db, user, asked);
  const known = firstWards.get(ctx.database);
  if (known !== undefined) return known;
  const first = await defaultWardId(ctx.database.db);
  if (first === null) return -1;
  firstWards.set(ctx.database, first);
  return first;
}

const searchWords = (q: string | undefined) => (q ? foldVietnamese(q).split(" ").filter(Boolean).slice(0, 8) : []);

const stateKey = (s: FeedState) => `${s.epoch}.${s.revision}.${s.expiredThrough ?? "-"}`;

/**
 * Pages a signed-in scope sees may carry signed file links (covers of notices not open to everyone),
 * which run out: such a page is kept, and its ETag holds, within one signing window only. A page built
 * and found to carry none is the same in every window: its inputs are remembered, and from then on
 * the window leaves its key and its ETag alone (a phone revalidating gets its 304 past the window).
 * Forgetting them (a restart, another instance) costs building the page once more, never a wrong
 * 304: the inputs name the feed revision, so the page they remember cannot have changed.
 */
const unsignedPages = new Set<string>();

/** The key of a page: its inputs and the signing window, or "-" when the page needs none. */
function pageKeys(ctx: AppContext, s: FeedState, scope: string, q: FeedQuery): { key: string; unsigned: string } {
  const inputs = JSON.stringify([stateKey(s), scope, q.category ?? null, q.status ?? null, q.origin ?? null, searchWords(q.q), q.cursor ?? null, q.limit]);
  const unsigned = `${inputs}|-`;
  const windowFree = scope.startsWith("public:") || unsignedPages.has(unsigned);
  return { key: windowFree ? unsigned : `${inputs}|${signedLinkWindow(ctx)}`, unsigned };
}

function rememberUnsigned(unsigned: string): void {
  if (unsignedPages.size >= 5000) unsignedPages.clear(); // old inputs name old revisions
  unsignedPages.add(unsigned);
}

/** The ETag of an answer: the page it shows (pageKeys) and who reads it. */
function etagOf(ctx: AppContext, s: FeedState, user: AuthUser | null, page: string): string {
  const who = user ? `${user.id}.${user.role}.${user.unitId ?? 0}.${user.wardId ?? 0}.${s.readCount}` : "anon";
  const key = `${FEED_FORMAT}|${ctx.config.version}|${page}|${who}`;
  // the same inputs come back on every revalidation: hashed once
  let etag = etags.get(key);
  if (etag === undefined) {
    if (etags.size >= 5000) etags.clear(); // old inputs name old revisions: starting over loses little
    etags.set(key, (etag = `W/"${crypto.hash("sha1", key, "base64url")}"`));
  }
  return etag;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch === etag) return true; // what a client sends back: the ETag it was given
  const strip = (t: string) => t.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((t) => t.trim() === "*" || strip(t) === strip(etag));
}

/** A small least-recently-used map: a Map keeps insertion order, so the first key is the oldest. */
class Lru<V> {
  private map = new Map<string, V>();
  constructor(private max: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
}

const ITEMS_HEAD = Buffer.from('{"items":[');
const COMMA = Buffer.from(",");

/** ETags by their inputs (a module-wide map: the inputs name the database's epoch and revision). */
const etags = new Map<string, string>();

interface Page {
  items: AnnouncementItem[];
  nextCursor: string | null;
  /** some item's file link is signed (it runs out: the page holds within one signing window) */
  signedLinks: boolean;
  /** the anonymous answer, serialised (and encoded as UTF-8) once, and compressed once per coding asked for */
  json?: Buffer;
  encoded?: Partial<Record<"br" | "gzip", Buffer>>;
  /** each item serialised and encoded once, unread and read: a signed-in answer is these bytes joined */
  itemJson?: { unread: Buffer[]; read: Buffer[]; tail: Buffer };
}

/** Compresses a shared answer once (brotli at a middle quality: a page is a few kB). */
function encodeOnce(page: Page, json: Buffer, coding: "br" | "gzip"): Buffer {
  page.encoded ??= {};
  return (page.encoded[coding] ??=
    coding === "br" ? zlib.brotliCompressSync(json, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }) : zlib.gzipSync(json, { level: 6 }));
}

interface FeedCache {
  pages: Lru<Page>;
  counts: Lru<number>;
  /** every notice a reader has opened, by (reader, read count): their read marks without a query */
  reads: Lru<Set<number>>;
}

/** A reader with more read marks than this gets them per page (one small query) instead of kept. */
const READS_KEPT_MAX = 5000;

// Per database (tests run many apps in one process); entries are keyed by revision, so a change
// leaves old entries unused until they fall out.
const caches = new WeakMap<Database, FeedCache>();
function cacheOf(database: Database): FeedCache {
  let c = caches.get(database);
  if (!c) caches.set(database, (c = { pages: new Lru(500), counts: new Lru(5000), reads: new Lru(2000) }));
  return c;
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

/** One page as everyone in the user's scope sees it (read marks not applied). */
async function buildPage(ctx: AppContext, user: AuthUser | null, ward: NoticeWard, query: FeedQuery, nowIso: string): Promise<Page> {
  let q = baseQuery(ctx.database.db, user, nowIso, { ward });
  if (query.category) q = q.where("announcements.category_id", "=", query.category);
  if (query.origin) q = q.where("announcements.ward_id", query.origin === "city" ? "is" : "is not", null);
  // Only staff can see unpublished notices at all; for anyone else this filter finds nothing.
  if (query.status === "unpublished") q = q.where("announcements.status", "in", ["draft", "scheduled"]);
  const words = searchWords(query.q);
  if (words.length) q = q.where(await substringMatch(ctx.database.db, ctx.database.dialect, "announcements", "search_text", words));
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
  // the file links of a notice that is not public are signed for those who may see it
  let signedLinks = false;
  const items = page.map((r) => {
    const item = toItem(r, false);
    const sent = withFileLinks(ctx, item);
    // compared whole: whatever withFileLinks signs (today the cover) counts
    signedLinks ||= sent !== item && JSON.stringify(sent) !== JSON.stringify(item);
    return sent;
  });
  return { items, signedLinks, nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]) : null };
}

/**
 * Which of `items` the reader has opened. Their read count is part of the key, so a new read mark
 * reloads them; a reader with very many marks is asked per page instead of kept in memory.
 */
async function readMarks(ctx: AppContext, userId: number, s: FeedState, items: AnnouncementItem[]): Promise<Set<number>> {
  const { readCount } = s;
  if (readCount === 0 || items.length === 0) return new Set();
  const { db } = ctx.database;
  const cache = cacheOf(ctx.database).reads;
  // The revision too: marks only ever disappear with their notice (a change), so a count seen
  // again within one revision is the same set.
  const key = `${s.epoch}.${s.revision}.${userId}.${readCount}`;
  const kept = cache.get(key);
  if (kept) return kept;
  if (readCount <= READS_KEPT_MAX) {
    const rows = await db.selectFrom("announcement_reads").select("announcement_id").where("user_id", "=", userId).execute();
    const all = new Set(rows.map((r) => r.announcement_id));
    cache.set(key, all);
    return all;
  }
  const rows = await db.selectFrom("announcement_reads").select("announcement_id").where("user_id", "=", userId).where("announcement_id", "in", items.map((i) => i.id)).execute();
  return new Set(rows.map((r) => r.announcement_id));
}

/** Published notices the user may see that they have not opened (the tab badge). */
async function unreadCount(ctx: AppContext, user: AuthUser, ward: NoticeWard, s: FeedState, nowIso: string): Promise<number> {
  const { db } = ctx.database;
  const cache = cacheOf(ctx.database);
  const scopeKey = `${stateKey(s)}|${scopeOf(user, ward)}`;
  let visible = cache.counts.get(scopeKey);
  if (visible === undefined) {
    const row = await db
      .selectFrom("announcements")
      .where(visibleTo(user, nowIso, { ward }))
      .where("announcements.status", "=", "published")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    cache.counts.set(scopeKey, (visible = Number(row.n)));
  }
  if (s.readCount === 0) return visible;
  const readKey = `${scopeKey}|${user.id}.${s.readCount}`;
  let readVisible = cache.counts.get(readKey);
  if (readVisible === undefined) {
    // Walks the reader's own read marks (their index), each joined to its notice by primary key:
    // CROSS JOIN keeps that order in SQLite (whose planner would otherwise walk the notices).
    const row = await db
      .selectFrom("announcement_reads as rd")
      .crossJoin("announcements")
      .whereRef("announcements.id", "=", "rd.announcement_id")
      .where("rd.user_id", "=", user.id)
      .where(visibleTo(user, nowIso, { ward }))
      .where("announcements.status", "=", "published")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    cache.counts.set(readKey, (readVisible = Number(row.n)));
  }
  return Math.max(0, visible - readVisible);
}

/**
 * The feed for a request: `json` (the answer, serialised as UTF-8 bytes) is null when `ifNoneMatch` names the
 * current answer (a 304), decided from the feed state alone. An answer shared by everyone
 * (anonymous) also comes `encoded`, compressed once for all who ask.
 */
export async function feedFor(
  ctx: AppContext,
  user: AuthUser | null,
  query: FeedQuery,
  ifNoneMatch: string | undefined,
): Promise<{ etag: string; json: Buffer | null; encoded?: (coding: "br" | "gzip") => Buffer }> {
  const nowIso = ctx.clock.now().toISOString();
  const ward = await feedWard(ctx, user, query.wardId);
  const state = await readFeedState(ctx.database, user, ward, nowIso);
  const { key, unsigned } = pageKeys(ctx, state, scopeOf(user, ward), query);
  let etag = etagOf(ctx, state, user, key);
  if (matches(ifNoneMatch, etag)) return { etag, json: null };

  const cache = cacheOf(ctx.database);
  let page = cache.pages.get(key);
  if (!page) cache.pages.set(key, (page = await buildPage(ctx, user, ward, query, nowIso)));
  if (!page.signedLinks && key !== unsigned) {
    // now known to sign nothing: the answer already carries the tag that holds in every window
    // (and one the client holds from before, another instance or a restart, is still its 304)
    rememberUnsigned(unsigned);
    cache.pages.set(unsigned, page);
    etag = etagOf(ctx, state, user, unsigned);
    if (matches(ifNoneMatch, etag)) return { etag, json: null };
  }
  if (!user) {
    const shared = page;
    const json = (shared.json ??= Buffer.from(JSON.stringify({ items: shared.items, nextCursor: shared.nextCursor, unreadCount: 0 } satisfies AnnouncementFeed)));
    return { etag, json, encoded: (coding) => encodeOnce(shared, json, coding) };
  }

  const read = await readMarks(ctx, user.id, state, page.items);
  const unread = await unreadCount(ctx, user, ward, state, nowIso);
  const items = (page.itemJson ??= {
    unread: page.items.map((i) => Buffer.from(JSON.stringify(i))),
    read: page.items.map((i) => Buffer.from(JSON.stringify({ ...i, read: true }))),
    tail: Buffer.from(`],"nextCursor":${JSON.stringify(page.nextCursor)},"unreadCount":`),
  });
  // The AnnouncementFeed shape, assembled from the page's encoded items and the reader's marks.
  const parts: Buffer[] = [ITEMS_HEAD];
  page.items.forEach((it, k) => {
    if (k > 0) parts.push(COMMA);
    parts.push(read.has(it.id) ? items.read[k] : items.unread[k]);
  });
  parts.push(items.tail, Buffer.from(`${unread}}`));
  const json = Buffer.concat(parts);
  return { etag, json };
}
