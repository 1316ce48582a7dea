import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { countsOf, isOverdue } from "./counts.js";

type Db = Kysely<DB>;

/** For the ward's report: the ward's duties of the year, done and overdue per duty. */
export async function dutiesOfYear(db: Db, wardId: number, year: number, nowIso: string) {
  const duties = await db.selectFrom("duties").selectAll().where("ward_id", "=", wardId).where("year", "=", year).orderBy("due_at").orderBy("id").execute();
  const rows = duties.length
    ? await db
        .selectFrom("duty_units as du")
        .innerJoin("units as u", "u.id", "du.unit_id")
        .select(["du.duty_id", "du.status", "du.handed_in_at", "u.name", "u.sort_order"])
        .where("du.duty_id", "in", duties.map((d) => d.id))
        .orderBy("u.sort_order")
        .execute()
    : [];
  return duties.map((d) => {
    const units = rows.filter((r) => r.duty_id === d.id);
    return {
      title: d.title,
      dueAt: d.due_at,
      counts: countsOf(units, d.due_at, nowIso),
      overdueUnits: units.filter((u) => isOverdue(u.status, d.due_at, nowIso)).map((u) => u.name),
      lateUnits: units.filter((u) => u.status === "accepted" && u.handed_in_at && u.handed_in_at > d.due_at).map((u) => u.name),
    };
  });
}
