import type { RouteObject } from "react-router-dom";
import { lazyPage } from "../../components/lazy-page";

/** Screens of the feedback feature (each loads on demand), composed into the router by app.tsx. */
export const feedbackRoutes: RouteObject[] = [
  { path: "/feedback", element: lazyPage(() => import("./feedback-page").then((m) => m.FeedbackPage)) },
  { path: "/feedback/inbox", element: lazyPage(() => import("./inbox-page").then((m) => m.InboxPage)) },
  { path: "/feedback/settings", element: lazyPage(() => import("./settings-page").then((m) => m.FeedbackSettingsPage)) },
  { path: "/feedback/:id", element: lazyPage(() => import("./detail-page").then((m) => m.FeedbackDetailPage)) },
];
