import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AuthUser } from "../http/context.js";
import { notFound } from "../lib/errors.js";

export interface WardRef {
  id: number;
  code: string;
  name: string;
}

const MAX_ID = 2_147_483_647;
const wardNotFound = () => notFound("Không tìm thấy phường, xã.", "WARD_NOT_FOUND");

/** City staff see every ward; anyone else only their own (another ward answers 404, as if it did not exist). */
export const seesWard = (user: AuthUser, wardId: number) => user.role === "city_staff" || user.wardId === wardId;

/** The ward named in a path, if the caller may see it. */
export async function wardForCaller(db: Kysely<DB>, user: AuthUser, wardId: number): Promise<WardRef> {
  if (wardId > MAX_ID || !seesWard(user, wardId)) throw wardNotFound();
  const row = await db.selectFrom("units").select(["id", "code", "name"]).where("id", "=", wardId).where("kind", "=", "ward").executeTakeFirst();
  if (!row) throw wardNotFound();
  return row;
}

/** The caller's own ward (ward staff acting for it). */
export async function ownWard(db: Kysely<DB>, user: AuthUser, wardId: number): Promise<WardRef> {
  if (user.wardId !== wardId) throw wardNotFound();
  return wardForCaller(db, user, wardId);
}
