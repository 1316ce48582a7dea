import type { RouteObject } from "react-router-dom";
import { NotificationsPage } from "./notifications-page";

/** The in-app inbox. */
export const notificationRoutes: RouteObject[] = [{ path: "/notifications", element: <NotificationsPage /> }];
