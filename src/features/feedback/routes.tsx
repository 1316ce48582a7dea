import type { RouteObject } from "react-router-dom";
import { AppPage } from "../../components/app-page";
import { EmptyState } from "../../components/states";

/** Screens of the feedback feature, composed into the router by app.tsx. */
export const feedbackRoutes: RouteObject[] = [
  {
    path: "/feedback",
    element: (
      <AppPage title="Góp ý">
        <EmptyState title="Chưa có nội dung" />
      </AppPage>
    ),
  },
];
