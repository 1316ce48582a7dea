import type { RouteObject } from "react-router-dom";
import { AccountPage } from "./account-page";

export const accountRoutes: RouteObject[] = [{ path: "/account", element: <AccountPage /> }];
