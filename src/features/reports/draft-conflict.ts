/**
 * A stale version (409), read field by field: which of the server's changes clash with the edits
 * kept on the phone, and what is left of those edits when the person takes the server's values.
 */
import type { ConflictItem, Evidence } from "@contract/reports";
import { sameValue, type PendingEdits } from "./pending-edits";

/** The evidence list as the server names it in a conflict ("fileId@kind:item,…"). */
const evidenceKey = (list: Evidence[]) => list.map((e) => `${e.fileId}@${e.itemKind ?? "report"}${e.itemId ? `:${e.itemId}` : ""}`).join(",");

/** The local pending value of a conflict field ("indicator:12:numerator", "proposals"…), if any. */
export function pendingValue(p: PendingEdits, field: string): { value: unknown } | null {
  const [kind, id, attr] = field.split(":");
  if (kind === "indicator" || kind === "task") {
    const edit = (kind === "indicator" ? p.indicators : p.tasks)[id] as Record<string, unknown> | undefined;
    return edit && attr in edit ? { value: edit[attr] } : null;
  }
  if (kind === "evidence") return p.evidence !== undefined ? { value: evidenceKey(p.evidence) } : null;
  if (kind === "difficulties" || kind === "proposals") return p[kind] !== undefined ? { value: p[kind] } : null;
  return null;
}

/** Changed on both sides, to different values: the only changes worth a question. */
function changedOnBothSides(c: ConflictItem, p: PendingEdits): boolean {
  const mine = pendingValue(p, c.field);
  return mine !== null && !sameValue(mine.value, c.serverValue);
}

/** The server's changes to put to the person: its status, and the fields changed on both sides. */
export function clashesOf(changes: ConflictItem[], p: PendingEdits): ConflictItem[] {
  return changes.filter((c) => c.field === "status" || changedOnBothSides(c, p));
}

/** The pending edits without the local values of the fields the server changed. */
export function withoutServerChanges(p: PendingEdits, changes: ConflictItem[]): PendingEdits {
  const pending: PendingEdits = { ...p, indicators: { ...p.indicators }, tasks: { ...p.tasks } };
  for (const c of changes) {
    const [kind, id, attr] = c.field.split(":");
    if (kind === "indicator" || kind === "task") {
      const group = (kind === "indicator" ? pending.indicators : pending.tasks) as Record<string, Record<string, unknown>>;
      if (group[id]) {
        const rest = { ...group[id] };
        delete rest[attr];
        if (Object.keys(rest).length) group[id] = rest;
        else delete group[id];
      }
    } else if (kind === "difficulties" || kind === "proposals" || kind === "evidence") {
      delete (pending as unknown as Record<string, unknown>)[kind];
    }
  }
  return pending;
}
