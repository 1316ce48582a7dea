import type { Generated } from "kysely";
import type { DutyKind, DutyUnitStatus } from "../contract/duties.js";

/** A duty with a deadline that units owe the ward (their own plan, the training plan, Youth Month…). */
export interface DutiesTable {
  id: Generated<number>;
  /** the ward whose units owe it (migration 0810) */
  ward_id: number;
  kind: DutyKind;
  title: string;
  description: string;
  /** the plan year it belongs to (Vietnam calendar year of the due date) */
  year: number;
  starts_at: string;
  due_at: string;
  /** 0/1: a document must be attached to the hand-in */
  requires_document: number;
  /** 0/1: next year's copy is made on 01/01 (same units, same day and month) */
  recurs_yearly: number;
  /** the recurring series this duty belongs to, e.g. "training-plan" or "duty-12" */
  series_key: string | null;
  /** "w<ward>:<series>:<year>", unique: a yearly copy or a seeded duty is never made twice in a ward */
  seed_key: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** What one unit owes for one duty, and where it stands. */
export interface DutyUnitsTable {
  duty_id: number;
  unit_id: number;
  status: DutyUnitStatus;
  /** the short text handed in */
  text: string;
  /** JSON FileMeta[] snapshot of the documents handed in */
  files: string;
  handed_in_at: string | null;
  handed_in_by: number | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
  return_reason: string | null;
  updated_at: string;
}

/** Every hand-in and review, so the unit and staff see the whole exchange. */
export interface DutyHistoryTable {
  id: Generated<number>;
  duty_id: number;
  unit_id: number;
  action: "hand_in" | "accept" | "return";
  note: string | null;
  user_id: number | null;
  at: string;
}

export interface DutyTables {
  duties: DutiesTable;
  duty_units: DutyUnitsTable;
  duty_history: DutyHistoryTable;
}
