/**
 * The edits a person made to a report that the server does not have yet, and the pure work done on
 * them: what is left after a save, what may be sent, the save body, and the form as shown.
 */
import type { Evidence, Report, ReportSave, TaskStatus } from "@contract/reports";
import type { Commendation } from "@contract/commendations";
import { notesTooLong } from "@contract/reports-rules";

export interface IndicatorEdit {
  numerator?: number | null;
  denominator?: number | null;
  value?: number | null;
  comment?: string;
}
export interface TaskEdit {
  status?: TaskStatus | null;
  progress?: number | null;
  result?: string;
  comment?: string;
}
export interface PendingEdits {
  indicators: Record<string, IndicatorEdit>;
  tasks: Record<string, TaskEdit>;
  difficulties?: string;
  proposals?: string;
  evidence?: Evidence[];
  commendations?: Commendation[];
}

export const emptyPending = (): PendingEdits => ({ indicators: {}, tasks: {} });

export function isEmpty(p: PendingEdits): boolean {
  return (
    Object.keys(p.indicators).length === 0 &&
    Object.keys(p.tasks).length === 0 &&
    p.difficulties === undefined &&
    p.proposals === undefined &&
    p.evidence === undefined &&
    p.commendations === undefined
  );
}

export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Removes from `pending` what was sent in `sent` and has not been edited again since. */
export function removeSent(pending: PendingEdits, sent: PendingEdits): PendingEdits {
  const out: PendingEdits = { indicators: { ...pending.indicators }, tasks: { ...pending.tasks } };
  for (const group of ["indicators", "tasks"] as const) {
    for (const [id, edit] of Object.entries(pending[group])) {
      const s = (sent[group] as Record<string, Record<string, unknown>>)[id];
      if (!s) continue;
      const rest: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(edit)) if (!(k in s) || !sameValue(s[k], v)) rest[k] = v;
      if (Object.keys(rest).length) (out[group] as Record<string, unknown>)[id] = rest;
      else delete (out[group] as Record<string, unknown>)[id];
    }
  }
  for (const k of ["difficulties", "proposals", "evidence", "commendations"] as const) {
    if (pending[k] !== undefined && !(k in sent && sameValue(sent[k], pending[k]))) (out as unknown as Record<string, unknown>)[k] = pending[k];
  }
  return out;
}

const NOTE_LABELS = { difficulties: "Khó khăn, vướng mắc", proposals: "Đề xuất, kiến nghị" } as const;

/** Why a pending notes text cannot go to the server (too long), or null. */
export function notesProblem(p: PendingEdits): string | null {
  for (const k of ["difficulties", "proposals"] as const) {
    const why = p[k] !== undefined ? notesTooLong(NOTE_LABELS[k], p[k]) : null;
    if (why) return why;
  }
  return null;
}

/** What can be sent: a notes text over the limit stays on the phone until it is shortened. */
export function sendable(p: PendingEdits): PendingEdits {
  const out = { ...p };
  for (const k of ["difficulties", "proposals"] as const) if (out[k] !== undefined && notesTooLong(NOTE_LABELS[k], out[k])) delete out[k];
  return out;
}

export function toSaveBody(version: number, p: PendingEdits): ReportSave {
  const body: ReportSave = { version };
  const ind = Object.entries(p.indicators).map(([id, e]) => ({ indicatorId: Number(id), ...e }));
  const tasks = Object.entries(p.tasks).map(([id, e]) => ({ taskId: Number(id), ...e }));
  if (ind.length) body.indicators = ind;
  if (tasks.length) body.tasks = tasks;
  if (p.difficulties !== undefined) body.difficulties = p.difficulties;
  if (p.proposals !== undefined) body.proposals = p.proposals;
  if (p.evidence !== undefined) body.evidence = p.evidence.map((e) => ({ fileId: e.fileId, itemKind: e.itemKind, itemId: e.itemId }));
  if (p.commendations !== undefined) body.commendations = p.commendations;
  return body;
}

/** The form as the person sees it: the server's values with the local edits on top. */
export function mergedForm(form: Report, p: PendingEdits): Report {
  return {
    ...form,
    indicators: form.indicators.map((i) => ({ ...i, ...(p.indicators[i.indicatorId] ?? {}) })),
    tasks: form.tasks.map((t) => ({ ...t, ...(p.tasks[t.taskId] ?? {}) })),
    difficulties: p.difficulties ?? form.difficulties,
    proposals: p.proposals ?? form.proposals,
    evidence: p.evidence ?? form.evidence,
    commendations: p.commendations ?? form.commendations,
  };
}
