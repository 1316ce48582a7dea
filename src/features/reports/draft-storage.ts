/**
 * The copy of a draft kept on the phone (localStorage), so that no edit is lost to a closed screen,
 * a reload or a lost connection.
 */
import type { Report } from "@contract/reports";
import type { PendingEdits } from "./pending-edits";

/** What is kept for one report: the server's form, the version the edits apply to, the edits. */
export interface StoredDraft {
  baseVersion: number;
  pending: PendingEdits;
  form: Report | null;
}

/** The storage key of a unit's report for a period. */
export const draftKey = (periodId: number, unitId: number) => `tns.report-draft.${periodId}.${unitId}`;

export function readDraft(storage: Storage | null | undefined, key: string): StoredDraft | null {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as StoredDraft) : null;
  } catch {
    return null;
  }
}

export function writeDraft(storage: Storage | null | undefined, key: string, s: StoredDraft): void {
  try {
    storage?.setItem(key, JSON.stringify(s));
  } catch {
    /* storage full or private mode: the server copy still counts */
  }
}
