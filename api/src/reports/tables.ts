import type { SubmissionTiming } from "../contract/reports.js";
import type { Generated } from "kysely";
import type { ReportCommendationsTable } from "./commendations.js";

export type ReportStatus = "draft" | "submitted" | "approved" | "returned";
export type TaskStatus = "not_started" | "in_progress" | "done";

/** One unit's report for one period (DHIS2: a data set registration for an org unit and period). */
export interface ReportsTable {
  id: Generated<number>;
  period_id: number;
  unit_id: number;
  status: ReportStatus;
  /** optimistic concurrency: every accepted save increments it */
  version: number;
  difficulties: string;
  proposals: string;
  submitted_at: string | null;
  submitted_by: number | null;
  /** 1 when submitted by the deadline, 0 when late (with an exception) */
  on_time: number | null;
  /** on_time | on_time_extended | late, decided at the first submission */
  submit_timing: SubmissionTiming | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
  return_reason: string | null;
  created_at: string;
  updated_at: string;
  updated_by: number | null;
}

/** Appendix 01: a percentage is numerator/denominator; a count or a number of times is `value`. */
export interface ReportIndicatorValuesTable {
  report_id: number;
  indicator_id: number;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  comment: string;
  /** 1 when far from last year's value: saved, but a comment is required before submit */
  flagged: number;
  updated_at: string;
}

/** Appendix 02: the unit's progress on a task. */
export interface ReportTaskValuesTable {
  report_id: number;
  task_id: number;
  status: TaskStatus | null;
  progress: number | null;
  result: string;
  comment: string;
  updated_at: string;
}

export interface ReportEvidenceTable {
  id: Generated<number>;
  report_id: number;
  file_id: string;
  /** "indicator" | "task" | "report" */
  item_kind: string;
  item_id: number | null;
  created_at: string;
  created_by: number;
}

/** Who changed what, when, from what to what. */
export interface ReportAuditTable {
  id: Generated<number>;
  report_id: number;
  user_id: number | null;
  at: string;
  action: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  note: string | null;
  /** the report version after this change (migration 0610); null for rows about no version */
  version: number | null;
}

export interface ReportTables {
  reports: ReportsTable;
  report_indicator_values: ReportIndicatorValuesTable;
  report_task_values: ReportTaskValuesTable;
  report_evidence: ReportEvidenceTable;
  report_audit: ReportAuditTable;
  report_commendations: ReportCommendationsTable;
}
