import type { DutyCounts, DutyUnitStatus } from "../contract/duties.js";

export const owing = (s: DutyUnitStatus) => s === "not_started" || s === "returned";

/** A unit is overdue when the due date has passed and it still owes the hand-in (or its fix). */
export const isOverdue = (status: DutyUnitStatus, dueAt: string, nowIso: string) => owing(status) && nowIso > dueAt;

export function countsOf(rows: { status: DutyUnitStatus }[], dueAt: string, nowIso: string): DutyCounts {
  const c: DutyCounts = { expected: rows.length, notStarted: 0, handedIn: 0, accepted: 0, returned: 0, overdue: 0 };
  for (const r of rows) {
    if (r.status === "not_started") c.notStarted++;
    else if (r.status === "handed_in") c.handedIn++;
    else if (r.status === "accepted") c.accepted++;
    else c.returned++;
    if (isOverdue(r.status, dueAt, nowIso)) c.overdue++;
  }
  return c;
}
