import { useEffect } from "react";
import { Outlet, useRoutes, type RouteObject } from "react-router-dom";
import { App as ZaloApp, SnackbarProvider, ZMPRouter } from "zmp-ui";
import { BottomNav } from "./components/bottom-nav";
import { DevBanner } from "./components/dev-banner";
import { AppPage } from "./components/app-page";
import { EmptyState } from "./components/states";
import { useSession } from "./lib/session-store";
import { HomePage } from "./features/home/home-page";
import { accountRoutes } from "./features/account/routes";
import { announcementRoutes } from "./features/announcements/routes";
import { reportRoutes } from "./features/reports/routes";
import { feedbackRoutes } from "./features/feedback/routes";
import { notificationRoutes } from "./features/notifications/routes";
import { catalogRoutes } from "./features/catalog/routes";
import { useUnreadAnnouncements } from "./features/announcements/use-unread-count";
import { useInboxUnread } from "./features/notifications/use-inbox-unread";
import { ConsentCard } from "./features/account/consent-card";

function Layout() {
  const unread = useUnreadAnnouncements();
  return (
    <div className="app-shell">
      <DevBanner />
      <Outlet />
      <BottomNav badges={{ announcements: unread }} />
    </div>
  );
}

function Home() {
  return <HomePage inboxUnread={useInboxUnread()} top={<ConsentCard />} />;
}

export const appRoutes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { path: "/", element: <Home /> },
      ...announcementRoutes,
      ...reportRoutes,
      ...feedbackRoutes,
      ...accountRoutes,
      ...notificationRoutes,
      ...catalogRoutes,
      {
        path: "*",
        element: (
          <AppPage title="Không tìm thấy" back>
            <EmptyState title="Trang này không tồn tại" />
          </AppPage>
        ),
      },
    ],
  },
];

function Routes() {
  return useRoutes(appRoutes);
}

/** The app's providers and router; ZMPRouter handles Zalo's /zapps/<APP_ID> basename. */
export function App() {
  const init = useSession((s) => s.init);
  useEffect(() => {
    void init();
  }, [init]);
  return (
    <ZaloApp>
      <SnackbarProvider>
        <ZMPRouter>
          <Routes />
        </ZMPRouter>
      </SnackbarProvider>
    </ZaloApp>
  );
}
