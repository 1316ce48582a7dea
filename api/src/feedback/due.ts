import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { isWeekendDate, vnDateKey, vnInstant } from "../lib/time.js";

/** The next calendar day of a yyyy-MM-dd key. */
function nextDay(key: string): string {
  const d = new Date(`${key}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The answer deadline: the end (23:59:59 Vietnam time) of the `days`-th working day after the day
 * the item was received. Saturdays, Sundays and the days off in `daysOff` (yyyy-MM-dd, Vietnam) are
 * skipped; a weekend day in `workedWeekends` (a Saturday worked in exchange for a weekday off) counts.
 * E.g. received Friday 24/04/2026, 5 days → 28, 29/04, 04, 05, 06/05 (27/04, 30/04, 01/05 are holidays).
 */
export function addWorkingDays(receivedAt: string, days: number, daysOff: ReadonlySet<string>, workedWeekends: ReadonlySet<string> = new Set()): string {
  let key = vnDateKey(receivedAt);
  let left = Math.max(0, Math.floor(days));
  if (left === 0) {
    // same day, end of day (used only if staff configure 0)
    const [y, m, d] = key.split("-").map(Number);
    return vnInstant(y, m, d, 23, 59, 59);
  }
  while (left > 0) {
    key = nextDay(key);
    const working = workedWeekends.has(key) || (!isWeekendDate(key) && !daysOff.has(key));
    if (working) left--;
  }
  const [y, m, d] = key.split("-").map(Number);
  return vnInstant(y, m, d, 23, 59, 59);
}

export interface WorkCalendar {
  daysOff: Set<string>;
  workedWeekends: Set<string>;
}

/** The holiday list in force now, for the dates that can matter to a deadline starting at `fromIso` (generous window). */
export async function loadWorkCalendar(db: Kysely<DB>, fromIso: string, days: number): Promise<WorkCalendar> {
  const from = vnDateKey(fromIso);
  const to = new Date(Date.parse(`${from}T00:00:00.000Z`) + (days * 3 + 60) * 86_400_000).toISOString().slice(0, 10);
  const rows = await db.selectFrom("holidays").select(["date", "kind"]).where("date", ">=", from).where("date", "<=", to).execute();
  return {
    daysOff: new Set(rows.filter((r) => r.kind !== "working").map((r) => r.date)),
    workedWeekends: new Set(rows.filter((r) => r.kind === "working").map((r) => r.date)),
  };
}

/**
 * The due date of an item received at `receivedAt`, by the holiday list in force now. It is computed
 * once, when the item arrives, and stored: a later change to the list never moves it.
 */
export async function computeDueAt(db: Kysely<DB>, receivedAt: string, days: number): Promise<string> {
  const cal = await loadWorkCalendar(db, receivedAt, days);
  return addWorkingDays(receivedAt, days, cal.daysOff, cal.workedWeekends);
}
