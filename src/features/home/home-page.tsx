import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { Box, Text } from "zmp-ui";
import { AppPage } from "../../components/app-page";
import { AppIcon } from "../../components/app-icon";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { deadlineCountdown, formatDate, formatDateTime } from "../../lib/dates";
import { currentPeriod } from "../../lib/periods";
import { errorMessage } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { wardTitle } from "@contract/wards-labels";
import { useHomeData } from "./use-home-data";

/** Shortcuts on the home screen, by role. */
const SHORTCUTS: Record<string, { to: string; label: string }[]> = {
  anonymous: [
    { to: "/feedback", label: "Gửi góp ý" },
    { to: "/account", label: "Đăng nhập" },
  ],
  youth: [
    { to: "/feedback?tab=send", label: "Gửi góp ý, ý tưởng" },
    { to: "/announcements", label: "Đọc thông báo" },
  ],
  focal: [
    { to: "/reports", label: "Báo cáo của đơn vị" },
    // the whole feed (there is no "to acknowledge" filter): notices asking for it say so when opened
    { to: "/announcements", label: "Đọc, tiếp nhận văn bản" },
  ],
  staff: [
    { to: "/reports", label: "Tình hình nộp báo cáo" },
    { to: "/announcements/new", label: "Đăng thông báo" },
    { to: "/feedback/inbox", label: "Xử lý góp ý" },
    { to: "/account/invite", label: "Mời đầu mối" },
  ],
  observer: [
    { to: "/reports", label: "Theo dõi báo cáo" },
    { to: "/feedback/inbox", label: "Giám sát góp ý" },
  ],
};

/**
 * The home screen. `inboxUnread` (notifications) and `top` (the Zalo consent step, account) come from
 * other features, composed by app.tsx.
 */
export function HomePage({ inboxUnread = 0, top, moreShortcuts = [] }: { inboxUnread?: number; top?: ReactNode; moreShortcuts?: { to: string; label: string }[] }) {
  const configured = useSession((s) => s.config?.wardName ?? "Phường Lê Đại Hành");
  const me = useSession((s) => s.me);
  // the signed-in person's own ward (one deployment serves every ward of the city); visitors see the default one
  const wardName = me?.ward ? wardTitle(me.ward.name).name : me?.role === "city_staff" ? "Thành phố Hải Phòng" : configured;
  const { periods, announcements, error, loading } = useHomeData();

  const shortcuts = [...(SHORTCUTS[me?.role ?? "anonymous"] ?? []), ...moreShortcuts];
  const now = new Date();
  // a focal point's period is one their unit reports in, and their unit's extension counts
  const unitId = me?.role === "focal" ? (me.unit?.id ?? null) : null;
  const mine = periods && unitId ? periods.filter((p) => p.expectedUnitIds.includes(unitId)) : periods;
  // "overdue" and extensions are news for those who owe or chase reports, not for youth or visitors
  const showsOverdue = me?.role === "focal" || me?.role === "staff";
  const period = mine ? currentPeriod(mine, now, unitId, showsOverdue) : null;
  const extension = period && unitId ? period.exceptions.find((e) => e.unitId === unitId && e.until > now.toISOString()) : undefined;

  return (
    <AppPage
      title="Thanh niên số"
      testId="home-page"
      actions={
        me ? (
          <Link to="/notifications" className="inbox-link" aria-label={`Hộp thư, ${inboxUnread} tin chưa đọc`} data-testid="inbox-link">
            <AppIcon name="bell" size={22} />
            {inboxUnread > 0 && <span className="inbox-link__badge">{inboxUnread > 99 ? "99+" : inboxUnread}</span>}
          </Link>
        ) : undefined
      }
    >
      <section className="hero">
        <Text size="small" className="hero__eyebrow">
          Ủy ban nhân dân
        </Text>
        <h2 className="hero__ward" data-testid="ward-name">
          {wardName}
        </h2>
        <Text size="small">Triển khai Nghị quyết số 83/NQ-HĐND về phát triển thanh niên đến năm 2030</Text>
        {me && <Text size="small" className="hero__greeting">Xin chào, {me.name}</Text>}
      </section>

      {top}

      <nav className="shortcuts" aria-label="Lối tắt">
        {shortcuts.map((sc) => (
          <Link key={sc.to} to={sc.to} className="shortcut">
            {sc.label}
          </Link>
        ))}
      </nav>

      {loading && <Skeleton rows={2} />}
      {!!error && <ErrorState message={errorMessage(error)} onRetry={() => window.location.reload()} />}

      {period && (
        <Box className="card period-card" data-testid="period-card">
          <Text.Title size="small">{period.title}</Text.Title>
          <p className={`countdown${period.state === "locked" && showsOverdue && !extension ? " countdown--locked" : ""}`} data-testid="period-countdown">
            {periodLine(period, showsOverdue, extension?.until)}
          </p>
          <Text size="xSmall">
            Hạn nộp: {formatDate(period.deadlineAt)} · {period.expectedUnitIds.length} đơn vị báo cáo
          </Text>
        </Box>
      )}

      {announcements && (
        <section className="section">
          <div className="section__head">
            <h3>Thông báo mới</h3>
            <Link to="/announcements">Xem tất cả</Link>
          </div>
          {announcements.length === 0 ? (
            <EmptyState title="Chưa có thông báo nào" />
          ) : (
            <ul className="plain-list">
              {announcements.map((a) => (
                <li key={a.id}>
                  <Link to={`/announcements/${a.id}`} className="list-link">
                    <span className="list-link__title">{a.title}</span>
                    {a.publishedAt && <span className="list-link__meta">{formatDate(a.publishedAt)}</span>}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </AppPage>
  );
}

/** The period card's main line: a countdown for those who owe or chase the report, a plain fact for others. */
function periodLine(period: NonNullable<ReturnType<typeof currentPeriod>>, showsOverdue: boolean, extendedUntil?: string): string {
  if (period.state === "upcoming") return `Kỳ báo cáo nhận báo cáo từ ${formatDate(period.acceptsFrom)}`;
  if (period.state === "closed") return "Kỳ báo cáo đã đóng";
  if (extendedUntil) return `Đơn vị được gia hạn nộp đến ${formatDateTime(extendedUntil)}`;
  if (period.state === "locked" && !showsOverdue) return `Đã hết hạn nộp báo cáo ngày ${formatDate(period.deadlineAt)}`;
  return deadlineCountdown(period.deadlineAt);
}
