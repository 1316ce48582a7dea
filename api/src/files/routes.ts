import type { RouteBuilder } from "../http/route.js";

export function registerFilesRoutes(_r: RouteBuilder): void {
  // routes of the files feature
}
