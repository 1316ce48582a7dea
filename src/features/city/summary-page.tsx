import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import type { CityIndicator, CitySummary } from "@contract/city";
import { CITY_RULE_BY_MEASURE, CITY_RULE_SENTENCE } from "@contract/city-labels";
import { ON_TRACK_LABELS, SIGNER_MAX, formatFigure, formatMilestone, formatNumber, formatTarget, onTrackText } from "@contract/summary-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { DownloadButtons } from "../../components/download-buttons";
import { errorMessage } from "../../lib/api-client";
import { formatDate, formatDateTime } from "../../lib/dates";
import { useRole, useSession } from "../../lib/session-store";
import { useLoad } from "../../lib/use-load";
import { cityApi } from "./api";
import { YearChips, wardTitle } from "./parts";
import "./city.css";

const tone = (t: CityIndicator["onTrack"]) => (t === "on_track" ? " pill--ok" : t === "off_track" ? " pill--bad" : " pill--muted");

/** The city's figures: per indicator the sum of the wards' accepted figures, the wards side by side, the road to 2030, the exports. */
export function CitySummaryPage() {
  const role = useRole();
  const status = useSession((s) => s.status);
  return (
    <AppPage title="Số liệu toàn thành phố" back testId="city-summary-page">
      {status === "loading" ? <Skeleton rows={3} /> : role !== "city_staff" ? <EmptyState title="Trang dành cho cán bộ Sở Nội vụ" /> : <Summary />}
    </AppPage>
  );
}

function Summary() {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get("year")) || undefined;
  const { data, error, reload } = useLoad(() => cityApi.summary(asked), [asked]);
  const [view, setView] = useState<"indicators" | "wards">("indicators");
  if (error && !data) return <ErrorState message={errorMessage(error)} onRetry={reload} />;
  if (!data) return <Skeleton rows={4} />;
  const c = data.counts;
  return (
    <>
      <YearChips years={data.years} value={data.year} onChange={(y) => setParams({ year: String(y) }, { replace: true })} />
      <section className="card stack" data-testid="city-summary-head">
        <h3>Năm {data.year}</h3>
        <p className="muted" data-testid="city-summary-coverage">
          Số liệu từ <b>{data.wards.length}/{c.expected}</b> phường, xã đã được Sở tiếp nhận · tổng hợp lúc {formatDateTime(data.generatedAt)} · hạn gửi {formatDate(data.deadline.deadlineAt)}
        </p>
        <p className="city-rule" data-testid="city-rule">
          {CITY_RULE_SENTENCE}
        </p>
        {data.wards.length === 0 && <div className="banner banner--warn">Chưa có báo cáo nào được tiếp nhận: số liệu toàn thành phố sẽ hiện khi Sở tiếp nhận báo cáo của các phường.</div>}
        <Downloads year={data.year} />
      </section>
      <div className="city-chips" role="tablist">
        <button type="button" role="tab" aria-selected={view === "indicators"} className={`city-chip${view === "indicators" ? " city-chip--active" : ""}`} onClick={() => setView("indicators")} data-testid="view-indicators">
          Theo chỉ tiêu ({data.indicators.filter((i) => i.onTrack === "on_track").length}/{data.indicators.length} đạt)
        </button>
        <button type="button" role="tab" aria-selected={view === "wards"} className={`city-chip${view === "wards" ? " city-chip--active" : ""}`} onClick={() => setView("wards")} data-testid="view-wards">
          Theo phường ({data.wards.length})
        </button>
      </div>
      {view === "indicators" ? (
        <ul className="plain-list" data-testid="city-indicators">
          {data.indicators.map((i) => (
            <IndicatorCard key={i.id} i={i} summary={data} />
          ))}
        </ul>
      ) : (
        <WardsView summary={data} />
      )}
    </>
  );
}

function IndicatorCard({ i, summary }: { i: CityIndicator; summary: CitySummary }) {
  const f = i.current;
  return (
    <li className="card stack" data-testid={`city-indicator-${i.code}`}>
      <div className="row row--between">
        <b>{i.code}</b>
        <span className={`pill${tone(i.onTrack)}`}>{onTrackText(i)}</span>
      </div>
      <span className="muted">{i.name}</span>
      <span>
        <span className="city-figure" data-testid="city-figure">
          {formatFigure(f.value, i.measure)}
        </span>
        {i.measure === "percent" && f.numerator !== null && (
          <span className="city-fraction">
            {" "}
            ({formatNumber(f.numerator)}/{formatNumber(f.denominator)})
          </span>
        )}{" "}
        <span className="muted">{i.unitLabel}</span>
      </span>
      <span className="muted">
        {f.wardsReported} phường báo cáo · {f.wardsOnTrack} phường đạt · {i.milestone ? `lộ trình ${summary.year}: ${formatMilestone(i.milestone.value, i.measure)} · ` : ""}mục tiêu 2030{i.basis === "wards" ? " (của mỗi phường)" : ""}: {formatTarget(i)}
      </span>
      <span className="city-rule">{CITY_RULE_BY_MEASURE[i.measure]}.</span>
      <div className="city-traj" aria-label="Lộ trình đến 2030">
        {i.trajectory.map((p) => (
          <div key={p.year} className={`city-traj__cell${p.value === null ? "" : p.onTrack === "on_track" ? " city-traj__cell--ok" : p.onTrack === "off_track" ? " city-traj__cell--bad" : ""}`}>
            <div className="city-traj__year">{p.year}</div>
            <div>{formatFigure(p.value, i.measure)}</div>
            {p.milestone !== null && <div className="city-traj__year">LT {formatMilestone(p.milestone, i.measure)}</div>}
          </div>
        ))}
      </div>
      {summary.wards.length > 0 && (
        <details>
          <summary className="city-link">Các phường ({summary.wards.length})</summary>
          <div className="city-scroll">
            <table className="city-table" data-testid={`city-wards-${i.code}`}>
              <thead>
                <tr>
                  <th>Phường, xã</th>
                  <th className="num">Kết quả</th>
                  <th>Đánh giá</th>
                </tr>
              </thead>
              <tbody>
                {summary.wards.map((w, k) => {
                  const b = i.byWard[k];
                  return (
                    <tr key={w.ward.id}>
                      <td>{wardTitle(w.ward.name)}</td>
                      <td className="num">
                        {formatFigure(b.value, i.measure)}
                        {i.measure === "percent" && b.numerator !== null ? ` (${formatNumber(b.numerator)}/${formatNumber(b.denominator)})` : ""}
                      </td>
                      <td>{b.value === null ? "—" : ON_TRACK_LABELS[b.onTrack]}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </li>
  );
}

/** The wards side by side: each accepted ward, how many indicators it meets, its version. */
function WardsView({ summary }: { summary: CitySummary }) {
  if (!summary.wards.length) return <EmptyState title="Chưa có phường nào được tiếp nhận" />;
  return (
    <ul className="plain-list" data-testid="city-ward-figures">
      {summary.wards.map((w, k) => {
        const known = summary.indicators.filter((i) => i.byWard[k].value !== null);
        const ok = known.filter((i) => i.byWard[k].onTrack === "on_track").length;
        return (
          <li key={w.ward.id}>
            <Link to={`/city/snapshots/${w.snapshotId}`} className="city-ward">
              <span className="city-ward__name">{wardTitle(w.ward.name)}</span>
              <span className="muted">
                Phiên bản {w.version} · gửi {formatDate(w.sentAt)} · {ok}/{known.length} chỉ tiêu đạt lộ trình
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

function Downloads({ year }: { year: number }) {
  const [signer, setSigner] = useState("");
  const trimmed = signer.trim();
  const signerError = trimmed.length === 1 ? "Tên người ký cần ít nhất 2 ký tự." : null;
  return (
    <>
      <label className="field-label" htmlFor="city-signer">
        Người ký báo cáo Word (Phó Giám đốc Sở)
      </label>
      <input id="city-signer" className="native-input" data-testid="city-signer" value={signer} maxLength={SIGNER_MAX} placeholder="Để trống: ký tay" onChange={(e) => setSigner(e.target.value)} />
      {signerError && <p className="field-error">{signerError}</p>}
      <DownloadButtons
        className="city-downloads"
        items={[
          { testId: "city-download-xlsx", label: "Tải Excel", busyLabel: "Đang tạo tệp Excel…", start: (p) => cityApi.download("xlsx", year, undefined, p) },
          {
            testId: "city-download-docx",
            label: "Tải báo cáo Word",
            busyLabel: "Đang tạo báo cáo…",
            variant: "primary",
            disabled: signerError !== null,
            start: (p) => cityApi.download("docx", year, trimmed || undefined, p),
          },
        ]}
      />
    </>
  );
}
