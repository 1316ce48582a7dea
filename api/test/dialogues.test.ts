import { expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { dialoguesOfYear } from "../src/dialogues/service.js";
import type { Dialogue, DialogueQuestion } from "../src/contract/dialogues.js";

const plan = (over: object = {}) => ({
  title: "Chủ tịch UBND phường đối thoại với thanh niên năm 2026",
  heldAt: "2026-12-26T08:00:00+07:00",
  place: "Hội trường UBND phường Lê Đại Hành",
  presidedBy: "Chủ tịch UBND phường",
  questionsCloseAt: "2026-12-20T23:59:59+07:00",
  ...over,
});

describeEachDb("the chair's dialogue with youth", (h) => {
  let staff: string;
  let asker: string;
  let other: string;
  let observer: string;
  let id: number;
  let qid: number;

  it("staff announce it 30 days ahead (warned otherwise); it appears in the youth's feed", async () => {
    staff = await h().signIn("staff");
    asker = await h().signIn("youth", { name: "Trần Thu Hà" });
    other = await h().signIn("youth", { name: "Lê Minh" });
    observer = await h().signIn("observer");
    // now: 20/11/2026 10:00 (+07:00)
    const short = await h().http().post("/api/dialogues").set(bearer(staff)).send(plan({ heldAt: "2026-12-10T08:00:00+07:00", questionsCloseAt: "2026-12-05T23:59:59+07:00" }));
    expect(short.status).toBe(422);
    expect(short.body.error).toMatchObject({ code: "SHORT_NOTICE", details: { noticeDays: 20, required: 30 } });
    expect(short.body.error.message).toContain("30 ngày");
    expect((await h().http().get("/api/dialogues")).body).toEqual([]);
    const window = await h().http().post("/api/dialogues").set(bearer(staff)).send(plan({ questionsCloseAt: "2026-12-27T00:00:00+07:00" }));
    expect(window.body.error.code).toBe("QUESTION_WINDOW_INVALID");
    expect((await h().http().post("/api/dialogues").set(bearer(observer)).send(plan())).body.error.code).toBe("ROLE_FORBIDDEN");

    const ok = await h().http().post("/api/dialogues").set(bearer(staff)).send(plan());
    expect(ok.status).toBe(201);
    const d = ok.body as Dialogue;
    id = d.id;
    expect(d).toMatchObject({ year: 2026, noticeDays: 36, shortNotice: false, state: "collecting", canAsk: true, questionCount: 0 });
    const feed = (await h().http().get("/api/announcements").set(bearer(asker))).body.items as { id: number; title: string; pinned: boolean }[];
    expect(feed.find((a) => a.id === d.announcementId)).toMatchObject({ title: plan().title, pinned: true });
    const notice = (await h().http().get(`/api/announcements/${d.announcementId}`)).body;
    expect(notice.body).toContain("26/12/2026");
    expect(notice.body).toContain("Đối thoại với thanh niên");

    // a short notice is allowed once staff confirm it, and says so
    const confirmed = await h().http().post("/api/dialogues").set(bearer(staff)).send(plan({ title: "Đối thoại chuyên đề việc làm", heldAt: "2026-12-10T08:00:00+07:00", questionsCloseAt: "2026-12-05T23:59:59+07:00", acknowledgeShortNotice: true }));
    expect(confirmed.body).toMatchObject({ shortNotice: true, noticeDays: 20 });
  });

  it("youth send questions with a tracking code, see and support others'; moderation as for feedback", async () => {
    const sent = await h().http().post(`/api/dialogues/${id}/questions`).set(bearer(asker)).send({ text: "Phường có kế hoạch mở lớp kỹ năng số miễn phí cho thanh niên không ạ?", anonymous: true });
    expect(sent.status).toBe(201);
    expect(sent.body.code).toBe(`DT-2026-${id}-0001`);
    qid = sent.body.id;
    const second = await h().http().post(`/api/dialogues/${id}/questions`).set(bearer(other)).send({ text: "Đề nghị phường tổ chức ngày hội việc làm vào dịp hè." });
    expect(second.body.code).toBe(`DT-2026-${id}-0002`);
    expect((await h().http().post(`/api/dialogues/${id}/questions`).set(bearer(other)).send({ text: "ngắn" })).status).toBe(400);
    expect((await h().http().post(`/api/dialogues/${id}/questions`).set(bearer(observer)).send({ text: "Câu hỏi của giám sát viên." })).body.error.code).toBe("ROLE_FORBIDDEN");

    const seen = (await h().http().get(`/api/dialogues/${id}/questions`).set(bearer(other))).body.items as DialogueQuestion[];
    expect(seen.map((q) => [q.code, q.senderName, q.mine])).toEqual([
      [`DT-2026-${id}-0001`, null, false],
      [`DT-2026-${id}-0002`, "Lê Minh", true],
    ]);
    // anonymous towards youth, not towards staff
    expect((await h().http().get(`/api/dialogues/${id}/questions`).set(bearer(staff))).body.items[0].senderName).toBe("Trần Thu Hà");

    expect((await h().http().post(`/api/dialogues/${id}/questions/${qid}/support`).set(bearer(asker))).body.error.code).toBe("SELF_SUPPORT");
    const sup = await h().http().post(`/api/dialogues/${id}/questions/${qid}/support`).set(bearer(other));
    expect(sup.body).toEqual({ supported: true, supportsCount: 1 });
    expect((await h().http().post(`/api/dialogues/${id}/questions/${qid}/support`).set(bearer(other))).body.error.code).toBe("ALREADY_SUPPORTED");
    expect((await h().http().get(`/api/dialogues/${id}/questions`).set(bearer(other))).body.items[0]).toMatchObject({ id: qid, supported: true, supportsCount: 1 });

    // three flags hide a question until staff look; the asker still sees their own
    const second_id = second.body.id;
    for (const n of ["A", "B", "C"]) {
      const t = await h().signIn("youth", { name: `Người báo cáo ${n}` });
      await h().http().post(`/api/dialogues/${id}/questions/${second_id}/flag`).set(bearer(t)).send({}).expect(200);
    }
    expect((await h().http().get(`/api/dialogues/${id}/questions`).set(bearer(asker))).body.items.map((q: DialogueQuestion) => q.id)).toEqual([qid]);
    expect((await h().http().get(`/api/dialogues/${id}/questions`).set(bearer(other))).body.items.find((q: DialogueQuestion) => q.id === second_id).hidden).toBe(true);
    const shown = await h().http().patch(`/api/dialogues/${id}/questions/${second_id}`).set(bearer(staff)).send({ hidden: false });
    expect(shown.body).toMatchObject({ hidden: false, flagsCount: 3 });
  });

  it("staff group and order them for the chair", async () => {
    const list = (await h().http().get(`/api/dialogues/${id}/questions`).set(bearer(staff))).body.items as DialogueQuestion[];
    const [first, second] = list;
    await h().http().patch(`/api/dialogues/${id}/questions/${second.id}`).set(bearer(staff)).send({ group: "Việc làm", position: 1 }).expect(200);
    await h().http().patch(`/api/dialogues/${id}/questions/${first.id}`).set(bearer(staff)).send({ group: "Kỹ năng số", position: 2 }).expect(200);
    const agenda = (await h().http().get(`/api/dialogues/${id}/questions?order=agenda`).set(bearer(staff))).body.items as DialogueQuestion[];
    expect(agenda.map((q) => q.group)).toEqual(["Kỹ năng số", "Việc làm"]);
    expect((await h().http().patch(`/api/dialogues/${id}/questions/${first.id}`).set(bearer(asker)).send({ group: "x" })).body.error.code).toBe("ROLE_FORBIDDEN");
  });

  it("no question after the window closes; answers only after the dialogue; askers are told", async () => {
    h().clock.set("2026-12-21T08:00:00+07:00");
    asker = await h().signIn("youth", { name: "Trần Thu Hà" });
    staff = await h().signIn("staff");
    const late = await h().http().post(`/api/dialogues/${id}/questions`).set(bearer(asker)).send({ text: "Câu hỏi gửi muộn sau hạn chót." });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("QUESTIONS_CLOSED");
    expect(late.body.error.message).toContain("20/12/2026");

    const answer = "Phường sẽ mở 4 lớp kỹ năng số miễn phí tại nhà văn hóa các tổ dân phố từ tháng 3/2027.";
    await h().http().patch(`/api/dialogues/${id}/questions/${qid}`).set(bearer(staff)).send({ answer }).expect(200);
    // the draft is not public yet
    expect((await h().http().get(`/api/dialogues/${id}/questions`).set(bearer(asker))).body.items.find((q: DialogueQuestion) => q.id === qid).answer).toBeNull();
    const early = await h().http().post(`/api/dialogues/${id}/publish`).set(bearer(staff)).send({});
    expect(early.body.error.code).toBe("DIALOGUE_NOT_HELD_YET");

    h().clock.set("2026-12-26T11:00:00+07:00");
    const pub = await h().http().post(`/api/dialogues/${id}/publish`).set(bearer(staff)).send({ attendees: 120, summary: "Chủ tịch trả lời 2 nhóm câu hỏi." });
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ state: "answered", attendees: 120, answeredCount: 1 });
    const mine = (await h().http().get(`/api/dialogues/${id}/questions`).set(bearer(asker))).body.items.find((q: DialogueQuestion) => q.id === qid);
    expect(mine).toMatchObject({ answer, mine: true });
    const inbox = (await h().http().get("/api/notifications").set(bearer(asker))).body.items as { title: string; link: string }[];
    expect(inbox.filter((n) => n.title === `Câu hỏi DT-2026-${id}-0001 đã được trả lời`)).toHaveLength(1);
    expect(inbox[0].link).toBe(`/dialogues/${id}`);
    // publishing again does not tell the asker twice
    await h().http().post(`/api/dialogues/${id}/publish`).set(bearer(staff)).send({}).expect(200);
    const again = (await h().http().get("/api/notifications").set(bearer(asker))).body.items as { title: string }[];
    expect(again.filter((n) => n.title.endsWith("đã được trả lời"))).toHaveLength(1);
  });

  it("the dialogue held is the evidence for CT14 and task 5", async () => {
    const y = await dialoguesOfYear(h().ctx.database.db, await h().unitId("UBND"), 2026, h().clock.now().toISOString());
    expect(y.held.map((d) => [d.id, d.noticeDays, d.attendees, d.questionCount, d.answeredCount])).toEqual([[id, 36, 120, 2, 1]]);
    expect(y.planned.map((d) => d.shortNotice)).toEqual([true]);
  });
});
