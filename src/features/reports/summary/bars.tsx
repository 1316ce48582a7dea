import type { IndicatorSummary, TaskSummary } from "@contract/summary";
import { formatFigure, formatNumber, formatTarget, onTrackText } from "@contract/summary-labels";

const TONE = { on_track: "ok", off_track: "bad", unknown: "muted" } as const;

/** Where a figure sits on the bar: percentages on 0–100, counts against the largest of value, target, last year. */
function scaleOf(item: IndicatorSummary): number {
  const values = [item.current.value, item.target, item.lastYear?.value].filter((v): v is number => typeof v === "number");
  const top = Math.max(0, ...values);
  if (item.measure === "percent") return Math.max(100, top);
  return top > 0 ? top * 1.1 : 1;
}

const pct = (v: number, max: number) => `${Math.min(100, Math.max(0, (v / max) * 100))}%`;

/** One indicator: the ward figure as a bar coloured by on-track, with the 2030 target as a marker. */
export function IndicatorBar({ item }: { item: IndicatorSummary }) {
  const max = scaleOf(item);
  const tone = TONE[item.onTrack];
  const { current, lastYear } = item;
  return (
    <li className="sum-item" data-testid="indicator-bar" data-code={item.code} data-on-track={item.onTrack}>
      <div className="sum-item__head">
        <span className="sum-item__code">{item.code}</span>
        <span className="sum-item__name">{item.name}</span>
      </div>
      <div className="sum-bar" role="img" aria-label={`${item.code}: ${formatFigure(current.value, item.measure)}, mục tiêu ${formatTarget(item)}`}>
        {current.value !== null && <div className={`sum-bar__fill sum-bar__fill--${tone}`} style={{ width: pct(current.value, max) }} data-testid="bar-fill" />}
        {item.target !== null && <div className="sum-bar__target" style={{ left: pct(item.target, max) }} title="Mục tiêu 2030" data-testid="bar-target" />}
      </div>
      <div className="sum-item__figures">
        <strong className="sum-item__value" data-testid="indicator-value">
          {formatFigure(current.value, item.measure)}
        </strong>
        {item.measure === "percent" && current.numerator !== null && current.denominator !== null && (
          <span className="muted">
            ({formatNumber(current.numerator)}/{formatNumber(current.denominator)})
          </span>
        )}
        <span className={`pill pill--${tone}`}>{onTrackText(item)}</span>
      </div>
      <div className="sum-item__meta">
        <span>Mục tiêu 2030: {formatTarget(item)}</span>
        {lastYear && (
          <span>
            Năm {lastYear.year}: {formatFigure(lastYear.value, item.measure)}
          </span>
        )}
        <span>
          {current.unitsReported}/{item.unitsExpected} đơn vị báo cáo
        </span>
      </div>
    </li>
  );
}

/** One task: a stacked bar of its units' status (done, in progress, not started, not reported). */
export function TaskBar({ item }: { item: TaskSummary }) {
  const total = Math.max(item.unitsExpected, item.unitsReported, 1);
  const silent = Math.max(0, item.unitsExpected - item.unitsReported);
  const segments = [
    { key: "done", n: item.done, label: "Hoàn thành" },
    { key: "progress", n: item.inProgress, label: "Đang triển khai" },
    { key: "idle", n: item.notStarted, label: "Chưa triển khai" },
    { key: "silent", n: silent, label: "Chưa báo cáo" },
  ];
  return (
    <li className="sum-item" data-testid="task-bar" data-code={item.code}>
      <div className="sum-item__head">
        <span className="sum-item__code">{item.code}</span>
        <span className="sum-item__name">{item.name}</span>
      </div>
      <div className="sum-stack" role="img" aria-label={segments.map((s) => `${s.label}: ${s.n}`).join(", ")}>
        {segments.map((s) => (s.n > 0 ? <div key={s.key} className={`sum-stack__seg sum-stack__seg--${s.key}`} style={{ width: `${(s.n / total) * 100}%` }} /> : null))}
      </div>
      <div className="sum-item__meta">
        {segments.map((s) => (
          <span key={s.key} className="sum-legend">
            <i className={`sum-legend__dot sum-stack__seg--${s.key}`} />
            {s.label}: {s.n}
          </span>
        ))}
      </div>
      <div className="sum-item__meta">
        <span>Tiến độ bình quân: {item.meanProgress === null ? "—" : `${formatNumber(item.meanProgress)}%`}</span>
        <span>
          {item.unitsReported}/{item.unitsExpected} đơn vị báo cáo
        </span>
      </div>
      {item.results.some((r) => r.result) && (
        <details className="sum-results">
          <summary>Kết quả của các đơn vị</summary>
          <ul>
            {item.results
              .filter((r) => r.result)
              .map((r) => (
                <li key={r.unitId}>
                  <strong>{r.unitName}</strong>
                  {r.progress !== null && <span className="muted"> · {r.progress}%</span>}: {r.result}
                </li>
              ))}
          </ul>
        </details>
      )}
    </li>
  );
}
