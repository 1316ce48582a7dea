import type { Generated } from "kysely";
import type { Counted } from "../contract/summary.js";

export type SnapshotStatus = "sent" | "accepted" | "returned" | "superseded";

/**
 * A ward's report as sent to the city: frozen when sent (the summary JSON by the rules in force, the
 * Word and Excel files as they were), one row per version. (ward_id, period_id, version) is unique:
 * two sends at once make one version, the other gets 409.
 */
export interface WardSnapshotsTable {
  id: Generated<number>;
  ward_id: number;
  period_id: number;
  /** the period's year (the city counts its wards' reports by year) */
  year: number;
  version: number;
  /** sent (waiting for the city), accepted, returned (with a reason), superseded (a newer version was sent before a decision) */
  status: SnapshotStatus;
  counted: Counted;
  /** the WardSummary JSON as computed when sent */
  summary_json: string;
  docx_file_id: string;
  xlsx_file_id: string;
  sent_at: string;
  sent_by: number | null;
  decided_at: string | null;
  decided_by: number | null;
  return_reason: string | null;
  /** headline of the frozen figures, for lists without reading the JSON */
  units_submitted: number;
  units_expected: number;
  indicators_on_track: number;
  indicators_total: number;
}

/** The ward figures of a snapshot, one row per indicator: what the city adds up (never re-read from the JSON). */
export interface WardSnapshotFiguresTable {
  snapshot_id: number;
  indicator_id: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  units_reported: number;
  units_expected: number;
  /** the ward's own verdict against its milestone or the 2030 target */
  on_track: "on_track" | "off_track" | "unknown";
}

/** The city's deadline for the wards' reports of a year (default 15/12 of the year, 23:59:59 in Vietnam). */
export interface CityDeadlinesTable {
  year: number;
  deadline_at: string;
  updated_at: string;
  updated_by: number | null;
}

export interface CityTables {
  ward_snapshots: WardSnapshotsTable;
  ward_snapshot_figures: WardSnapshotFiguresTable;
  city_deadlines: CityDeadlinesTable;
}
