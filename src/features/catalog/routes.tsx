import type { RouteObject } from "react-router-dom";
import { CatalogPage } from "./catalog-page";
import { IndicatorPage } from "./indicator-page";
import { TaskPage } from "./task-page";

/** The plan catalog staff edit (indicators, tasks, the ward plan's reference), composed by app.tsx. */
export const catalogRoutes: RouteObject[] = [
  { path: "/catalog", element: <CatalogPage /> },
  { path: "/catalog/indicators/:id", element: <IndicatorPage /> },
  { path: "/catalog/tasks/:id", element: <TaskPage /> },
];
