import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { Button, Modal } from "zmp-ui";
import type { Period } from "@contract/catalog";
import type { Completeness, CompletenessUnit } from "@contract/reports";
import { REPORT_STATUS_LABELS, REPORT_STATUS_TONE, SUBMISSION_TIMING_LABELS } from "@contract/reports-labels";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { toApiError } from "../../lib/api-client";
import { formatDate, formatDateTime } from "../../lib/dates";
import { recentlyLocked } from "../../lib/periods";
import { reportsApi } from "./api";
import { PeriodCard } from "./period-card";

/** " · đúng hạn (được gia hạn)", " · nộp muộn"; nothing for a plain on-time submission. */
const timingNote = (u: Pick<CompletenessUnit, "timing" | "onTime">) => {
  const timing = u.timing ?? (u.onTime === false ? "late" : null);
  return timing && timing !== "on_time" ? ` · ${SUBMISSION_TIMING_LABELS[timing].toLocaleLowerCase("vi")}` : "";
};

/** "5,3%" as Vietnamese writes it (the bar's CSS width keeps a decimal point). */
const pct = (r: number) => `${(Math.round(r * 1000) / 10).toLocaleString("vi-VN")}%`;
const cssPct = (r: number) => `${Math.round(r * 1000) / 10}%`;

/**
 * Staff (and observers, read-only): who has reported in a period, reminders, and — past the deadline —
 * the way to extensions. A yearly period that has just passed its deadline stays one tap away.
 */
export function StaffDashboard({ period, periods, canWrite, onChoose }: { period: Period; periods: Period[]; canWrite: boolean; onChoose: (id: number) => void }) {
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

  const justLocked = recentlyLocked(periods).filter((p) => p.id !== period.id);
  const recent = justLocked.map((p) => (
    <button key={p.id} type="button" className="notice-link link-button" data-testid="recently-locked" onClick={() => onChoose(p.id)}>
      Kỳ “{p.title}” đã hết hạn ngày {formatDate(p.deadlineAt)}: xem đơn vị chưa nộp, gia hạn ›
    </button>
  ));
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
  const extendable = canWrite && period.state === "locked" && notReported.some((u) => u.status === "missing" || u.status === "draft");
  return (
    <>
      {recent}
      <PeriodCard period={period} showsOverdue={canWrite}>
        <div className="kpis" data-testid="completeness-total">
          <Kpi label="Phải nộp" value={t.expected} testId="kpi-expected" />
          <Kpi label="Đã nộp" value={t.submitted} testId="kpi-submitted" />
          {/* submitted = on time + on time within an extension + late: three buckets that add up */}
          <Kpi label="Đúng hạn" value={t.onTime - t.extended} testId="kpi-ontime" />
          <Kpi label="Đúng hạn (được gia hạn)" value={t.extended} testId="kpi-extended" />
          <Kpi label="Nộp muộn" value={t.late} testId="kpi-late" />
          <Kpi label="Chưa nộp" value={t.missing} tone="bad" testId="kpi-missing" />
          <Kpi label="Đã duyệt" value={t.approved} tone="ok" testId="kpi-approved" />
          <Kpi label="Bị trả lại" value={t.returned} tone="warn" testId="kpi-returned" />
        </div>
        <RateBar label="Tỷ lệ nộp" rate={t.reportingRate} />
        <RateBar label={t.extended ? "Tỷ lệ đúng hạn (kể cả được gia hạn)" : "Tỷ lệ đúng hạn"} rate={t.onTimeRate} />
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
      {extendable && (
        <Link className="pill pill--warn extend-link" to={`/reports/periods?period=${period.id}`} data-testid="extend-late">
          Gia hạn cho đơn vị chưa nộp
        </Link>
      )}

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
                  {u.submittedAt ? `Nộp ${formatDateTime(u.submittedAt)}${timingNote(u)}` : u.updatedAt ? `Cập nhật ${formatDateTime(u.updatedAt)}` : "Chưa mở báo cáo"}
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
