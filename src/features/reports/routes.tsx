import type { ReactNode } from "react";
import type { RouteObject } from "react-router-dom";
import { lazyPage } from "../../components/lazy-page";
import { summaryRoutes } from "./summary/routes";

/**
 * Screens of the reports feature (each loads on demand), composed into the router by app.tsx
 * (`panel`: other features' cards on the Báo cáo tab).
 */
export const reportRoutes = (panel?: ReactNode): RouteObject[] => [
  { path: "/reports", element: lazyPage(() => import("./reports-page").then(({ ReportsPage }) => () => <ReportsPage panel={panel} />)) },
  { path: "/reports/periods", element: lazyPage(() => import("./periods-page").then((m) => m.PeriodsPage)) },
  { path: "/reports/:periodId/units/:unitId", element: lazyPage(() => import("./report-form-page").then((m) => m.ReportFormPage)) },
  { path: "/reports/:periodId/units/:unitId/audit", element: lazyPage(() => import("./audit-page").then((m) => m.AuditPage)) },
  ...summaryRoutes,
];
