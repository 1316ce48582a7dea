import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext } from "../http/context.js";
import { REPORT_STATUS_LABELS, TASK_STATUS_LABELS } from "../contract/reports-labels.js";
import { loadScope } from "./access.js";
import { fieldLabel, itemCodes } from "./fields.js";
import type { ReportStatus } from "./tables.js";

type Trx = Kysely<DB>;

export const auditText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

interface AuditRow {
  field: string | null;
  old: unknown;
  next: unknown;
  action?: string;
  note?: string | null;
}

export async function writeAudit(db: Trx, reportId: number, userId: number, nowIso: string, version: number, rows: AuditRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto("report_audit")
      .values(
        rows.slice(i, i + 200).map((r) => ({
          report_id: reportId,
          user_id: userId,
          at: nowIso,
          action: r.action ?? "save",
          field: r.field,
          old_value: auditText(r.old),
          new_value: auditText(r.next),
          note: r.note ?? null,
          version,
        })),
      )
      .execute();
  }
}

export async function reportAudit(ctx: AppContext, periodId: number, unitId: number) {
  const { db } = ctx.database;
  await loadScope(db, periodId, unitId);
  const report = await db.selectFrom("reports").select("id").where("period_id", "=", periodId).where("unit_id", "=", unitId).executeTakeFirst();
  if (!report) return [];
  const [rows, codes] = await Promise.all([
    db
      .selectFrom("report_audit as a")
      .leftJoin("users as u", "u.id", "a.user_id")
      .select(["a.id", "a.at", "a.user_id", "u.name", "a.action", "a.field", "a.old_value", "a.new_value", "a.note", "a.version"])
      .where("a.report_id", "=", report.id)
      .orderBy("a.id", "desc")
      .limit(1000)
      .execute(),
    itemCodes(db),
  ]);
  const show = (field: string | null, v: string | null) => {
    if (v === null) return null;
    if (field === "status") return REPORT_STATUS_LABELS[v as ReportStatus] ?? v;
    if (field?.endsWith(":status")) return TASK_STATUS_LABELS[v as keyof typeof TASK_STATUS_LABELS] ?? v;
    return v;
  };
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    userId: r.user_id,
    userName: r.name ?? null,
    action: r.action,
    field: r.field,
    label: r.field ? fieldLabel(r.field, codes) : null,
    oldValue: show(r.field, r.old_value),
    newValue: show(r.field, r.new_value),
    note: r.note,
    version: r.version === null ? null : Number(r.version),
  }));
}
