import type { RouteObject } from "react-router-dom";
import { FeedPage } from "./feed-page";
import { DetailPage } from "./detail-page";
import { ComposePage } from "./compose-page";
import { ReceiptsPage } from "./receipts-page";

/** Screens of the announcements feature, composed into the router by app.tsx. */
export const announcementRoutes: RouteObject[] = [
  { path: "/announcements", element: <FeedPage /> },
  { path: "/announcements/new", element: <ComposePage /> },
  { path: "/announcements/:id", element: <DetailPage /> },
  { path: "/announcements/:id/edit", element: <ComposePage /> },
  { path: "/announcements/:id/receipts", element: <ReceiptsPage /> },
];
