import { useEffect } from "react";
import { Outlet, useRoutes, type RouteObject } from "react-router-dom";
import { App as ZaloApp, SnackbarProvider, ZMPRouter } from "zmp-ui";
import { BottomNav } from "./components/bottom-nav";
import { DevBanner } from "./components/dev-banner";
import { AppPage } from "./components/app-page";
import { EmptyState } from "./components/states";
import { useRole, useSession } from "./lib/session-store";
import { HomePage } from "./features/home/home-page";
import { accountRoutes } from "./features/account/routes";
import { announcementRoutes } from "./features/announcements/routes";
import { reportRoutes } from "./features/reports/routes";
import { feedbackRoutes } from "./features/feedback/routes";
import { notificationRoutes } from "./features/notifications/routes";
import { holidayRoutes } from "./features/holidays/routes";
import { catalogRoutes } from "./features/catalog/routes";
import { useUnreadAnnouncements } from "./features/announcements/use-unread-count";
import { useInboxUnread } from "./features/notifications/use-inbox-unread";
import { ConsentCard } from "./features/account/consent-card";
import { WardCard } from "./features/account/ward-card";
import { wardRoutes } from "./features/wards/routes";
import { dutyRoutes } from "./features/duties/routes";
import { DutiesEntry } from "./features/duties/entry";
import { difficultyRoutes } from "./features/difficulties/routes";
import { DifficultiesEntry } from "./features/difficulties/entry";
import { supervisionRoutes } from "./features/supervision/routes";
import { SupervisionEntry } from "./features/supervision/entry";
import { dialogueRoutes } from "./features/dialogues/routes";
import { DialoguesEntry } from "./features/dialogues/entry";
import { cityRoutes } from "./features/city/routes";
import { UpwardCard } from "./features/city/upward-card";
import { CityHomeCard } from "./features/city/home-card";

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

/** Home shortcuts into the plan's other duties, by role. */
const FOLLOW_UP_SHORTCUTS: Record<string, { to: string; label: string }[]> = {
  anonymous: [{ to: "/dialogues", label: "Đối thoại với Chủ tịch phường" }],
  youth: [{ to: "/dialogues", label: "Đối thoại với Chủ tịch phường" }],
  focal: [{ to: "/duties", label: "Nhiệm vụ của đơn vị" }],
  staff: [
    { to: "/duties", label: "Nhiệm vụ có thời hạn" },
    { to: "/dialogues", label: "Đối thoại với thanh niên" },
  ],
  observer: [{ to: "/supervisions", label: "Giám sát, kiến nghị" }],
  city_staff: [
    { to: "/city", label: "Báo cáo các phường, xã" },
    { to: "/city/summary", label: "Số liệu toàn thành phố" },
    // the city's notices: shown in every ward's feed with the city as sender
    { to: "/announcements/new", label: "Soạn thông báo gửi các phường, xã" },
  ],
};

function Home() {
  const role = useRole();
  const top = (
    <>
      <WardCard />
      <ConsentCard />
      {role === "city_staff" && <CityHomeCard />}
    </>
  );
  return <HomePage inboxUnread={useInboxUnread()} top={top} moreShortcuts={FOLLOW_UP_SHORTCUTS[role] ?? []} />;
}

/** The cards under the Báo cáo tab: duties, the Front's supervision (late answers first), the register, dialogues. */
function FollowUpPanel() {
  const role = useRole();
  if (role !== "focal" && role !== "staff" && role !== "observer") return null;
  return (
    <section className="stack" aria-label="Các nhiệm vụ khác của Kế hoạch">
      {role !== "focal" && <SupervisionEntry role={role} />}
      <DutiesEntry focal={role === "focal"} />
      {role === "focal" && <SupervisionEntry role="focal" />}
      <DifficultiesEntry />
      {role !== "focal" && <DialoguesEntry />}
    </section>
  );
}

export const appRoutes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { path: "/", element: <Home /> },
      ...announcementRoutes,
      ...reportRoutes(<FollowUpPanel />, (p) => <UpwardCard {...p} />),
      ...cityRoutes,
      ...dutyRoutes,
      ...difficultyRoutes,
      ...supervisionRoutes,
      ...dialogueRoutes,
      ...feedbackRoutes,
      ...accountRoutes,
      ...notificationRoutes,
      ...holidayRoutes,
      ...catalogRoutes,
      ...wardRoutes,
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
