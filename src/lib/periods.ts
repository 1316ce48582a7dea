import type { Period } from "@contract/catalog";

/**
 * The instant until which a period is still being worked now, or null when it is not: its deadline
 * while it accepts reports, else the latest running extension (of `unitId` only, for a focal point).
 */
export function workableUntil(p: Period, now: Date, unitId?: number | null, withExtensions = true): string | null {
  if (p.state === "open") return p.deadlineAt;
  if (p.state !== "locked" || !withExtensions) return null;
  const t = now.toISOString();
  const running = (p.exceptions ?? []).filter((e) => e.until > t && (unitId == null || e.unitId === unitId)).map((e) => e.until);
  return running.length ? running.sort().at(-1)! : null;
}

/**
 * The period that matters now: the one still being worked (accepting reports, or within an
 * extension) with the nearest end; on the same date the yearly report (the one every unit owes) first.
 * Else the next to open, else the latest. `unitId` narrows extensions to a focal point's unit;
 * `withExtensions` false (youth, visitors) looks only at periods open to everyone.
 */
export function currentPeriod(periods: Period[], now: Date = new Date(), unitId?: number | null, withExtensions = true): Period | null {
  const rank = (p: Period) => (p.kind === "annual" ? 0 : 1);
  const working = periods
    .map((p) => ({ p, until: workableUntil(p, now, unitId, withExtensions) }))
    .filter((x): x is { p: Period; until: string } => x.until !== null)
    .sort((a, b) => a.until.localeCompare(b.until) || rank(a.p) - rank(b.p));
  if (working.length) return working[0].p;
  const upcoming = periods.filter((p) => p.state === "upcoming").sort((a, b) => a.acceptsFrom.localeCompare(b.acceptsFrom) || rank(a) - rank(b));
  if (upcoming.length) return upcoming[0];
  return [...periods].sort((a, b) => b.deadlineAt.localeCompare(a.deadlineAt))[0] ?? null;
}

/** Yearly periods whose deadline passed within the last `days` days (staff still chase and review them). */
export function recentlyLocked(periods: Period[], now: Date = new Date(), days = 45): Period[] {
  const from = new Date(now.getTime() - days * 86_400_000).toISOString();
  return periods.filter((p) => p.kind === "annual" && p.state === "locked" && p.deadlineAt >= from);
}
