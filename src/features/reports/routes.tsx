import type { RouteObject } from "react-router-dom";
import { AppPage } from "../../components/app-page";
import { EmptyState } from "../../components/states";
import { summaryRoutes } from "./summary/routes";

/** Screens of the reports feature, composed into the router by app.tsx. */
export const reportRoutes: RouteObject[] = [
  {
    path: "/reports",
    element: (
      <AppPage title="Báo cáo">
        <EmptyState title="Chưa có nội dung" />
      </AppPage>
    ),
  },
  ...summaryRoutes,
];
