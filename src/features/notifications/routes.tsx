import type { RouteObject } from "react-router-dom";
import { lazyPage } from "../../components/lazy-page";

/** The in-app inbox (loads on demand). */
export const notificationRoutes: RouteObject[] = [{ path: "/notifications", element: lazyPage(() => import("./notifications-page").then((m) => m.NotificationsPage)) }];
