import type { Generated } from "kysely";

export type UnitKind = "ward" | "office" | "police" | "military" | "front" | "youth_union" | "youth_federation" | "service_centre" | "health" | "residential_group";
export type IndicatorMeasure = "percent" | "count" | "times";
export type TargetDirection = "at_least" | "at_most";
export type PeriodKind = "annual" | "adhoc";
export type PeriodStatus = "open" | "closed";

export interface UnitsTable {
  id: Generated<number>;
  code: string;
  name: string;
  short_name: string;
  kind: UnitKind;
  parent_id: number | null;
  sort_order: number;
  created_at: string;
}

export interface IndicatorsTable {
  id: Generated<number>;
  code: string;
  name: string;
  measure: IndicatorMeasure;
  /** e.g. "%/năm", "người/năm", "lần/năm" */
  unit_label: string;
  /** null when the ward sets the figure itself */
  target_value: number | null;
  direction: TargetDirection;
  target_text: string;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface IndicatorUnitsTable {
  indicator_id: number;
  unit_id: number;
  /** 1 for the lead unit(s) */
  is_lead: number;
}

export interface TasksTable {
  id: Generated<number>;
  code: string;
  name: string;
  timing: string;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface TaskUnitsTable {
  task_id: number;
  unit_id: number;
  role: "lead" | "partner";
}

export interface PeriodsTable {
  id: Generated<number>;
  year: number;
  kind: PeriodKind;
  title: string;
  opens_at: string;
  /** drafts are accepted from this instant (the previous year's deadline), before opens_at; null = opens_at */
  accepts_from: string | null;
  deadline_at: string;
  status: PeriodStatus;
  created_at: string;
  updated_at: string;
}

/** The units expected to report in a period (DHIS2: the data set's assigned org units). */
export interface PeriodUnitsTable {
  period_id: number;
  unit_id: number;
  /** a lock exception: the unit may still submit until this instant */
  exception_until: string | null;
}

export type HolidayKind = "off" | "working";

/**
 * The working calendar (yyyy-MM-dd, Vietnam) used to count working days: public holidays and days
 * off ("off"), and weekend days worked in exchange for a weekday off ("working", e.g. Saturday 10/01/2026).
 */
export interface HolidaysTable {
  date: string;
  name: string;
  kind: Generated<HolidayKind>;
  created_at: string | null;
}

/** The years whose reference holidays were seeded once (so a day staff removed is never put back). */
export interface HolidaySeedsTable {
  year: number;
  seeded_at: string;
}

export interface CatalogTables {
  units: UnitsTable;
  indicators: IndicatorsTable;
  indicator_units: IndicatorUnitsTable;
  tasks: TasksTable;
  task_units: TaskUnitsTable;
  periods: PeriodsTable;
  period_units: PeriodUnitsTable;
  holidays: HolidaysTable;
  holiday_seeds: HolidaySeedsTable;
}
