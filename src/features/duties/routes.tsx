import type { RouteObject } from "react-router-dom";
import { lazyPage } from "../../components/lazy-page";

/** Screens of the duties feature (each loads on demand), composed into the router by app.tsx. */
export const dutyRoutes: RouteObject[] = [
  { path: "/duties", element: lazyPage(() => import("./duties-page").then((m) => m.DutiesPage)) },
  { path: "/duties/new", element: lazyPage(() => import("./duty-new-page").then((m) => m.DutyNewPage)) },
  { path: "/duties/:id", element: lazyPage(() => import("./duty-page").then((m) => m.DutyPage)) },
];
