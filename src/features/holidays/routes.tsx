import type { RouteObject } from "react-router-dom";
import { lazyPage } from "../../components/lazy-page";

/** The working calendar (days off, weekend days worked), loaded on demand and composed into the router by app.tsx. */
export const holidayRoutes: RouteObject[] = [{ path: "/holidays", element: lazyPage(() => import("./holidays-page").then((m) => m.HolidaysPage)) }];
