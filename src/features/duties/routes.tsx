import type { RouteObject } from "react-router-dom";
import { DutiesPage } from "./duties-page";
import { DutyNewPage } from "./duty-new-page";
import { DutyPage } from "./duty-page";

/** Screens of the duties feature, composed into the router by app.tsx. */
export const dutyRoutes: RouteObject[] = [
  { path: "/duties", element: <DutiesPage /> },
  { path: "/duties/new", element: <DutyNewPage /> },
  { path: "/duties/:id", element: <DutyPage /> },
];
