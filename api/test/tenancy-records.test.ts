import { beforeAll, expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { addSecondWard, type SecondWard } from "./tenancy-work-fixtures.js";
import { putReport } from "./exports-fixtures.js";
import { uploadPng } from "./feedback-helpers.js";
import { registerAllSubmitted } from "../src/difficulties/register.js";
import { wardAnnualPeriod } from "../src/reports/yearly-periods.js";

/**
 * Two wards (issue 14): each ward's duties, difficulties register, supervisions and dialogues are its
 * own. Another ward's object answers 404 as if missing; a unit of another ward is unknown; city staff
 * read every ward (naming it in lists) and write none; the national holidays are the city's.
 */
describeEachDb("tenancy of the plan's work: duties, difficulties, supervisions, dialogues, holidays", (h) => {
  let hb: SecondWard;
  let ldhStaff: string;
  let hbStaff: string;
  let ldhObserver: string;
  let hbObserver: string;
  let hbFocal: string;
  let ldhYouth: string;
  let hbYouth: string;
  let city: string;
  const get = (url: string, token: string) => h().http().get(url).set(bearer(token));
  const expect404 = (res: { status: number; body: any }, code: string, what: string) => {
    expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(404);
    expect(res.body.error.code, what).toBe(code);
  };

  beforeAll(async () => {
    hb = await addSecondWard(h());
    ldhStaff = await h().signIn("staff", { name: "Cán bộ Lê Đại Hành" });
    hbStaff = await h().signIn("staff", { wardId: hb.wardId, name: "Cán bộ Hồng Bàng" });
    ldhObserver = await h().signIn("observer", { name: "MTTQ Lê Đại Hành" });
    hbObserver = await h().signIn("observer", { wardId: hb.wardId, name: "MTTQ Hồng Bàng" });
    hbFocal = await h().signIn("focal", { unitId: hb.unit.DOAN, name: "Đầu mối Đoàn Hồng Bàng" });
    ldhYouth = await h().signIn("youth", { name: "Thanh niên Lê Đại Hành" });
    hbYouth = await h().signIn("youth", { wardId: hb.wardId, name: "Thanh niên Hồng Bàng" });
    city = await h().signIn("city_staff", { name: "Cán bộ Sở Nội vụ" });
  });

  it("keeps each ward's duties: calendar, detail, hand-in, review, reminders, new duties", async () => {
    const ldhCal = (await get("/api/duties", ldhStaff)).body;
    const hbCal = (await get("/api/duties", hbStaff)).body;
    const ldhIds = ldhCal.entries.filter((e: any) => e.dutyId).map((e: any) => e.dutyId);
    const hbIds = hbCal.entries.filter((e: any) => e.dutyId).map((e: any) => e.dutyId);
    expect(hbIds).toHaveLength(4);
    expect(hbIds.filter((id: number) => ldhIds.includes(id))).toEqual([]);
    expect(hbCal.entries.find((e: any) => e.kind === "report").periodId).toBe((await wardAnnualPeriod(h().ctx.database.db, hb.wardId, 2026))!.id);
    const ldhYouthMonth = ldhCal.entries.find((e: any) => e.kind === "youth_month").dutyId;
    const ldhDoan = await h().unitId("DOAN");
    const file = await uploadPng(h, hbFocal, "ke-hoach.png");
    for (const [method, url, token, body] of [
      ["get", `/api/duties/${ldhYouthMonth}`, hbStaff],
      ["get", `/api/duties/${ldhYouthMonth}`, hbObserver],
      ["patch", `/api/duties/${ldhYouthMonth}`, hbStaff, { title: "Đổi tên nhiệm vụ của phường khác" }],
      ["post", `/api/duties/${ldhYouthMonth}/units/${hb.unit.DOAN}/hand-in`, hbFocal, { text: "Kế hoạch Tháng Thanh niên của Đoàn.", fileIds: [file] }],
      ["post", `/api/duties/${ldhYouthMonth}/units/${ldhDoan}/accept`, hbStaff, {}],
      ["post", `/api/duties/${ldhYouthMonth}/units/${ldhDoan}/return`, hbStaff, { reason: "Trả lại phần nộp của phường khác." }],
      ["post", `/api/duties/${ldhYouthMonth}/remind`, hbStaff, {}],
    ] as const) {
      expect404(await (h().http() as any)[method](url).set(bearer(token)).send(body), "DUTY_NOT_FOUND", `${method} ${url}`);
    }
    // a duty for another ward's unit is refused, nothing saved
    const duty = { title: "Rà soát danh sách đoàn viên", startsAt: "2026-11-01T00:00:00+07:00", dueAt: "2026-12-15T23:59:59+07:00", requiresDocument: false };
    const foreign = await h().http().post("/api/duties").set(bearer(hbStaff)).send({ ...duty, unitIds: [ldhDoan] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe("UNKNOWN_UNIT");
    const own = await h().http().post("/api/duties").set(bearer(hbStaff)).send({ ...duty, unitIds: [hb.unit.DOAN] });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect((await get("/api/duties", ldhStaff)).body.entries.map((e: any) => e.dutyId)).not.toContain(own.body.id);
    // its hand-in reaches the ward's own staff only
    const handed = await h().http().post(`/api/duties/${own.body.id}/units/${hb.unit.DOAN}/hand-in`).set(bearer(hbFocal)).send({ text: "Đã rà soát 120 đoàn viên của 2 tổ dân phố." });
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    const told = await h().ctx.database.db.selectFrom("notifications as n").innerJoin("users as u", "u.id", "n.user_id").select("u.ward_id").where("n.kind", "=", "duty_handed_in").execute();
    expect(told.length).toBeGreaterThan(0);
    expect(told.every((t) => t.ward_id === hb.wardId)).toBe(true);
    // city staff read any ward's, naming it, and write none
    expect((await get("/api/duties", city)).body.error.code).toBe("WARD_REQUIRED");
    expect((await get(`/api/duties?wardId=${hb.wardId}`, city)).body.entries.map((e: any) => e.dutyId)).toContain(own.body.id);
    expect((await get(`/api/duties/${ldhYouthMonth}`, city)).status).toBe(200);
    expect((await h().http().post("/api/duties").set(bearer(city)).send({ ...duty, unitIds: [hb.unit.DOAN] })).body.error.code).toBe("ROLE_FORBIDDEN");
    expect404(await get(`/api/duties?wardId=${hb.wardId}`, ldhStaff), "WARD_NOT_FOUND", "another ward named");
  });

  it("keeps each ward's register of difficulties", async () => {
    const db = h().ctx.database.db;
    const ldhPeriod = (await wardAnnualPeriod(db, await h().unitId("UBND"), 2026))!.id;
    const hbPeriod = (await wardAnnualPeriod(db, hb.wardId, 2026))!.id;
    await putReport(h(), ldhPeriod, "TYT", { status: "submitted", difficulties: "Thiếu kinh phí truyền thông sức khỏe sinh sản." });
    await putReport(h(), hbPeriod, "HB-DOAN", { status: "submitted", difficulties: "Thiếu kinh phí tổ chức Tháng Thanh niên." });
    await registerAllSubmitted(h().ctx);
    const ldhItems = (await get("/api/difficulties", ldhStaff)).body.items as any[];
    const hbItems = (await get("/api/difficulties", hbStaff)).body.items as any[];
    expect(hbItems.map((i) => i.text)).toEqual(["Thiếu kinh phí tổ chức Tháng Thanh niên."]);
    expect(ldhItems.map((i) => i.text)).not.toContain("Thiếu kinh phí tổ chức Tháng Thanh niên.");
    const ldhItem = ldhItems.find((i) => i.text.startsWith("Thiếu kinh phí truyền thông")).id;
    const hbItem = hbItems[0].id;
    for (const [method, url, body] of [
      ["get", `/api/difficulties/${ldhItem}`],
      ["patch", `/api/difficulties/${ldhItem}`, { themeId: null }],
      ["post", `/api/difficulties/${ldhItem}/forward`, { to: "Sở Y tế" }],
      ["post", `/api/difficulties/${ldhItem}/resolve`, { answer: "Đã bố trí kinh phí." }],
      ["post", `/api/difficulties/${ldhItem}/merge`, { intoId: hbItem }],
    ] as const) {
      expect404(await (h().http() as any)[method](url).set(bearer(hbStaff)).send(body), "DIFFICULTY_NOT_FOUND", `${method} ${url}`);
    }
    // merging into another ward's item: that item is unknown here
    const merge = await h().http().post(`/api/difficulties/${hbItem}/merge`).set(bearer(hbStaff)).send({ intoId: ldhItem });
    expect(merge.status).toBe(400);
    expect(merge.body.error.code).toBe("UNKNOWN_TARGET");
    expect404(await get(`/api/difficulties/${hbItem}`, ldhObserver), "DIFFICULTY_NOT_FOUND", "the other ward's observer");
    expect((await get(`/api/difficulties/${hbItem}`, hbFocal)).status).toBe(200);
    expect((await get(`/api/difficulties?wardId=${hb.wardId}`, city)).body.items.map((i: any) => i.id)).toEqual([hbItem]);
    expect((await h().http().post(`/api/difficulties/${hbItem}/resolve`).set(bearer(city)).send({ answer: "Sở đã giải quyết." })).body.error.code).toBe("ROLE_FORBIDDEN");
  });

  it("keeps each ward's supervisions: its Front supervises its units, its units answer", async () => {
    const ldhDoan = await h().unitId("DOAN");
    const supervision = (unitId: number, recUnit: number) => ({
      heldOn: "2026-11-10T08:00:00+07:00",
      title: "Giám sát việc thực hiện Nghị quyết 83 tại Đoàn phường",
      unitIds: [unitId],
      findings: "Đoàn phường tổ chức tốt Tháng Thanh niên.",
      recommendations: [{ text: "Đề nghị Đoàn phường mở rộng tổ công nghệ số.", unitId: recUnit, dueAt: "2026-12-15T23:59:59+07:00" }],
    });
    const foreign = await h().http().post("/api/supervisions").set(bearer(hbObserver)).send(supervision(ldhDoan, ldhDoan));
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe("UNKNOWN_UNIT");
    const ldh = await h().http().post("/api/supervisions").set(bearer(ldhObserver)).send(supervision(ldhDoan, ldhDoan));
    expect(ldh.status, JSON.stringify(ldh.body)).toBe(201);
    const hbSup = await h().http().post("/api/supervisions").set(bearer(hbObserver)).send(supervision(hb.unit.DOAN, hb.unit.DOAN));
    expect(hbSup.status).toBe(201);
    expect404(await get(`/api/supervisions/${ldh.body.id}`, hbObserver), "SUPERVISION_NOT_FOUND", "the other ward's supervision");
    expect404(await get(`/api/supervisions/${ldh.body.id}`, hbStaff), "SUPERVISION_NOT_FOUND", "the other ward's supervision");
    const rec = ldh.body.recommendations[0].id;
    expect404(
      await h().http().post(`/api/supervisions/${ldh.body.id}/recommendations/${rec}/answer`).set(bearer(hbStaff)).send({ text: "Trả lời kiến nghị của phường khác." }),
      "RECOMMENDATION_NOT_FOUND",
      "answer another ward's recommendation",
    );
    expect((await get("/api/supervisions", hbStaff)).body.items.map((s: any) => s.id)).toEqual([hbSup.body.id]);
    expect((await get("/api/supervision-recommendations", hbStaff)).body.map((r: any) => r.supervisionId)).toEqual([hbSup.body.id]);
    expect((await get("/api/supervisions", ldhStaff)).body.items.map((s: any) => s.id)).toEqual([ldh.body.id]);
    expect((await get(`/api/supervisions?wardId=${hb.wardId}`, city)).body.items.map((s: any) => s.id)).toEqual([hbSup.body.id]);
    expect((await get("/api/supervision-recommendations", city)).body.error.code).toBe("WARD_REQUIRED");
    // the answer goes to the ward's own Front
    const answered = await h().http().post(`/api/supervisions/${hbSup.body.id}/recommendations/${hbSup.body.recommendations[0].id}/answer`).set(bearer(hbFocal)).send({ text: "Đoàn phường sẽ lập 5 tổ công nghệ số." });
    expect(answered.status).toBe(200);
    const told = await h().ctx.database.db.selectFrom("notifications as n").innerJoin("users as u", "u.id", "n.user_id").select("u.ward_id").where("n.kind", "=", "supervision_answered").execute();
    expect(told.map((t) => t.ward_id)).toEqual([hb.wardId]);
  });

  it("keeps each ward's dialogues: its youth ask in their ward's only", async () => {
    const plan = { title: "Chủ tịch UBND phường Hồng Bàng đối thoại với thanh niên", heldAt: "2026-12-26T08:00:00+07:00", place: "Hội trường UBND phường", presidedBy: "Chủ tịch UBND phường", questionsCloseAt: "2026-12-20T23:59:59+07:00" };
    const created = await h().http().post("/api/dialogues").set(bearer(hbStaff)).send(plan);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect(((await get("/api/dialogues", hbYouth)).body as any[]).map((d) => d.id)).toContain(id);
    expect(((await get("/api/dialogues", ldhYouth)).body as any[]).map((d) => d.id)).not.toContain(id);
    expect(((await h().http().get(`/api/dialogues?wardId=${hb.wardId}`)).body as any[]).map((d) => d.id)).toContain(id);
    expect(((await h().http().get("/api/dialogues")).body as any[]).map((d) => d.id)).not.toContain(id); // anonymous: the default ward
    expect404(await get(`/api/dialogues/${id}`, ldhYouth), "DIALOGUE_NOT_FOUND", "another ward's dialogue");
    expect404(await h().http().post(`/api/dialogues/${id}/questions`).set(bearer(ldhYouth)).send({ text: "Câu hỏi gửi nhầm phường khác có được không ạ?" }), "DIALOGUE_NOT_FOUND", "ask in another ward");
    const q = await h().http().post(`/api/dialogues/${id}/questions`).set(bearer(hbYouth)).send({ text: "Phường có mở lớp kỹ năng số cho thanh niên không ạ?" });
    expect(q.status).toBe(201);
    for (const [method, url, body] of [
      ["patch", `/api/dialogues/${id}/questions/${q.body.id}`, { answer: "Trả lời thay phường khác." }],
      ["post", `/api/dialogues/${id}/publish`, {}],
    ] as const) {
      expect404(await (h().http() as any)[method](url).set(bearer(ldhStaff)).send(body), "DIALOGUE_NOT_FOUND", `${method} ${url}`);
    }
    expect404(await h().http().post(`/api/dialogues/${id}/questions/${q.body.id}/support`).set(bearer(ldhYouth)), "DIALOGUE_NOT_FOUND", "support in another ward");
    expect((await get(`/api/dialogues/${id}/questions`, city)).status).toBe(200);
    expect((await h().http().post("/api/dialogues").set(bearer(city)).send(plan)).body.error.code).toBe("ROLE_FORBIDDEN");
  });

  it("keeps one national holiday list: city staff edit it, every ward reads it", async () => {
    const day = { date: "2026-12-31", name: "Nghỉ bù (thử)" };
    const byWard = await h().http().post("/api/holidays").set(bearer(hbStaff)).send(day);
    expect(byWard.status).toBe(403);
    expect(byWard.body.error.code).toBe("CITY_LEVEL_ONLY");
    expect((await h().http().post("/api/holidays").set(bearer(city)).send(day)).status).toBe(201);
    for (const token of [hbStaff, ldhStaff]) expect(((await get("/api/holidays?year=2026", token)).body as any[]).map((d) => d.date)).toContain("2026-12-31");
    expect((await h().http().delete("/api/holidays/2026-12-31").set(bearer(city))).status).toBe(204);
  });
});
