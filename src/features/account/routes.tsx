import type { RouteObject } from "react-router-dom";
import { AccountPage } from "./account-page";
import { UsersPage } from "./users-page";
import { InvitePage } from "./invite-page";
import { WardQrPage } from "./ward-qr-page";

export const accountRoutes: RouteObject[] = [
  { path: "/account", element: <AccountPage /> },
  { path: "/account/users", element: <UsersPage /> },
  { path: "/account/invite", element: <InvitePage /> },
  { path: "/account/ward-qr", element: <WardQrPage /> },
];
