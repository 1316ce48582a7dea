import type { Generated } from "kysely";
import type { DifficultyKind, DifficultyState } from "../contract/difficulties.js";

export interface DifficultyThemesTable {
  id: Generated<number>;
  name: string;
  /** folded name, unique: "Kinh phi" and "Kinh phí" are one theme */
  name_key: string;
  sort_order: number;
  created_at: string;
}

/** One difficulty or proposal a unit wrote in its report (one line of its text). */
export interface DifficultyItemsTable {
  id: Generated<number>;
  kind: DifficultyKind;
  period_id: number;
  unit_id: number;
  year: number;
  text: string;
  /** folded text: the same line in a resubmitted report is the same item */
  text_key: string;
  theme_id: number | null;
  state: DifficultyState;
  /** a duplicate points at the item that carries the follow-up */
  merged_into_id: number | null;
  forwarded_to: string | null;
  forwarded_at: string | null;
  answer: string | null;
  resolved_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DifficultyTables {
  difficulty_themes: DifficultyThemesTable;
  difficulty_items: DifficultyItemsTable;
}
