import type { RouteObject } from "react-router-dom";
import { SummaryPage } from "./summary-page";

/** The staff/observer summary dashboard of a period, with the Excel and Word exports. */
export const summaryRoutes: RouteObject[] = [{ path: "/reports/:periodId/summary", element: <SummaryPage /> }];
