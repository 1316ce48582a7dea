import type { RouteObject } from "react-router-dom";
import { HolidaysPage } from "./holidays-page";

/** The working calendar (days off, weekend days worked), composed into the router by app.tsx. */
export const holidayRoutes: RouteObject[] = [{ path: "/holidays", element: <HolidaysPage /> }];
