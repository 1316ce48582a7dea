import type { RouteBuilder } from "../http/route.js";

export function registerReportRoutes(_r: RouteBuilder): void {
  // routes of the reports feature
}
