import type { RouteObject } from "react-router-dom";
import { FeedbackPage } from "./feedback-page";
import { FeedbackDetailPage } from "./detail-page";
import { InboxPage } from "./inbox-page";
import { FeedbackSettingsPage } from "./settings-page";

/** Screens of the feedback feature, composed into the router by app.tsx. */
export const feedbackRoutes: RouteObject[] = [
  { path: "/feedback", element: <FeedbackPage /> },
  { path: "/feedback/inbox", element: <InboxPage /> },
  { path: "/feedback/settings", element: <FeedbackSettingsPage /> },
  { path: "/feedback/:id", element: <FeedbackDetailPage /> },
];
