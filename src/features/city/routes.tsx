import type { RouteObject } from "react-router-dom";
import { CityCompletenessPage } from "./completeness-page";
import { CitySummaryPage } from "./summary-page";
import { VersionsPage } from "./versions-page";
import { SnapshotPage } from "./snapshot-page";

/** The city's screens (Sở Nội vụ) and the versions a ward sent, composed into the router by app.tsx. */
export const cityRoutes: RouteObject[] = [
  { path: "/city", element: <CityCompletenessPage /> },
  { path: "/city/summary", element: <CitySummaryPage /> },
  { path: "/city/wards/:wardId", element: <VersionsPage /> },
  { path: "/city/snapshots/:id", element: <SnapshotPage /> },
];
