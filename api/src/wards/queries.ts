import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { Role } from "../contract/identity.js";
import { badRequest } from "../lib/errors.js";

/**
 * Wards as tenants of one deployment. The unit tree has levels: the city (kind "city"), its
 * commune-level units (kind "ward": wards, communes, special zones), then each ward's units. Every unit
 * and every account but city staff's carries `ward_id`, the ward it belongs to (a ward's own id for
 * the ward itself). Whatever belongs to a ward is filtered by it on every route.
 */
type Db = Kysely<DB>;

export interface WardRow {
  id: number;
  code: string;
  name: string;
  short_name: string;
}

/** Every ward of the city, in their order. */
export function listWardRows(db: Db): Promise<WardRow[]> {
  return db.selectFrom("units").select(["id", "code", "name", "short_name"]).where("kind", "=", "ward").orderBy("sort_order").orderBy("id").execute();
}

/** The ward an account belongs to when nothing says otherwise: the first ward (a single-ward install's only one). */
export async function defaultWardId(db: Db): Promise<number | null> {
  const row = await db.selectFrom("units").select("id").where("kind", "=", "ward").orderBy("sort_order").orderBy("id").executeTakeFirst();
  return row?.id ?? null;
}

/** The ward of a unit (null for the city, undefined for an unknown unit). */
export async function wardIdOfUnit(db: Db, unitId: number): Promise<number | null | undefined> {
  const row = await db.selectFrom("units").select("ward_id").where("id", "=", unitId).executeTakeFirst();
  return row ? row.ward_id : undefined;
}

/**
 * The ward a new account goes to: a unit's ward for a focal point (or anyone with a unit), none for
 * city staff, else the ward asked for (checked to be a ward) or the default ward.
 */
export async function wardForAccount(db: Db, role: Role, unitId: number | null, wardId?: number | null): Promise<number | null> {
  if (role === "city_staff") return null;
  if (unitId !== null) return (await wardIdOfUnit(db, unitId)) ?? null;
  if (wardId !== undefined && wardId !== null) {
    const w = await db.selectFrom("units").select("id").where("id", "=", wardId).where("kind", "=", "ward").executeTakeFirst();
    if (!w) throw badRequest("UNKNOWN_WARD", "Phường, xã không tồn tại.");
    return w.id;
  }
  return defaultWardId(db);
}
