import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AuthUser } from "../http/context.js";
import { AppError, forbidden } from "../lib/errors.js";
import { defaultWardId } from "./queries.js";

/**
 * The tenancy rules every ward-scoped route applies (the route × role × ward test walks them):
 * - a ward's staff, focal points, observers and youth read and act only inside their own ward; an id
 *   of another ward's object answers 404, as if it did not exist;
 * - city staff read every ward (a list takes `?wardId=` to choose one, else shows every ward) and
 *   change nothing that belongs to a ward (403 CITY_READ_ONLY); they act at the city level;
 * - anonymous callers of public routes read the ward they name (`?wardId=`), else the default ward.
 */
export type WardFilter = number | "all";

export const isCityStaff = (user: AuthUser | null): boolean => user?.role === "city_staff";

/** Refused: a ward member asked for another ward's list. */
export const otherWardForbidden = () => forbidden("Bạn chỉ xem được dữ liệu của phường, xã mình.", "WARD_FORBIDDEN");

/** Refused: city staff tried to change a ward's record (they see every ward read-only). */
export const cityReadOnly = () =>
  new AppError(403, "CITY_READ_ONLY", "Cán bộ thành phố chỉ xem dữ liệu của phường, xã; việc thay đổi do cán bộ phường, xã thực hiện.");

/**
 * Which ward's records a caller reads: a ward member their own (naming another is refused), city
 * staff the ward they chose or every ward, an anonymous caller the ward named or the default one.
 */
export async function wardToRead(db: Kysely<DB>, user: AuthUser | null, requested?: number): Promise<WardFilter> {
  if (isCityStaff(user)) return requested ?? "all";
  if (user) {
    if (user.wardId === null) return -1; // an account without a ward (should not exist) sees nothing
    if (requested !== undefined && requested !== user.wardId) throw otherWardForbidden();
    return user.wardId;
  }
  return requested ?? (await defaultWardId(db)) ?? -1;
}

/** May this caller see an object of that ward? City staff see every ward; anonymous callers see none here. */
export function seesWard(user: AuthUser | null, wardId: number | null): boolean {
  if (!user) return false;
  if (isCityStaff(user)) return true;
  return wardId !== null && user.wardId === wardId;
}

/**
 * Before a change of a ward's object: city staff are refused (403), a member of another ward gets the
 * component's own 404 (the object is not theirs to know about).
 */
export function assertWardWrite(user: AuthUser, wardId: number | null, notFound: () => AppError): void {
  if (isCityStaff(user)) throw cityReadOnly();
  if (wardId === null || user.wardId !== wardId) throw notFound();
}

/** Narrows a query on a column holding a ward id to the filter (every ward: no condition). */
export function whereWard<Q extends { where: (...args: any[]) => Q }>(q: Q, column: string, filter: WardFilter): Q {
  return filter === "all" ? q : q.where(column, "=", filter);
}
