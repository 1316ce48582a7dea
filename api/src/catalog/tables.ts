import type { Generated } from "kysely";
import type { AggregationRule } from "../contract/catalog.js";

export type UnitKind = "city" | "ward" | "office" | "police" | "military" | "front" | "youth_union" | "youth_federation" | "service_centre" | "health" | "residential_group";
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
  /** the ward (tenant) the unit belongs to: its own id for a ward, null for the city */
  ward_id: number | null;
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
  /**
   * Superseded by indicator_ward_settings (migration 0150: the rule is each ward's); kept because
   * SQLite cannot drop a column under a foreign key. Not read.
   */
  aggregation: Generated<AggregationRule>;
  aggregation_unit_id: Generated<number | null>;
  aggregation_reason: Generated<string>;
  /** 0: left out of new reports, kept in the reports that have it */
  active: Generated<number>;
  /** superseded (0150): a ward's plan milestones are seeded with its settings row */
  roadmap_seeded: Generated<number>;
}

/**
 * A ward's own settings of a city indicator (migration 0150): how the ward figure is made from its
 * units' figures. No row: the ward has not set it (a sum, no reason).
 */
export interface IndicatorWardSettingsTable {
  indicator_id: number;
  ward_id: number;
  aggregation: AggregationRule;
  /** for "lead" with several lead units: the unit whose figure stands (a unit of the ward) */
  aggregation_unit_id: number | null;
  /** why this rule, in one line */
  aggregation_reason: string;
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
  /** the ward whose units report in it (migration 0150); null only for data made outside the product (bench) */
  ward_id: number | null;
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

/** A ward's yearly roadmap of an indicator: the milestone of a plan year (the 2030 one defaults to the target). */
export interface IndicatorMilestonesTable {
  indicator_id: number;
  ward_id: number;
  year: number;
  value: number;
  source: "plan" | "staff";
  updated_at: string;
  updated_by: number | null;
}

/** Who changed what in the catalog (indicators, tasks, the plan's reference), from what to what. */
export interface CatalogAuditTable {
  id: Generated<number>;
  entity: "indicator" | "task" | "plan";
  /** the indicator or task id; the ward's id for the plan's reference */
  entity_id: number;
  /** the ward whose settings changed; null for a change of the city's definition */
  ward_id: number | null;
  user_id: number | null;
  at: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
}

/** Facts about a ward's plan entered once by its staff (e.g. its number and date). */
export interface PlanSettingsTable {
  ward_id: number;
  key: string;
  value: string;
  updated_at: string;
  updated_by: number | null;
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
  indicator_milestones: IndicatorMilestonesTable;
  indicator_ward_settings: IndicatorWardSettingsTable;
  catalog_audit: CatalogAuditTable;
  plan_settings: PlanSettingsTable;
}
