import type { RouteObject } from "react-router-dom";
import { lazyPage } from "../../../components/lazy-page";
import type { SummaryExtra } from "./summary-page";

export type { SummaryExtra };

/**
 * The staff/observer summary dashboard of a period, with the Excel and Word exports (loads on demand;
 * `extra`: another feature's card, e.g. sending the report to the city).
 */
export const summaryRoutes = (extra?: SummaryExtra): RouteObject[] => [
  { path: "/reports/:periodId/summary", element: lazyPage(() => import("./summary-page").then(({ SummaryPage }) => () => <SummaryPage extra={extra} />)) },
];
