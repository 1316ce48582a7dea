import type { CityWardState, SnapshotStatus } from "@contract/city";
import { CITY_WARD_STATE_LABELS, SNAPSHOT_STATUS_LABELS } from "@contract/city-labels";

const WARD_TONE: Record<CityWardState, string> = { accepted: "ok", sent: "", returned: "bad", not_sent: "warn" };
const SNAPSHOT_TONE: Record<SnapshotStatus, string> = { accepted: "ok", sent: "", returned: "bad", superseded: "muted" };

export function WardStatePill({ state, overdue }: { state: CityWardState; overdue?: boolean }) {
  const tone = overdue ? "bad" : WARD_TONE[state];
  return (
    <span className={`pill${tone ? ` pill--${tone}` : ""}`} data-testid="ward-state">
      {CITY_WARD_STATE_LABELS[state]}
      {overdue ? " · quá hạn" : ""}
    </span>
  );
}

export function SnapshotStatusPill({ status }: { status: SnapshotStatus }) {
  const tone = SNAPSHOT_TONE[status];
  return (
    <span className={`pill${tone ? ` pill--${tone}` : ""}`} data-testid="snapshot-status">
      {SNAPSHOT_STATUS_LABELS[status]}
    </span>
  );
}

/** The plan's years as chips; the chosen one is pressed. */
export function YearChips({ years, value, onChange }: { years: number[]; value: number; onChange: (y: number) => void }) {
  return (
    <div className="city-chips" role="radiogroup" aria-label="Năm báo cáo">
      {years.map((y) => (
        <button key={y} type="button" role="radio" aria-checked={y === value} className={`city-chip${y === value ? " city-chip--active" : ""}`} data-testid={`year-${y}`} onClick={() => onChange(y)}>
          {y}
        </button>
      ))}
    </div>
  );
}

/** "12,3 kB" */
export const fileSize = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`);

/** "Phường Lê Đại Hành" for the ward unit "Ủy ban nhân dân phường Lê Đại Hành". */
export function wardTitle(name: string): string {
  const t = name.replace(/^Ủy ban nhân dân\s+/i, "");
  return t.charAt(0).toLocaleUpperCase("vi-VN") + t.slice(1);
}
