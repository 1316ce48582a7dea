import type { RouteObject } from "react-router-dom";
import { lazyPage } from "../../components/lazy-page";

/** Screens of the Fatherland Front's supervision (each loads on demand), composed into the router by app.tsx. */
export const supervisionRoutes: RouteObject[] = [
  { path: "/supervisions", element: lazyPage(() => import("./supervisions-page").then((m) => m.SupervisionsPage)) },
  { path: "/supervisions/new", element: lazyPage(() => import("./supervision-new-page").then((m) => m.SupervisionNewPage)) },
  { path: "/supervisions/:id", element: lazyPage(() => import("./supervision-page").then((m) => m.SupervisionPage)) },
];
