import type { Generated } from "kysely";

/** A supervision by the Fatherland Front: when, whom, what it found. */
export interface SupervisionsTable {
  id: Generated<number>;
  /** the ward whose Front held it (migration 1010) */
  ward_id: number;
  year: number;
  held_on: string;
  title: string;
  findings: string;
  created_by: number | null;
  created_at: string;
}

export interface SupervisionUnitsTable {
  supervision_id: number;
  unit_id: number;
}

/** A recommendation to one unit (or the ward), with the date by which it must answer. */
export interface SupervisionRecommendationsTable {
  id: Generated<number>;
  supervision_id: number;
  text: string;
  unit_id: number;
  due_at: string;
  answer: string | null;
  answered_at: string | null;
  answered_by: number | null;
  created_at: string;
}

export interface SupervisionTables {
  supervisions: SupervisionsTable;
  supervision_units: SupervisionUnitsTable;
  supervision_recommendations: SupervisionRecommendationsTable;
}
