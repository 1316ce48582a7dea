import { expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";

// Bad input found in the QA pass: nothing a unit sends may be silently dropped or half-stored.
describeEachDb("reports bad input", (h) => {
  let staff = "";
  let focal = "";
  let unit = 0;
  let periodId = 0;
  const base = () => `/api/periods/${periodId}/reports/${unit}`;

  it("signs in", async () => {
    h().clock.set("2026-11-20T03:00:00.000Z");
    unit = await h().unitId("TDP01");
    staff = await h().signIn("staff");
    focal = await h().signIn("focal", { unitId: unit });
    const periods = (await h().http().get("/api/periods")).body;
    periodId = periods.find((p: any) => p.year === 2026 && p.kind === "annual").id;
  });

  it("refuses a misspelt field instead of saving nothing", async () => {
    const http = h().http();
    const form = (await http.get(base()).set(bearer(focal))).body;
    const pct = form.indicators.find((i: any) => i.measure === "percent");
    const typo = await http
      .put(base())
      .set(bearer(focal))
      .send({ version: form.version, indicators: [{ indicatorId: pct.indicatorId, numeratorr: 4 }] });
    expect(typo.status).toBe(400);
    expect(typo.body.error.code).toBe("VALIDATION_FAILED");
    const extra = await http.put(base()).set(bearer(focal)).send({ version: form.version, difficulty: "Thiếu kinh phí" });
    expect(extra.status).toBe(400);
    for (const [path, body] of [
      ["/api/periods", { kind: "adhoc", year: 2026, title: "Kiểm tra", deadline: "2026-12-01T00:00:00Z" }],
      [`/api/periods/${periodId}/remind`, { unitId: unit }],
      [`${base()}/submit`, { versoin: 1 }],
    ] as const) {
      const res = await http.post(path).set(bearer(staff)).send(body);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    const patch = await http.patch(`/api/periods/${periodId}`).set(bearer(staff)).send({ deadline: "2026-12-01T00:00:00Z" });
    expect(patch.status).toBe(400);
    const after = (await http.get(base()).set(bearer(focal))).body;
    expect(after.version).toBe(form.version);
  });

  it("refuses difficulties or proposals past 8 000 characters with the length and what to cut, storing nothing of it", async () => {
    const http = h().http();
    const form = (await http.get(base()).set(bearer(focal))).body;
    const res = await http.put(base()).set(bearer(focal)).send({ version: form.version, proposals: "a".repeat(8_250), difficulties: "Thiếu kinh phí" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ in: "body", path: "proposals", message: "Đề xuất, kiến nghị dài 8.250 ký tự, quá giới hạn 8.000 ký tự: vui lòng rút gọn 250 ký tự." }),
    ]);
    const after = (await http.get(base()).set(bearer(focal))).body;
    expect([after.version, after.proposals, after.difficulties]).toEqual([form.version, form.proposals, form.difficulties]);
    const exact = await http.put(base()).set(bearer(focal)).send({ version: form.version, proposals: "a".repeat(8_000) });
    expect(exact.status).toBe(200);
    expect(exact.body.proposals).toHaveLength(8_000);
  });

  it("names who made a conflicting change by id, so the form tells another device of the same person from another person", async () => {
    const http = h().http();
    const form = (await http.get(base()).set(bearer(focal))).body;
    const moved = await http.put(base()).set(bearer(focal)).send({ version: form.version, difficulties: "Sửa trên máy tính" });
    expect(moved.status).toBe(200);
    const me = (await http.get("/api/me").set(bearer(focal))).body;
    const stale = await http.put(base()).set(bearer(focal)).send({ version: form.version, difficulties: "Sửa trên điện thoại" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.changes).toEqual([expect.objectContaining({ field: "difficulties", changedById: me.id, serverValue: "Sửa trên máy tính", yourValue: "Sửa trên điện thoại" })]);
  });

  it("refuses the same item twice in one save (one value stored, another in the audit trail)", async () => {
    const http = h().http();
    const form = (await http.get(base()).set(bearer(focal))).body;
    const pct = form.indicators.find((i: any) => i.measure === "percent");
    const res = await http
      .put(base())
      .set(bearer(focal))
      .send({
        version: form.version,
        indicators: [
          { indicatorId: pct.indicatorId, numerator: 7 },
          { indicatorId: pct.indicatorId, numerator: 8 },
        ],
      });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("DUPLICATE_ITEM");
    expect(res.body.error.details).toEqual([`indicator:${pct.indicatorId}`]);
    const task = form.tasks[0];
    const dupTask = await http
      .put(base())
      .set(bearer(focal))
      .send({ version: form.version, tasks: [{ taskId: task.taskId, status: "done" }, { taskId: task.taskId, status: "not_started" }] });
    expect(dupTask.body.error.code).toBe("DUPLICATE_ITEM");
    const after = (await http.get(base()).set(bearer(focal))).body;
    expect(after.version).toBe(form.version);
    expect(after.indicators.find((i: any) => i.indicatorId === pct.indicatorId).numerator).toBe(null);
  });

  it("ids too big for the database are not found, not a server error", async () => {
    const http = h().http();
    const big = 99_999_999_999;
    for (const path of [`/api/periods/${big}/reports`, `/api/periods/${big}/reports/${unit}`, `/api/periods/${periodId}/reports/${big}`, `/api/periods/${big}/completeness`]) {
      // refused as invalid or not found (params may be bounded by the shared id schema), never a 500
      const res = await http.get(path).set(bearer(staff));
      expect([400, 404], path).toContain(res.status);
      expect(res.body.error.code).toMatch(/^(VALIDATION_FAILED|PERIOD_NOT_FOUND|UNIT_NOT_FOUND)$/);
    }
    expect([400, 404]).toContain((await http.patch(`/api/periods/${big}`).set(bearer(staff)).send({ title: "Kỳ không có" })).status);
    const save = await http.put(base()).set(bearer(focal)).send({ version: 0, indicators: [{ indicatorId: big, value: 1 }] });
    expect(save.status).toBe(400);
    const remind = await http.post(`/api/periods/${periodId}/remind`).set(bearer(staff)).send({ unitIds: [big] });
    expect(remind.status).toBe(400);
    const create = await http.post("/api/periods").set(bearer(staff)).send({ kind: "adhoc", year: 2026, title: "Kiểm tra", expectedUnitIds: [big] });
    expect(create.status).toBe(400);
  });

  it("refuses an exception that has already ended", async () => {
    const http = h().http();
    const created = await http
      .post("/api/periods")
      .set(bearer(staff))
      .send({ kind: "adhoc", year: 2026, title: "Đã quá hạn", opensAt: "2026-10-01T00:00:00Z", deadlineAt: "2026-11-01T00:00:00Z", expectedUnitIds: [unit] });
    expect(created.status).toBe(201);
    const past = await http.put(`/api/periods/${created.body.id}/exceptions/${unit}`).set(bearer(staff)).send({ until: "2026-11-10T00:00:00Z" });
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe("EXCEPTION_IN_PAST");
    const form = (await http.get(`/api/periods/${created.body.id}/reports/${unit}`).set(bearer(focal))).body;
    expect(form.lock).toMatchObject({ locked: true, reason: "PERIOD_LOCKED", exceptionUntil: null });
    const ok = await http.put(`/api/periods/${created.body.id}/exceptions/${unit}`).set(bearer(staff)).send({ until: "2026-11-25T00:00:00Z" });
    expect(ok.status).toBe(200);
    const reopened = (await http.get(`/api/periods/${created.body.id}/reports/${unit}`).set(bearer(focal))).body;
    expect(reopened.lock.locked).toBe(false);
  });
});

describeEachDb("reports reminders by hand", (h) => {
  it("refuses a closed period, and after the deadline tells a unit it is late (or gives its exception's date)", async () => {
    h().clock.set("2026-11-20T03:00:00.000Z");
    const http = h().http();
    const staff = await h().signIn("staff");
    const tdp01 = await h().unitId("TDP01");
    const tdp02 = await h().unitId("TDP02");
    const f1 = await h().signIn("focal", { unitId: tdp01 });
    const f2 = await h().signIn("focal", { unitId: tdp02 });
    const created = await http
      .post("/api/periods")
      .set(bearer(staff))
      .send({ kind: "adhoc", year: 2026, title: "Khảo sát nhanh", opensAt: "2026-11-01T00:00:00Z", deadlineAt: "2026-11-25T16:59:59Z", expectedUnitIds: [tdp01, tdp02] });
    const id = created.body.id;
    expect((await http.put(`/api/periods/${id}/exceptions/${tdp02}`).set(bearer(staff)).send({ until: "2026-12-05T16:59:59Z" })).status).toBe(200);
    h().clock.set("2026-11-27T03:00:00.000Z");
    const res = await http.post(`/api/periods/${id}/remind`).set(bearer(staff)).send({});
    expect(res.status).toBe(200);
    expect(res.body.notified).toBe(2);
    const inbox = async (token: string) => {
      const me = (await http.get("/api/me").set(bearer(token))).body;
      return h().ctx.database.db.selectFrom("notifications").select(["title", "body"]).where("user_id", "=", me.id).where("kind", "=", "report_reminder").execute();
    };
    const [late] = await inbox(f1);
    expect(late.title).toBe("Nhắc nộp báo cáo đã quá hạn");
    expect(late.body).toContain("đã quá hạn nộp (25/11/2026)");
    const [extended] = await inbox(f2);
    expect(extended.body).toContain("trước hạn 05/12/2026");

    expect((await http.patch(`/api/periods/${id}`).set(bearer(staff)).send({ status: "closed" })).status).toBe(200);
    const closed = await http.post(`/api/periods/${id}/remind`).set(bearer(staff)).send({ unitIds: [tdp01] });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe("PERIOD_CLOSED");
  });
});

describeEachDb("reports period dates", (h) => {
  it("an ad hoc period whose deadline has passed is refused with a clear reason; a past annual period is allowed", async () => {
    h().clock.set("2026-11-27T03:00:00.000Z");
    const http = h().http();
    const staff = await h().signIn("staff");
    const past = await http.post("/api/periods").set(bearer(staff)).send({ kind: "adhoc", year: 2026, title: "Khảo sát muộn", deadlineAt: "2026-11-20T16:59:59Z" });
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe("DEADLINE_IN_PAST");
    const byDefault = await http.post("/api/periods").set(bearer(staff)).send({ kind: "adhoc", year: 2025, title: "Năm trước" });
    expect(byDefault.body.error.code).toBe("DEADLINE_IN_PAST");
    const explicit = await http
      .post("/api/periods")
      .set(bearer(staff))
      .send({ kind: "adhoc", year: 2026, title: "Khảo sát đã qua", opensAt: "2026-11-01T00:00:00Z", deadlineAt: "2026-11-20T16:59:59Z" });
    expect(explicit.status).toBe(201);
    expect(explicit.body.state).toBe("locked");
    const annual = await http.post("/api/periods").set(bearer(staff)).send({ kind: "annual", year: 2025 });
    expect(annual.status).toBe(201);
  });
});

describeEachDb("reports flags follow last year's report", (h) => {
  it("a value saved before last year's report was accepted is flagged once it is, and needs a comment to submit", async () => {
    h().clock.set("2026-11-20T03:00:00.000Z");
    const http = h().http();
    const staff = await h().signIn("staff");
    const unit = await h().unitId("TDP01");
    const focal = await h().signIn("focal", { unitId: unit });
    const periods = (await http.get("/api/periods")).body;
    const p2026 = periods.find((p: any) => p.year === 2026 && p.kind === "annual").id;
    const fill = (form: any, n: number) => ({
      version: form.version,
      indicators: form.indicators.map((i: any) => (i.measure === "percent" ? { indicatorId: i.indicatorId, numerator: n, denominator: 100 } : { indicatorId: i.indicatorId, value: n })),
      tasks: form.tasks.map((t: any) => ({ taskId: t.taskId, status: "done", progress: 100 })),
    });
    // this year's values first, while there is no 2025 report
    const now = (await http.get(`/api/periods/${p2026}/reports/${unit}`).set(bearer(focal))).body;
    const saved = await http.put(`/api/periods/${p2026}/reports/${unit}`).set(bearer(focal)).send(fill(now, 90));
    expect(saved.body.indicators.every((i: any) => i.flagged === false)).toBe(true);

    // then 2025 is reported late (with an exception) and approved: 20 % last year
    const p2025 = (await http.post("/api/periods").set(bearer(staff)).send({ kind: "annual", year: 2025 })).body.id;
    expect((await http.put(`/api/periods/${p2025}/exceptions/${unit}`).set(bearer(staff)).send({ until: "2026-12-01T00:00:00Z" })).status).toBe(200);
    const old = (await http.get(`/api/periods/${p2025}/reports/${unit}`).set(bearer(focal))).body;
    expect((await http.put(`/api/periods/${p2025}/reports/${unit}`).set(bearer(focal)).send(fill(old, 20))).status).toBe(200);
    expect((await http.post(`/api/periods/${p2025}/reports/${unit}/submit`).set(bearer(focal)).send({})).status).toBe(200);
    expect((await http.post(`/api/periods/${p2025}/reports/${unit}/approve`).set(bearer(staff))).status).toBe(200);

    const again = (await http.get(`/api/periods/${p2026}/reports/${unit}`).set(bearer(focal))).body;
    expect(again.indicators.length).toBeGreaterThan(0);
    expect(again.indicators.every((i: any) => i.flagged === true)).toBe(true);
    const sub = await http.post(`/api/periods/${p2026}/reports/${unit}/submit`).set(bearer(focal)).send({});
    expect(sub.status).toBe(422);
    expect(sub.body.error.details.map((d: any) => d.code)).toContain("COMMENT_REQUIRED");
  });
});
