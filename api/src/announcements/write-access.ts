import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AuthUser } from "../http/context.js";
import { forbidden } from "../lib/errors.js";
import type { AnnouncementsTable } from "./tables.js";
import { noticeNotFound } from "./queries.js";
import { cityReadOnly } from "../wards/scope.js";

/**
 * The notice a writer may change: a ward's staff their own ward's (another ward's answers 404; a city
 * notice they can read, 403); city staff the city's (a ward's, 403 CITY_READ_ONLY).
 */
export async function writableNotice(db: Kysely<DB>, user: AuthUser, id: number): Promise<Pick<AnnouncementsTable, "ward_id" | "status">> {
  const row = await db.selectFrom("announcements").select(["ward_id", "status"]).where("id", "=", id).executeTakeFirst();
  if (!row) throw noticeNotFound();
  if (user.role === "city_staff") {
    if (row.ward_id !== null) throw cityReadOnly();
    return row;
  }
  if (row.ward_id === null) {
    if (row.status !== "published") throw noticeNotFound();
    throw forbidden("Đây là thông báo của thành phố (Sở Nội vụ): phường xem được nhưng không sửa được.", "CITY_NOTICE_READ_ONLY");
  }
  if (row.ward_id !== user.wardId) throw noticeNotFound();
  return row;
}
