import type { RouteObject } from "react-router-dom";
import { summaryRoutes } from "./summary/routes";
import { ReportsPage } from "./reports-page";
import { ReportFormPage } from "./report-form-page";
import { AuditPage } from "./audit-page";
import { PeriodsPage } from "./periods-page";

/** Screens of the reports feature, composed into the router by app.tsx. */
export const reportRoutes: RouteObject[] = [
  { path: "/reports", element: <ReportsPage /> },
  { path: "/reports/periods", element: <PeriodsPage /> },
  { path: "/reports/:periodId/units/:unitId", element: <ReportFormPage /> },
  { path: "/reports/:periodId/units/:unitId/audit", element: <AuditPage /> },
  ...summaryRoutes,
];
