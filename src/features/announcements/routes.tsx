import type { RouteObject } from "react-router-dom";
import { lazyPage } from "../../components/lazy-page";

/** Screens of the announcements feature (each loads on demand), composed into the router by app.tsx. */
export const announcementRoutes: RouteObject[] = [
  { path: "/announcements", element: lazyPage(() => import("./feed-page").then((m) => m.FeedPage)) },
  { path: "/announcements/new", element: lazyPage(() => import("./compose-page").then((m) => m.ComposePage)) },
  { path: "/announcements/:id", element: lazyPage(() => import("./detail-page").then((m) => m.DetailPage)) },
  { path: "/announcements/:id/edit", element: lazyPage(() => import("./compose-page").then((m) => m.ComposePage)) },
  { path: "/announcements/:id/receipts", element: lazyPage(() => import("./receipts-page").then((m) => m.ReceiptsPage)) },
];
