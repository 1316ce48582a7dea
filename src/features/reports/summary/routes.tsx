import type { RouteObject } from "react-router-dom";
import { lazyPage } from "../../../components/lazy-page";

/** The staff/observer summary dashboard of a period, with the Excel and Word exports (loads on demand). */
export const summaryRoutes: RouteObject[] = [{ path: "/reports/:periodId/summary", element: lazyPage(() => import("./summary-page").then((m) => m.SummaryPage)) }];
