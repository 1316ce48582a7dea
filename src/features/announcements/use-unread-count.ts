import { useEffect } from "react";
import { useSession } from "../../lib/session-store";
import { useFeed } from "./store";

const REFRESH_MS = 5 * 60_000;

/** The number of unread announcements for the tab badge (0 until the feed is loaded). */
export function useUnreadAnnouncements(): number {
  const userId = useSession((s) => s.me?.id ?? null);
  const status = useSession((s) => s.status);
  const count = useFeed((s) => s.unreadCount);
  const viewer = useFeed((s) => s.viewer);

  useEffect(() => {
    if (status === "loading") return;
    useFeed.getState().setViewer(userId ? String(userId) : "anon");
    if (!userId) return;
    void useFeed.getState().refreshUnread();
    const timer = window.setInterval(() => void useFeed.getState().refreshUnread(), REFRESH_MS);
    const onFocus = () => void useFeed.getState().refreshUnread();
    window.addEventListener("focus", onFocus);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("focus", onFocus);
    };
  }, [userId, status]);

  return userId && viewer === String(userId) ? count : 0;
}
