import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AuthUser } from "../http/context.js";
import { notFound } from "../lib/errors.js";
import { seesWard } from "../wards/scope.js";
import { itemQuery, type ItemRow } from "./queries.js";

export const itemNotFound = () => notFound("Không tìm thấy góp ý này.", "FEEDBACK_NOT_FOUND");

export async function loadItem(db: Kysely<DB>, id: number): Promise<ItemRow | undefined> {
  return itemQuery(db).where("f.id", "=", id).executeTakeFirst();
}

/**
 * The ward's staff and observer, and the focal point of the assigned unit, handle an item (and read
 * its notes); city staff read every ward's items the same way, without acting on them.
 */
export function handles(user: AuthUser | null, row: ItemRow): boolean {
  if (!user || !seesWard(user, row.ward_id)) return false;
  if (user.role === "staff" || user.role === "observer" || user.role === "city_staff") return true;
  return user.role === "focal" && row.assigned_unit_id !== null && user.unitId === row.assigned_unit_id;
}

export function canWrite(user: AuthUser, row: ItemRow): boolean {
  if (user.role === "city_staff" || !seesWard(user, row.ward_id)) return false;
  return user.role === "staff" || (user.role === "focal" && row.assigned_unit_id !== null && user.unitId === row.assigned_unit_id);
}

/** A public item is public within its ward: a member of another ward finds nothing (anonymous callers see it). */
export const publicFor = (user: AuthUser | null, row: { ward_id: number | null }) => !user || seesWard(user, row.ward_id);
