import { useLocation, useNavigate } from "react-router-dom";
import { BottomNavigation } from "zmp-ui";
import { AppIcon, type AppIconName } from "./app-icon";
import type { Role } from "@contract/identity";
import { useRole } from "../lib/session-store";

interface Tab {
  key: string;
  path: string;
  label: string;
  icon: AppIconName;
  roles?: Role[];
}

export const TABS: Tab[] = [
  { key: "home", path: "/", label: "Trang chủ", icon: "home" },
  { key: "announcements", path: "/announcements", label: "Thông báo", icon: "bell" },
  { key: "reports", path: "/reports", label: "Báo cáo", icon: "chart", roles: ["focal", "staff", "observer"] },
  // the city's Department of Home Affairs: the wards' reports and the city's figures
  { key: "city", path: "/city", label: "Các phường", icon: "chart", roles: ["city_staff"] },
  { key: "feedback", path: "/feedback", label: "Góp ý", icon: "chat" },
  { key: "account", path: "/account", label: "Cá nhân", icon: "user" },
];

export function visibleTabs(role: Role | "anonymous"): Tab[] {
  return TABS.filter((t) => !t.roles || (role !== "anonymous" && t.roles.includes(role)));
}

export function activeTabKey(pathname: string): string {
  const match = TABS.filter((t) => t.path !== "/" && pathname.startsWith(t.path)).sort((a, b) => b.path.length - a.path.length)[0];
  return match?.key ?? "home";
}

/** Badges on tabs (e.g. unread announcements) are set by features through this tiny registry. */
export type TabBadges = Partial<Record<string, number>>;

export function BottomNav({ badges = {} }: { badges?: TabBadges }) {
  const role = useRole();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = visibleTabs(role);
  return (
    <BottomNavigation fixed activeKey={activeTabKey(pathname)} onChange={(key) => navigate(tabs.find((t) => t.key === key)!.path)}>
      {tabs.map((t) => (
        <BottomNavigation.Item
          key={t.key}
          itemKey={t.key}
          label={
            <span className="tab-label" data-testid={`tab-${t.key}`}>
              {t.label}
              {badges[t.key] ? <span className="tab-badge">{badges[t.key]! > 99 ? "99+" : badges[t.key]}</span> : null}
            </span>
          }
          icon={<AppIcon name={t.icon} />}
        />
      ))}
    </BottomNavigation>
  );
}
