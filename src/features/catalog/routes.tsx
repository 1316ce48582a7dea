import type { RouteObject } from "react-router-dom";
import { lazyPage } from "../../components/lazy-page";

/** The plan catalog staff edit (indicators, tasks, the ward plan's reference), composed by app.tsx. */
export const catalogRoutes: RouteObject[] = [
  { path: "/catalog", element: lazyPage(() => import("./catalog-page").then((m) => m.CatalogPage)) },
  { path: "/catalog/indicators/:id", element: lazyPage(() => import("./indicator-page").then((m) => m.IndicatorPage)) },
  { path: "/catalog/tasks/:id", element: lazyPage(() => import("./task-page").then((m) => m.TaskPage)) },
];
