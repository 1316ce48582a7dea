import type { Database } from "../db/database.js";
import type { AppContext, AuthUser } from "../http/context.js";
import type { AnnouncementFeed, FeedQuery } from "../contract/announcements.js";
import type { NoticeWard } from "./visibility.js";
import { wardToRead } from "../wards/scope.js";
import { defaultWardId } from "../wards/queries.js";
import { readFeedState } from "./feed-state.js";
import { etagOf, matches, pageKeys, rememberUnsigned } from "./feed-etag.js";
import { buildPage, encodeNow, encodeOnce, scopeOf } from "./feed-page.js";
import { cacheOf } from "./feed-cache.js";
import { readMarks, unreadCount } from "./feed-reader.js";

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

const ITEMS_HEAD = Buffer.from('{"items":[');
const COMMA = Buffer.from(",");

/**
 * The feed for a request: `json` (the answer, serialised as UTF-8 bytes) is null when `ifNoneMatch` names the
 * current answer (a 304), decided from the feed state alone. An answer shared by everyone
 * (anonymous) comes `encoded` compressed once for all who ask; a personal one is compressed as it is sent.
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
  // (under 1 kB it goes out as it is, as the compression middleware does with every other answer)
  return { etag, json, encoded: json.length >= 1024 ? (coding) => encodeNow(json, coding) : undefined };
}
