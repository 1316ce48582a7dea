import { expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";

/** The day after a deadline: staff extend several late units at once, see every extension, end one early. */
describeEachDb("extensions the day after a deadline", (h) => {
  let staff: string;
  let periodId: number;
  const ids: Record<string, number> = {};
  const focal: Record<string, string> = {};
  const exceptionsOf = async () => ((await h().http().get(`/api/periods/${periodId}`)).body.exceptions as { unitId: number; until: string }[]);
  const untilOf = async () => {
    const list = (await h().http().get(`/api/periods/${periodId}/reports`).set(bearer(staff))).body as { unitId: number; exceptionUntil: string | null }[];
    return Object.fromEntries(list.map((u) => [u.unitId, u.exceptionUntil]));
  };
  const bulk = (body: object) => h().http().post(`/api/periods/${periodId}/exceptions`).set(bearer(staff)).send(body);

  it("sets the scene: one unit submitted on time, one returned, one with a draft, the rest never started", async () => {
    h().clock.set("2026-11-20T03:00:00.000Z");
    staff = await h().signIn("staff");
    for (const code of ["TDP01", "TDP02", "TDP03", "TDP04", "TDP05"]) {
      ids[code] = await h().unitId(code);
      focal[code] = await h().signIn("focal", { unitId: ids[code], name: `Đầu mối ${code}` });
    }
    const periods = (await h().http().get("/api/periods")).body as { id: number; year: number; kind: string }[];
    periodId = periods.find((p) => p.year === 2026 && p.kind === "annual")!.id;
    for (const code of ["TDP01", "TDP02"]) {
      const url = `/api/periods/${periodId}/reports/${ids[code]}`;
      const form = (await h().http().get(url).set(bearer(focal[code]))).body;
      await h()
        .http()
        .put(url)
        .set(bearer(focal[code]))
        .send({
          version: form.version,
          indicators: form.indicators.map((i: { indicatorId: number; measure: string }) =>
            i.measure === "percent" ? { indicatorId: i.indicatorId, numerator: 30, denominator: 40 } : { indicatorId: i.indicatorId, value: 1 },
          ),
          tasks: form.tasks.map((t: { taskId: number }) => ({ taskId: t.taskId, status: "done" })),
        });
      expect((await h().http().post(`${url}/submit`).set(bearer(focal[code])).send({})).status).toBe(200);
    }
    const ret = await h().http().post(`/api/periods/${periodId}/reports/${ids.TDP02}/return`).set(bearer(staff)).send({ reason: "Thiếu số liệu CT17, đề nghị bổ sung." });
    expect(ret.status).toBe(200);
    await h().http().get(`/api/periods/${periodId}/reports/${ids.TDP03}`).set(bearer(focal.TDP03)); // a draft
    h().clock.set("2026-12-01T02:00:00.000Z"); // 01/12/2026 09:00, the day after
    staff = await h().signIn("staff");
  });

  it("refuses a date on or before the deadline, in the past, a unit not in the period — and changes nothing", async () => {
    const before = await untilOf();
    const onDeadline = await bulk({ until: "2026-11-30T23:59:59+07:00" });
    expect(onDeadline.status).toBe(400);
    expect(onDeadline.body.error.code).toBe("EXCEPTION_BEFORE_DEADLINE");
    expect(onDeadline.body.error.message).toContain("30/11/2026");
    const past = await h().http().put(`/api/periods/${periodId}/exceptions/${ids.TDP04}`).set(bearer(staff)).send({ until: "2026-12-01T08:00:00+07:00" });
    expect(past.status).toBe(400);
    expect(past.body.error).toMatchObject({ code: "EXCEPTION_IN_PAST", message: "Ngày gia hạn đã qua, vui lòng chọn một ngày trong tương lai." });
    const ward = await h().unitId("UBND"); // the ward itself reports nothing
    const stranger = await bulk({ until: "2026-12-10T23:59:59+07:00", unitIds: [ids.TDP04, ward] });
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe("UNIT_NOT_EXPECTED");
    const bad = await bulk({ until: "mai", unitIds: [] });
    expect(bad.status).toBe(400);
    expect(await untilOf()).toEqual(before);
    expect(await exceptionsOf()).toEqual([]);
  });

  it("extends every unit not submitted (never started or a draft) with one action and one date", async () => {
    const res = await bulk({ until: "2026-12-10T23:59:59+07:00" });
    expect(res.status).toBe(200);
    const until = "2026-12-10T16:59:59.000Z";
    expect(res.body).toMatchObject({ periodId, until, skipped: [] });
    const units = res.body.units as number[];
    expect(units).toContain(ids.TDP03);
    expect(units).toContain(ids.TDP04);
    // submitted on time, and returned (which can be fixed after the deadline anyway), are not late
    expect(units).not.toContain(ids.TDP01);
    expect(units).not.toContain(ids.TDP02);
    // the focal points of the extended units are told their date
    expect(res.body.notified).toBeGreaterThanOrEqual(2);
    const note = await h()
      .ctx.database.db.selectFrom("notifications")
      .select(["title", "body"])
      .where("kind", "=", "report_extension")
      .where("link", "=", `/reports/${periodId}/units/${ids.TDP04}`)
      .executeTakeFirstOrThrow();
    expect(note.body).toContain("23:59 10/12/2026");
    // the period lists every extension with its date
    const list = await exceptionsOf();
    expect(list.map((e) => e.unitId).sort()).toEqual([...units].sort());
    expect(list.every((e) => e.until === until)).toBe(true);
  });

  it("extends the chosen units; one that already submitted is skipped and said so", async () => {
    const res = await bulk({ until: "2026-12-15T23:59:59+07:00", unitIds: [ids.TDP04, ids.TDP05, ids.TDP01, ids.TDP04] });
    expect(res.status).toBe(200);
    expect(res.body.units).toEqual([ids.TDP04, ids.TDP05]);
    expect(res.body.skipped).toEqual([{ unitId: ids.TDP01, reason: "ALREADY_SUBMITTED" }]);
    const u = await untilOf();
    expect([u[ids.TDP04], u[ids.TDP05], u[ids.TDP03], u[ids.TDP01]]).toEqual(["2026-12-15T16:59:59.000Z", "2026-12-15T16:59:59.000Z", "2026-12-10T16:59:59.000Z", null]);
  });

  it("a unit that submits within its extension is 'Đúng hạn (được gia hạn)' everywhere", async () => {
    h().clock.set("2026-12-09T02:00:00.000Z");
    const token = await h().signIn("focal", { unitId: ids.TDP04, name: "Đầu mối TDP04" });
    const url = `/api/periods/${periodId}/reports/${ids.TDP04}`;
    const form = (await h().http().get(url).set(bearer(token))).body;
    expect(form.lock).toMatchObject({ locked: false, exceptionUntil: "2026-12-15T16:59:59.000Z", editableUntil: "2026-12-15T16:59:59.000Z" });
    await h()
      .http()
      .put(url)
      .set(bearer(token))
      .send({
        version: form.version,
        indicators: form.indicators.map((i: { indicatorId: number; measure: string }) =>
          i.measure === "percent" ? { indicatorId: i.indicatorId, numerator: 30, denominator: 40 } : { indicatorId: i.indicatorId, value: 1 },
        ),
        tasks: form.tasks.map((t: { taskId: number }) => ({ taskId: t.taskId, status: "done" })),
      });
    const sent = await h().http().post(`${url}/submit`).set(bearer(token)).send({});
    expect(sent.body.timing).toBe("on_time_extended");
    staff = await h().signIn("staff");
    const c = (await h().http().get(`/api/periods/${periodId}/completeness`).set(bearer(staff))).body;
    expect(c.total).toMatchObject({ submitted: 2, onTime: 2, extended: 1, late: 0, returned: 1 });
    const audit = (await h().http().get(`${url}/audit`).set(bearer(staff))).body as { action: string; note: string | null }[];
    expect(audit.find((a) => a.action === "submit")!.note).toBe("Đúng hạn (được gia hạn)");
  });

  it("staff end an extension early: the unit is locked again and the list no longer shows it", async () => {
    const res = await h().http().put(`/api/periods/${periodId}/exceptions/${ids.TDP05}`).set(bearer(staff)).send({ until: null });
    expect(res.body).toEqual({ periodId, unitId: ids.TDP05, exceptionUntil: null });
    expect((await exceptionsOf()).map((e) => e.unitId)).not.toContain(ids.TDP05);
    const token = await h().signIn("focal", { unitId: ids.TDP05, name: "Đầu mối TDP05" });
    const form = (await h().http().get(`/api/periods/${periodId}/reports/${ids.TDP05}`).set(bearer(token))).body;
    expect(form.lock).toMatchObject({ locked: true, reason: "PERIOD_LOCKED", exceptionUntil: null });
  });

  it("a closed period takes no extension", async () => {
    await h().http().patch(`/api/periods/${periodId}`).set(bearer(staff)).send({ status: "closed" });
    const res = await bulk({ until: "2026-12-20T23:59:59+07:00", unitIds: [ids.TDP05] });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("PERIOD_CLOSED");
    expect((await untilOf())[ids.TDP05]).toBeNull();
    await h().http().patch(`/api/periods/${periodId}`).set(bearer(staff)).send({ status: "open" });
    h().clock.set("2026-11-20T03:00:00.000Z");
  });
});
