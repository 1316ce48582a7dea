import { expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { supervisionsOfYear } from "../src/supervision/service.js";
import type { Supervision } from "../src/contract/supervision.js";

describeEachDb("the Fatherland Front's supervision", (h) => {
  let observer: string;
  let staff: string;
  let doan: string;
  let ca: string;
  let id: number;
  let recDoan: number;
  let recWard: number;
  let recCa: number;

  const body = async (over: object = {}) => ({
    heldOn: "2026-11-10T08:00:00+07:00",
    title: "Giám sát việc thực hiện Nghị quyết 83 tại Đoàn phường và Công an phường",
    unitIds: [await h().unitId("DOAN"), await h().unitId("CA")],
    findings: "Đoàn phường tổ chức tốt Tháng Thanh niên; Công an phường chưa có số liệu thanh niên được hỗ trợ tái hòa nhập.",
    recommendations: [
      { text: "Đề nghị Đoàn phường mở rộng tổ công nghệ số ra các tổ dân phố.", unitId: await h().unitId("DOAN"), dueAt: "2026-12-15T23:59:59+07:00" },
      { text: "Đề nghị UBND phường bố trí kinh phí cho hoạt động đối thoại.", unitId: await h().unitId("UBND"), dueAt: "2026-12-31T23:59:59+07:00" },
      { text: "Đề nghị Công an phường thống kê thanh niên cần hỗ trợ tái hòa nhập.", unitId: await h().unitId("CA"), dueAt: "2026-11-25T23:59:59+07:00" },
    ],
    ...over,
  });

  it("the observer records a supervision; nobody else can", async () => {
    observer = await h().signIn("observer", { name: "Ủy ban MTTQ phường" });
    staff = await h().signIn("staff");
    doan = await h().signIn("focal", { unitId: await h().unitId("DOAN"), name: "Đầu mối Đoàn" });
    ca = await h().signIn("focal", { unitId: await h().unitId("CA"), name: "Đầu mối Công an" });
    for (const t of [staff, doan]) expect((await h().http().post("/api/supervisions").set(bearer(t)).send(await body())).body.error.code).toBe("ROLE_FORBIDDEN");

    const future = await h().http().post("/api/supervisions").set(bearer(observer)).send(await body({ heldOn: "2026-12-01T08:00:00+07:00" }));
    expect(future.body.error.code).toBe("SUPERVISION_IN_FUTURE");
    const late = await body();
    late.recommendations[0].dueAt = "2026-11-01T00:00:00+07:00";
    const past = await h().http().post("/api/supervisions").set(bearer(observer)).send(late);
    expect(past.status).toBe(400);
    expect(past.body.error).toMatchObject({ code: "RECOMMENDATION_DUE_PAST", details: [{ path: "recommendations.0.dueAt" }] });
    const none = await h().http().post("/api/supervisions").set(bearer(observer)).send(await body({ recommendations: [] }));
    expect(none.body.error.details[0].message).toMatch(/ít nhất một kiến nghị/);
    expect((await h().http().get("/api/supervisions").set(bearer(staff))).body.items).toEqual([]);

    const ok = await h().http().post("/api/supervisions").set(bearer(observer)).send(await body());
    expect(ok.status).toBe(201);
    const s = ok.body as Supervision;
    id = s.id;
    [recDoan, recWard, recCa] = s.recommendations.map((r) => r.id);
    expect(s).toMatchObject({ year: 2026, createdBy: "Ủy ban MTTQ phường", units: [{ name: "Công an phường" }, { name: "Đoàn TNCS Hồ Chí Minh phường" }] });
    expect(s.recommendations.map((r) => [r.unit.isWard, r.state, r.canAnswer])).toEqual([
      [false, "open", false],
      [true, "open", false],
      [false, "open", false],
    ]);
    // the units it is sent to are told; the ward's recommendation goes to staff
    const doanInbox = (await h().http().get("/api/notifications").set(bearer(doan))).body.items;
    expect(doanInbox[0]).toMatchObject({ title: "Kiến nghị giám sát của Ủy ban MTTQ phường cần trả lời", link: `/supervisions/${id}` });
    expect((await h().http().get("/api/notifications").set(bearer(staff))).body.items[0].body).toContain("31/12/2026");
  });

  it("each unit answers what was sent to it, and only that; the Front sees the answers", async () => {
    const mine = (await h().http().get(`/api/supervisions/${id}`).set(bearer(doan))).body as Supervision;
    expect(mine.recommendations.map((r) => r.canAnswer)).toEqual([true, false, false]);
    const wrong = await h().http().post(`/api/supervisions/${id}/recommendations/${recCa}/answer`).set(bearer(doan)).send({ text: "Đoàn phường trả lời thay Công an." });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toMatchObject({ code: "RECOMMENDATION_NOT_YOURS" });
    expect(wrong.body.error.message).toContain("Công an phường");
    const ward = await h().http().post(`/api/supervisions/${id}/recommendations/${recWard}/answer`).set(bearer(doan)).send({ text: "Đoàn phường trả lời thay UBND." });
    expect(ward.body.error.code).toBe("RECOMMENDATION_NOT_YOURS");
    const asObserver = await h().http().post(`/api/supervisions/${id}/recommendations/${recDoan}/answer`).set(bearer(observer)).send({ text: "MTTQ tự trả lời kiến nghị." });
    expect(asObserver.body.error.code).toBe("ROLE_FORBIDDEN");

    const answered = await h().http().post(`/api/supervisions/${id}/recommendations/${recDoan}/answer`).set(bearer(doan)).send({ text: "Đoàn phường sẽ lập 10 tổ công nghệ số trong quý I/2027." });
    expect(answered.status).toBe(200);
    expect(answered.body.recommendations[0]).toMatchObject({ state: "answered", answeredBy: "Đầu mối Đoàn", canAnswer: false });
    const twice = await h().http().post(`/api/supervisions/${id}/recommendations/${recDoan}/answer`).set(bearer(doan)).send({ text: "Trả lời thêm một lần nữa." });
    expect(twice.body.error.code).toBe("ALREADY_ANSWERED");
    await h().http().post(`/api/supervisions/${id}/recommendations/${recWard}/answer`).set(bearer(staff)).send({ text: "UBND phường bố trí 15 triệu đồng năm 2027." }).expect(200);

    const front = (await h().http().get(`/api/supervisions/${id}`).set(bearer(observer))).body as Supervision;
    expect(front.recommendations[0].answer).toBe("Đoàn phường sẽ lập 10 tổ công nghệ số trong quý I/2027.");
    const told = (await h().http().get("/api/notifications").set(bearer(observer))).body.items.map((n: { title: string }) => n.title);
    expect(told).toContain("Đoàn TNCS Hồ Chí Minh phường đã trả lời kiến nghị giám sát");
    // a unit not concerned does not see it
    const tyt = await h().signIn("focal", { unitId: await h().unitId("TYT") });
    expect((await h().http().get(`/api/supervisions/${id}`).set(bearer(tyt))).status).toBe(404);
    expect((await h().http().get("/api/supervisions").set(bearer(tyt))).body.items).toEqual([]);
  });

  it("late answers show for staff; the ward report gets the year's supervisions", async () => {
    h().clock.set("2026-11-27T09:00:00+07:00");
    staff = await h().signIn("staff");
    const overdue = (await h().http().get("/api/supervision-recommendations?state=overdue").set(bearer(staff))).body;
    expect(overdue.map((r: { id: number; unit: { name: string } }) => [r.id, r.unit.name])).toEqual([[recCa, "Công an phường"]]);
    expect((await h().http().get("/api/supervisions").set(bearer(staff))).body.overdue).toBe(1);
    const caList = (await h().http().get("/api/supervision-recommendations").set(bearer(await h().signIn("focal", { unitId: await h().unitId("CA") })))).body;
    expect(caList.map((r: { state: string }) => r.state)).toEqual(["overdue"]);
    await h().http().post(`/api/supervisions/${id}/recommendations/${recCa}/answer`).set(bearer(await h().signIn("focal", { unitId: await h().unitId("CA") }))).send({ text: "Công an phường đã thống kê 12 thanh niên." }).expect(200);
    void ca;
    const year = await supervisionsOfYear(h().ctx.database.db, await h().unitId("UBND"), 2026, h().clock.now().toISOString());
    expect(year).toHaveLength(1);
    expect(year[0].recommendations.map((r) => r.state)).toEqual(["answered", "answered", "answered_late"]);
    expect((await h().http().get("/api/supervision-recommendations?state=overdue").set(bearer(staff))).body).toEqual([]);
  });
});
