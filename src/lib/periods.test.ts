import { describe, expect, it } from "vitest";
import type { Period } from "@contract/catalog";
import { currentPeriod, recentlyLocked } from "./periods";

const p = (over: Partial<Period>): Period => ({
  id: 1,
  wardId: 2,
  year: 2026,
  kind: "annual",
  title: "Năm 2026",
  opensAt: "2025-12-31T17:00:00.000Z",
  acceptsFrom: "2025-12-31T17:00:00.000Z",
  deadlineAt: "2026-11-30T16:59:59.000Z",
  status: "open",
  state: "open",
  expectedUnitIds: [1, 2, 3],
  exceptions: [],
  ...over,
});

const y2026 = p({ id: 1 });
const y2027 = p({ id: 2, year: 2027, title: "Năm 2027", opensAt: "2026-12-31T17:00:00.000Z", acceptsFrom: "2026-11-30T16:59:59.000Z", deadlineAt: "2027-11-30T16:59:59.000Z" });

describe("the period that matters now", () => {
  it("is the open one due soonest, the yearly report first on the same deadline", () => {
    const adhoc = p({ id: 3, kind: "adhoc", deadlineAt: "2026-12-15T16:59:59.000Z" });
    const sameDay = p({ id: 4, kind: "adhoc" });
    expect(currentPeriod([adhoc, y2026, sameDay], new Date("2026-11-20T03:00:00Z"))?.id).toBe(1);
    expect(currentPeriod([y2027, adhoc], new Date("2026-11-20T03:00:00Z"))?.id).toBe(3);
    expect(currentPeriod([])).toBeNull();
  });

  it("the day after a deadline: next year's report, unless an extension is still running", () => {
    const now = new Date("2026-12-01T02:00:00Z");
    const locked = { ...y2026, state: "locked" as const, exceptions: [{ unitId: 2, until: "2026-12-10T16:59:59.000Z" }] };
    const open27 = { ...y2027, state: "open" as const };
    // staff: the extended units are still being worked, and end sooner
    expect(currentPeriod([open27, locked], now)?.id).toBe(1);
    // the extended unit's focal point, and another unit's
    expect(currentPeriod([open27, locked], now, 2)?.id).toBe(1);
    expect(currentPeriod([open27, locked], now, 1)?.id).toBe(2);
    // youth and visitors look only at what is open to everyone
    expect(currentPeriod([open27, locked], now, null, false)?.id).toBe(2);
    // once the extension has ended
    expect(currentPeriod([open27, locked], new Date("2026-12-11T02:00:00Z"))?.id).toBe(2);
  });

  it("else the next to open, else the latest", () => {
    const upcoming = { ...y2027, state: "upcoming" as const, acceptsFrom: "2026-12-15T16:59:59.000Z" };
    const locked = { ...y2026, state: "locked" as const };
    expect(currentPeriod([locked, upcoming], new Date("2026-12-01T02:00:00Z"))?.id).toBe(2);
    const closed = { ...y2027, state: "closed" as const, status: "closed" as const };
    expect(currentPeriod([locked, closed], new Date("2028-01-01T02:00:00Z"))?.id).toBe(2);
  });

  it("lists yearly periods whose deadline passed recently", () => {
    const locked = { ...y2026, state: "locked" as const };
    expect(recentlyLocked([locked, y2027], new Date("2026-12-20T02:00:00Z")).map((x) => x.id)).toEqual([1]);
    expect(recentlyLocked([locked], new Date("2027-03-01T02:00:00Z"))).toEqual([]);
  });
});
