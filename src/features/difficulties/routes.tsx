import type { RouteObject } from "react-router-dom";
import { lazyPage } from "../../components/lazy-page";

/** Screens of the difficulties-and-proposals register (each loads on demand), composed into the router by app.tsx. */
export const difficultyRoutes: RouteObject[] = [
  { path: "/difficulties", element: lazyPage(() => import("./difficulties-page").then((m) => m.DifficultiesPage)) },
  { path: "/difficulties/:id", element: lazyPage(() => import("./difficulty-page").then((m) => m.DifficultyPage)) },
];
