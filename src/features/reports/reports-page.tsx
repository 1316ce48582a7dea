import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { Button, Modal } from "zmp-ui";
import type { Period } from "@contract/catalog";
import type { Completeness, CompletenessUnit, ReportListItem } from "@contract/reports";
import { REPORT_STATUS_LABELS, REPORT_STATUS_TONE } from "@contract/reports-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { toApiError } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { deadlineCountdown, formatDate, formatDateTime } from "../../lib/dates";
import { currentPeriod, reportsApi } from "./api";
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
  const unitId = me.unit?.id ?? null;
  const visible = me.role === "focal" && unitId ? periods.filter((p) => p.expectedUnitIds.includes(unitId)) : periods;
  const chosenId = Number(search.get("period"));
  const period = periods.find((p) => p.id === chosenId) ?? currentPeriod(visible);
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
      {me.role === "focal" ? <FocalHome period={period} unitId={me.unit?.id ?? null} /> : <StaffDashboard period={period} canWrite={me.role === "staff"} />}
      {panel}
    </AppPage>
  );
}

function PeriodCard({ period, children }: { period: Period; children?: React.ReactNode }) {
  return (
    <div className="card period-card" data-testid="report-period-card">
      <h3>{period.title}</h3>
      <p className={`countdown${period.state === "locked" ? " countdown--locked" : ""}`} data-testid="report-countdown">
        {period.state === "upcoming" ? `Kỳ báo cáo mở từ ${formatDate(period.opensAt)}` : period.state === "closed" ? "Kỳ báo cáo đã đóng" : deadlineCountdown(period.deadlineAt)}
      </p>
      <p className="muted">Hạn nộp: {formatDateTime(period.deadlineAt)}</p>
      {children}
    </div>
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
      <PeriodCard period={period}>
        <p className="muted">Đơn vị của bạn không thuộc danh sách phải báo cáo trong kỳ này.</p>
      </PeriodCard>
    );
  }
  const tone = REPORT_STATUS_TONE[mine.status];
  return (
    <>
      <PeriodCard period={period}>
        <div className="row row--between">
          <span>{mine.unitName}</span>
          <span className={`pill${tone ? ` pill--${tone}` : ""}`} data-testid="my-report-status">
            {REPORT_STATUS_LABELS[mine.status]}
          </span>
        </div>
        {mine.submittedAt && <p className="muted">Đã nộp lúc {formatDateTime(mine.submittedAt)}</p>}
        {mine.exceptionUntil && <p className="muted">Được gia hạn đến {formatDateTime(mine.exceptionUntil)}</p>}
        <Button fullWidth className="report-cta" data-testid="open-my-report" onClick={() => navigate(`/reports/${period.id}/units/${mine.unitId}`)}>
          {(period.state === "locked" && !(mine.exceptionUntil && mine.exceptionUntil > new Date().toISOString()) && mine.status !== "returned") || period.state === "closed"
            ? "Xem báo cáo (đã khóa)"
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

/** "5,3%" as Vietnamese writes it (the bar's CSS width keeps a decimal point). */
const pct = (r: number) => `${(Math.round(r * 1000) / 10).toLocaleString("vi-VN")}%`;
const cssPct = (r: number) => `${Math.round(r * 1000) / 10}%`;

function StaffDashboard({ period, canWrite }: { period: Period; canWrite: boolean }) {
  const [data, setData] = useState<Completeness | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [filter, setFilter] = useState<"all" | "pending" | "submitted">("all");
  const [confirmAll, setConfirmAll] = useState(false);
  const [confirmUnit, setConfirmUnit] = useState<CompletenessUnit | null>(null);
  const [busy, setBusy] = useState<number | "all" | null>(null);
  const notify = useNotify();
  const load = useCallback(() => {
    setError(null);
    reportsApi.completeness(period.id).then(setData, setError);
  }, [period.id]);
  useEffect(load, [load]);

  async function remind(unitIds?: number[]) {
    setBusy(unitIds ? unitIds[0] : "all");
    try {
      const r = await reportsApi.remind(period.id, unitIds);
      if (r.units.length === 0) notify.info("Không có đơn vị nào cần nhắc.");
      else if (r.notified === 0) notify.info(`Đã nhắc ${r.units.length} đơn vị hôm nay rồi, hoặc đơn vị chưa có đầu mối.`);
      else notify.success(`Đã gửi nhắc nộp tới ${r.notified} đầu mối của ${r.units.length} đơn vị.`);
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(null);
      setConfirmAll(false);
      setConfirmUnit(null);
    }
  }

  if (error) return <ErrorState message={toApiError(error).message} onRetry={load} />;
  if (!data) return <Skeleton rows={3} />;
  const t = data.total;
  // before the deadline the units are not late yet, only not submitted
  const canRemind = canWrite && period.status !== "closed";
  const lateWord = period.state === "open" || period.state === "upcoming" ? "chưa nộp" : "chậm";
  const notReported = data.units.filter((u) => u.status !== "submitted" && u.status !== "approved");
  // A unit without a focal point has nobody to remind: count and say so, never promise it.
  const reachable = notReported.filter((u) => u.focalCount > 0);
  const unreachable = notReported.length - reachable.length;
  const units = data.units.filter((u) => (filter === "all" ? true : filter === "pending" ? u.status !== "submitted" && u.status !== "approved" : u.status === "submitted" || u.status === "approved"));
  return (
    <>
      <PeriodCard period={period}>
        <div className="kpis" data-testid="completeness-total">
          <Kpi label="Phải nộp" value={t.expected} testId="kpi-expected" />
          <Kpi label="Đã nộp" value={t.submitted} testId="kpi-submitted" />
          <Kpi label="Đúng hạn" value={t.onTime} testId="kpi-ontime" />
          <Kpi label="Nộp muộn" value={t.late} testId="kpi-late" />
          <Kpi label="Chưa nộp" value={t.missing} tone="bad" testId="kpi-missing" />
          <Kpi label="Đã duyệt" value={t.approved} tone="ok" testId="kpi-approved" />
          <Kpi label="Bị trả lại" value={t.returned} tone="warn" testId="kpi-returned" />
        </div>
        <RateBar label="Tỷ lệ nộp" rate={t.reportingRate} />
        <RateBar label="Tỷ lệ đúng hạn" rate={t.onTimeRate} />
        <RateBar label="Tỷ lệ đã duyệt" rate={t.approvedRate} tone="ok" />
      </PeriodCard>

      <div className="row quick-links">
        <Link className="pill" to={`/reports/${period.id}/summary`} data-testid="open-summary">
          Tổng hợp và xuất báo cáo
        </Link>
        {canWrite && (
          <Link className="pill pill--muted" to="/reports/periods" data-testid="manage-periods">
            Quản lý kỳ báo cáo
          </Link>
        )}
      </div>

      {canRemind && reachable.length > 0 && (
        <Button fullWidth variant="secondary" data-testid="remind-all" loading={busy === "all"} onClick={() => setConfirmAll(true)}>
          Nhắc tất cả đơn vị {lateWord} ({reachable.length})
        </Button>
      )}
      {canRemind && unreachable > 0 && (
        <p className="muted" data-testid="remind-unreachable">
          {unreachable} đơn vị {lateWord} chưa có đầu mối nên chưa nhắc được — mời đầu mối tại Cá nhân › Mời đầu mối.
        </p>
      )}

      <div className="segmented" role="tablist">
        {(
          [
            ["all", `Tất cả (${data.units.length})`],
            ["pending", `Chưa nộp (${notReported.length})`],
            ["submitted", `Đã nộp (${t.submitted})`],
          ] as const
        ).map(([k, label]) => (
          <button key={k} type="button" role="tab" aria-selected={filter === k} className={`segmented__opt${filter === k ? " segmented__opt--on" : ""}`} onClick={() => setFilter(k)}>
            {label}
          </button>
        ))}
      </div>

      <ul className="plain-list" data-testid="unit-list">
        {units.map((u) => {
          const tone = REPORT_STATUS_TONE[u.status];
          const pending = u.status !== "submitted" && u.status !== "approved";
          return (
            <li key={u.unitId} className="card unit-row" data-testid={`unit-${u.unitCode}`}>
              <Link to={`/reports/${period.id}/units/${u.unitId}`} className="unit-row__main">
                <span className="list-link__title">{u.unitName}</span>
                <span className="list-link__meta">
                  {u.submittedAt ? `Nộp ${formatDateTime(u.submittedAt)}${u.onTime === false ? " · muộn" : ""}` : u.updatedAt ? `Cập nhật ${formatDateTime(u.updatedAt)}` : "Chưa mở báo cáo"}
                  {u.exceptionUntil ? ` · gia hạn đến ${formatDate(u.exceptionUntil)}` : ""}
                  {u.focalCount === 0 ? " · chưa có đầu mối" : ""}
                </span>
              </Link>
              <div className="unit-row__side">
                <span className={`pill${tone ? ` pill--${tone}` : ""}`} data-testid="unit-status">
                  {REPORT_STATUS_LABELS[u.status]}
                </span>
                {canRemind && pending && u.focalCount > 0 && (
                  <button type="button" className="link-button remind-button" data-testid="remind-unit" disabled={busy === u.unitId} onClick={() => setConfirmUnit(u)}>
                    Nhắc nộp
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {units.length === 0 && <EmptyState title="Không có đơn vị nào trong mục này" />}

      {confirmUnit && (
        <Modal visible title="Nhắc đơn vị nộp báo cáo?" onClose={() => setConfirmUnit(null)}>
          <p>
            Gửi thông báo nhắc nộp tới {confirmUnit.focalCount} đầu mối của {confirmUnit.unitName}. Mỗi đơn vị chỉ được nhắc một lần mỗi ngày.
          </p>
          <div className="row row--between">
            <Button size="small" variant="tertiary" onClick={() => setConfirmUnit(null)}>
              Hủy
            </Button>
            <Button size="small" data-testid="confirm-remind-unit" loading={busy === confirmUnit.unitId} onClick={() => void remind([confirmUnit.unitId])}>
              Gửi nhắc nộp
            </Button>
          </div>
        </Modal>
      )}
      {confirmAll && (
      <Modal visible title={`Nhắc tất cả đơn vị ${lateWord}?`} onClose={() => setConfirmAll(false)}>
        <p>Gửi thông báo nhắc nộp tới đầu mối của {reachable.length} đơn vị chưa nộp hoặc bị trả lại.</p>
        <div className="row row--between">
          <Button size="small" variant="tertiary" onClick={() => setConfirmAll(false)}>
            Hủy
          </Button>
          <Button size="small" data-testid="confirm-remind-all" onClick={() => void remind()}>
            Gửi nhắc nộp
          </Button>
        </div>
      </Modal>
      )}
    </>
  );
}

function Kpi({ label, value, tone, testId }: { label: string; value: number; tone?: "ok" | "warn" | "bad"; testId: string }) {
  return (
    <div className={`kpi${tone ? ` kpi--${tone}` : ""}`} data-testid={testId}>
      <div className="kpi__value">{value}</div>
      <div className="kpi__label">{label}</div>
    </div>
  );
}

function RateBar({ label, rate, tone }: { label: string; rate: number; tone?: "ok" }) {
  return (
    <div className="rate">
      <div className="row row--between">
        <span className="muted">{label}</span>
        <b>{pct(rate)}</b>
      </div>
      <div className="bar" role="progressbar" aria-valuenow={Math.round(rate * 100)} aria-valuemin={0} aria-valuemax={100} aria-label={label}>
        <div className={`bar__fill${tone ? ` bar__fill--${tone}` : ""}`} style={{ width: cssPct(rate) }} />
      </div>
    </div>
  );
}
