import type { RouteObject } from "react-router-dom";
import { AppPage } from "../../components/app-page";
import { EmptyState } from "../../components/states";

/** The in-app inbox (filled in by the notifications feature). */
export const notificationRoutes: RouteObject[] = [
  {
    path: "/notifications",
    element: (
      <AppPage title="Hộp thư" back>
        <EmptyState title="Chưa có tin nhắn" />
      </AppPage>
    ),
  },
];
