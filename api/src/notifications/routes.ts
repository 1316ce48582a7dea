import type { RouteBuilder } from "../http/route.js";

export function registerNotificationRoutes(_r: RouteBuilder): void {
  // routes of the notifications feature
}
