import type { RouteObject } from "react-router-dom";
import { SummaryPage, type SummaryExtra } from "./summary-page";

export type { SummaryExtra };

/** The staff/observer summary dashboard of a period, with the Excel and Word exports (`extra`: another feature's card). */
export const summaryRoutes = (extra?: SummaryExtra): RouteObject[] => [{ path: "/reports/:periodId/summary", element: <SummaryPage extra={extra} /> }];
