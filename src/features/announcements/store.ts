/**
 * The feed: filters, pages, read marks and the unread count (the tab badge). The unfiltered
 * first page is kept in localStorage, revalidated with its ETag, and shown when offline.
 */
import { create } from "zustand";
import type { AnnouncementDetail, AnnouncementItem } from "@contract/announcements";
import { isNetworkError } from "../../lib/api-client";
import { fetchFeed } from "./api";

const PAGE = 20;
// v2: items carry their sender (issue 14); a copy saved before has none
const CACHE_PREFIX = "tns.announcements.feed.v2:";

interface CachedFeed {
  items: AnnouncementItem[];
  nextCursor: string | null;
  unreadCount: number;
  etag: string | null;
  savedAt: string;
}

export interface FeedFilters {
  category: number | null;
  q: string;
  /** staff: drafts and scheduled notices only */
  unpublished?: boolean;
  /** only the city's notices (Sở Nội vụ) */
  cityOnly?: boolean;
}

type Status = "idle" | "loading" | "ready" | "error";

interface FeedState {
  /** who the feed is for ("anon" or the user id): the cache and read marks are per person */
  viewer: string;
  filters: FeedFilters;
  items: AnnouncementItem[];
  nextCursor: string | null;
  unreadCount: number;
  status: Status;
  loadingMore: boolean;
  error: unknown;
  /** showing the saved feed because the network failed */
  offline: boolean;
  setViewer(viewer: string): void;
  setFilters(f: Partial<FeedFilters>): void;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  refreshUnread(): Promise<void>;
  markRead(id: number): void;
}

function cacheKey(viewer: string) {
  return CACHE_PREFIX + viewer;
}

export function readCache(viewer: string): CachedFeed | null {
  try {
    const raw = localStorage.getItem(cacheKey(viewer));
    return raw ? (JSON.parse(raw) as CachedFeed) : null;
  } catch {
    return null;
  }
}

function writeCache(viewer: string, feed: CachedFeed): void {
  try {
    localStorage.setItem(cacheKey(viewer), JSON.stringify(feed));
  } catch {
    /* storage full or private mode: the feed still works online */
  }
}

const DETAIL_CACHE_PREFIX = "tns.announcements.details.v2:";
const DETAILS_KEPT = 20;

/** The last notices this person opened, to read again offline (newest first, at most 20). */
export function saveDetail(viewer: string, d: AnnouncementDetail): void {
  try {
    const key = DETAIL_CACHE_PREFIX + viewer;
    const list = (JSON.parse(localStorage.getItem(key) ?? "[]") as AnnouncementDetail[]).filter((x) => x.id !== d.id);
    localStorage.setItem(key, JSON.stringify([d, ...list].slice(0, DETAILS_KEPT)));
  } catch {
    /* storage full or private mode: reading online still works */
  }
}

export function savedDetail(viewer: string, id: number): AnnouncementDetail | null {
  try {
    const list = JSON.parse(localStorage.getItem(DETAIL_CACHE_PREFIX + viewer) ?? "[]") as AnnouncementDetail[];
    return list.find((x) => x.id === id) ?? null;
  } catch {
    return null;
  }
}

const unfiltered = (f: FeedFilters) => f.category === null && !f.q.trim() && !f.unpublished && !f.cityOnly;

/** Lower case, no diacritics, đ → d: "Nghị quyết" and "nghi quyet" match (as the API's search does). */
export function fold(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Offline, a search or a category runs over the saved feed (the words of its titles and excerpts). */
function filterSaved(items: AnnouncementItem[], f: FeedFilters): AnnouncementItem[] {
  const words = fold(f.q).split(" ").filter(Boolean);
  return items.filter((i) => {
    if (f.category !== null && i.category.id !== f.category) return false;
    if (f.unpublished && i.status === "published") return false;
    if (f.cityOnly && i.sender.level !== "city") return false;
    const text = fold(`${i.title} ${i.excerpt}`);
    return words.every((w) => text.includes(w));
  });
}
let loadSeq = 0;

const paramsOf = (f: FeedFilters) => ({
  category: f.category ?? undefined,
  q: f.q.trim() || undefined,
  status: f.unpublished ? ("unpublished" as const) : undefined,
  origin: f.cityOnly ? ("city" as const) : undefined,
});

export const useFeed = create<FeedState>((set, get) => ({
  viewer: "anon",
  filters: { category: null, q: "" },
  items: [],
  nextCursor: null,
  unreadCount: 0,
  status: "idle",
  loadingMore: false,
  error: null,
  offline: false,

  setViewer(viewer) {
    if (viewer === get().viewer) return;
    // Another person: their own feed, without the staff-only filter of the previous one.
    set({ viewer, items: [], nextCursor: null, unreadCount: 0, status: "idle", offline: false, error: null, filters: { ...get().filters, unpublished: false } });
  },

  setFilters(f) {
    set({ filters: { ...get().filters, ...f } });
    void get().load();
  },

  async load() {
    const seq = ++loadSeq;
    const { viewer, filters } = get();
    const plain = unfiltered(filters);
    const cached = plain ? readCache(viewer) : null;
    // Show the saved feed at once (slow connections), then revalidate it.
    if (cached) set({ items: cached.items, nextCursor: cached.nextCursor, unreadCount: cached.unreadCount, status: "ready" });
    else set({ status: "loading", items: [], nextCursor: null });
    set({ error: null });
    try {
      const params = { ...paramsOf(filters), limit: PAGE };
      const res = await fetchFeed(params, cached?.etag);
      if (seq !== loadSeq) return;
      if (res.data) {
        set({ items: res.data.items, nextCursor: res.data.nextCursor, unreadCount: res.data.unreadCount, status: "ready", offline: false });
        if (plain) writeCache(viewer, { ...res.data, etag: res.etag, savedAt: new Date().toISOString() });
      } else {
        set({ status: "ready", offline: false });
      }
    } catch (err) {
      if (seq !== loadSeq) return;
      const offline = isNetworkError(err);
      const saved = !cached && offline ? readCache(viewer) : null;
      if (cached) set({ status: "ready", offline, error: offline ? null : err });
      else if (saved) set({ status: "ready", offline, error: null, items: filterSaved(saved.items, filters), nextCursor: null, unreadCount: saved.unreadCount });
      else set({ status: "error", error: err, offline });
    }
  },

  async loadMore() {
    const { nextCursor, loadingMore, filters } = get();
    if (!nextCursor || loadingMore) return;
    const seq = loadSeq;
    set({ loadingMore: true });
    try {
      const res = await fetchFeed({ ...paramsOf(filters), cursor: nextCursor, limit: PAGE });
      if (seq !== loadSeq || !res.data) return;
      const seen = new Set(get().items.map((i) => i.id));
      set({
        items: [...get().items, ...res.data.items.filter((i) => !seen.has(i.id))],
        nextCursor: res.data.nextCursor,
        unreadCount: res.data.unreadCount,
        offline: false,
        error: null,
      });
    } catch (err) {
      set({ offline: isNetworkError(err), error: isNetworkError(err) ? null : err });
    } finally {
      set({ loadingMore: false });
    }
  },

  async refreshUnread() {
    try {
      const res = await fetchFeed({ limit: 1 });
      if (res.data) set({ unreadCount: res.data.unreadCount });
    } catch {
      /* the badge keeps its last value */
    }
  },

  markRead(id) {
    const { items, unreadCount, viewer } = get();
    const item = items.find((i) => i.id === id);
    const wasUnread = item ? !item.read && item.status === "published" : false;
    // A notice opened from a link or the inbox may not be in the loaded pages: ask the server.
    if (!item && viewer !== "anon") void get().refreshUnread();
    set({
      items: items.map((i) => (i.id === id ? { ...i, read: true } : i)),
      unreadCount: wasUnread ? Math.max(0, unreadCount - 1) : unreadCount,
    });
    const cached = readCache(viewer);
    if (cached) {
      writeCache(viewer, {
        ...cached,
        items: cached.items.map((i) => (i.id === id ? { ...i, read: true } : i)),
        unreadCount: wasUnread ? Math.max(0, cached.unreadCount - 1) : cached.unreadCount,
        etag: null,
      });
    }
  },
}));
