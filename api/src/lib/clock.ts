/**
 * The one clock of the API. Every rule that reads the time (deadlines, locks, reminders, scheduled
 * publishing, expiries, tracking-code years) asks `ctx.clock.now()`, never `new Date()`, so tests and
 * the browser journeys can pin the instant they need.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that starts at a pinned instant and runs on in real time from there (timers keep working).
 * Used by the test-only TEST_CLOCK setting, which production refuses.
 */
export class ShiftedClock implements Clock {
  private offsetMs: number;

  constructor(startIso: string) {
    this.offsetMs = Date.parse(startIso) - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves the clock to another instant; it runs on from there. */
  set(iso: string): void {
    this.offsetMs = Date.parse(iso) - Date.now();
  }
}

export const isMovableClock = (c: Clock): c is ShiftedClock => c instanceof ShiftedClock;
