import type { AppContext, AuthUser } from "../http/context.js";
import type { AnnouncementItem } from "../contract/announcements.js";
import { visibleTo, type NoticeWard } from "./visibility.js";
import { stateKey, type FeedState } from "./feed-state.js";
import { cacheOf, READS_KEPT_MAX } from "./feed-cache.js";
import { scopeOf } from "./feed-page.js";

/** The reader's own layer over a shared page: their read marks and their unread count. */
/**
 * Which of `items` the reader has opened. Their read count is part of the key, so a new read mark
 * reloads them; a reader with very many marks is asked per page instead of kept in memory.
 */
export async function readMarks(ctx: AppContext, userId: number, s: FeedState, items: AnnouncementItem[]): Promise<Set<number>> {
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
export async function unreadCount(ctx: AppContext, user: AuthUser, ward: NoticeWard, s: FeedState, nowIso: string): Promise<number> {
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
