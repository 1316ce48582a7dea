import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { ConflictDetails, ConflictItem, Report } from "../contract/reports.js";
import { AppError, conflict } from "../lib/errors.js";
import type { ReportRow } from "./form.js";
import { fieldLabel, fieldValues, itemCodes } from "./fields.js";

type Trx = Kysely<DB>;

/** What changed on the server since `clientVersion`: field, server value, the caller's value. */
export async function conflictDetails(db: Trx, report: ReportRow, clientVersion: number, form: Report, mine: Map<string, unknown>): Promise<ConflictDetails> {
  const rows = await db
    .selectFrom("report_audit as a")
    .leftJoin("users as u", "u.id", "a.user_id")
    .select(["a.field", "a.at", "u.id as user_id", "u.name"])
    .where("a.report_id", "=", report.id)
    .where("a.version", ">", clientVersion)
    .where("a.field", "is not", null)
    .orderBy("a.id")
    .execute();
  const server = fieldValues(form);
  const codes = await itemCodes(db);
  const latest = new Map<string, { at: string; id: number | null; name: string | null }>();
  for (const r of rows) latest.set(r.field!, { at: r.at, id: r.user_id, name: r.name });
  const changes: ConflictItem[] = [...latest.entries()].map(([field, who]) => ({
    field,
    label: fieldLabel(field, codes),
    serverValue: server.get(field) ?? null,
    yourValue: mine.has(field) ? mine.get(field) : null,
    changedBy: who.name,
    changedById: who.id,
    changedAt: who.at,
  }));
  return { serverVersion: Number(report.version), changes };
}

export function versionConflict(details: ConflictDetails): AppError {
  return conflict(
    "VERSION_CONFLICT",
    "Báo cáo vừa được người khác cập nhật. Dữ liệu của bạn chưa được ghi đè: vui lòng xem các thay đổi và chọn giữ bản nào.",
    details,
  );
}
