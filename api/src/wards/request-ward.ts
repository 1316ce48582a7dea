import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AuthUser } from "../http/context.js";
import { AppError, badRequest, forbidden, notFound } from "../lib/errors.js";
import { defaultWardId } from "./queries.js";

/**
 * Which ward a request about the plan's work (periods, reports, the summary, the catalog's ward settings,
 * duties, difficulties, supervisions, dialogues) is about. One convention for all of them:
 * - a ward's staff, focal points, observers and youth act in their own ward (`AuthUser.wardId`); naming
 *   another ward (`?wardId=`) or reaching another ward's object answers 404, as if it did not exist;
 * - city staff read any ward: a list names the ward with `?wardId=` (400 WARD_REQUIRED without it), an
 *   object read by id is read in its own ward; they never write a ward's data;
 * - an anonymous caller of a public route reads `?wardId=`, else the default (first) ward.
 */
type Db = Kysely<DB>;

export const wardNotFound = () => notFound("Không tìm thấy phường, xã.", "WARD_NOT_FOUND");

export const isCityStaff = (user: AuthUser | null): boolean => user?.role === "city_staff";

/** The ward a list or a write of the request is about (see above). */
export async function requestWardId(db: Db, user: AuthUser | null, asked?: number): Promise<number> {
  if (user && !isCityStaff(user)) {
    const own = user.wardId ?? (await defaultWardId(db));
    if (own === null) throw wardNotFound();
    if (asked !== undefined && asked !== own) throw wardNotFound();
    return own;
  }
  if (asked === undefined) {
    if (user) throw badRequest("WARD_REQUIRED", "Cán bộ thành phố cần chọn phường, xã để xem (tham số wardId).");
    const first = await defaultWardId(db);
    if (first === null) throw wardNotFound();
    return first;
  }
  const ward = await db.selectFrom("units").select("id").where("id", "=", asked).where("kind", "=", "ward").executeTakeFirst();
  if (!ward) throw wardNotFound();
  return ward.id;
}

/**
 * Whether the caller may see an object of `wardId`: city staff and anonymous readers of public routes
 * any; everyone else only their ward's. A ward-less object (made outside the product) is the city's.
 */
export function seesWard(user: AuthUser | null, wardId: number | null): boolean {
  if (!user || isCityStaff(user)) return true;
  return wardId !== null && wardId === user.wardId;
}

/** Throws `missing` (the object's own 404) when the caller is of another ward. */
export function assertSeesWard(user: AuthUser | null, wardId: number | null, missing: () => AppError): void {
  if (!seesWard(user, wardId)) throw missing();
}

/** City-level lists (indicator and task definitions, the national holidays) are edited by city staff only. */
export function assertCityLevel(user: AuthUser, what: string): void {
  if (!isCityStaff(user)) {
    throw forbidden(`${what} là danh mục chung của thành phố: chỉ cán bộ Sở Nội vụ thành phố sửa được.`, "CITY_LEVEL_ONLY");
  }
}

/** A ward's own data (its settings, its records) is written by the ward's people, never by city staff. */
export function assertWardWriter(user: AuthUser, what: string): void {
  if (isCityStaff(user)) {
    throw forbidden(`${what} là của từng phường, xã: cán bộ thành phố chỉ xem, cán bộ phường sửa.`, "WARD_DATA_READ_ONLY");
  }
}
