import type { RouteObject } from "react-router-dom";
import { AppPage } from "../../components/app-page";
import { EmptyState } from "../../components/states";

/** Screens of the announcements feature, composed into the router by app.tsx. */
export const announcementRoutes: RouteObject[] = [
  {
    path: "/announcements",
    element: (
      <AppPage title="Thông báo">
        <EmptyState title="Chưa có nội dung" />
      </AppPage>
    ),
  },
];
