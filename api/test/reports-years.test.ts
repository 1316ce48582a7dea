import { describe, expect, it } from "vitest";
import { bearer, createHarness, describeEachDb, DIALECTS, TestClock, type Harness } from "./harness.js";
import { ensureAnnualPeriods } from "../src/reports/yearly-periods.js";

/**
 * The plan's five yearly periods, at pinned instants (never the real date): a fresh install on any
 * day has the current reporting year open, the next year's period appears once a deadline has passed
 * (the date staff set), never twice, and the plan ends with 2030.
 */

interface PeriodView {
  id: number;
  year: number;
  kind: string;
  state: string;
  opensAt: string;
  acceptsFrom: string;
  deadlineAt: string;
}

const annual = async (h: Harness): Promise<PeriodView[]> =>
  ((await h.http().get("/api/periods")).body as PeriodView[]).filter((p) => p.kind === "annual").sort((a, b) => a.year - b.year);

const statesByYear = async (h: Harness) => Object.fromEntries((await annual(h)).map((p) => [p.year, p.state]));

async function freshInstall<T>(dialect: (typeof DIALECTS)[number], at: string, fn: (h: Harness) => Promise<T>): Promise<T> {
  const h = await createHarness(dialect, { clock: new TestClock(Date.parse(at)) });
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}

for (const dialect of DIALECTS) {
  describe(`a fresh install on any date [${dialect}]`, () => {
    it("has the current reporting year open, from 2026 to the plan's end", async () => {
      // 15/03/2026: the first year only
      expect(await freshInstall(dialect, "2026-03-15T02:00:00.000Z", statesByYear)).toEqual({ 2026: "open" });
      // on the deadline itself (30/11/2026 23:59:59 +07:00) the year is still open and the next not there yet
      expect(await freshInstall(dialect, "2026-11-30T16:59:59.000Z", statesByYear)).toEqual({ 2026: "open" });
      // one second later: 2026 is locked and 2027 accepts drafts already
      await freshInstall(dialect, "2026-11-30T17:00:00.000Z", async (h) => {
        const [y26, y27] = await annual(h);
        expect([y26.state, y27.state]).toEqual(["locked", "open"]);
        expect(y27).toMatchObject({ year: 2027, opensAt: "2026-12-31T17:00:00.000Z", acceptsFrom: y26.deadlineAt, deadlineAt: "2027-11-30T16:59:59.000Z" });
      });
      // 02/12/2027 (the faketime date of .ci/run)
      expect(await freshInstall(dialect, "2027-12-02T02:00:00.000Z", statesByYear)).toEqual({ 2026: "locked", 2027: "locked", 2028: "open" });
      // mid-2030, the plan's last year
      expect(await freshInstall(dialect, "2030-06-15T02:00:00.000Z", statesByYear)).toEqual({
        2026: "locked",
        2027: "locked",
        2028: "locked",
        2029: "locked",
        2030: "open",
      });
      // 2031: the plan has ended, there is no 2031 period
      await freshInstall(dialect, "2031-01-02T02:00:00.000Z", async (h) => {
        expect(Object.keys(await statesByYear(h))).toEqual(["2026", "2027", "2028", "2029", "2030"]);
        expect(await ensureAnnualPeriods(h.ctx)).toEqual([]);
      });
    }, 60_000);
  });
}

describeEachDb("yearly periods: before, on and after a deadline", (h) => {
  let staff: string;
  const focal: Record<string, string> = {};
  let y2026: PeriodView;
  const ids: Record<string, number> = {};
  const base = (periodId: number, unit: string) => `/api/periods/${periodId}/reports/${ids[unit]}`;
  const save = (periodId: number, unit: string, body: object) => h().http().put(base(periodId, unit)).set(bearer(focal[unit])).send(body);

  /** Fills every item of the unit's report so it can be submitted. */
  async function fill(periodId: number, unit: string) {
    const form = (await h().http().get(base(periodId, unit)).set(bearer(focal[unit]))).body;
    const res = await save(periodId, unit, {
      version: form.version,
      indicators: form.indicators.map((i: { indicatorId: number; measure: string }) =>
        i.measure === "percent" ? { indicatorId: i.indicatorId, numerator: 40, denominator: 50 } : { indicatorId: i.indicatorId, value: 2 },
      ),
      tasks: form.tasks.map((t: { taskId: number }) => ({ taskId: t.taskId, status: "done" })),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }
  const submit = (periodId: number, unit: string) => h().http().post(`${base(periodId, unit)}/submit`).set(bearer(focal[unit])).send({});
  /** Sessions last 30 days: after a jump in time everyone signs in again. */
  async function signInAll() {
    staff = await h().signIn("staff");
    for (const code of Object.keys(ids)) focal[code] = await h().signIn("focal", { unitId: ids[code], name: `Đầu mối ${code}` });
  }

  it("signs in", async () => {
    h().clock.set("2026-11-20T03:00:00.000Z");
    for (const code of ["TDP01", "TDP02", "TDP03", "TDP04"]) ids[code] = await h().unitId(code);
    await signInAll();
    [y2026] = await annual(h());
  });

  it("before and on the deadline a report is on time; one second after, it is locked", async () => {
    await fill(y2026.id, "TDP01");
    await fill(y2026.id, "TDP02");
    await fill(y2026.id, "TDP03");
    h().clock.set("2026-11-30T16:59:59.000Z"); // the deadline instant
    const onTime = await submit(y2026.id, "TDP01");
    expect(onTime.status).toBe(200);
    expect(onTime.body).toMatchObject({ status: "submitted", timing: "on_time", onTime: true });

    h().clock.set("2026-11-30T17:00:00.000Z"); // 01/12/2026 00:00:00 +07:00
    const late = await submit(y2026.id, "TDP02");
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("PERIOD_LOCKED");
    expect(late.body.error.message).toContain("Phòng Văn hóa - Xã hội");
    expect(late.body.error.message).toContain("gia hạn");
    // the next year's period now exists and accepts drafts
    await ensureAnnualPeriods(h().ctx);
    expect(await statesByYear(h())).toEqual({ 2026: "locked", 2027: "open" });
  });

  it("with an extension a late submission is on time (được gia hạn); without one it stays locked", async () => {
    const ext = await h().http().post(`/api/periods/${y2026.id}/exceptions`).set(bearer(staff)).send({ unitIds: [ids.TDP02], until: "2026-12-05T23:59:59+07:00" });
    expect(ext.status, JSON.stringify(ext.body)).toBe(200);
    h().clock.set("2026-12-03T02:00:00.000Z");
    const extended = await submit(y2026.id, "TDP02");
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ timing: "on_time_extended", onTime: true });
    expect((await submit(y2026.id, "TDP03")).body.error.code).toBe("PERIOD_LOCKED");

    const c = (await h().http().get(`/api/periods/${y2026.id}/completeness`).set(bearer(staff))).body;
    expect(c.total).toMatchObject({ submitted: 2, onTime: 2, extended: 1, late: 0 });
    expect(c.units.find((u: { unitId: number }) => u.unitId === ids.TDP02)).toMatchObject({ timing: "on_time_extended", counts: { extended: 1, onTime: 1 } });
    // an extension that has ended locks the unit again
    const short = await h().http().put(`/api/periods/${y2026.id}/exceptions/${ids.TDP03}`).set(bearer(staff)).send({ until: "2026-12-04T23:59:59+07:00" });
    expect(short.body.exceptionUntil).toBe("2026-12-04T16:59:59.000Z");
    h().clock.set("2026-12-04T17:00:00.000Z");
    expect((await submit(y2026.id, "TDP03")).body.error.code).toBe("PERIOD_LOCKED");
  });

  it("opening a locked report that was never started is a read: no draft, nothing changes", async () => {
    const count = async () => Number((await h().ctx.database.db.selectFrom("reports").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const before = await count();
    const first = await h().http().get(base(y2026.id, "TDP04")).set(bearer(focal.TDP04));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: 0, version: 0, lock: { locked: true, reason: "PERIOD_LOCKED" } });
    h().clock.advance(60_000);
    const again = await h().http().get(base(y2026.id, "TDP04")).set(bearer(focal.TDP04));
    expect(again.body.id).toBe(0);
    expect(await count()).toBe(before);
    // a started draft, opened after the lock, keeps its "updated at"
    const draft = await h().ctx.database.db.selectFrom("reports").select(["updated_at", "version"]).where("period_id", "=", y2026.id).where("unit_id", "=", ids.TDP03).executeTakeFirstOrThrow();
    const opened = await h().http().get(base(y2026.id, "TDP03")).set(bearer(focal.TDP03));
    expect(opened.body).toMatchObject({ updatedAt: draft.updated_at, version: Number(draft.version), lock: { locked: true } });
    // a save is refused and creates nothing either
    const refused = await save(y2026.id, "TDP04", { version: 0, difficulties: "Đơn vị chưa kịp nộp" });
    expect(refused.status).toBe(409);
    expect(await count()).toBe(before);
  });

  it("across 31/12 → 01/01 the next year's draft carries on; no third period appears", async () => {
    const y2027 = (await annual(h())).find((p) => p.year === 2027)!;
    h().clock.set("2026-12-31T16:59:59.000Z"); // 31/12/2026 23:59:59 +07:00
    await signInAll();
    const draft = await save(y2027.id, "TDP01", { version: 0, difficulties: "Bắt đầu báo cáo năm 2027 từ cuối năm 2026" });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    h().clock.set("2026-12-31T17:00:01.000Z"); // 01/01/2027 00:00:01 +07:00
    expect(await ensureAnnualPeriods(h().ctx)).toEqual([]);
    const next = await save(y2027.id, "TDP01", { version: draft.body.version, proposals: "Tiếp tục sang năm mới" });
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ difficulties: "Bắt đầu báo cáo năm 2027 từ cuối năm 2026", proposals: "Tiếp tục sang năm mới", lock: { locked: false } });
    expect(await statesByYear(h())).toEqual({ 2026: "locked", 2027: "open" });
  });

  it("in 2030 the last period locks and nothing follows it, yet an extension still works", async () => {
    h().clock.set("2030-11-30T17:00:01.000Z");
    await ensureAnnualPeriods(h().ctx);
    const years = await annual(h());
    expect(years.map((p) => p.year)).toEqual([2026, 2027, 2028, 2029, 2030]);
    expect(years.at(-1)!.state).toBe("locked");
    const y2030 = years.at(-1)!;
    // each year's period opens 01/01 and is due 30/11 23:59:59 +07:00, accepting drafts from the previous deadline
    expect(years.slice(1).every((p, i) => p.acceptsFrom === years[i].deadlineAt)).toBe(true);
    expect(y2030).toMatchObject({ opensAt: "2029-12-31T17:00:00.000Z", deadlineAt: "2030-11-30T16:59:59.000Z" });
    h().clock.set("2031-01-05T02:00:00.000Z");
    expect(await ensureAnnualPeriods(h().ctx)).toEqual([]);
    await signInAll();
    const ext = await h().http().post(`/api/periods/${y2030.id}/exceptions`).set(bearer(staff)).send({ unitIds: [ids.TDP04], until: "2031-01-15T23:59:59+07:00" });
    expect(ext.body.units).toEqual([ids.TDP04]);
    await fill(y2030.id, "TDP04");
    expect((await submit(y2030.id, "TDP04")).body.timing).toBe("on_time_extended");
    h().clock.set("2026-11-20T03:00:00.000Z");
  });
});

describeEachDb("yearly periods: never twice, and the next follows the deadline staff set", (h) => {
  it("concurrent ensureAnnualPeriods calls create one period with one set of units", async () => {
    h().clock.set("2026-12-01T02:00:00.000Z");
    const runs = await Promise.all(Array.from({ length: 6 }, () => ensureAnnualPeriods(h().ctx)));
    expect(runs.flat()).toHaveLength(1);
    const { db } = h().ctx.database;
    const rows = await db.selectFrom("periods").select(["id"]).where("year", "=", 2027).where("kind", "=", "annual").execute();
    expect(rows).toHaveLength(1);
    const units = await db.selectFrom("period_units").select("unit_id").where("period_id", "=", rows[0].id).execute();
    const y2026 = (await annual(h())).find((p) => p.year === 2026)!;
    const expected = await db.selectFrom("period_units").select("unit_id").where("period_id", "=", y2026.id).execute();
    expect(units.map((u) => u.unit_id).sort()).toEqual(expected.map((u) => u.unit_id).sort());
    // staff cannot create a second yearly period for the year either
    const staff = await h().signIn("staff");
    const dup = await h().http().post("/api/periods").set(bearer(staff)).send({ kind: "annual", year: 2027 });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: "PERIOD_EXISTS", message: "Đã có kỳ báo cáo hằng năm 2027." });
    expect(await db.selectFrom("periods").select("id").where("year", "=", 2027).execute()).toHaveLength(1);
  });

  it("staff move 2027's deadline: 2028 waits for that date and accepts drafts from it", async () => {
    const staff = await h().signIn("staff");
    const y2027 = (await annual(h())).find((p) => p.year === 2027)!;
    const moved = await h().http().patch(`/api/periods/${y2027.id}`).set(bearer(staff)).send({ deadlineAt: "2027-12-15T23:59:59+07:00" });
    expect(moved.status).toBe(200);
    h().clock.set("2027-12-02T02:00:00.000Z"); // after the usual 30/11, before the date staff set
    expect(await ensureAnnualPeriods(h().ctx)).toEqual([]);
    const again = await h().signIn("staff");
    expect(await statesByYear(h())).toEqual({ 2026: "locked", 2027: "open" });
    h().clock.set("2027-12-15T17:00:00.000Z");
    expect(await ensureAnnualPeriods(h().ctx)).toHaveLength(1);
    const y2028 = (await annual(h())).find((p) => p.year === 2028)!;
    expect(y2028).toMatchObject({ acceptsFrom: "2027-12-15T16:59:59.000Z", state: "open" });

    // moved later again: 2028 follows, so two yearly reports are never open at once
    const later = await h().http().patch(`/api/periods/${y2027.id}`).set(bearer(again)).send({ deadlineAt: "2027-12-20T23:59:59+07:00" });
    expect(later.body.state).toBe("open");
    const moved2028 = (await annual(h())).find((p) => p.year === 2028)!;
    expect(moved2028).toMatchObject({ acceptsFrom: "2027-12-20T16:59:59.000Z", state: "upcoming" });
    // a focal point is told when it opens, and opening it creates nothing
    const unit = await h().unitId("TDP05");
    const focal = await h().signIn("focal", { unitId: unit, name: "Đầu mối TDP05" });
    const early = await h().http().put(`/api/periods/${moved2028.id}/reports/${unit}`).set(bearer(focal)).send({ version: 0, difficulties: "Sớm quá" });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: "PERIOD_NOT_OPEN", message: "Kỳ báo cáo chưa mở: nhận báo cáo từ 23:59 20/12/2027." });
    const look = await h().http().get(`/api/periods/${moved2028.id}/reports/${unit}`).set(bearer(focal));
    expect(look.body).toMatchObject({ id: 0, lock: { locked: true, reason: "PERIOD_NOT_OPEN", acceptsFrom: "2027-12-20T16:59:59.000Z" } });
  });

  it("a deadline moved into the past opens the next year at once", async () => {
    h().clock.set("2028-11-10T02:00:00.000Z");
    const staff = await h().signIn("staff");
    const y2028 = (await annual(h())).find((p) => p.year === 2028)!;
    const res = await h().http().patch(`/api/periods/${y2028.id}`).set(bearer(staff)).send({ deadlineAt: "2028-11-09T23:59:59+07:00" });
    expect(res.body.state).toBe("locked");
    expect((await annual(h())).find((p) => p.year === 2029)).toMatchObject({ state: "open", acceptsFrom: "2028-11-09T16:59:59.000Z" });
  });

  it("refuses a deadline before the opening, and changes nothing", async () => {
    const staff = await h().signIn("staff");
    const y2029 = (await annual(h())).find((p) => p.year === 2029)!;
    const res = await h().http().patch(`/api/periods/${y2029.id}`).set(bearer(staff)).send({ deadlineAt: "2028-12-01T00:00:00+07:00" });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "INVALID_DATES", message: "Ngày mở phải trước hạn nộp báo cáo." });
    expect((await annual(h())).find((p) => p.year === 2029)).toEqual(y2029);
    h().clock.set("2026-11-20T03:00:00.000Z");
  });
});
