import type { Kysely, Selectable } from "kysely";
import type { DB } from "../db/schema.js";
import type { PeriodsTable, PeriodUnitsTable } from "../catalog/tables.js";
import type { ReportLock } from "../contract/reports.js";
import type { ReportStatus } from "./tables.js";
import type { AuthUser } from "../http/context.js";
import { conflict, notFound } from "../lib/errors.js";
import { assertSeesWard } from "../wards/request-ward.js";
import { formatDateTimeVN } from "../lib/time.js";
import { acceptsFrom } from "../catalog/queries.js";

export type PeriodRow = Selectable<PeriodsTable>;
export type PeriodUnitRow = Selectable<PeriodUnitsTable>;

/** Ids are 32-bit integers in both databases; a larger one cannot exist (and PostgreSQL would fail on it). */
const MAX_ID = 2_147_483_647;

const periodNotFound = () => notFound("Không tìm thấy kỳ báo cáo.", "PERIOD_NOT_FOUND");

export async function loadPeriod(db: Kysely<DB>, periodId: number): Promise<PeriodRow> {
  if (periodId > MAX_ID) throw periodNotFound();
  const p = await db.selectFrom("periods").selectAll().where("id", "=", periodId).executeTakeFirst();
  if (!p) throw periodNotFound();
  return p;
}

/** The period, if the caller may see it: another ward's period answers 404 like a missing one. */
export async function loadPeriodFor(db: Kysely<DB>, user: AuthUser | null, periodId: number): Promise<PeriodRow> {
  const p = await loadPeriod(db, periodId);
  assertSeesWard(user, p.ward_id, periodNotFound);
  return p;
}

/** The unit's row among the period's expected units, or 404 UNIT_NOT_EXPECTED. */
export async function loadExpected(db: Kysely<DB>, periodId: number, unitId: number): Promise<PeriodUnitRow> {
  if (periodId > MAX_ID || unitId > MAX_ID) throw notFound("Không tìm thấy đơn vị.", "UNIT_NOT_FOUND");
  const pu = await db.selectFrom("period_units").selectAll().where("period_id", "=", periodId).where("unit_id", "=", unitId).executeTakeFirst();
  if (!pu) {
    const unit = await db.selectFrom("units").select("id").where("id", "=", unitId).executeTakeFirst();
    if (!unit) throw notFound("Không tìm thấy đơn vị.", "UNIT_NOT_FOUND");
    throw notFound("Đơn vị này không thuộc danh sách phải báo cáo trong kỳ này.", "UNIT_NOT_EXPECTED");
  }
  return pu;
}

interface Loaded {
  period: PeriodRow;
  pu: PeriodUnitRow;
}

export async function loadScope(db: Kysely<DB>, periodId: number, unitId: number): Promise<Loaded> {
  const period = await loadPeriod(db, periodId);
  const pu = await loadExpected(db, periodId, unitId);
  return { period, pu };
}

/** The instant until which a unit may save and submit: the deadline, or its later exception. */
export function editableUntil(period: Pick<PeriodRow, "deadline_at">, pu: Pick<PeriodUnitRow, "exception_until">): string {
  return pu.exception_until && pu.exception_until > period.deadline_at ? pu.exception_until : period.deadline_at;
}

/**
 * Whether the unit can still change its report. A returned (or reopened) report stays editable
 * after the deadline: staff asked for the fix. A closed period locks everything.
 */
export function lockState(period: PeriodRow, pu: PeriodUnitRow, status: ReportStatus | null, now: Date): ReportLock {
  const until = editableUntil(period, pu);
  const base = { deadlineAt: period.deadline_at, exceptionUntil: pu.exception_until, editableUntil: until, acceptsFrom: acceptsFrom(period) };
  const t = now.toISOString();
  let reason: string | null = null;
  if (period.status === "closed") reason = "PERIOD_CLOSED";
  else if (status === "submitted") reason = "REPORT_SUBMITTED";
  else if (status === "approved") reason = "REPORT_APPROVED";
  else if (t < acceptsFrom(period)) reason = "PERIOD_NOT_OPEN";
  else if (status !== "returned" && t > until) reason = "PERIOD_LOCKED";
  return { locked: reason !== null, reason, ...base };
}

/** Throws the matching error when the report cannot be changed now. */
export function assertEditable(lock: ReportLock): void {
  if (!lock.locked) return;
  switch (lock.reason) {
    case "PERIOD_CLOSED":
      throw conflict("PERIOD_LOCKED", "Kỳ báo cáo đã đóng, không thể thay đổi báo cáo.");
    case "PERIOD_NOT_OPEN":
      throw conflict("PERIOD_NOT_OPEN", `Kỳ báo cáo chưa mở: nhận báo cáo từ ${formatDateTimeVN(lock.acceptsFrom)}.`);
    case "PERIOD_LOCKED":
      throw conflict(
        "PERIOD_LOCKED",
        `Đã quá hạn nộp báo cáo (${formatDateTimeVN(lock.deadlineAt)}). Vui lòng liên hệ Phòng Văn hóa - Xã hội để được gia hạn.`,
      );
    case "REPORT_SUBMITTED":
      throw conflict("REPORT_NOT_EDITABLE", "Báo cáo đã được nộp, đang chờ phường xem xét nên không thể sửa.");
    case "REPORT_APPROVED":
      throw conflict("REPORT_NOT_EDITABLE", "Báo cáo đã được duyệt nên không thể sửa.");
    default:
      throw conflict("REPORT_NOT_EDITABLE", "Không thể thay đổi báo cáo lúc này.");
  }
}

/** Enabled focal points of a unit (who get reminders and return notices). */
export async function focalUserIds(db: Kysely<DB>, unitIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (unitIds.length === 0) return out;
  const rows = await db
    .selectFrom("users")
    .select(["id", "unit_id"])
    .where("role", "=", "focal")
    .where("disabled", "=", 0)
    .where("unit_id", "in", unitIds)
    .execute();
  for (const r of rows) {
    if (r.unit_id === null) continue;
    const list = out.get(r.unit_id) ?? [];
    list.push(r.id);
    out.set(r.unit_id, list);
  }
  return out;
}
