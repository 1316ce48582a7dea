import { expect, it } from "vitest";
import { bearer, describeEachDb, type Harness } from "./harness.js";
import { uploadPng } from "./feedback-helpers.js";
import { ensureDutyYears } from "../src/duties/plan.js";
import { runDutyReminders } from "../src/duties/reminders.js";
import type { DutyCalendar, DutyDetail } from "../src/contract/duties.js";

async function calendar(h: () => Harness, token: string, year?: number): Promise<DutyCalendar> {
  const res = await h().http().get(`/api/duties${year ? `?year=${year}` : ""}`).set(bearer(token));
  expect(res.status).toBe(200);
  return res.body;
}

const notes = (h: () => Harness, userId: number, kind: string) =>
  h().ctx.database.db.selectFrom("notifications").selectAll().where("user_id", "=", userId).where("kind", "=", kind).execute();

describeEachDb("duties with deadlines", (h) => {
  let staff: string;
  let observer: string;
  let vhxh: string;
  let doan: string;
  let ca: string;
  let doanId: number;
  let vhxhFocalId: number;

  it("seeds the plan's duties for 2026 beside the 30/11 report", async () => {
    staff = await h().signIn("staff");
    observer = await h().signIn("observer");
    vhxh = await h().signIn("focal", { unitId: await h().unitId("VHXH"), name: "Đầu mối VHXH" });
    doan = await h().signIn("focal", { unitId: await h().unitId("DOAN"), name: "Đầu mối Đoàn" });
    ca = await h().signIn("focal", { unitId: await h().unitId("CA"), name: "Đầu mối Công an" });
    doanId = await h().unitId("DOAN");
    vhxhFocalId = (await h().http().get("/api/me").set(bearer(vhxh))).body.id;

    const cal = await calendar(h, staff);
    expect(cal.year).toBe(2026);
    expect(cal.entries.map((e) => e.kind)).toEqual(["unit_plan", "training_plan", "youth_month", "dialogue", "report"]);
    const plan = cal.entries[0];
    expect(plan.dueAt).toBe("2026-01-31T16:59:59.000Z"); // 31/01/2026 23:59:59 +07:00
    // the offices, the police, the military command and every unit with targets
    expect(plan.counts.expected).toBeGreaterThanOrEqual(15);
    expect(plan.counts.overdue).toBe(plan.counts.expected); // nobody has handed in, and January is past
    const training = cal.entries[1];
    expect(training.dueAt).toBe("2026-03-31T16:59:59.000Z");
    expect(training.counts.expected).toBe(1);
    expect(training.recursYearly).toBe(true);
    expect(cal.entries[4]).toMatchObject({ kind: "report", dueAt: "2026-11-30T16:59:59.000Z", dutyId: null });

    // a focal point sees what their unit owes, with its own status
    const mine = await calendar(h, doan);
    expect(mine.entries.map((e) => e.kind)).toEqual(["unit_plan", "youth_month", "dialogue", "report"]);
    expect(mine.entries.every((e) => e.myStatus === "not_started")).toBe(true);
    expect((await calendar(h, vhxh)).entries.map((e) => e.kind)).toContain("training_plan");
    // seeding twice changes nothing
    expect(await ensureDutyYears(h().ctx)).toEqual([]);
  });

  it("a focal point hands in the unit's plan; staff return it with a reason, then accept it", async () => {
    const plan = (await calendar(h, doan)).entries[0];
    const id = plan.dutyId!;
    const url = `/api/duties/${id}/units/${doanId}`;

    // bad input keeps nothing half-done: no document, for another unit, as the observer
    const noDoc = await h().http().post(`${url}/hand-in`).set(bearer(doan)).send({ text: "Kế hoạch số 12/KH-ĐTN ngày 20/01/2026." });
    expect(noDoc.status).toBe(400);
    expect(noDoc.body.error.code).toBe("DOCUMENT_REQUIRED");
    const file = await uploadPng(h, doan, "ke-hoach.png");
    const other = await h().http().post(`/api/duties/${id}/units/${await h().unitId("CA")}/hand-in`).set(bearer(doan)).send({ text: "Nộp thay đơn vị khác.", fileIds: [file] });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe("UNIT_FORBIDDEN");
    expect(other.body.error.message).toMatch(/đơn vị của mình/);
    const asObserver = await h().http().post(`${url}/hand-in`).set(bearer(observer)).send({ text: "Giám sát nộp hộ.", fileIds: [file] });
    expect(asObserver.body.error.code).toBe("ROLE_FORBIDDEN");
    const short = await h().http().post(`${url}/hand-in`).set(bearer(doan)).send({ text: "ngắn", fileIds: [file] });
    expect(short.status).toBe(400);
    expect(short.body.error.details[0].message).toMatch(/ít nhất 10 ký tự/);
    // nothing was recorded by the refused attempts
    expect((await h().http().get(`/api/duties/${id}`).set(bearer(doan))).body.units[0]).toMatchObject({ status: "not_started", history: [] });

    const handed = await h().http().post(`${url}/hand-in`).set(bearer(doan)).send({ text: "Kế hoạch số 12/KH-ĐTN ngày 20/01/2026.", fileIds: [file] });
    expect(handed.status).toBe(200);
    const unit = (handed.body as DutyDetail).units[0];
    expect(unit).toMatchObject({ unitId: doanId, status: "handed_in", handedInBy: "Đầu mối Đoàn", late: true });
    expect(unit.files.map((f) => f.id)).toEqual([file]);
    // a focal point sees only their unit; staff see every unit
    expect((handed.body as DutyDetail).units).toHaveLength(1);
    expect((await h().http().get(`/api/duties/${id}`).set(bearer(staff))).body.units.length).toBeGreaterThan(10);
    const tyt = await h().signIn("focal", { unitId: await h().unitId("TYT") });
    expect((await h().http().get(`/api/duties/${id}`).set(bearer(tyt))).status).toBe(200);
    // the handed-in document has the hand-in's access: the unit, staff, the observer — not another unit, not anonymous
    expect((await h().http().get(`/api/files/${file}`).set(bearer(staff))).status).toBe(200);
    expect((await h().http().get(`/api/files/${file}`).set(bearer(observer))).status).toBe(200);
    expect((await h().http().get(`/api/files/${file}`).set(bearer(tyt))).status).toBe(404);
    expect((await h().http().get(`/api/files/${file}`)).status).toBe(404);
    expect((await h().http().get(unit.files[0].url.replace(/^https?:\/\/[^/]+/, "")))).toHaveProperty("status", 200); // the signed link opens without a token
    // someone else's file cannot be attached
    const foreign = await h().http().post(`${url}/hand-in`).set(bearer(doan)).send({ text: "Nộp bằng tệp của người khác.", fileIds: [await uploadPng(h, tyt, "khac.png")] });
    expect(foreign.body.error.code).toBe("UNKNOWN_FILE");

    const noReason = await h().http().post(`${url}/return`).set(bearer(staff)).send({});
    expect(noReason.status).toBe(400);
    const returned = await h().http().post(`${url}/return`).set(bearer(staff)).send({ reason: "Thiếu chỉ tiêu CT10 về kỹ năng số." });
    expect(returned.body.units.find((u: { unitId: number }) => u.unitId === doanId)).toMatchObject({ status: "returned", returnReason: "Thiếu chỉ tiêu CT10 về kỹ năng số." });
    const doanUser = (await h().http().get("/api/me").set(bearer(doan))).body.id;
    const told = await notes(h, doanUser, "duty_return");
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain("Thiếu chỉ tiêu CT10");
    expect(told[0].link).toBe(`/duties/${id}`);
    // accepting a returned hand-in is refused: the unit must hand in again first
    expect((await h().http().post(`${url}/accept`).set(bearer(staff))).body.error.code).toBe("INVALID_DUTY_STATUS");

    await h().http().post(`${url}/hand-in`).set(bearer(doan)).send({ text: "Kế hoạch đã bổ sung chỉ tiêu CT10.", fileIds: [file] }).expect(200);
    const accepted = await h().http().post(`${url}/accept`).set(bearer(staff));
    const mine = (await h().http().get(`/api/duties/${id}`).set(bearer(doan))).body as DutyDetail;
    expect(accepted.status).toBe(200);
    expect(mine.units[0].status).toBe("accepted");
    expect(mine.units[0].history.map((x) => x.action)).toEqual(["hand_in", "return", "hand_in", "accept"]);
    expect((await notes(h, doanUser, "duty_accept")).length).toBe(1);
    const again = await h().http().post(`${url}/hand-in`).set(bearer(doan)).send({ text: "Nộp lại lần nữa cho chắc.", fileIds: [file] });
    expect(again.body.error.code).toBe("DUTY_ALREADY_ACCEPTED");
    expect((await calendar(h, doan)).entries[0]).toMatchObject({ myStatus: "accepted", overdue: false });
  });

  it("staff give a duty; one due before it starts is refused", async () => {
    const bad = await h()
      .http()
      .post("/api/duties")
      .set(bearer(staff))
      .send({ title: "Rà soát danh sách thanh niên", startsAt: "2026-12-10T00:00:00+07:00", dueAt: "2026-12-01T23:59:59+07:00", unitIds: [doanId] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("DUE_BEFORE_START");
    expect(bad.body.error.message).toMatch(/sau ngày bắt đầu/);
    const asFocal = await h().http().post("/api/duties").set(bearer(doan)).send({ title: "x", startsAt: "2026-12-01T00:00:00Z", dueAt: "2026-12-02T00:00:00Z", unitIds: [doanId] });
    expect(asFocal.body.error.code).toBe("ROLE_FORBIDDEN");
    const ok = await h()
      .http()
      .post("/api/duties")
      .set(bearer(staff))
      .send({ title: "Rà soát danh sách thanh niên", startsAt: "2026-11-01T00:00:00+07:00", dueAt: "2026-12-15T23:59:59+07:00", unitIds: [doanId], requiresDocument: false, recursYearly: true });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ kind: "custom", year: 2026, recursYearly: true, counts: { expected: 1, notStarted: 1, overdue: 0 } });
    const handed = await h().http().post(`/api/duties/${ok.body.id}/units/${doanId}/hand-in`).set(bearer(doan)).send({ text: "Đã rà soát 10 tổ dân phố." });
    expect(handed.body.units[0].status).toBe("handed_in");
    const patch = await h().http().patch(`/api/duties/${ok.body.id}`).set(bearer(staff)).send({ dueAt: "2026-10-01T00:00:00+07:00" });
    expect(patch.body.error.code).toBe("DUE_BEFORE_START");
  });

  it("reminds through the outbox: never twice a day by hand, each automatic step once", async () => {
    const training = (await calendar(h, staff)).entries.find((e) => e.kind === "training_plan")!;
    const first = await h().http().post(`/api/duties/${training.dutyId}/remind`).set(bearer(staff)).send({});
    expect(first.body).toMatchObject({ units: [await h().unitId("VHXH")], notified: 1, withoutFocal: 0 });
    const second = await h().http().post(`/api/duties/${training.dutyId}/remind`).set(bearer(staff)).send({});
    expect(second.body.notified).toBe(0);
    const msg = (await notes(h, vhxhFocalId, "duty_reminder"))[0];
    expect(msg.title).toBe("Đơn vị đã quá hạn nộp");
    expect(msg.body).toContain("31/03/2026");
  });

  it("next year's copies appear on 01/01 (once), and the automatic reminders come before and after", async () => {
    h().clock.set("2027-01-01T00:30:00+07:00");
    const created = await ensureDutyYears(h().ctx);
    expect(created.length).toBe(4); // training plan, Youth Month, dialogue, and the staff's yearly duty
    expect(await ensureDutyYears(h().ctx)).toEqual([]);
    staff = await h().signIn("staff"); // sessions last 30 days
    const cal = await calendar(h, staff, 2027);
    expect(cal.entries.find((e) => e.kind === "training_plan")).toMatchObject({ dueAt: "2027-03-31T16:59:59.000Z", title: expect.stringContaining("năm 2027") });
    expect(cal.entries.some((e) => e.kind === "unit_plan")).toBe(false); // January 2026 only
    expect(cal.entries.find((e) => e.kind === "custom")?.dueAt).toBe("2027-12-15T16:59:59.000Z");
    expect(cal.years).toEqual(expect.arrayContaining([2026, 2027]));

    h().clock.set("2027-03-24T09:00:00+07:00"); // 7 days before 31/03/2027
    const n = await runDutyReminders(h().ctx);
    expect(n).toBeGreaterThanOrEqual(2); // VHXH (training plan) and the Youth Union (Youth Month)
    expect(await runDutyReminders(h().ctx)).toBe(0);
    const titles = (await notes(h, vhxhFocalId, "duty_reminder")).map((x) => x.title);
    expect(titles).toContain("Còn 7 ngày đến hạn: Đưa nội dung bồi dưỡng cán bộ làm công tác thanh niên vào kế hoạch đào tạo, bồi dưỡng năm 2027");
    h().clock.set("2027-04-01T09:00:00+07:00");
    expect(await runDutyReminders(h().ctx)).toBeGreaterThanOrEqual(2);
    expect((await notes(h, vhxhFocalId, "duty_reminder")).map((x) => x.title)).toContain("Đơn vị đã quá hạn nộp");
    expect(await runDutyReminders(h().ctx)).toBe(0);
    void ca;
  });
});
