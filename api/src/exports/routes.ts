import type { RouteBuilder } from "../http/route.js";

/** The ward summary and its Excel/Word exports (filled in by that work). */
export function registerExportRoutes(_r: RouteBuilder): void {}
