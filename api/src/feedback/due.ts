import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { vnDateKey, vnInstant } from "../lib/time.js";

/** The next calendar day of a yyyy-MM-dd key. */
function nextDay(key: string): string {
  const d = new Date(`${key}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function isWeekend(key: string): boolean {
  const wd = new Date(`${key}T00:00:00.000Z`).getUTCDay();
  return wd === 0 || wd === 6;
}

/**
 * The answer deadline: the end (23:59:59 Vietnam time) of the `days`-th working day after the day
 * the item was received. Saturdays, Sundays and the dates in `holidays` (yyyy-MM-dd, Vietnam) are skipped.
 * E.g. received Friday 24/04/2026, 5 days → 28, 29/04, 04, 05, 06/05 (27/04, 30/04, 01/05 are holidays).
 */
export function addWorkingDays(receivedAt: string, days: number, holidays: ReadonlySet<string>): string {
  let key = vnDateKey(receivedAt);
  let left = Math.max(0, Math.floor(days));
  if (left === 0) {
    // same day, end of day (used only if staff configure 0)
    const [y, m, d] = key.split("-").map(Number);
    return vnInstant(y, m, d, 23, 59, 59);
  }
  while (left > 0) {
    key = nextDay(key);
    if (!isWeekend(key) && !holidays.has(key)) left--;
  }
  const [y, m, d] = key.split("-").map(Number);
  return vnInstant(y, m, d, 23, 59, 59);
}

/** Loads the holidays that can matter for a deadline starting at `fromIso` (generous window). */
export async function loadHolidays(db: Kysely<DB>, fromIso: string, days: number): Promise<Set<string>> {
  const from = vnDateKey(fromIso);
  const to = new Date(Date.parse(`${from}T00:00:00.000Z`) + (days * 3 + 60) * 86_400_000).toISOString().slice(0, 10);
  const rows = await db.selectFrom("holidays").select("date").where("date", ">=", from).where("date", "<=", to).execute();
  return new Set(rows.map((r) => r.date));
}

export async function computeDueAt(db: Kysely<DB>, receivedAt: string, days: number): Promise<string> {
  return addWorkingDays(receivedAt, days, await loadHolidays(db, receivedAt, days));
}
