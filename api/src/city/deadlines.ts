import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { vnInstant } from "../lib/time.js";
import { PLAN_YEARS } from "../contract/plan.js";
import { CITY_DEADLINE_DEFAULT } from "../contract/city-labels.js";

/**
 * The city's deadline for the wards' reports of a year: a setting per year, 15/12 of the year at
 * 23:59:59 (Vietnam) unless city staff set another — two weeks after the wards' own deadline (30/11)
 * for them to aggregate, review and send.
 */
export const defaultCityDeadline = (year: number) => vnInstant(year, CITY_DEADLINE_DEFAULT.month, CITY_DEADLINE_DEFAULT.day, 23, 59, 59);

export interface CityDeadline {
  year: number;
  deadlineAt: string;
  isDefault: boolean;
}

export async function cityDeadlines(db: Kysely<DB>, years: readonly number[]): Promise<Map<number, CityDeadline>> {
  const rows = years.length ? await db.selectFrom("city_deadlines").select(["year", "deadline_at"]).where("year", "in", [...years]).execute() : [];
  const set = new Map(rows.map((r) => [Number(r.year), r.deadline_at]));
  return new Map(years.map((y) => [y, { year: y, deadlineAt: set.get(y) ?? defaultCityDeadline(y), isDefault: !set.has(y) }]));
}

export async function cityDeadline(db: Kysely<DB>, year: number): Promise<CityDeadline> {
  return (await cityDeadlines(db, [year])).get(year)!;
}

export async function setCityDeadline(db: Kysely<DB>, year: number, deadlineAt: string, userId: number, nowIso: string): Promise<CityDeadline> {
  await db
    .insertInto("city_deadlines")
    .values({ year, deadline_at: deadlineAt, updated_at: nowIso, updated_by: userId })
    .onConflict((oc) => oc.column("year").doUpdateSet({ deadline_at: deadlineAt, updated_at: nowIso, updated_by: userId }))
    .execute();
  return cityDeadline(db, year);
}

/**
 * The year the city is working on by default: the plan year whose city deadline is nearest to now
 * (on 20/11/2026 the 2026 reports; in June 2027 still 2026's late ones or already 2027's, the later on a tie).
 */
export function defaultCityYear(now: Date): number {
  const t = now.getTime();
  let best = PLAN_YEARS[0];
  let bestGap = Infinity;
  for (const y of PLAN_YEARS) {
    const gap = Math.abs(Date.parse(defaultCityDeadline(y)) - t);
    if (gap <= bestGap) {
      best = y;
      bestGap = gap;
    }
  }
  return best;
}
