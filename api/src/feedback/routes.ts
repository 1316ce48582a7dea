import type { RouteBuilder } from "../http/route.js";

export function registerFeedbackRoutes(_r: RouteBuilder): void {
  // routes of the feedback feature
}
