import type { RouteObject } from "react-router-dom";
import { WardsPage } from "./wards-page";
import { WardNewPage } from "./ward-new-page";

/** The city's wards (city staff add one), composed into the router by app.tsx. */
export const wardRoutes: RouteObject[] = [
  { path: "/wards", element: <WardsPage /> },
  { path: "/wards/new", element: <WardNewPage /> },
];
