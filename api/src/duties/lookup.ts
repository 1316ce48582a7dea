import type { Kysely, Selectable } from "kysely";
import type { DB } from "../db/schema.js";
import type { AuthUser } from "../http/context.js";
import { notFound } from "../lib/errors.js";
import { assertSeesWard } from "../wards/request-ward.js";
import type { DutiesTable, DutyUnitsTable } from "./tables.js";

type Db = Kysely<DB>;
export type DutyRow = Selectable<DutiesTable>;
export type DutyUnitRow = Selectable<DutyUnitsTable>;

const MAX_ID = 2_147_483_647;
export const dutyNotFound = () => notFound("Không tìm thấy nhiệm vụ.", "DUTY_NOT_FOUND");

/** A duty the caller may see: another ward's answers 404 like a missing one. */
export async function loadDuty(db: Db, id: number, user: AuthUser | null): Promise<DutyRow> {
  if (id > MAX_ID) throw dutyNotFound();
  const d = await db.selectFrom("duties").selectAll().where("id", "=", id).executeTakeFirst();
  if (!d) throw dutyNotFound();
  assertSeesWard(user, d.ward_id, dutyNotFound);
  return d;
}

export async function loadDutyUnit(db: Db, dutyId: number, unitId: number): Promise<DutyUnitRow> {
  if (unitId > MAX_ID) throw notFound("Đơn vị này không phải thực hiện nhiệm vụ.", "UNIT_NOT_EXPECTED");
  const row = await db.selectFrom("duty_units").selectAll().where("duty_id", "=", dutyId).where("unit_id", "=", unitId).executeTakeFirst();
  if (!row) throw notFound("Đơn vị này không phải thực hiện nhiệm vụ.", "UNIT_NOT_EXPECTED");
  return row;
}
