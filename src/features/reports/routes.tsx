import type { ReactNode } from "react";
import type { RouteObject } from "react-router-dom";
import { summaryRoutes, type SummaryExtra } from "./summary/routes";
import { ReportsPage } from "./reports-page";
import { ReportFormPage } from "./report-form-page";
import { AuditPage } from "./audit-page";
import { PeriodsPage } from "./periods-page";

/**
 * Screens of the reports feature, composed into the router by app.tsx (`panel`: other features' cards on
 * the Báo cáo tab; `summaryExtra`: a card on the summary screen, e.g. sending the report to the city).
 */
export const reportRoutes = (panel?: ReactNode, summaryExtra?: SummaryExtra): RouteObject[] => [
  { path: "/reports", element: <ReportsPage panel={panel} /> },
  { path: "/reports/periods", element: <PeriodsPage /> },
  { path: "/reports/:periodId/units/:unitId", element: <ReportFormPage /> },
  { path: "/reports/:periodId/units/:unitId/audit", element: <AuditPage /> },
  ...summaryRoutes(summaryExtra),
];
