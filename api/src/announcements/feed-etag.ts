import crypto from "node:crypto";
import type { AppContext, AuthUser } from "../http/context.js";
import type { FeedQuery } from "../contract/announcements.js";
import { signedLinkWindow } from "../files/access.js";
import { stateKey, type FeedState } from "./feed-state.js";
import { searchWords } from "./feed-page.js";

/** Bump when the shape of a feed answer changes, so clients revalidate after a deploy. */
const FEED_FORMAT = 3;

/** ETags by their inputs (a module-wide map: the inputs name the database's epoch and revision). */
const etags = new Map<string, string>();

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
export function pageKeys(ctx: AppContext, s: FeedState, scope: string, q: FeedQuery): { key: string; unsigned: string } {
  const inputs = JSON.stringify([stateKey(s), scope, q.category ?? null, q.status ?? null, q.origin ?? null, searchWords(q.q), q.cursor ?? null, q.limit]);
  const unsigned = `${inputs}|-`;
  const windowFree = scope.startsWith("public:") || unsignedPages.has(unsigned);
  return { key: windowFree ? unsigned : `${inputs}|${signedLinkWindow(ctx)}`, unsigned };
}

export function rememberUnsigned(unsigned: string): void {
  if (unsignedPages.size >= 5000) unsignedPages.clear(); // old inputs name old revisions
  unsignedPages.add(unsigned);
}

/** The ETag of an answer: the page it shows (pageKeys) and who reads it. */
export function etagOf(ctx: AppContext, s: FeedState, user: AuthUser | null, page: string): string {
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

export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch === etag) return true; // what a client sends back: the ETag it was given
  const strip = (t: string) => t.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((t) => t.trim() === "*" || strip(t) === strip(etag));
}
