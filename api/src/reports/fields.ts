import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { Report } from "../contract/reports.js";
import { VALUE_FIELD_LABELS } from "../contract/reports-labels.js";
import { commendationsText } from "./commendations.js";

type Trx = Kysely<DB>;

/** Every editable field of a report as "key → value" (keys as in the audit trail). */
export function fieldValues(form: Report): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const i of form.indicators) {
    if (i.measure === "percent") {
      m.set(`indicator:${i.indicatorId}:numerator`, i.numerator);
      m.set(`indicator:${i.indicatorId}:denominator`, i.denominator);
    } else {
      m.set(`indicator:${i.indicatorId}:value`, i.value);
    }
    m.set(`indicator:${i.indicatorId}:comment`, i.comment);
  }
  for (const t of form.tasks) {
    m.set(`task:${t.taskId}:status`, t.status);
    m.set(`task:${t.taskId}:progress`, t.progress);
    m.set(`task:${t.taskId}:result`, t.result);
    m.set(`task:${t.taskId}:comment`, t.comment);
  }
  m.set("difficulties", form.difficulties);
  m.set("proposals", form.proposals);
  m.set("evidence", evidenceKey(form.evidence));
  m.set("commendations", commendationsText(form.commendations));
  m.set("status", form.status);
  return m;
}

export const evidenceKey = (list: { fileId: string; itemKind?: string; itemId?: number | null }[]) =>
  list.map((e) => `${e.fileId}@${e.itemKind ?? "report"}${e.itemId ? `:${e.itemId}` : ""}`).join(",");

/** A readable name for an audit/conflict field, e.g. "CT02 · Tử số". */
export function fieldLabel(field: string, codes: { indicators: Map<number, string>; tasks: Map<number, string> }): string {
  const [kind, id, attr] = field.split(":");
  if (kind === "indicator" || kind === "task") {
    const code = (kind === "indicator" ? codes.indicators : codes.tasks).get(Number(id)) ?? `#${id}`;
    return `${code} · ${VALUE_FIELD_LABELS[attr] ?? attr}`;
  }
  if (field === "status") return "Trạng thái báo cáo";
  return VALUE_FIELD_LABELS[field] ?? field;
}

export async function itemCodes(db: Trx) {
  const [i, t] = await Promise.all([db.selectFrom("indicators").select(["id", "code"]).execute(), db.selectFrom("tasks").select(["id", "code"]).execute()]);
  return { indicators: new Map(i.map((r) => [r.id, r.code])), tasks: new Map(t.map((r) => [r.id, r.code])) };
}
