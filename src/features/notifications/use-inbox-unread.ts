import { useEffect } from "react";
import { useSession } from "../../lib/session-store";
import { useInbox } from "./store";

const REFRESH_MS = 5 * 60_000;

/**
 * The number of unread inbox messages, for a badge or a bell (for the app shell or the account
 * screen to show next to a link to /notifications). 0 when signed out.
 */
export function useInboxUnread(): number {
  const userId = useSession((s) => s.me?.id ?? null);
  const count = useInbox((s) => s.unreadCount);
  const owner = useInbox((s) => s.owner);

  useEffect(() => {
    if (!userId) return;
    const refresh = () => void useInbox.getState().refreshUnread(userId).catch(() => {});
    refresh();
    const timer = window.setInterval(refresh, REFRESH_MS);
    window.addEventListener("focus", refresh);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("focus", refresh);
    };
  }, [userId]);

  return userId && owner === userId ? count : 0;
}
