import type { ReactNode } from "react";
import type { Period } from "@contract/catalog";
import { deadlineCountdown, formatDate, formatDateTime } from "../../lib/dates";

/**
 * A period's title, where it stands now and its deadline. Red "overdue" only where someone owes or
 * chases the report (`showsOverdue`: focal points and staff); a unit's own extension replaces it.
 */
export function PeriodCard({ period, showsOverdue, extendedUntil, children }: { period: Period; showsOverdue: boolean; extendedUntil?: string | null; children?: ReactNode }) {
  const line =
    period.state === "upcoming"
      ? `Kỳ báo cáo nhận báo cáo từ ${formatDate(period.acceptsFrom)}`
      : period.state === "closed"
        ? "Kỳ báo cáo đã đóng"
        : extendedUntil
          ? `Đơn vị được gia hạn nộp đến ${formatDateTime(extendedUntil)}`
          : period.state === "locked" && !showsOverdue
            ? `Đã hết hạn nộp báo cáo ngày ${formatDate(period.deadlineAt)}`
            : deadlineCountdown(period.deadlineAt);
  const red = period.state === "locked" && showsOverdue && !extendedUntil;
  return (
    <div className="card period-card" data-testid="report-period-card">
      <h3>{period.title}</h3>
      <p className={`countdown${red ? " countdown--locked" : ""}`} data-testid="report-countdown">
        {line}
      </p>
      <p className="muted">Hạn nộp: {formatDateTime(period.deadlineAt)}</p>
      {children}
    </div>
  );
}
