/** The number of unread announcements for the tab badge (0 until the feed is loaded). */
export function useUnreadAnnouncements(): number {
  return 0;
}
