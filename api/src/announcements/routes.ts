import type { RouteBuilder } from "../http/route.js";

export function registerAnnouncementRoutes(_r: RouteBuilder): void {
  // routes of the announcements feature
}
