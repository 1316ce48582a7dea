import type { Database } from "../db/database.js";
import type { Page } from "./feed-page.js";

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

interface FeedCache {
  pages: Lru<Page>;
  counts: Lru<number>;
  /** every notice a reader has opened, by (reader, read count): their read marks without a query */
  reads: Lru<Set<number>>;
}

/** A reader with more read marks than this gets them per page (one small query) instead of kept. */
export const READS_KEPT_MAX = 5000;

// Per database (tests run many apps in one process); entries are keyed by revision, so a change
// leaves old entries unused until they fall out.
const caches = new WeakMap<Database, FeedCache>();
export function cacheOf(database: Database): FeedCache {
  let c = caches.get(database);
  if (!c) caches.set(database, (c = { pages: new Lru(500), counts: new Lru(5000), reads: new Lru(2000) }));
  return c;
}
