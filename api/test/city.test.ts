import { expect, it } from "vitest";
import { bearer, describeEachDb, type Harness } from "./harness.js";
import { binary, putReport } from "./exports-fixtures.js";
import { addWard } from "./city-fixtures.js";
import { runCityReminders } from "../src/city/completeness.js";
import { wardAnnualPeriod } from "../src/reports/yearly-periods.js";

/**
 * The report sent upward (issue 14): two wards under the city — Lê Đại Hành (the seeded ward, unit
 * UBND) and Hồng Bàng (HB, added here) — plus Ngô Quyền (NQ) that never sends. CT14 (times, rule
 * "lead": one dialogue reported by two units of a ward), CT17 (percent, "sum": residential groups
 * split a ward) and CT09 (percent, "lead": the Youth Union's figure stands) are filled so that the
 * city figure can be checked by hand: wards split the city, so it adds up the wards' own figures.
 */
interface World {
  /** each ward's own 2026 period (periods belong to a ward) */
  periodId: number;
  hbPeriodId: number;
  nqPeriodId: number;
  ldh: number;
  hb: number;
  nq: number;
  ldhStaff: string;
  hbStaff: string;
  city: string;
}

async function setUp(h: Harness): Promise<World> {
  const periods = (await h.http().get("/api/periods")).body as { id: number; year: number; kind: string }[];
  const periodId = periods.find((p) => p.year === 2026 && p.kind === "annual")!.id;
  const ldh = await h.unitId("UBND");
  const hb = await addWard(h, { code: "HB", name: "Ủy ban nhân dân phường Hồng Bàng", shortName: "UBND phường Hồng Bàng" }, [
    { code: "HB-DOAN", name: "Đoàn phường Hồng Bàng", kind: "youth_union", indicators: ["!CT14", "!CT09"] },
    { code: "HB-TDP01", name: "Tổ dân phố số 1 (Hồng Bàng)", kind: "residential_group", indicators: ["!CT17", "CT09"] },
    { code: "HB-TDP02", name: "Tổ dân phố số 2 (Hồng Bàng)", kind: "residential_group", indicators: ["!CT17", "CT09"] },
  ]);
  const nq = await addWard(h, { code: "NQ", name: "Ủy ban nhân dân phường Ngô Quyền" }, [{ code: "NQ-DOAN", name: "Đoàn phường Ngô Quyền", kind: "youth_union", indicators: ["!CT14"] }]);
  const hbPeriodId = (await wardAnnualPeriod(h.ctx.database.db, hb.wardId, 2026))!.id;
  const nqPeriodId = (await wardAnnualPeriod(h.ctx.database.db, nq.wardId, 2026))!.id;

  // Lê Đại Hành: the dialogue reported by the office and the Youth Union (counted once), two groups
  await putReport(h, periodId, "VP", { status: "approved", indicators: { CT14: 1 } });
  await putReport(h, periodId, "DOAN", { status: "approved", indicators: { CT14: 1, CT09: [300, 500] } });
  await putReport(h, periodId, "TDP01", { status: "approved", indicators: { CT17: [1, 1], CT09: [40, 60] } });
  await putReport(h, periodId, "TDP02", { status: "submitted", indicators: { CT17: [0, 1] } });
  // Hồng Bàng: two dialogues, both groups up to date
  await putReport(h, hbPeriodId, "HB-DOAN", { status: "approved", indicators: { CT14: 2, CT09: [100, 200] } });
  await putReport(h, hbPeriodId, "HB-TDP01", { status: "approved", indicators: { CT17: [1, 1] } });
  await putReport(h, hbPeriodId, "HB-TDP02", { status: "approved", indicators: { CT17: [1, 1] } });

  return {
    periodId,
    hbPeriodId,
    nqPeriodId,
    ldh,
    hb: hb.wardId,
    nq: nq.wardId,
    ldhStaff: await h.signIn("staff", { wardId: ldh, name: "Cán bộ Lê Đại Hành" }),
    hbStaff: await h.signIn("staff", { wardId: hb.wardId, name: "Cán bộ Hồng Bàng" }),
    city: await h.signIn("city_staff", { name: "Chuyên viên Sở Nội vụ" }),
  };
}

const figure = (summary: { indicators: { code: string; current: { value: number | null; numerator: number | null; denominator: number | null } }[] }, code: string) =>
  summary.indicators.find((i) => i.code === code)!.current;

describeEachDb("city: the report sent upward", (h) => {
  let w: World;
  const send = (token: string, wardId: number, body: object) => h().http().post(`/api/city/wards/${wardId}/snapshots`).set(bearer(token)).send(body);
  const versions = async (token: string, wardId: number, query = "") => (await h().http().get(`/api/city/wards/${wardId}/snapshots${query}`).set(bearer(token))).body;

  it("ward staff send a frozen snapshot: the ward figures by the rules in force, the Word and the Excel as they were", async () => {
    w = await setUp(h());
    const before = await versions(w.ldhStaff, w.ldh, `?periodId=${w.periodId}`);
    expect(before).toMatchObject({ items: [], canSend: true, cannotSendReason: null, deadlineAt: "2026-12-15T16:59:59.000Z" });

    const res = await send(w.ldhStaff, w.ldh, { periodId: w.periodId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ version: 1, status: "sent", year: 2026, sentOnTime: true, latest: true, ward: { id: w.ldh, code: "UBND" }, sentBy: "Cán bộ Lê Đại Hành" });
    expect(res.body.docx.name).toMatch(/phiên bản 1\.docx$/);

    const detail = (await h().http().get(`/api/city/snapshots/${res.body.id}`).set(bearer(w.ldhStaff))).body;
    // CT14: the office's figure stands (lead rule), not 1 + 1; CT17: the groups add up; CT09: the Youth Union's
    expect(figure(detail.summary, "CT14")).toMatchObject({ value: 1 });
    expect(figure(detail.summary, "CT17")).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(figure(detail.summary, "CT09")).toMatchObject({ numerator: 300, denominator: 500 });

    const docx = await binary(h().http().get(`/api/city/snapshots/${res.body.id}/report.docx`).set(bearer(w.ldhStaff)));
    expect(docx.status).toBe(200);
    expect(docx.headers["content-type"]).toMatch(/wordprocessingml/);
    expect((docx.body as Buffer).subarray(0, 2).toString()).toBe("PK");
    const xlsx = await binary(h().http().get(`/api/city/snapshots/${res.body.id}/report.xlsx`).set(bearer(w.ldhStaff)));
    expect(xlsx.status).toBe(200);
    expect((xlsx.body as Buffer).length).toBe(res.body.xlsx.size);

    // a later change to the ward's data leaves the snapshot as it was sent
    await h().ctx.database.db.updateTable("reports").set({ status: "approved" }).where("period_id", "=", w.periodId).where("unit_id", "=", await h().unitId("TDP02")).execute();
    await putReport(h(), w.periodId, "TDP03", { status: "approved", indicators: { CT17: [1, 1] } });
    const live = (await h().http().get(`/api/periods/${w.periodId}/summary?unitId=${w.ldh}`).set(bearer(w.ldhStaff))).body;
    expect(figure(live, "CT17")).toMatchObject({ numerator: 2, denominator: 3 });
    const again = (await h().http().get(`/api/city/snapshots/${res.body.id}`).set(bearer(w.city))).body;
    expect(figure(again.summary, "CT17")).toMatchObject({ numerator: 1, denominator: 2 });
    const docxAgain = await binary(h().http().get(`/api/city/snapshots/${res.body.id}/report.docx`).set(bearer(w.city)));
    expect(Buffer.compare(docxAgain.body as Buffer, docx.body as Buffer)).toBe(0);
  });

  it("a snapshot sent twice at once makes one version; the other send gets 409 SNAPSHOT_SEND_CONFLICT and leaves no file behind", async () => {
    const { db } = h().ctx.database;
    const filesBefore = Number((await db.selectFrom("files").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const [a, b] = await Promise.all([send(w.hbStaff, w.hb, { periodId: w.hbPeriodId }), send(w.hbStaff, w.hb, { periodId: w.hbPeriodId })]);
    const statuses = [a.status, b.status].sort();
    expect(statuses, JSON.stringify([a.body, b.body])).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.code).toBe("SNAPSHOT_SEND_CONFLICT");
    expect(loser.body.error.message).toMatch(/phiên bản 1/);
    const list = await versions(w.hbStaff, w.hb);
    expect(list.items.map((s: { version: number }) => s.version)).toEqual([1]);
    const filesAfter = Number((await db.selectFrom("files").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    expect(filesAfter - filesBefore).toBe(2);
  });

  it("the city returns a version only with a reason; the ward corrects and sends version 2; every version stays readable", async () => {
    const v1 = (await versions(w.city, w.ldh)).items[0];
    const noReason = await h().http().post(`/api/city/snapshots/${v1.id}/return`).set(bearer(w.city)).send({ reason: "  " });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({ code: "RETURN_REASON_REQUIRED", message: expect.stringMatching(/lý do/) });
    const empty = await h().http().post(`/api/city/snapshots/${v1.id}/return`).set(bearer(w.city)).send({});
    expect(empty.body.error.code).toBe("RETURN_REASON_REQUIRED");

    const reason = "Tổ dân phố số 2 chưa được duyệt; đề nghị phường duyệt và gửi lại.";
    const ret = await h().http().post(`/api/city/snapshots/${v1.id}/return`).set(bearer(w.city)).send({ reason });
    expect(ret.status).toBe(200);
    expect(ret.body).toMatchObject({ status: "returned", returnReason: reason, decidedBy: "Chuyên viên Sở Nội vụ" });
    const twice = await h().http().post(`/api/city/snapshots/${v1.id}/return`).set(bearer(w.city)).send({ reason });
    expect(twice.body.error.code).toBe("SNAPSHOT_ALREADY_RETURNED");

    // the ward's staff are told, with the reason
    const inbox = (await h().http().get("/api/notifications").set(bearer(w.ldhStaff))).body;
    const told = (inbox.items ?? inbox).find((n: { title: string }) => n.title.startsWith("Thành phố trả lại"));
    expect(told.body).toContain(reason.replace(/\.$/, ""));

    const v2 = await send(w.ldhStaff, w.ldh, { periodId: w.periodId, counted: "approved_only" });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, status: "sent", counted: "approved_only" });
    const list = await versions(w.ldhStaff, w.ldh, `?periodId=${w.periodId}`);
    expect(list.items.map((s: { version: number; status: string; latest: boolean }) => [s.version, s.status, s.latest])).toEqual([
      [2, "sent", true],
      [1, "returned", false],
    ]);
    expect(list.items[1].returnReason).toBe(reason);
    // version 1 is still readable and downloadable, with its old figures
    const old = (await h().http().get(`/api/city/snapshots/${v1.id}`).set(bearer(w.ldhStaff))).body;
    expect(figure(old.summary, "CT17")).toMatchObject({ numerator: 1, denominator: 2 });
    expect((await h().http().get(`/api/city/snapshots/${v1.id}/report.xlsx`).set(bearer(w.ldhStaff))).status).toBe(200);
    const fresh = (await h().http().get(`/api/city/snapshots/${v2.body.id}`).set(bearer(w.city))).body;
    expect(figure(fresh.summary, "CT17")).toMatchObject({ numerator: 2, denominator: 3 });
    // the old version cannot be decided on any more
    const oldAccept = await h().http().post(`/api/city/snapshots/${v1.id}/accept`).set(bearer(w.city));
    expect(oldAccept.body.error.code).toBe("SNAPSHOT_ALREADY_RETURNED");
  });

  it("a version waiting for the city is superseded by a newer one; an accepted one blocks new versions", async () => {
    const hbV1 = (await versions(w.city, w.hb)).items[0];
    const hbV2 = await send(w.hbStaff, w.hb, { periodId: w.hbPeriodId });
    expect(hbV2.body.version).toBe(2);
    const stale = await h().http().post(`/api/city/snapshots/${hbV1.id}/accept`).set(bearer(w.city));
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "SNAPSHOT_NOT_LATEST", message: expect.stringContaining("phiên bản 2") });

    for (const id of [hbV2.body.id, (await versions(w.city, w.ldh)).items[0].id]) {
      const ok = await h().http().post(`/api/city/snapshots/${id}/accept`).set(bearer(w.city));
      expect(ok.status).toBe(200);
      expect(ok.body.status).toBe("accepted");
    }
    const blocked = await send(w.hbStaff, w.hb, { periodId: w.hbPeriodId });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error).toMatchObject({ code: "SNAPSHOT_ALREADY_ACCEPTED", message: expect.stringMatching(/trả lại/) });
    expect((await versions(w.hbStaff, w.hb, `?periodId=${w.hbPeriodId}`)).canSend).toBe(false);
  });

  it("the city's figures add up the wards' accepted snapshots, each indicator's rule applied inside its ward", async () => {
    const res = await h().http().get("/api/city/summary?year=2026").set(bearer(w.city));
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.wards.map((x: { ward: { code: string }; version: number }) => [x.ward.code, x.version])).toEqual([
      ["UBND", 2],
      ["HB", 2],
    ]);
    const ct14 = s.indicators.find((i: { code: string }) => i.code === "CT14");
    // times: Lê Đại Hành's 1 (two units, one dialogue) + Hồng Bàng's 2; judged by wards, both meet "at least 1"
    expect(ct14.current).toMatchObject({ value: 3, wardsReported: 2, wardsOnTrack: 2 });
    expect(ct14).toMatchObject({ basis: "wards", onTrack: "on_track", milestone: null });
    expect(ct14.byWard.map((b: { value: number }) => b.value)).toEqual([1, 2]);
    // percent: numerators and denominators added up (Lê Đại Hành's 2/3 + Hồng Bàng's 2/2 = 4/5), not a mean of 66.7% and 100%
    const ct17 = s.indicators.find((i: { code: string }) => i.code === "CT17");
    expect(ct17.current).toMatchObject({ numerator: 2 + 2, denominator: 3 + 2, value: 80, wardsReported: 2 });
    expect(ct17.basis).toBe("target");
    // lead inside each ward: Youth Unions' 300/500 and 100/200 (the groups' 40/60 is a contribution)
    const ct09 = s.indicators.find((i: { code: string }) => i.code === "CT09");
    expect(ct09.current).toMatchObject({ numerator: 400, denominator: 700 });
    expect(ct09.trajectory[0]).toMatchObject({ year: 2026, milestone: 80, onTrack: "off_track" });
    expect(ct09.trajectory[0].value).toBeCloseTo((400 / 700) * 100, 9);
    expect(ct09.trajectory.find((p: { year: number }) => p.year === 2027).value).toBeNull();

    const xlsx = await binary(h().http().get("/api/city/export.xlsx?year=2026").set(bearer(w.city)));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers["content-disposition"]).toMatch(/filename\*=UTF-8''/);
    const docx = await binary(h().http().get("/api/city/export.docx?year=2026&signer=Nguy%E1%BB%85n%20V%C4%83n%20A").set(bearer(w.city)));
    expect(docx.status).toBe(200);
    const JSZip = (await import("jszip")).default;
    const xml = await (await JSZip.loadAsync(docx.body as Buffer)).file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    for (const s of ["UBND THÀNH PHỐ HẢI PHÒNG", "SỞ NỘI VỤ", "Số: …/BC-SNV", "Hải Phòng, ngày 20 tháng 11 năm 2026", "KT. GIÁM ĐỐC", "Nguyễn Văn A", "Chưa gửi báo cáo (1): Phường Ngô Quyền"]) {
      expect(text, s).toContain(s);
    }
  });

  it("city completeness: which wards sent, on time or late, returned, not sent; reminders to ward staff once", async () => {
    const c = (await h().http().get("/api/city/completeness?year=2026").set(bearer(w.city))).body;
    expect(c.deadline).toEqual({ year: 2026, deadlineAt: "2026-12-15T16:59:59.000Z", isDefault: true });
    expect(c.counts).toMatchObject({ expected: 3, sent: 2, accepted: 2, waiting: 0, returned: 0, notSent: 1, onTime: 2, late: 0, overdue: 0 });
    const row = (id: number) => c.wards.find((x: { ward: { id: number } }) => x.ward.id === id);
    expect(row(w.ldh)).toMatchObject({ state: "accepted", timing: "on_time", versions: 2, latest: { version: 2, status: "accepted" } });
    expect(row(w.nq)).toMatchObject({ state: "not_sent", timing: null, versions: 0, latest: null, overdue: false });

    // the city moves its deadline before the first sends: they become late; Ngô Quyền is overdue
    const moved = await h().http().put("/api/city/deadlines/2026").set(bearer(w.city)).send({ date: "2026-11-19" });
    expect(moved.body).toEqual({ year: 2026, deadlineAt: "2026-11-19T16:59:59.000Z", isDefault: false });
    const late = (await h().http().get("/api/city/completeness?year=2026").set(bearer(w.city))).body;
    expect(late.counts).toMatchObject({ onTime: 0, late: 2, overdue: 1 });
    await h().http().put("/api/city/deadlines/2026").set(bearer(w.city)).send({ date: "2026-12-15" });

    // automatic reminders: nothing yet on 20/11; 7 days before 15/12 Ngô Quyền's staff get one, once
    const nqStaff = await h().signIn("staff", { wardId: w.nq, name: "Cán bộ Ngô Quyền" });
    expect(await runCityReminders(h().ctx)).toBe(0);
    const now = h().clock.now().toISOString();
    h().clock.set("2026-12-08T02:00:00.000Z");
    try {
      expect(await runCityReminders(h().ctx)).toBe(1);
      expect(await runCityReminders(h().ctx)).toBe(0);
      const inbox = (await h().http().get("/api/notifications").set(bearer(nqStaff))).body;
      expect(JSON.stringify(inbox)).toContain("Còn 7 ngày đến hạn gửi báo cáo lên thành phố");
      // by hand: once a day; wards that sent are skipped
      const manual = await h().http().post("/api/city/remind").set(bearer(w.city)).send({ year: 2026 });
      expect(manual.body).toMatchObject({ year: 2026, wards: [w.nq], notified: 1 });
      expect((await h().http().post("/api/city/remind").set(bearer(w.city)).send({ year: 2026 })).body.notified).toBe(0);
      const named = await h().http().post("/api/city/remind").set(bearer(w.city)).send({ year: 2026, wardIds: [w.ldh] });
      expect(named.body).toMatchObject({ wards: [], skipped: [{ wardId: w.ldh, reason: "ALREADY_ACCEPTED" }], notified: 0 });
      // a ward's staff are not asked for what they cannot send: Ngô Quyền has no counted report
      const nothing = await send(nqStaff, w.nq, { periodId: w.nqPeriodId });
      expect(nothing.status).toBe(409);
      expect(nothing.body.error.code).toBe("NOTHING_TO_SEND");
    } finally {
      h().clock.set(now);
    }
  });

  it("tenancy: a ward's people reach only their own ward's snapshots; city routes are city staff's", async () => {
    const ldhV2 = (await versions(w.city, w.ldh)).items[0];
    const hbObserver = await h().signIn("observer", { wardId: w.hb, name: "MTTQ Hồng Bàng" });
    const ldhObserver = await h().signIn("observer", { wardId: w.ldh, name: "MTTQ Lê Đại Hành" });
    for (const token of [w.hbStaff, hbObserver]) {
      const list = await h().http().get(`/api/city/wards/${w.ldh}/snapshots`).set(bearer(token));
      expect(list.status).toBe(404);
      expect(list.body.error.code).toBe("WARD_NOT_FOUND");
      for (const path of [`/api/city/snapshots/${ldhV2.id}`, `/api/city/snapshots/${ldhV2.id}/report.docx`, `/api/city/snapshots/${ldhV2.id}/report.xlsx`]) {
        const res = await h().http().get(path).set(bearer(token));
        expect(res.status, path).toBe(404);
        expect(res.body.error.code).toBe("SNAPSHOT_NOT_FOUND");
      }
    }
    // nor through the generic file route (the snapshot's files follow the snapshot)
    const fileId = (await h().ctx.database.db.selectFrom("ward_snapshots").select("docx_file_id").where("id", "=", ldhV2.id).executeTakeFirstOrThrow()).docx_file_id;
    expect((await h().http().get(`/api/files/${fileId}`).set(bearer(hbObserver))).status).toBe(404);
    expect((await h().http().get(`/api/files/${fileId}`).set(bearer(ldhObserver))).status).toBe(200);

    const foreignSend = await send(w.hbStaff, w.ldh, { periodId: w.periodId });
    expect(foreignSend.status).toBe(404);
    expect(foreignSend.body.error.code).toBe("WARD_NOT_FOUND");
    // the ward's own observer reads, and cannot send
    expect((await h().http().get(`/api/city/wards/${w.ldh}/snapshots`).set(bearer(ldhObserver))).status).toBe(200);
    expect((await h().http().get(`/api/city/snapshots/${ldhV2.id}`).set(bearer(ldhObserver))).status).toBe(200);
    const observerSend = await send(ldhObserver, w.ldh, { periodId: w.periodId });
    expect(observerSend.status).toBe(403);
    // a focal point does not send the ward's report
    const focal = await h().signIn("focal", { unitId: await h().unitId("DOAN") });
    const focalSend = await send(focal, w.ldh, { periodId: w.periodId });
    expect(focalSend.status).toBe(403);
    expect(focalSend.body.error).toMatchObject({ code: "ROLE_FORBIDDEN", message: expect.stringMatching(/không được phép/) });
    // ward staff do not reach the city's routes; city staff do not send a ward's report nor decide as a ward
    for (const path of ["/api/city/completeness", "/api/city/summary", "/api/city/export.docx"]) {
      expect((await h().http().get(path).set(bearer(w.ldhStaff))).status, path).toBe(403);
    }
    expect((await h().http().post(`/api/city/snapshots/${ldhV2.id}/return`).set(bearer(w.ldhStaff)).send({ reason: "tự trả lại" })).status).toBe(403);
    const citySend = await send(w.city, w.ldh, { periodId: w.periodId });
    expect(citySend.status).toBe(403);
    // city staff read every ward
    expect((await h().http().get(`/api/city/wards/${w.hb}/snapshots`).set(bearer(w.city))).status).toBe(200);
  });

  it("bad input: an ad hoc period, an unknown ward or snapshot, a year outside the plan", async () => {
    const { db } = h().ctx.database;
    const now = h().clock.now().toISOString();
    const adhoc = await db
      .insertInto("periods")
      .values({ ward_id: w.hb, year: 2026, kind: "adhoc", title: "Báo cáo đột xuất", opens_at: now, accepts_from: null, deadline_at: "2026-12-20T16:59:59.000Z", status: "open", created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const res = await send(w.hbStaff, w.hb, { periodId: adhoc.id });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("PERIOD_NOT_ANNUAL");
    expect((await send(w.hbStaff, w.hb, { periodId: 999999 })).body.error.code).toBe("PERIOD_NOT_FOUND");
    expect((await send(w.hbStaff, w.hb, {})).body.error.code).toBe("VALIDATION_FAILED");
    expect((await h().http().get("/api/city/snapshots/999999").set(bearer(w.city))).body.error.code).toBe("SNAPSHOT_NOT_FOUND");
    expect((await h().http().get("/api/city/wards/999999/snapshots").set(bearer(w.city))).body.error.code).toBe("WARD_NOT_FOUND");
    // a unit that is not a ward is not a ward
    expect((await h().http().get(`/api/city/wards/${await h().unitId("DOAN")}/snapshots`).set(bearer(w.city))).status).toBe(404);
    const year = await h().http().get("/api/city/summary?year=2019").set(bearer(w.city));
    expect(year.status).toBe(400);
    expect(JSON.stringify(year.body.error.details)).toContain("2026 đến 2030");
    const badDate = await h().http().put("/api/city/deadlines/2026").set(bearer(w.city)).send({ date: "15/12/2026" });
    expect(badDate.body.error.code).toBe("VALIDATION_FAILED");
  });
});
