import type { SectionKey } from "../contract/summary.js";

/**
 * The parts of a period's ward report that staff write (general assessment, next year's tasks,
 * proposals to the city, commendation proposals), per scope (0 = every unit; else the root unit's id).
 */
export interface SummarySectionsTable {
  period_id: number;
  scope_unit_id: number;
  key: SectionKey;
  text: string;
  updated_at: string;
  updated_by: number | null;
}

export interface ExportTables {
  summary_sections: SummarySectionsTable;
}
