import type { RouteObject } from "react-router-dom";

/** The staff summary dashboard and exports (filled in by the summary/exports work). */
export const summaryRoutes: RouteObject[] = [];
