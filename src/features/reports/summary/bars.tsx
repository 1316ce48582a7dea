import type { IndicatorSummary, TaskSummary } from "@contract/summary";
import { MILESTONE_KIND_LABELS, TASK_STATUS_TEXT, formatFigure, formatMilestone, formatNumber, formatTarget, onTrackText } from "@contract/summary-labels";
import { ruleText } from "@contract/catalog-labels";
import { TrajectoryChart } from "./trajectory-chart";
import { TaskResults, type TaskResultsLoader } from "./task-results";

const TONE = { on_track: "ok", off_track: "bad", unknown: "muted" } as const;

/** Where a figure sits on the bar: percentages on 0–100, counts against the largest of value, milestone, target, last year. */
function scaleOf(item: IndicatorSummary): number {
  const values = [item.current.value, item.target, item.milestone?.value, item.lastYear?.value].filter((v): v is number => typeof v === "number");
  const top = Math.max(0, ...values);
  if (item.measure === "percent") return Math.max(100, top);
  return top > 0 ? top * 1.1 : 1;
}

const pct = (v: number, max: number) => `${Math.min(100, Math.max(0, (v / max) * 100))}%`;

/** One indicator: the ward figure as a bar coloured by its verdict, the year's milestone and the 2030 target as markers, its rule, coverage and road to 2030. */
export function IndicatorBar({ item, year }: { item: IndicatorSummary; year: number }) {
  const max = scaleOf(item);
  const tone = TONE[item.onTrack];
  const { current, lastYear, milestone } = item;
  const against = milestone ? formatMilestone(milestone.value, item.measure) : formatTarget(item);
  const others = item.contributions.filter((c) => !c.counted);
  return (
    <li className="sum-item" data-testid="indicator-bar" data-code={item.code} data-on-track={item.onTrack}>
      <div className="sum-item__head">
        <span className="sum-item__code">{item.code}</span>
        <span className="sum-item__name">{item.name}</span>
        {!item.active && <span className="pill pill--muted">Ngừng theo dõi</span>}
      </div>
      <div className="sum-bar" role="img" aria-label={`${item.code}: ${formatFigure(current.value, item.measure)}, so với ${against}`}>
        {current.value !== null && <div className={`sum-bar__fill sum-bar__fill--${tone}`} style={{ width: pct(current.value, max) }} data-testid="bar-fill" />}
        {milestone && <div className="sum-bar__milestone" style={{ left: pct(milestone.value, max) }} title={`Lộ trình ${milestone.year}`} data-testid="bar-milestone" />}
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
        <span data-testid="indicator-milestone">
          {milestone
            ? `Lộ trình ${milestone.year}: ${formatMilestone(milestone.value, item.measure)} (${MILESTONE_KIND_LABELS[milestone.kind]})`
            : `Chưa có lộ trình năm ${year}: so với mục tiêu 2030`}
        </span>
        <span>Mục tiêu 2030: {formatTarget(item)}</span>
        {lastYear && (
          <span>
            Năm {lastYear.year}: {formatFigure(lastYear.value, item.measure)}
          </span>
        )}
        <span data-testid="indicator-coverage">
          {current.unitsReported}/{item.unitsExpected} đơn vị báo cáo
        </span>
      </div>
      <div className="sum-rule" data-testid="indicator-rule">
        <b>{ruleText(item.aggregation.rule, item.aggregation.unitName)}</b>
        {current.sourceUnitName && item.aggregation.rule === "max" ? ` (số của ${current.sourceUnitName})` : ""}: {item.aggregation.reason}
      </div>
      {others.length > 0 && (
        <details className="sum-results" data-testid="indicator-contributions">
          <summary>Số của các đơn vị ({item.contributions.length})</summary>
          <ul>
            {item.contributions.map((c) => (
              <li key={c.unitId}>
                <strong>{c.unitName}</strong>: {formatFigure(c.value, item.measure)}
                {item.measure === "percent" && c.numerator !== null && c.denominator !== null && ` (${formatNumber(c.numerator)}/${formatNumber(c.denominator)})`}
                <span className="muted"> · {c.counted ? "số của phường" : "phần đóng góp, không cộng"}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <TrajectoryChart item={item} />
    </li>
  );
}

/** One task: its ward status, and a stacked bar of its units' status (done, in progress, not started, not reported). */
export function TaskBar({ item, loadResults }: { item: TaskSummary; loadResults: TaskResultsLoader }) {
  const total = Math.max(item.unitsExpected, item.unitsReported, 1);
  const silent = Math.max(0, item.unitsExpected - item.unitsReported);
  const segments = [
    { key: "done", n: item.done, label: "Hoàn thành" },
    { key: "progress", n: item.inProgress, label: "Đang triển khai" },
    { key: "idle", n: item.notStarted, label: "Chưa triển khai" },
    { key: "silent", n: silent, label: "Chưa báo cáo" },
  ];
  const ward = item.wardStatus;
  const how =
    item.completionRule === "lead"
      ? `Hoàn thành theo báo cáo của đơn vị chủ trì${item.leadUnitName ? ` (${item.leadUnitName})` : ""}`
      : "Hoàn thành khi mọi đơn vị được giao báo cáo hoàn thành";
  return (
    <li className="sum-item" data-testid="task-bar" data-code={item.code} data-ward-status={ward ?? "none"}>
      <div className="sum-item__head">
        <span className="sum-item__code">{item.code}</span>
        <span className="sum-item__name">{item.name}</span>
      </div>
      <div className="sum-item__figures">
        <span className={`pill pill--${ward === "done" ? "ok" : ward === "in_progress" ? "warn" : ward === "not_started" ? "bad" : "muted"}`} data-testid="task-ward-status">
          {ward ? TASK_STATUS_TEXT[ward] : "Chưa có báo cáo"}
        </span>
        <span className="muted">{how}</span>
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
      {item.resultCount > 0 && <TaskResults item={item} load={loadResults} />}
    </li>
  );
}
