import type { RouteObject } from "react-router-dom";
import { DifficultiesPage } from "./difficulties-page";
import { DifficultyPage } from "./difficulty-page";

/** Screens of the difficulties-and-proposals register, composed into the router by app.tsx. */
export const difficultyRoutes: RouteObject[] = [
  { path: "/difficulties", element: <DifficultiesPage /> },
  { path: "/difficulties/:id", element: <DifficultyPage /> },
];
