import type { IndicatorSummary } from "@contract/summary";
import { formatFigure, formatMilestone } from "@contract/summary-labels";

const TONE = { on_track: "ok", off_track: "bad", unknown: "muted" } as const;
const H = 44;

/**
 * The road to 2030 of one indicator: a column per plan year with the ward figure (coloured by
 * whether it met that year's milestone) and the milestone as a dark tick.
 */
export function TrajectoryChart({ item }: { item: IndicatorSummary }) {
  const points = item.trajectory;
  const values = points.flatMap((p) => [p.value, p.milestone]).filter((v): v is number => typeof v === "number");
  const max = item.measure === "percent" ? 100 : Math.max(1, ...values) * 1.1;
  const y = (v: number) => H - Math.max(0, Math.min(1, v / max)) * H;
  const label = points
    .map((p) => `${p.year}: ${p.value === null ? "chưa có số liệu" : formatFigure(p.value, item.measure)}${p.milestone === null ? "" : `, lộ trình ${formatMilestone(p.milestone, item.measure)}`}`)
    .join("; ");
  return (
    <figure className="sum-traj-wrap">
      <div className="sum-traj" data-testid="trajectory" role="img" aria-label={`Lộ trình ${item.code}: ${label}`}>
        {points.map((p) => (
          <div key={p.year} className="sum-traj__col" data-year={p.year} data-testid="trajectory-year">
            <svg viewBox={`0 0 20 ${H}`} preserveAspectRatio="none" className="sum-traj__svg" aria-hidden="true">
              <rect x="0" y="0" width="20" height={H} className="sum-traj__bg" />
              {p.value !== null && <rect x="4" y={y(p.value)} width="12" height={H - y(p.value)} className={`sum-traj__bar sum-traj__bar--${TONE[p.onTrack]}`} />}
              {p.milestone !== null && <rect x="0" y={Math.max(0, y(p.milestone) - 1)} width="20" height="2" className="sum-traj__tick" />}
            </svg>
            <span className="sum-traj__value">{p.value === null ? "—" : formatFigure(p.value, item.measure)}</span>
            <span className="sum-traj__year">{p.year}</span>
          </div>
        ))}
      </div>
      <figcaption className="sum-traj__caption">Cột: kết quả từng năm · vạch ngang: lộ trình năm đó</figcaption>
    </figure>
  );
}
