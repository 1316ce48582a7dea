import { expect, it } from "vitest";
import { bearer, describeEachDb, type Harness } from "./harness.js";
import { runReportReminders } from "../src/reports/jobs.js";

/** A body that fills every item of a form with plausible values (complete for submit). */
function fullBody(form: any, opts: { pct?: [number, number]; count?: number } = {}) {
  const [n, d] = opts.pct ?? [60, 100];
  return {
    version: form.version,
    indicators: form.indicators.map((i: any) =>
      i.measure === "percent" ? { indicatorId: i.indicatorId, numerator: n, denominator: d } : { indicatorId: i.indicatorId, value: opts.count ?? 3 },
    ),
    tasks: form.tasks.map((t: any) => ({ taskId: t.taskId, status: "done", progress: 100, result: "Đã hoàn thành theo kế hoạch." })),
    difficulties: "Kinh phí hạn chế.",
    proposals: "Đề nghị bổ sung kinh phí hoạt động.",
  };
}

async function notificationsOf(h: Harness, userToken: string) {
  const me = (await h.http().get("/api/me").set(bearer(userToken))).body;
  return h.ctx.database.db.selectFrom("notifications").selectAll().where("user_id", "=", me.id).orderBy("id").execute();
}

describeEachDb("reports", (h) => {
  let staff = "";
  let observer = "";
  let focalDoan = "";
  let focalHoi = "";
  let focalVhxh = "";
  let focalQs = "";
  let doan = 0;
  let hoi = 0;
  let vhxh = 0;
  let qs = 0;
  let period2026 = 0;
  let period2025 = 0;
  let adhocId = 0;
  const base = (unitId: number, p = period2026) => `/api/periods/${p}/reports/${unitId}`;

  it("signs in the actors", async () => {
    doan = await h().unitId("DOAN");
    hoi = await h().unitId("HOI");
    vhxh = await h().unitId("VHXH");
    qs = await h().unitId("QS");
    staff = await h().signIn("staff");
    observer = await h().signIn("observer");
    focalDoan = await h().signIn("focal", { unitId: doan });
    focalHoi = await h().signIn("focal", { unitId: hoi });
    focalVhxh = await h().signIn("focal", { unitId: vhxh });
    focalQs = await h().signIn("focal", { unitId: qs });
    const periods = (await h().http().get("/api/periods")).body;
    period2026 = periods.find((p: any) => p.year === 2026 && p.kind === "annual").id;
  });

  it("creates, edits and closes periods (staff only)", async () => {
    const http = h().http();
    expect((await http.post("/api/periods").set(bearer(focalDoan)).send({ year: 2025 })).status).toBe(403);

    const created = await http.post("/api/periods").set(bearer(staff)).send({ kind: "annual", year: 2025 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ year: 2025, kind: "annual", deadlineAt: "2025-11-30T16:59:59.000Z", opensAt: "2024-12-31T17:00:00.000Z", status: "open" });
    expect(created.body.title).toContain("2025");
    const defaults = (await http.get(`/api/periods/${period2026}`)).body.expectedUnitIds;
    expect([...created.body.expectedUnitIds].sort()).toEqual([...defaults].sort());
    period2025 = created.body.id;

    const dup = await http.post("/api/periods").set(bearer(staff)).send({ kind: "annual", year: 2025 });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("PERIOD_EXISTS");
    const noTitle = await http.post("/api/periods").set(bearer(staff)).send({ kind: "adhoc", year: 2026 });
    expect(noTitle.body.error.code).toBe("TITLE_REQUIRED");
    const badDates = await http
      .post("/api/periods")
      .set(bearer(staff))
      .send({ kind: "adhoc", year: 2026, title: "Báo cáo nhanh", opensAt: "2026-12-01T00:00:00Z", deadlineAt: "2026-11-01T00:00:00Z" });
    expect(badDates.body.error.code).toBe("INVALID_DATES");
    const wrongType = await http.post("/api/periods").set(bearer(staff)).send({ kind: "annual", year: "năm nay" });
    expect(wrongType.status).toBe(400);

    const adhoc = await http
      .post("/api/periods")
      .set(bearer(staff))
      .send({ kind: "adhoc", year: 2026, title: "Báo cáo đột xuất Tháng Thanh niên", deadlineAt: "2026-12-15T10:00:00Z", expectedUnitIds: [doan, hoi] });
    expect(adhoc.status).toBe(201);
    expect(adhoc.body.expectedUnitIds.sort()).toEqual([doan, hoi].sort());
    expect(adhoc.body.state).toBe("open");
    adhocId = adhoc.body.id;

    const patched = await http
      .patch(`/api/periods/${adhoc.body.id}`)
      .set(bearer(staff))
      .send({ title: "Báo cáo đột xuất (sửa)", deadlineAt: "2026-12-20T10:00:00+07:00", expectedUnitIds: [doan], status: "closed" });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: "Báo cáo đột xuất (sửa)", deadlineAt: "2026-12-20T03:00:00.000Z", expectedUnitIds: [doan], status: "closed", state: "closed" });
    // a closed period locks the form
    const locked = await http.put(base(doan, adhoc.body.id)).set(bearer(focalDoan)).send({ version: 0, difficulties: "x" });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe("PERIOD_LOCKED");
    const reopened = await http.patch(`/api/periods/${adhoc.body.id}`).set(bearer(staff)).send({ status: "open" });
    expect(reopened.body.state).toBe("open");
    expect((await http.patch("/api/periods/99999").set(bearer(staff)).send({ title: "Không có" })).status).toBe(404);
  });

  it("a report accepted last year appears beside this year's values", async () => {
    const http = h().http();
    h().clock.set("2025-11-10T03:00:00.000Z");
    const form25 = (await http.get(base(doan, period2025)).set(bearer(focalDoan))).body;
    const saved = await http.put(base(doan, period2025)).set(bearer(focalDoan)).send(fullBody(form25, { pct: [40, 100], count: 2 }));
    expect(saved.status).toBe(200);
    const sub = await http.post(`${base(doan, period2025)}/submit`).set(bearer(focalDoan)).send({});
    expect(sub.status).toBe(200);
    expect(sub.body.onTime).toBe(true);
    h().clock.set("2026-11-20T03:00:00.000Z");

    const form = await http.get(base(doan)).set(bearer(focalDoan));
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ status: "draft", version: 0, unitCode: "DOAN", lock: { locked: false, deadlineAt: "2026-11-30T16:59:59.000Z" } });
    const codes = form.body.indicators.map((i: any) => i.code);
    expect(codes).toEqual(["CT02", "CT09", "CT10", "CT14", "CT15", "CT16"]);
    const ct10 = form.body.indicators.find((i: any) => i.code === "CT10");
    expect(ct10).toMatchObject({ measure: "percent", target: 50, targetText: "Từ 50% trở lên", lastYear: { numerator: 40, denominator: 100, periodId: period2025 } });
    const ct14 = form.body.indicators.find((i: any) => i.code === "CT14");
    expect(ct14).toMatchObject({ measure: "times", lastYear: { value: 2 } });
    expect(form.body.tasks.map((t: any) => t.code)).toContain("NV04");
    expect(form.body.tasks.find((t: any) => t.code === "NV04").role).toBe("lead");
    expect(form.body.tasks.find((t: any) => t.code === "NV01").role).toBe("partner");
  });

  it("refuses another unit's report, a unit not expected, and unknown items", async () => {
    const http = h().http();
    const other = await http.get(base(hoi)).set(bearer(focalDoan));
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe("UNIT_FORBIDDEN");
    expect((await http.put(base(hoi)).set(bearer(focalDoan)).send({ version: 0, difficulties: "x" })).status).toBe(403);
    expect((await http.post(`${base(hoi)}/submit`).set(bearer(focalDoan)).send({})).status).toBe(403);

    const expected: number[] = (await http.get(`/api/periods/${period2026}`)).body.expectedUnitIds;
    const ubnd = await h().unitId("UBND");
    expect(expected).not.toContain(ubnd);
    const notExpected = await http.get(base(ubnd)).set(bearer(staff));
    expect(notExpected.status).toBe(404);
    expect(notExpected.body.error.code).toBe("UNIT_NOT_EXPECTED");

    const form = (await http.get(base(doan)).set(bearer(focalDoan))).body;
    const ct01 = (await http.get("/api/indicators")).body.find((i: any) => i.code === "CT01");
    const unknown = await http.put(base(doan)).set(bearer(focalDoan)).send({ version: form.version, indicators: [{ indicatorId: ct01.id, value: 3 }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("UNKNOWN_ITEM");
    const badType = await http
      .put(base(doan))
      .set(bearer(focalDoan))
      .send({ version: form.version, indicators: [{ indicatorId: form.indicators[0].indicatorId, numerator: "nhiều" }] });
    expect(badType.status).toBe(400);
    expect(badType.body.error.code).toBe("VALIDATION_FAILED");
    const negative = await http
      .put(base(doan))
      .set(bearer(focalDoan))
      .send({ version: form.version, indicators: [{ indicatorId: form.indicators[0].indicatorId, numerator: -3 }] });
    expect(negative.status).toBe(400);
    expect((await http.get(base(doan))).status).toBe(401);
    expect((await http.put(base(doan)).set(bearer(observer)).send({ version: 0 })).status).toBe(403);
  });

  it("saves partial drafts with versions; a stale save gets 409 with what changed, nothing lost", async () => {
    const http = h().http();
    const form = (await http.get(base(doan)).set(bearer(focalDoan))).body;
    const ct02 = form.indicators.find((i: any) => i.code === "CT02");
    const s1 = await http.put(base(doan)).set(bearer(focalDoan)).send({ version: 0, indicators: [{ indicatorId: ct02.indicatorId, numerator: 45, denominator: 100 }] });
    expect(s1.status).toBe(200);
    expect(s1.body.version).toBe(1);
    expect(s1.body.indicators.find((i: any) => i.code === "CT02")).toMatchObject({ numerator: 45, denominator: 100, value: 45, flagged: false });

    // a second person (staff) edits the same value from version 1
    const s2 = await http.put(base(doan)).set(bearer(staff)).send({ version: 1, indicators: [{ indicatorId: ct02.indicatorId, numerator: 50 }], difficulties: "Thiếu người" });
    expect(s2.body.version).toBe(2);
    expect(s2.body.indicators.find((i: any) => i.code === "CT02").denominator).toBe(100);

    // the focal point, still on version 1, saves another numerator → conflict, server values intact
    const stale = await http.put(base(doan)).set(bearer(focalDoan)).send({ version: 1, indicators: [{ indicatorId: ct02.indicatorId, numerator: 47 }] });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("VERSION_CONFLICT");
    expect(stale.body.error.details.serverVersion).toBe(2);
    const changes = stale.body.error.details.changes;
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: `indicator:${ct02.indicatorId}:numerator`, label: "CT02 · Tử số", serverValue: 50, yourValue: 47 }),
        expect.objectContaining({ field: "difficulties", serverValue: "Thiếu người", yourValue: null }),
      ]),
    );
    const after = (await http.get(base(doan)).set(bearer(focalDoan))).body;
    expect(after.indicators.find((i: any) => i.code === "CT02").numerator).toBe(50);
    expect(after.version).toBe(2);

    // a retry of the exact same values with an old version is not a conflict (lost response)
    const retry = await http.put(base(doan)).set(bearer(staff)).send({ version: 1, indicators: [{ indicatorId: ct02.indicatorId, numerator: 50 }] });
    expect(retry.status).toBe(200);
    expect(retry.body.version).toBe(2);
    // choosing "keep mine" = resend with the server's version
    const mine = await http.put(base(doan)).set(bearer(focalDoan)).send({ version: 2, indicators: [{ indicatorId: ct02.indicatorId, numerator: 47 }] });
    expect(mine.body.version).toBe(3);
    expect(mine.body.indicators.find((i: any) => i.code === "CT02").numerator).toBe(47);
  });

  it("concurrent saves on the same version: exactly one wins, the others get 409", async () => {
    const http = h().http();
    const form = (await http.get(base(doan)).set(bearer(focalDoan))).body;
    const ct16 = form.indicators.find((i: any) => i.code === "CT16");
    const results = await Promise.all(
      [11, 12, 13, 14, 15].map((n) =>
        h()
          .http()
          .put(base(doan))
          .set(bearer(n % 2 ? focalDoan : staff))
          .send({ version: form.version, indicators: [{ indicatorId: ct16.indicatorId, numerator: n, denominator: 30 }] }),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.error.code === "VERSION_CONFLICT")).toHaveLength(4);
    const after = (await http.get(base(doan)).set(bearer(focalDoan))).body;
    expect(after.version).toBe(form.version + 1);
    expect(after.indicators.find((i: any) => i.code === "CT16").numerator).toBe(ok[0].body.indicators.find((i: any) => i.code === "CT16").numerator);
  });

  it("attaches evidence files that exist, refuses unknown ones", async () => {
    const http = h().http();
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
    const up = await http.post("/api/files").set(bearer(focalDoan)).attach("file", pdf, { filename: "Biên bản đối thoại.pdf", contentType: "application/pdf" });
    expect(up.status).toBeLessThan(300);
    const form = (await http.get(base(doan)).set(bearer(focalDoan))).body;
    const ct14 = form.indicators.find((i: any) => i.code === "CT14");
    const bad = await http.put(base(doan)).set(bearer(focalDoan)).send({ version: form.version, evidence: [{ fileId: "khongtontai123" }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("UNKNOWN_FILE");
    const ok = await http
      .put(base(doan))
      .set(bearer(focalDoan))
      .send({ version: form.version, evidence: [{ fileId: up.body.id, itemKind: "indicator", itemId: ct14.indicatorId }] });
    expect(ok.status).toBe(200);
    expect(ok.body.evidence).toEqual([
      expect.objectContaining({ fileId: up.body.id, name: "Biên bản đối thoại.pdf", itemKind: "indicator", itemId: ct14.indicatorId, url: expect.stringMatching(new RegExp(`^/api/files/${up.body.id}\\?exp=`)) }),
    ]);
    const audit = (await http.get(`${base(doan)}/audit`).set(bearer(focalDoan))).body;
    expect(audit[0]).toMatchObject({ field: "evidence", label: "Minh chứng" });
  });

  it("flags values far from last year and requires a comment and complete values before submit", async () => {
    const http = h().http();
    let form = (await http.get(base(doan)).set(bearer(focalDoan))).body;
    // last year CT10 was 40% → 90% is more than +50%: saved but flagged
    const body = fullBody(form, { pct: [45, 100], count: 2 });
    const ct10 = form.indicators.find((i: any) => i.code === "CT10");
    const ct14 = form.indicators.find((i: any) => i.code === "CT14");
    const ct15 = form.indicators.find((i: any) => i.code === "CT15");
    body.indicators = body.indicators.map((i: any) =>
      i.indicatorId === ct10.indicatorId ? { ...i, numerator: 90 } : i.indicatorId === ct15.indicatorId ? { ...i, numerator: 120 } : i.indicatorId === ct14.indicatorId ? { ...i, value: 1.5 } : i,
    );
    const nv04 = form.tasks.find((t: any) => t.code === "NV04");
    body.tasks = body.tasks.map((t: any) => (t.taskId === nv04.taskId ? { taskId: t.taskId, status: "in_progress", progress: null } : t));
    const saved = await http.put(base(doan)).set(bearer(focalDoan)).send(body);
    expect(saved.status).toBe(200);
    form = saved.body;
    expect(form.indicators.find((i: any) => i.code === "CT10")).toMatchObject({ numerator: 90, flagged: true, value: 90 });
    expect(form.indicators.find((i: any) => i.code === "CT02").flagged).toBe(false);

    const sub = await http.post(`${base(doan)}/submit`).set(bearer(focalDoan)).send({});
    expect(sub.status).toBe(422);
    expect(sub.body.error.code).toBe("REPORT_INCOMPLETE");
    const problems = sub.body.error.details.map((p: any) => `${p.field}/${p.code}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        `indicator:${ct10.indicatorId}:comment/COMMENT_REQUIRED`,
        `indicator:${ct15.indicatorId}:numerator/NUMERATOR_GT_DENOMINATOR`,
        `indicator:${ct14.indicatorId}:value/NOT_INTEGER`,
        `task:${nv04.taskId}:progress/PROGRESS_REQUIRED`,
      ]),
    );
    expect((await http.get(base(doan)).set(bearer(focalDoan))).body.status).toBe("draft");

    const fix = await http
      .put(base(doan))
      .set(bearer(focalDoan))
      .send({
        version: form.version,
        indicators: [
          { indicatorId: ct10.indicatorId, comment: "Năm nay mở thêm 3 lớp kỹ năng số." },
          { indicatorId: ct15.indicatorId, numerator: 60 },
          { indicatorId: ct14.indicatorId, value: 1 },
        ],
        tasks: [{ taskId: nv04.taskId, progress: 80 }],
      });
    expect(fix.status).toBe(200);
    // a stale version at submit is refused too
    const staleSubmit = await http.post(`${base(doan)}/submit`).set(bearer(focalDoan)).send({ version: form.version });
    expect(staleSubmit.status).toBe(409);
    const ok = await http.post(`${base(doan)}/submit`).set(bearer(focalDoan)).send({ version: fix.body.version });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "submitted", onTime: true, submittedAt: "2026-11-20T03:00:00.000Z", lock: { locked: true, reason: "REPORT_SUBMITTED" } });
    const edit = await http.put(base(doan)).set(bearer(focalDoan)).send({ version: ok.body.version, difficulties: "Thêm" });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe("REPORT_NOT_EDITABLE");
  });

  it("locks after the deadline; an exception allows a late submit", async () => {
    const http = h().http();
    const form = (await http.get(base(hoi)).set(bearer(focalHoi))).body;
    const draft = await http.put(base(hoi)).set(bearer(focalHoi)).send(fullBody(form));
    expect(draft.status).toBe(200);
    const vhxhForm = (await http.get(base(vhxh)).set(bearer(focalVhxh))).body;
    expect((await http.put(base(vhxh)).set(bearer(focalVhxh)).send(fullBody(vhxhForm))).status).toBe(200);
    expect((await http.post(`${base(vhxh)}/submit`).set(bearer(focalVhxh)).send({})).status).toBe(200);

    h().clock.set("2026-11-30T17:00:00.000Z"); // 01/12/2026 00:00 +07:00
    const after = (await http.get(base(hoi)).set(bearer(focalHoi))).body;
    expect(after.lock).toMatchObject({ locked: true, reason: "PERIOD_LOCKED" });
    const late = await http.post(`${base(hoi)}/submit`).set(bearer(focalHoi)).send({});
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("PERIOD_LOCKED");
    const lateSave = await http.put(base(hoi)).set(bearer(focalHoi)).send({ version: after.version, difficulties: "Muộn" });
    expect(lateSave.body.error.code).toBe("PERIOD_LOCKED");

    expect((await http.put(`/api/periods/${period2026}/exceptions/${hoi}`).set(bearer(focalHoi)).send({ until: "2026-12-05T10:00:00Z" })).status).toBe(403);
    const before = await http.put(`/api/periods/${period2026}/exceptions/${hoi}`).set(bearer(staff)).send({ until: "2026-11-01T00:00:00Z" });
    expect(before.body.error.code).toBe("EXCEPTION_BEFORE_DEADLINE");
    const ubnd = await h().unitId("UBND");
    expect((await http.put(`/api/periods/${period2026}/exceptions/${ubnd}`).set(bearer(staff)).send({ until: "2026-12-05T10:00:00Z" })).body.error.code).toBe(
      "UNIT_NOT_EXPECTED",
    );
    const ex = await http.put(`/api/periods/${period2026}/exceptions/${hoi}`).set(bearer(staff)).send({ until: "2026-12-05T10:00:00Z" });
    expect(ex.body).toEqual({ periodId: period2026, unitId: hoi, exceptionUntil: "2026-12-05T10:00:00.000Z" });
    const sub = await http.post(`${base(hoi)}/submit`).set(bearer(focalHoi)).send({});
    expect(sub.status).toBe(200);
    // within its extension: on time (with an extension), not late
    expect(sub.body).toMatchObject({ onTime: true, timing: "on_time_extended" });
    h().clock.set("2026-11-20T03:00:00.000Z");
  });

  it("staff approve, return with a reason (notified), reopen; every change is in the audit trail", async () => {
    const http = h().http();
    expect((await http.post(`${base(doan)}/approve`).set(bearer(focalDoan))).status).toBe(403);
    const noReason = await http.post(`${base(vhxh)}/return`).set(bearer(staff)).send({});
    expect(noReason.status).toBe(400);
    const ret = await http.post(`${base(vhxh)}/return`).set(bearer(staff)).send({ reason: "Thiếu số liệu tổ dân phố 3, đề nghị bổ sung." });
    expect(ret.status).toBe(200);
    expect(ret.body).toMatchObject({ status: "returned", returnReason: "Thiếu số liệu tổ dân phố 3, đề nghị bổ sung.", lock: { locked: false } });
    const notes = await notificationsOf(h(), focalVhxh);
    expect(notes.find((n) => n.kind === "report_return")).toMatchObject({ title: "Báo cáo bị trả lại, cần chỉnh sửa" });
    expect(notes.find((n) => n.kind === "report_return")!.body).toContain("Thiếu số liệu tổ dân phố 3");
    // cannot approve a returned report
    expect((await http.post(`${base(vhxh)}/approve`).set(bearer(staff))).body.error.code).toBe("INVALID_REPORT_STATUS");

    const app = await http.post(`${base(doan)}/approve`).set(bearer(staff));
    expect(app.body).toMatchObject({ status: "approved", lock: { locked: true, reason: "REPORT_APPROVED" } });
    const reopen = await http.post(`${base(doan)}/reopen`).set(bearer(staff)).send({});
    expect(reopen.body).toMatchObject({ status: "returned", lock: { locked: false } });
    expect(reopen.body.returnReason).toContain("mở lại");
    const v = reopen.body.version;
    const fix = await http.put(base(doan)).set(bearer(focalDoan)).send({ version: v, proposals: "Đề xuất mới" });
    expect(fix.status).toBe(200);
    const resub = await http.post(`${base(doan)}/submit`).set(bearer(focalDoan)).send({});
    expect(resub.body).toMatchObject({ status: "submitted", onTime: true });
    expect((await http.post(`${base(doan)}/approve`).set(bearer(staff))).body.status).toBe("approved");

    const audit = await http.get(`${base(doan)}/audit`).set(bearer(observer));
    expect(audit.status).toBe(200);
    const actions = audit.body.map((a: any) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["create", "save", "submit", "approve", "reopen"]));
    const numChange = audit.body.find((a: any) => a.label === "CT02 · Tử số" && a.newValue === "50");
    expect(numChange).toMatchObject({ oldValue: "45", userName: expect.any(String) });
    const propChange = audit.body.find((a: any) => a.field === "proposals" && a.newValue === "Đề xuất mới");
    expect(propChange.oldValue).toBe("Đề nghị bổ sung kinh phí hoạt động.");
    expect(audit.body[0]).toMatchObject({ action: "approve", oldValue: "Đã nộp", newValue: "Đã duyệt" });
    expect((await http.get(`${base(hoi)}/audit`).set(bearer(focalDoan))).status).toBe(403);
  });

  it("completeness counts a mix of states, per unit and in total", async () => {
    const http = h().http();
    // QS opens a draft only; staff looking at the health station's report create nothing
    await http.get(base(qs)).set(bearer(focalQs));
    const tyt = await http.get(base(await h().unitId("TYT"))).set(bearer(staff));
    expect(tyt.body).toMatchObject({ id: 0, status: "draft", version: 0, unitCode: "TYT" });
    const res = await http.get(`/api/periods/${period2026}/completeness`).set(bearer(observer));
    expect(res.status).toBe(200);
    const { total, units } = res.body;
    const expected = (await http.get(`/api/periods/${period2026}`)).body.expectedUnitIds.length;
    // DOAN approved on time, HOI submitted within its extension, VHXH returned, QS draft, the rest missing
    expect(total).toMatchObject({ expected, submitted: 2, onTime: 2, late: 0, approved: 1, returned: 1, drafts: 1, missing: expected - 2 });
    expect(total.reportingRate).toBeCloseTo(2 / expected, 4);
    expect(total.onTimeRate).toBeCloseTo(2 / expected, 4);
    const byCode = Object.fromEntries(units.map((u: any) => [u.unitCode, u]));
    expect(byCode.DOAN).toMatchObject({ status: "approved", onTime: true, counts: { submitted: 1, onTime: 1, approved: 1, missing: 0 }, focalCount: 1 });
    expect(byCode.HOI).toMatchObject({ status: "submitted", onTime: true, timing: "on_time_extended", counts: { late: 0, onTime: 1 }, exceptionUntil: "2026-12-05T10:00:00.000Z" });
    expect(byCode.VHXH).toMatchObject({ status: "returned", counts: { returned: 1, missing: 1 } });
    expect(byCode.QS).toMatchObject({ status: "draft", counts: { drafts: 1, missing: 1 } });
    expect(byCode.TYT).toMatchObject({ status: "missing", reportId: null });
    expect(units.filter((u: any) => u.status === "missing").length).toBe(expected - 4);
    expect((await http.get(`/api/periods/${period2026}/completeness`).set(bearer(focalDoan))).status).toBe(403);

    const list = await http.get(`/api/periods/${period2026}/reports`).set(bearer(focalDoan));
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ unitCode: "DOAN", status: "approved" });
    expect((await http.get(`/api/periods/${period2026}/reports`).set(bearer(staff))).body).toHaveLength(expected);
  });

  it("'Nhắc nộp' reminds one unit or every unit not reported, once a day", async () => {
    const http = h().http();
    const one = await http.post(`/api/periods/${period2026}/remind`).set(bearer(staff)).send({ unitIds: [qs] });
    expect(one.body).toEqual({ units: [qs], skipped: [], notified: 1 });
    const again = await http.post(`/api/periods/${period2026}/remind`).set(bearer(staff)).send({ unitIds: [qs] });
    expect(again.body.notified).toBe(0);
    const done = await http.post(`/api/periods/${period2026}/remind`).set(bearer(staff)).send({ unitIds: [doan] });
    expect(done.body).toMatchObject({ units: [], skipped: [{ unitId: doan, reason: "ALREADY_SUBMITTED" }], notified: 0 });
    expect((await http.post(`/api/periods/${period2026}/remind`).set(bearer(staff)).send({ unitIds: [await h().unitId("UBND")] })).status).toBe(404);
    expect((await http.post(`/api/periods/${period2026}/remind`).set(bearer(observer)).send({})).status).toBe(403);
    const all = await http.post(`/api/periods/${period2026}/remind`).set(bearer(staff)).send({});
    expect(all.body.units).toEqual(expect.arrayContaining([qs, vhxh]));
    expect(all.body.units).not.toContain(doan);
    expect(all.body.units).not.toContain(hoi);
    expect(all.body.notified).toBe(1); // VHXH (QS already reminded today); other units have no focal point
    const qsNotes = await notificationsOf(h(), focalQs);
    expect(qsNotes.filter((n) => n.kind === "report_reminder")).toHaveLength(1);
    expect(qsNotes[0].title).toBe("Nhắc nộp báo cáo");
  });

  it("automatic reminders 14, 7, 1 days before and the day after, never twice", async () => {
    const kinds = async () =>
      (await h().ctx.database.db.selectFrom("notifications").select(["dedupe_key", "user_id"]).where("kind", "=", "report_reminder").execute())
        .map((n) => n.dedupe_key)
        .filter((k) => k.startsWith(`report-remind:${period2026}:`) && !k.includes("manual"));
    // only the 2026 period: the ad hoc one is closed (closed periods never remind), the 2025 one is long past
    await h().http().patch(`/api/periods/${adhocId}`).set(bearer(staff)).send({ status: "closed" });
    h().clock.set("2026-11-10T00:00:00.000Z"); // 20 days before: nothing
    expect(await runReportReminders(h().ctx)).toBe(0);
    h().clock.set("2026-11-16T17:00:00.000Z"); // 14 days before
    expect(await runReportReminders(h().ctx)).toBe(2); // QS and VHXH have focal points and have not reported
    expect(await runReportReminders(h().ctx)).toBe(0);
    h().clock.set("2026-11-18T00:00:00.000Z");
    expect(await runReportReminders(h().ctx)).toBe(0);
    h().clock.set("2026-11-23T17:00:00.000Z"); // 7 days before
    expect(await runReportReminders(h().ctx)).toBe(2);
    expect(await runReportReminders(h().ctx)).toBe(0);
    h().clock.set("2026-11-29T17:00:00.000Z"); // 1 day before
    expect(await runReportReminders(h().ctx)).toBe(2);
    h().clock.set("2026-11-30T16:00:00.000Z"); // deadline day: still d1, already sent
    expect(await runReportReminders(h().ctx)).toBe(0);
    h().clock.set("2026-12-01T03:00:00.000Z"); // the day after
    expect(await runReportReminders(h().ctx)).toBe(2);
    h().clock.set("2026-12-02T03:00:00.000Z");
    expect(await runReportReminders(h().ctx)).toBe(0);
    h().clock.set("2026-12-20T03:00:00.000Z");
    expect(await runReportReminders(h().ctx)).toBe(0);
    const keys = await kinds();
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => k.endsWith(":after"))).toHaveLength(2);
    expect(keys.some((k) => k.endsWith(`${doan}:d14`))).toBe(false);
    h().clock.set("2026-11-20T03:00:00.000Z");
  });
});
