import { expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { addWorkingDays } from "../src/feedback/due.js";
import { categoryId, uploadPng } from "./feedback-helpers.js";

const CONTENT = "Đường ngõ 5 tổ dân phố số 1 bị ngập mỗi khi mưa lớn, đề nghị phường nạo vét cống.";

describeEachDb("feedback: sending", (h) => {
  it("lists the six default categories, each with 5 working days", async () => {
    const res = await h().http().get("/api/feedback/categories");
    expect(res.status).toBe(200);
    expect(res.body.map((c: any) => c.name)).toEqual([
      "Học tập - Việc làm",
      "Văn hóa - Thể thao",
      "An ninh - Trật tự",
      "Môi trường",
      "Chính sách thanh niên",
      "Khác",
    ]);
    expect(res.body.every((c: any) => c.answerDays === 5)).toBe(true);
  });

  it("gives a GY-yyyy-nnnnnn code and a due date that skips weekends and holidays", async () => {
    // Friday 24/04/2026 10:00 in Vietnam: 27/04, 30/04 and 01/05 are holidays → 28, 29/04, 04, 05, 06/05.
    h().clock.set("2026-04-24T03:00:00.000Z");
    const token = await h().signIn("youth", { name: "Người gửi ngày lễ" });
    const res = await h().http().post("/api/feedback").set(bearer(token)).send({ categoryId: await categoryId(h), content: CONTENT });
    expect(res.status).toBe(201);
    expect(res.body.code).toMatch(/^GY-2026-\d{6}$/);
    expect(res.body.status).toBe("received");
    expect(res.body.dueAt).toBe("2026-05-06T16:59:59.000Z");
    const second = await h().http().post("/api/feedback").set(bearer(token)).send({ categoryId: await categoryId(h), content: CONTENT + " (2)" });
    const n1 = Number(res.body.code.slice(-6));
    expect(second.body.code).toBe(`GY-2026-${String(n1 + 1).padStart(6, "0")}`);
    // A new year starts a new sequence.
    h().clock.set("2027-01-04T03:00:00.000Z");
    const later = await h().signIn("youth", { name: "Người gửi năm sau" }); // sessions last 30 days
    const next = await h().http().post("/api/feedback").set(bearer(later)).send({ categoryId: await categoryId(h), content: CONTENT });
    expect(next.body.code).toBe("GY-2027-000001");
    // 04/01/2027 (Monday) + 5 working days = 11/01/2027 (Monday).
    expect(next.body.dueAt).toBe("2027-01-11T16:59:59.000Z");
    h().clock.set("2026-11-20T03:00:00.000Z");
  });

  it("uses the category's configured answer time (set by the city for every ward)", async () => {
    const staff = await h().signIn("city_staff");
    const id = await categoryId(h, "AN_NINH_TRAT_TU");
    const patched = await h().http().patch(`/api/feedback/categories/${id}`).set(bearer(staff)).send({ answerDays: 3 });
    expect(patched.status).toBe(200);
    expect(patched.body.answerDays).toBe(3);
    const youth = await h().signIn("youth", { name: "Hỏi an ninh" });
    expect((await h().http().patch(`/api/feedback/categories/${id}`).set(bearer(youth)).send({ answerDays: 1 })).status).toBe(403);
    // a ward's staff read the shared answer times, the city sets them
    const wardStaff = await h().signIn("staff");
    expect((await h().http().patch(`/api/feedback/categories/${id}`).set(bearer(wardStaff)).send({ answerDays: 1 })).body.error.code).toBe("ROLE_FORBIDDEN");
    // Friday 20/11/2026 + 3 working days = Wednesday 25/11/2026.
    const res = await h().http().post("/api/feedback").set(bearer(youth)).send({ categoryId: id, content: CONTENT });
    expect(res.body.dueAt).toBe("2026-11-25T16:59:59.000Z");
  });

  it("hands out unique, gap-free codes under concurrent submissions", async () => {
    const tokens = await Promise.all([1, 2, 3, 4, 5].map((i) => h().signIn("youth", { name: `Đồng thời ${i}` })));
    const cat = await categoryId(h);
    const results = await Promise.all(
      tokens.flatMap((t) => [0, 1].map((k) => h().http().post("/api/feedback").set(bearer(t)).send({ categoryId: cat, content: `${CONTENT} #${k}` }))),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const seqs = results.map((r) => Number(r.body.code.slice(-6))).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(10);
    expect(seqs[9] - seqs[0]).toBe(9);
  });

  it("a double tap with the same idempotency key creates one item (header or body)", async () => {
    const token = await h().signIn("youth", { name: "Bấm hai lần" });
    const cat = await categoryId(h);
    const key = "draft-7f3a9c21-0001";
    const taps = await Promise.all(
      [0, 1, 2].map(() => h().http().post("/api/feedback").set(bearer(token)).set("Idempotency-Key", key).send({ categoryId: cat, content: CONTENT })),
    );
    expect(taps.map((t) => t.status)).toEqual([201, 201, 201]);
    expect(new Set(taps.map((t) => t.body.id)).size).toBe(1);
    const viaBody = await h().http().post("/api/feedback").set(bearer(token)).send({ categoryId: cat, content: CONTENT, idempotencyKey: key });
    expect(viaBody.body.id).toBe(taps[0].body.id);
    expect(viaBody.headers["idempotent-replayed"]).toBe("true");
    const mine = await h().http().get("/api/feedback/mine").set(bearer(token));
    expect(mine.body.items).toHaveLength(1);
    // The same key from another person is a different item.
    const other = await h().signIn("youth", { name: "Người khác cùng khóa" });
    const theirs = await h().http().post("/api/feedback").set(bearer(other)).set("Idempotency-Key", key).send({ categoryId: cat, content: CONTENT });
    expect(theirs.body.id).not.toBe(taps[0].body.id);
    const bad = await h().http().post("/api/feedback").set(bearer(token)).set("Idempotency-Key", "x y").send({ categoryId: cat, content: CONTENT });
    expect(bad.status).toBe(400);
  });

  it("refuses empty, short, huge content and unknown categories; stores script as plain text", async () => {
    const token = await h().signIn("youth", { name: "Nhập sai" });
    const cat = await categoryId(h);
    const post = (body: object) => h().http().post("/api/feedback").set(bearer(token)).send(body);
    expect((await post({ categoryId: cat, content: "" })).body.error.code).toBe("VALIDATION_FAILED");
    expect((await post({ categoryId: cat, content: "   ngắn   " })).status).toBe(400);
    expect((await post({ categoryId: cat, content: "a".repeat(5001) })).status).toBe(400);
    expect((await post({ categoryId: 99999, content: CONTENT })).body.error.code).toBe("UNKNOWN_CATEGORY");
    expect((await post({ categoryId: cat, content: CONTENT, placeUnitId: await h().unitId("DOAN") })).body.error.code).toBe("UNKNOWN_PLACE");
    expect((await post({ categoryId: cat, content: CONTENT, photoIds: ["a", "b", "c", "d", "e", "f"] })).status).toBe(400);
    expect((await post({ categoryId: cat, content: CONTENT, photoIds: ["khong-ton-tai"] })).body.error.code).toBe("UNKNOWN_FILE");
    expect((await h().http().post("/api/feedback").send({ categoryId: cat, content: CONTENT })).status).toBe(401);

    const script = `<script>alert("x")</script> <img src=x onerror=alert(1)> cống bị tắc`;
    const ok = await post({ categoryId: cat, content: script, placeUnitId: await h().unitId("TDP01") });
    expect(ok.status).toBe(201);
    const detail = await h().http().get(`/api/feedback/${ok.body.id}`).set(bearer(token));
    expect(detail.body.item.content).toBe(script);
    expect(detail.body.item.place.id).toBe(await h().unitId("TDP01"));
    expect(detail.headers["content-type"]).toMatch(/application\/json/);
    // Control characters are dropped; line breaks are kept.
    const ctl = await post({ categoryId: cat, content: "Dòng một\u0000\u0007\r\nDòng hai có nội dung" });
    const ctlDetail = await h().http().get(`/api/feedback/${ctl.body.id}`).set(bearer(token));
    expect(ctlDetail.body.item.content).toBe("Dòng một\nDòng hai có nội dung");
    expect((await post({ categoryId: cat, content: "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008ab" })).body.error.code).toBe("CONTENT_TOO_SHORT");
  });

  it("accepts up to 5 image photos and refuses a non-image file", async () => {
    const token = await h().signIn("youth", { name: "Có ảnh" });
    const cat = await categoryId(h);
    const photo = await uploadPng(h, token);
    const pdf = await h()
      .http()
      .post("/api/files")
      .set(bearer(token))
      .attach("file", Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), { filename: "a.pdf", contentType: "application/pdf" });
    expect(pdf.status).toBe(201);
    const refused = await h().http().post("/api/feedback").set(bearer(token)).send({ categoryId: cat, content: CONTENT, photoIds: [pdf.body.id] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("NOT_AN_IMAGE");
    const ok = await h().http().post("/api/feedback").set(bearer(token)).send({ categoryId: cat, content: CONTENT, photoIds: [photo] });
    expect(ok.status).toBe(201);
    const detail = await h().http().get(`/api/feedback/${ok.body.id}`).set(bearer(token));
    expect(detail.body.photos).toEqual([expect.objectContaining({ id: photo, mime: "image/png", url: expect.stringMatching(new RegExp(`^/api/files/${photo}\\?exp=`)), hidden: false })]);
  });

  it("limits a flood: the sixth item within an hour is refused with when to retry", async () => {
    const token = await h().signIn("youth", { name: "Gửi dồn dập" });
    const cat = await categoryId(h);
    const start = Date.parse("2026-11-20T03:00:00.000Z");
    for (let i = 0; i < 5; i++) {
      h().clock.set(new Date(start + i * 60_000).toISOString());
      expect((await h().http().post("/api/feedback").set(bearer(token)).send({ categoryId: cat, content: `${CONTENT} ${i}` })).status).toBe(201);
    }
    h().clock.set(new Date(start + 10 * 60_000).toISOString());
    const sixth = await h().http().post("/api/feedback").set(bearer(token)).send({ categoryId: cat, content: `${CONTENT} 6` });
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe("FEEDBACK_RATE_LIMITED");
    // The first went out at 10:00 Vietnam time: the sender may go on from 11:00.
    expect(sixth.body.error.message).toContain("11:00 20/11/2026");
    expect(sixth.body.error.details.retryAt).toBe("2026-11-20T04:00:00.000Z");
    expect(sixth.headers["retry-after"]).toBe(String(50 * 60));
    expect((await h().http().get("/api/feedback/mine").set(bearer(token))).body.items).toHaveLength(5);
    h().clock.set(new Date(start + 60 * 60_000 + 1000).toISOString());
    expect((await h().http().post("/api/feedback").set(bearer(token)).send({ categoryId: cat, content: `${CONTENT} 7` })).status).toBe(201);
    h().clock.set("2026-11-20T03:00:00.000Z");
  });
});

it("working days: weekends and holidays are skipped (pure function)", () => {
  const holidays = new Set(["2026-04-27", "2026-04-30", "2026-05-01"]);
  expect(addWorkingDays("2026-04-24T03:00:00.000Z", 5, holidays)).toBe("2026-05-06T16:59:59.000Z");
  // Received on Saturday 25/04 (Vietnam): counting starts Tuesday 28/04.
  expect(addWorkingDays("2026-04-25T03:00:00.000Z", 1, holidays)).toBe("2026-04-28T16:59:59.000Z");
  // 23:30 Friday UTC is already Saturday in Vietnam.
  expect(addWorkingDays("2026-11-20T17:30:00.000Z", 1, new Set())).toBe("2026-11-23T16:59:59.000Z");
});
