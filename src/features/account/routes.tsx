import type { RouteObject } from "react-router-dom";
import { lazyPage } from "../../components/lazy-page";

/** Screens of the account feature (each loads on demand), composed into the router by app.tsx. */
export const accountRoutes: RouteObject[] = [
  { path: "/account", element: lazyPage(() => import("./account-page").then((m) => m.AccountPage)) },
  { path: "/account/users", element: lazyPage(() => import("./users-page").then((m) => m.UsersPage)) },
  { path: "/account/invite", element: lazyPage(() => import("./invite-page").then((m) => m.InvitePage)) },
  { path: "/account/ward-qr", element: lazyPage(() => import("./ward-qr-page").then((m) => m.WardQrPage)) },
];
