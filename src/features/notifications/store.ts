import { create } from "zustand";
import type { NotificationItem } from "@contract/notifications";
import { fetchInbox, markAllRead, markRead } from "./api";

type Status = "idle" | "loading" | "ready" | "error";

interface InboxState {
  status: Status;
  items: NotificationItem[];
  nextCursor: string | null;
  unreadCount: number;
  loadingMore: boolean;
  error: unknown;
  /** whose inbox is loaded: another person's is never shown while loading */
  owner: number | null;
  /** First page (again), e.g. on opening the inbox. */
  load(owner: number): Promise<void>;
  loadMore(): Promise<void>;
  /** Only the unread count (for a badge), without touching the loaded list. */
  refreshUnread(owner: number): Promise<void>;
  /** Marks one read at once on screen, then on the server (kept read on screen if that fails: it is harmless). */
  read(id: number): Promise<void>;
  readAll(): Promise<void>;
}

export const useInbox = create<InboxState>((set, get) => ({
  status: "idle",
  items: [],
  nextCursor: null,
  unreadCount: 0,
  loadingMore: false,
  error: null,
  owner: null,

  async load(owner) {
    if (get().owner !== owner) set({ owner, items: [], nextCursor: null, unreadCount: 0 });
    set({ status: get().items.length ? "ready" : "loading", error: null });
    try {
      const page = await fetchInbox(null);
      set({ status: "ready", items: page.items, nextCursor: page.nextCursor, unreadCount: page.unreadCount });
    } catch (error) {
      set({ status: get().items.length ? "ready" : "error", error });
      throw error;
    }
  },

  async refreshUnread(owner) {
    const page = await fetchInbox(null, 1);
    if (get().owner !== owner) set({ owner, items: [], nextCursor: null, status: "idle" });
    set({ unreadCount: page.unreadCount });
  },

  async loadMore() {
    const { nextCursor, loadingMore } = get();
    if (!nextCursor || loadingMore) return;
    set({ loadingMore: true });
    try {
      const page = await fetchInbox(nextCursor);
      const seen = new Set(get().items.map((i) => i.id));
      set({
        items: [...get().items, ...page.items.filter((i) => !seen.has(i.id))],
        nextCursor: page.nextCursor,
        unreadCount: page.unreadCount,
      });
    } finally {
      set({ loadingMore: false });
    }
  },

  async read(id) {
    const item = get().items.find((i) => i.id === id);
    if (!item || item.readAt) return;
    const now = new Date().toISOString();
    set({ items: get().items.map((i) => (i.id === id ? { ...i, readAt: now } : i)), unreadCount: Math.max(0, get().unreadCount - 1) });
    const res = await markRead(id);
    set({ items: get().items.map((i) => (i.id === id ? { ...i, readAt: res.readAt } : i)), unreadCount: res.unreadCount });
  },

  async readAll() {
    const res = await markAllRead();
    const now = new Date().toISOString();
    set({ items: get().items.map((i) => (i.readAt ? i : { ...i, readAt: now })), unreadCount: res.unreadCount });
  },
}));
