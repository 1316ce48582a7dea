import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { Button } from "zmp-ui";
import type { Period } from "@contract/catalog";
import type { ReportListItem } from "@contract/reports";
import { REPORT_STATUS_LABELS, REPORT_STATUS_TONE, SUBMISSION_TIMING_LABELS } from "@contract/reports-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { toApiError } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { formatDate, formatDateTime } from "../../lib/dates";
import { currentPeriod, recentlyLocked } from "../../lib/periods";
import { reportsApi } from "./api";
import { PeriodCard } from "./period-card";
import { StaffDashboard } from "./staff-dashboard";
import "./reports.css";

/**
 * The "Báo cáo" tab: a focal point's own report, or the staff's completeness dashboard. `panel` holds
 * other features' cards (duties, supervision, difficulties, dialogues), composed by app.tsx.
 */
export function ReportsPage({ panel }: { panel?: React.ReactNode } = {}) {
  const me = useSession((s) => s.me);
  const status = useSession((s) => s.status);
  const [periods, setPeriods] = useState<Period[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [search, setSearch] = useSearchParams();

  const load = useCallback(() => {
    setError(null);
    reportsApi.periods().then(setPeriods, setError);
  }, []);
  useEffect(load, [load]);

  if (status === "loading" || (!periods && !error)) {
    return (
      <AppPage title="Báo cáo">
        <Skeleton rows={3} />
      </AppPage>
    );
  }
  if (!me || me.role === "youth") {
    return (
      <AppPage title="Báo cáo">
        <EmptyState title="Mục này dành cho đầu mối đơn vị và cán bộ phường">Vui lòng đăng nhập bằng tài khoản được phường cấp.</EmptyState>
      </AppPage>
    );
  }
  if (error || !periods) {
    return (
      <AppPage title="Báo cáo">
        <ErrorState message={toApiError(error).message} onRetry={load} />
      </AppPage>
    );
  }
  // A focal point sees only the periods their unit reports in (not every ad hoc survey of the ward).
  const unitId = me.role === "focal" ? (me.unit?.id ?? null) : null;
  const visible = unitId ? periods.filter((p) => p.expectedUnitIds.includes(unitId)) : periods;
  const chosenId = Number(search.get("period"));
  const period = periods.find((p) => p.id === chosenId) ?? currentPeriod(visible, new Date(), unitId);
  if (!period) {
    return (
      <AppPage title="Báo cáo">
        <EmptyState title="Chưa có kỳ báo cáo nào">
          {me.role === "staff" && <Link to="/reports/periods">Tạo kỳ báo cáo</Link>}
        </EmptyState>
      </AppPage>
    );
  }
  return (
    <AppPage title="Báo cáo" testId="reports-page">
      {visible.length > 1 && (
        <select className="native-select" aria-label="Chọn kỳ báo cáo" data-testid="period-select" value={period.id} onChange={(e) => setSearch({ period: e.target.value })}>
          {(visible.includes(period) ? visible : [period, ...visible]).map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      )}
      {me.role === "focal" ? (
        <>
          <FocalHome period={period} unitId={me.unit?.id ?? null} />
          {recentlyLocked(visible)
            .filter((p) => p.id !== period.id)
            .map((p) => (
              <MissedReport key={p.id} period={p} />
            ))}
        </>
      ) : (
        <StaffDashboard period={period} periods={periods} canWrite={me.role === "staff"} onChoose={(id) => setSearch({ period: String(id) })} />
      )}
      {panel}
    </AppPage>
  );
}

function FocalHome({ period, unitId }: { period: Period; unitId: number | null }) {
  const [mine, setMine] = useState<ReportListItem | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const navigate = useNavigate();
  const load = useCallback(() => {
    setError(null);
    reportsApi.list(period.id).then((l) => setMine(l[0] ?? null), setError);
  }, [period.id]);
  useEffect(load, [load]);
  if (!unitId) return <EmptyState title="Tài khoản chưa gắn với đơn vị nào" />;
  if (error) return <ErrorState message={toApiError(error).message} onRetry={load} />;
  if (mine === undefined) return <Skeleton rows={1} />;
  if (mine === null) {
    return (
      <PeriodCard period={period} showsOverdue={false}>
        <p className="muted">Đơn vị của bạn không thuộc danh sách phải báo cáo trong kỳ này.</p>
      </PeriodCard>
    );
  }
  const tone = REPORT_STATUS_TONE[mine.status];
  const extended = mine.exceptionUntil && mine.exceptionUntil > new Date().toISOString() ? mine.exceptionUntil : null;
  const reported = mine.status === "submitted" || mine.status === "approved";
  // past the deadline a unit that has not reported can only look, unless staff returned its report or extended it
  const locked = period.state === "closed" || (period.state === "locked" && !extended && mine.status !== "returned");
  return (
    <>
      <PeriodCard period={period} showsOverdue={!reported} extendedUntil={reported ? null : extended}>
        <div className="row row--between">
          <span>{mine.unitName}</span>
          <span className={`pill${tone ? ` pill--${tone}` : ""}`} data-testid="my-report-status">
            {REPORT_STATUS_LABELS[mine.status]}
          </span>
        </div>
        {mine.submittedAt && (
          <p className="muted">
            Đã nộp lúc {formatDateTime(mine.submittedAt)}
            {mine.timing ? ` · ${SUBMISSION_TIMING_LABELS[mine.timing].toLocaleLowerCase("vi")}` : ""}
          </p>
        )}
        {locked && !reported && period.state === "locked" && (
          <p className="lock-note" role="status" data-testid="locked-note">
            Kỳ báo cáo đã hết hạn nộp, đơn vị chưa nộp báo cáo. Để được gia hạn, vui lòng liên hệ Phòng Văn hóa - Xã hội (UBND phường).
          </p>
        )}
        <Button fullWidth className="report-cta" data-testid="open-my-report" onClick={() => navigate(`/reports/${period.id}/units/${mine.unitId}`)}>
          {locked
            ? "Xem báo cáo (đã khóa)"
            : period.state === "upcoming"
              ? "Xem báo cáo (chưa mở)"
              : mine.status === "missing" || mine.status === "draft"
                ? "Nhập báo cáo"
                : mine.status === "returned"
                  ? "Sửa và nộp lại"
                  : "Xem báo cáo"}
        </Button>
      </PeriodCard>
      <p className="muted">
        Báo cáo gồm Phụ lục 01 (chỉ tiêu), Phụ lục 02 (nhiệm vụ), khó khăn và đề xuất. Bản nháp được lưu tự động, kể cả khi mất mạng.
      </p>
    </>
  );
}

/**
 * A yearly report that just locked without the unit's report: said plainly, with whom to ask, even
 * while the tab shows next year's report.
 */
function MissedReport({ period }: { period: Period }) {
  const [mine, setMine] = useState<ReportListItem | null>(null);
  const navigate = useNavigate();
  useEffect(() => {
    reportsApi.list(period.id).then((l) => setMine(l[0] ?? null), () => setMine(null));
  }, [period.id]);
  if (!mine || !(mine.status === "missing" || mine.status === "draft")) return null;
  if (mine.exceptionUntil && mine.exceptionUntil > new Date().toISOString()) return null;
  return (
    <div className="lock-note stack" role="status" data-testid="missed-report">
      <span>
        Báo cáo “{period.title}” của đơn vị chưa nộp, đã hết hạn ngày {formatDate(period.deadlineAt)}. Để được gia hạn, vui lòng liên hệ Phòng Văn hóa - Xã hội (UBND phường).
      </span>
      <button type="button" className="link-button" onClick={() => navigate(`/reports/${period.id}/units/${mine.unitId}`)}>
        Xem báo cáo đó ›
      </button>
    </div>
  );
}
