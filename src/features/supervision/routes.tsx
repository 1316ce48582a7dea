import type { RouteObject } from "react-router-dom";
import { SupervisionsPage } from "./supervisions-page";
import { SupervisionNewPage } from "./supervision-new-page";
import { SupervisionPage } from "./supervision-page";

/** Screens of the Fatherland Front's supervision, composed into the router by app.tsx. */
export const supervisionRoutes: RouteObject[] = [
  { path: "/supervisions", element: <SupervisionsPage /> },
  { path: "/supervisions/new", element: <SupervisionNewPage /> },
  { path: "/supervisions/:id", element: <SupervisionPage /> },
];
