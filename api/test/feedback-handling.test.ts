import { expect, it } from "vitest";
import { bearer, describeEachDb, type Harness } from "./harness.js";
import { categoryId, PNG_1X1, uploadPng } from "./feedback-helpers.js";

const CONTENT = "Sân chơi tổ dân phố số 2 xuống cấp, đề nghị sửa lại xích đu cho các em nhỏ.";

async function send(h: () => Harness, token: string, extra: object = {}) {
  h().clock.advance(13 * 60_000); // stay under the 5-per-hour limit
  const res = await h()
    .http()
    .post("/api/feedback")
    .set(bearer(token))
    .send({ categoryId: await categoryId(h), content: CONTENT, allowPublic: true, anonymous: false, ...extra });
  expect(res.status).toBe(201);
  return res.body as { id: number; code: string };
}

describeEachDb("feedback: handling, visibility and moderation", (h) => {
  let staff: string;
  let observer: string;
  let doanFocal: string;
  let otherFocal: string;
  let sender: string;
  let stranger: string;
  let senderId: number;

  it("sets up the people", async () => {
    staff = await h().signIn("staff");
    observer = await h().signIn("observer");
    doanFocal = await h().signIn("focal", { unitId: await h().unitId("DOAN") });
    otherFocal = await h().signIn("focal", { unitId: await h().unitId("CA") });
    sender = await h().signIn("youth", { name: "Lê Thị Ẩn Danh" });
    stranger = await h().signIn("youth", { name: "Người lạ" });
    senderId = (await h().http().get("/api/me").set(bearer(sender))).body.id;
    const row = await h().ctx.database.db.selectFrom("users").select("id").where("id", "=", senderId).executeTakeFirstOrThrow();
    // Give the sender a Zalo id, to prove it never appears anywhere public.
    await h().ctx.database.db.updateTable("users").set({ zalo_id: "zalo-9876543210" }).where("id", "=", row.id).execute();
  });

  it("visibility matrix before the answer: others get 404, never 403", async () => {
    const { id } = await send(h, sender, { anonymous: true });
    const get = (token?: string) => {
      const r = h().http().get(`/api/feedback/${id}`);
      return token ? r.set(bearer(token)) : r;
    };
    expect((await get(sender)).body.scope).toBe("full");
    expect((await get(sender)).body.notes).toBeNull();
    expect((await get(staff)).body.scope).toBe("full");
    expect((await get(staff)).body.item.senderName).toBe("Lê Thị Ẩn Danh");
    expect((await get(observer)).body.notes).toEqual([]);
    expect((await get(observer)).body.viewer).toMatchObject({ canManage: false, canAnswer: false, canNote: false });
    expect((await get(stranger)).status).toBe(404);
    expect((await get()).status).toBe(404);
    expect((await get(doanFocal)).status).toBe(404); // not assigned yet
    expect((await get(stranger)).body.error.code).toBe("FEEDBACK_NOT_FOUND");
    expect((await h().http().get("/api/feedback/999999").set(bearer(stranger))).body.error.code).toBe("FEEDBACK_NOT_FOUND");
    // Roles: a youth cannot open the inbox or change an item.
    expect((await h().http().get("/api/feedback").set(bearer(sender))).status).toBe(403);
    expect((await h().http().patch(`/api/feedback/${id}`).set(bearer(observer)).send({ hidden: true })).status).toBe(403);
  });

  it("the full journey: assign, focal answers, the sender is notified, the public sees it without the name", async () => {
    const photo = await uploadPng(h, sender);
    const { id, code } = await send(h, sender, { anonymous: true, photoIds: [photo] });
    const doan = await h().unitId("DOAN");

    // Focal points see nothing until it is assigned to their unit.
    expect((await h().http().post(`/api/feedback/${id}/answer`).set(bearer(doanFocal)).send({ text: "Chúng tôi sẽ xử lý ngay." })).status).toBe(404);
    const assigned = await h().http().patch(`/api/feedback/${id}`).set(bearer(staff)).send({ assignedUnitId: doan });
    expect(assigned.status).toBe(200);
    expect(assigned.body.item).toMatchObject({ status: "in_progress", assignedUnit: { id: doan } });
    const doanFocalId = (await h().http().get("/api/me").set(bearer(doanFocal))).body.id;
    const told = await h().ctx.database.db.selectFrom("notifications").selectAll().where("user_id", "=", doanFocalId).where("kind", "=", "feedback_assigned").execute();
    expect(told.map((t) => t.link)).toContain(`/feedback/${id}`);

    const inbox = await h().http().get("/api/feedback").set(bearer(doanFocal));
    expect(inbox.body.items.map((i: any) => i.id)).toContain(id);
    expect(inbox.body.items.every((i: any) => i.assignedUnit?.id === doan)).toBe(true);
    expect((await h().http().get("/api/feedback").set(bearer(otherFocal))).body.items.map((i: any) => i.id)).not.toContain(id);
    expect((await h().http().get(`/api/feedback/${id}`).set(bearer(otherFocal))).status).toBe(404);
    expect((await h().http().post(`/api/feedback/${id}/notes`).set(bearer(otherFocal)).send({ text: "xen ngang" })).status).toBe(404);

    // Internal notes: staff and the assigned focal point only.
    const note = await h().http().post(`/api/feedback/${id}/notes`).set(bearer(doanFocal)).send({ text: "Đã liên hệ tổ trưởng TDP 2, chờ kinh phí." });
    expect(note.status).toBe(201);
    expect((await h().http().get(`/api/feedback/${id}`).set(bearer(staff))).body.notes.map((n: any) => n.text)).toEqual(["Đã liên hệ tổ trưởng TDP 2, chờ kinh phí."]);
    const senderView = await h().http().get(`/api/feedback/${id}`).set(bearer(sender));
    expect(senderView.body.notes).toBeNull();
    expect(JSON.stringify(senderView.body)).not.toContain("chờ kinh phí");
    expect(JSON.stringify((await h().http().get("/api/feedback/mine").set(bearer(sender))).body)).not.toContain("chờ kinh phí");

    // The answer: required text.
    expect((await h().http().post(`/api/feedback/${id}/answer`).set(bearer(doanFocal)).send({ text: "  " })).status).toBe(400);
    const before = await h().ctx.database.db.selectFrom("notifications").select("id").where("user_id", "=", senderId).execute();
    const answered = await h()
      .http()
      .post(`/api/feedback/${id}/answer`)
      .set(bearer(doanFocal))
      .send({ text: "Đoàn phường đã phối hợp sửa xích đu, hoàn thành trong tuần này.", isPublic: true });
    expect(answered.status).toBe(201);
    expect(answered.body.item.status).toBe("answered");
    const notes = await h().ctx.database.db.selectFrom("notifications").selectAll().where("user_id", "=", senderId).execute();
    expect(notes.length).toBe(before.length + 1);
    const n = notes.find((x) => x.kind === "feedback_answered")!;
    expect(n).toMatchObject({ link: `/feedback/${id}`, title: `Góp ý ${code} đã được trả lời`, push_status: "skipped" });

    // The sender sees the answer under "Góp ý của tôi".
    const mine = await h().http().get("/api/feedback/mine").set(bearer(sender));
    const item = mine.body.items.find((i: any) => i.id === id);
    expect(item.status).toBe("answered");
    expect(item.latestAnswer.text).toContain("sửa xích đu");

    // Public: listed, sanitised, with no name and no Zalo id anywhere.
    const pub = await h().http().get("/api/feedback/public");
    const entry = pub.body.items.find((i: any) => i.id === id);
    expect(entry).toBeDefined();
    expect(entry.senderName).toBeNull();
    expect(entry.photos.map((p: any) => p.id)).toEqual([photo]);
    for (const res of [pub, await h().http().get(`/api/feedback/${id}`), await h().http().get(`/api/feedback/${id}`).set(bearer(stranger))]) {
      const text = JSON.stringify(res.body);
      expect(text).not.toContain("Lê Thị Ẩn Danh");
      expect(text).not.toContain("zalo-9876543210");
      expect(text).not.toContain(`"senderId"`);
      expect(text).not.toContain("chờ kinh phí");
    }
    expect((await h().http().get(`/api/feedback/${id}`)).body.scope).toBe("public");
    // Searching the public list by the sender's name finds nothing.
    expect((await h().http().get("/api/feedback/public").query({ q: "Ẩn Danh" })).body.items.map((i: any) => i.id)).not.toContain(id);
    expect((await h().http().get("/api/feedback/public").query({ q: "xich du" })).body.items.map((i: any) => i.id)).toContain(id);

    // A named item shows the name publicly.
    const named = await send(h, stranger, { anonymous: false });
    await h().http().post(`/api/feedback/${named.id}/answer`).set(bearer(staff)).send({ text: "Phường đã ghi nhận và sẽ sửa chữa." });
    const namedEntry = (await h().http().get("/api/feedback/public")).body.items.find((i: any) => i.id === named.id);
    expect(namedEntry.senderName).toBe("Người lạ");
  });

  it("private items and private answers stay out of the public list", async () => {
    const notPublic = await send(h, sender, { allowPublic: false });
    await h().http().post(`/api/feedback/${notPublic.id}/answer`).set(bearer(staff)).send({ text: "Trả lời riêng cho người gửi." });
    const privateAnswer = await send(h, sender, { allowPublic: true });
    await h().http().post(`/api/feedback/${privateAnswer.id}/answer`).set(bearer(staff)).send({ text: "Trả lời riêng tư, không công khai.", isPublic: false });
    const ids = (await h().http().get("/api/feedback/public")).body.items.map((i: any) => i.id);
    expect(ids).not.toContain(notPublic.id);
    expect(ids).not.toContain(privateAnswer.id);
    expect((await h().http().get(`/api/feedback/${notPublic.id}`).set(bearer(stranger))).status).toBe(404);
    expect((await h().http().get(`/api/feedback/${privateAnswer.id}`)).status).toBe(404);
    expect((await h().http().post(`/api/feedback/${notPublic.id}/support`).set(bearer(stranger))).status).toBe(404);
    // The sender still reads the private answer.
    expect((await h().http().get(`/api/feedback/${privateAnswer.id}`).set(bearer(sender))).body.answers[0].isPublic).toBe(false);
  });

  it("closing without an answer needs a reason, which the sender sees and is notified of", async () => {
    const { id } = await send(h, sender);
    const noReason = await h().http().patch(`/api/feedback/${id}`).set(bearer(staff)).send({ status: "duplicate" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe("REASON_REQUIRED");
    expect((await h().http().patch(`/api/feedback/${id}`).set(bearer(staff)).send({ status: "answered" })).status).toBe(400);
    const ok = await h().http().patch(`/api/feedback/${id}`).set(bearer(staff)).send({ status: "duplicate", reason: "Trùng với góp ý GY-2026-000001." });
    expect(ok.body.item).toMatchObject({ status: "duplicate", statusReason: "Trùng với góp ý GY-2026-000001." });
    expect((await h().http().get(`/api/feedback/${id}`).set(bearer(sender))).body.item.statusReason).toContain("Trùng với");
    const n = await h().ctx.database.db.selectFrom("notifications").select("kind").where("user_id", "=", senderId).where("kind", "=", "feedback_closed").execute();
    expect(n.length).toBeGreaterThan(0);
  });

  it("support once: the second time is 409 ALREADY_SUPPORTED", async () => {
    const { id } = await send(h, sender);
    await h().http().post(`/api/feedback/${id}/answer`).set(bearer(staff)).send({ text: "Đã xử lý xong, cảm ơn bạn." });
    const first = await h().http().post(`/api/feedback/${id}/support`).set(bearer(stranger));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ supported: true, supportsCount: 1 });
    const again = await h().http().post(`/api/feedback/${id}/support`).set(bearer(stranger));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("ALREADY_SUPPORTED");
    await h().http().post(`/api/feedback/${id}/support`).set(bearer(await h().signIn("youth", { name: "Người ủng hộ thứ hai" })));
    const entry = (await h().http().get("/api/feedback/public").set(bearer(stranger))).body.items.find((i: any) => i.id === id);
    expect(entry).toMatchObject({ supportsCount: 2, supported: true });
    expect((await h().http().post(`/api/feedback/${id}/support`)).status).toBe(401);
  });

  it("the observer only reads, and nobody supports or flags their own item", async () => {
    const { id } = await send(h, sender);
    await h().http().post(`/api/feedback/${id}/answer`).set(bearer(staff)).send({ text: "Đã xử lý xong, cảm ơn bạn." });
    for (const [path, body] of [
      [`/api/feedback/${id}/support`, {}],
      [`/api/feedback/${id}/flag`, {}],
      ["/api/feedback", { categoryId: await categoryId(h), content: "Giám sát không gửi góp ý thay người dân." }],
    ] as const) {
      const res = await h().http().post(path).set(bearer(observer)).send(body);
      expect(res.status, path).toBe(403);
      expect(res.body.error.code).toBe("ROLE_FORBIDDEN");
    }
    const upload = await h().http().post("/api/files").set(bearer(observer)).attach("file", PNG_1X1, { filename: "a.png", contentType: "image/png" });
    expect(upload.status).toBe(403);

    const ownSupport = await h().http().post(`/api/feedback/${id}/support`).set(bearer(sender));
    expect(ownSupport.status).toBe(403);
    expect(ownSupport.body.error.code).toBe("OWN_FEEDBACK");
    const ownFlag = await h().http().post(`/api/feedback/${id}/flag`).set(bearer(sender)).send({ reason: "thử" });
    expect(ownFlag.status).toBe(403);
    expect(ownFlag.body.error.code).toBe("OWN_FEEDBACK");
    const detail = (await h().http().get(`/api/feedback/${id}`).set(bearer(staff))).body.item;
    expect(detail).toMatchObject({ supportsCount: 0, flagsCount: 0 });
  });

  it("three distinct flags hide an item pending review; staff can show it again", async () => {
    const { id } = await send(h, sender);
    await h().http().post(`/api/feedback/${id}/answer`).set(bearer(staff)).send({ text: "Đã xử lý xong, cảm ơn bạn." });
    const flaggers = await Promise.all([1, 2, 3].map((i) => h().signIn("youth", { name: `Báo cáo ${i}` })));
    expect((await h().http().post(`/api/feedback/${id}/flag`).set(bearer(flaggers[0])).send({ reason: "Nội dung sai sự thật" })).body).toEqual({ flagged: true, hidden: false });
    const twice = await h().http().post(`/api/feedback/${id}/flag`).set(bearer(flaggers[0])).send({});
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("ALREADY_FLAGGED");
    expect((await h().http().post(`/api/feedback/${id}/flag`).set(bearer(flaggers[1])).send({})).body.hidden).toBe(false);
    expect((await h().http().post(`/api/feedback/${id}/flag`).set(bearer(flaggers[2])).send({})).body.hidden).toBe(true);
    expect((await h().http().get("/api/feedback/public")).body.items.map((i: any) => i.id)).not.toContain(id);
    expect((await h().http().get(`/api/feedback/${id}`)).status).toBe(404);
    const staffView = await h().http().get(`/api/feedback/${id}`).set(bearer(staff));
    expect(staffView.body.item).toMatchObject({ hidden: true, flagsCount: 3 });
    const hiddenInbox = await h().http().get("/api/feedback").query({ hidden: "true" }).set(bearer(observer));
    expect(hiddenInbox.body.items.map((i: any) => i.id)).toContain(id);
    const staffNotes = await h().ctx.database.db.selectFrom("notifications").select("kind").where("kind", "=", "feedback_flagged").execute();
    expect(staffNotes.length).toBeGreaterThan(0);

    // Review: shown again; one more flag does not hide it, three new ones would.
    await h().http().patch(`/api/feedback/${id}`).set(bearer(staff)).send({ hidden: false });
    const fourth = await h().signIn("youth", { name: "Báo cáo 4" });
    expect((await h().http().post(`/api/feedback/${id}/flag`).set(bearer(fourth)).send({})).body.hidden).toBe(false);
    expect((await h().http().get("/api/feedback/public")).body.items.map((i: any) => i.id)).toContain(id);
  });

  it("staff hide a photo: the public no longer sees it, the sender and staff do", async () => {
    const photo = await uploadPng(h, sender, "a.png");
    const keep = await uploadPng(h, sender, "b.png");
    const { id } = await send(h, sender, { photoIds: [photo, keep] });
    await h().http().post(`/api/feedback/${id}/answer`).set(bearer(staff)).send({ text: "Đã xử lý xong, cảm ơn bạn." });
    expect((await h().http().patch(`/api/feedback/${id}`).set(bearer(staff)).send({ hidePhotoId: "khong-co" })).body.error.code).toBe("UNKNOWN_PHOTO");
    await h().http().patch(`/api/feedback/${id}`).set(bearer(staff)).send({ hidePhotoId: photo });
    const pub = await h().http().get(`/api/feedback/${id}`);
    expect(pub.body.photos.map((p: any) => p.id)).toEqual([keep]);
    expect(JSON.stringify((await h().http().get("/api/feedback/public")).body)).not.toContain(photo);
    const own = await h().http().get(`/api/feedback/${id}`).set(bearer(sender));
    expect(own.body.photos.map((p: any) => [p.id, p.hidden])).toEqual([
      [photo, true],
      [keep, false],
    ]);
  });

  it("a hidden photo (alone, with its item, or by flags) is no longer served at its file URL; showing it again restores it", async () => {
    const a = await uploadPng(h, sender, "a.png");
    const b = await uploadPng(h, sender, "b.png");
    const { id } = await send(h, sender, { photoIds: [a, b] });
    await h().http().post(`/api/feedback/${id}/answer`).set(bearer(staff)).send({ text: "Đã xử lý xong, cảm ơn bạn." });
    const file = (fid: string) => h().http().get(`/api/files/${fid}`);
    const patch = (body: object) => h().http().patch(`/api/feedback/${id}`).set(bearer(staff)).send(body);
    expect((await file(a)).status).toBe(200);

    expect((await patch({ hidePhotoId: a })).status).toBe(200);
    const gone = await file(a);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("FILE_NOT_FOUND");
    expect((await file(b)).status).toBe(200);
    // The hidden photo cannot be reused in a new item either.
    const reuse = await h().http().post("/api/feedback").set(bearer(sender)).send({ categoryId: await categoryId(h), content: CONTENT, photoIds: [a] });
    expect(reuse.body.error.code).toBe("UNKNOWN_FILE");

    // Hiding the whole item hides every photo; showing it keeps the individually hidden one hidden.
    await patch({ hidden: true });
    expect((await file(b)).status).toBe(404);
    await patch({ hidden: false });
    expect((await file(b)).status).toBe(200);
    expect((await file(a)).status).toBe(404);
    await patch({ showPhotoId: a });
    expect((await file(a)).status).toBe(200);

    // Three flags hide the item, and its photos with it.
    for (const i of [1, 2, 3]) {
      const t = await h().signIn("youth", { name: `Người báo cáo ảnh ${i}` });
      expect((await h().http().post(`/api/feedback/${id}/flag`).set(bearer(t)).send({})).status).toBe(200);
    }
    expect((await file(a)).status).toBe(404);
    expect((await file(b)).status).toBe(404);
    await patch({ hidden: false });
    expect((await file(a)).status).toBe(200);
  });

  it("the sender and those handling the item still see a hidden photo through the review URL; nobody else does", async () => {
    const a = await uploadPng(h, sender, "xem-lai.png");
    const { id } = await send(h, sender, { photoIds: [a] });
    await h().http().patch(`/api/feedback/${id}`).set(bearer(staff)).send({ assignedUnitId: await h().unitId("DOAN") });
    await h().http().patch(`/api/feedback/${id}`).set(bearer(staff)).send({ hidePhotoId: a });
    expect((await h().http().get(`/api/files/${a}`)).status).toBe(404);
    const review = (token?: string, photo = a, item = id) => {
      const r = h().http().get(`/api/feedback/${item}/photos/${photo}`);
      return token ? r.set(bearer(token)) : r;
    };
    for (const t of [sender, staff, observer, doanFocal]) {
      const res = await review(t);
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toBe("image/png");
      expect(res.headers["cache-control"]).toBe("private, no-store");
    }
    expect((await review(stranger)).status).toBe(404);
    expect((await review(otherFocal)).status).toBe(404);
    expect((await review()).status).toBe(401);
    const other = await uploadPng(h, sender, "khac.png");
    expect((await review(staff, other)).body.error.code).toBe("PHOTO_NOT_FOUND");
    expect((await review(staff, "bad id!")).status).toBe(400);
    expect((await review(staff, a, 999999)).body.error.code).toBe("FEEDBACK_NOT_FOUND");
  });

  it("a photo must be the sender's own upload (an id copied from someone else's public item is refused)", async () => {
    const theirs = await uploadPng(h, stranger, "cua-nguoi-khac.png");
    const res = await h().http().post("/api/feedback").set(bearer(sender)).send({ categoryId: await categoryId(h), content: CONTENT, photoIds: [theirs] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("UNKNOWN_FILE");
    expect(res.body.error.message).toMatch(/tải lên/);
  });
});

describeEachDb("feedback: inbox filters and figures", (h) => {
  it("filters, overdue list and stats add up", async () => {
    const staff = await h().signIn("staff");
    const observer = await h().signIn("observer");
    const cats = (await h().http().get("/api/feedback/categories")).body as { id: number; code: string }[];
    const env = cats.find((c) => c.code === "MOI_TRUONG")!.id;
    const job = cats.find((c) => c.code === "HOC_TAP_VIEC_LAM")!.id;
    const doan = await h().unitId("DOAN");

    // Monday 02/11/2026 10:00: due Monday 09/11/2026 23:59:59 +07.
    h().clock.set("2026-11-02T03:00:00.000Z");
    const youths = await Promise.all([1, 2].map((i) => h().signIn("youth", { name: `Số liệu ${i}` })));
    const post = async (t: string, categoryId: number, content: string) =>
      (await h().http().post("/api/feedback").set(bearer(t)).send({ categoryId, content, allowPublic: true })).body.id as number;
    const a = await post(youths[0], env, "Rác thải ven sông chưa được thu gom đúng giờ.");
    const b = await post(youths[0], env, "Cống thoát nước khu chợ bị tắc nhiều ngày.");
    const c = await post(youths[1], job, "Cần thêm lớp tin học miễn phí cho thanh niên.");
    const d = await post(youths[1], job, "Đề nghị tổ chức ngày hội việc làm trong tháng 12.");
    const e = await post(youths[1], env, "Cây xanh đổ chắn lối đi sau cơn bão.");

    // a: answered on time (05/11). c: answered late (12/11). d: rejected. b, e: open; by 20/11 both overdue.
    h().clock.set("2026-11-05T03:00:00.000Z");
    let staffNow = await h().signIn("staff", { name: "Cán bộ 05/11" });
    await h().http().post(`/api/feedback/${a}/answer`).set(bearer(staffNow)).send({ text: "Đã bố trí thu gom rác lúc 17h hằng ngày." });
    await h().http().patch(`/api/feedback/${d}`).set(bearer(staffNow)).send({ status: "rejected", reason: "Nội dung đã có kế hoạch của phường." });
    await h().http().patch(`/api/feedback/${b}`).set(bearer(staffNow)).send({ assignedUnitId: doan });
    h().clock.set("2026-11-12T03:00:00.000Z");
    staffNow = await h().signIn("staff", { name: "Cán bộ 12/11" });
    await h().http().post(`/api/feedback/${c}/answer`).set(bearer(staffNow)).send({ text: "Lớp tin học mở vào tháng 1/2027." });
    h().clock.set("2026-11-20T03:00:00.000Z");

    const list = async (query: object, token = staff) => (await h().http().get("/api/feedback").query(query).set(bearer(token))).body;
    const overdue = await list({ overdue: "true" }, observer);
    expect(overdue.items.map((i: any) => i.id).sort()).toEqual([b, e].sort());
    expect(overdue.items.every((i: any) => i.overdue)).toBe(true);
    expect(overdue.overdueCount).toBe(2);
    expect((await list({ status: "answered" })).items.map((i: any) => i.id).sort()).toEqual([a, c].sort());
    expect((await list({ categoryId: job })).items.map((i: any) => i.id).sort()).toEqual([c, d].sort());
    expect((await list({ unitId: doan })).items.map((i: any) => i.id)).toEqual([b]);
    expect((await list({ q: "cong thoat nuoc" })).items.map((i: any) => i.id)).toEqual([b]);
    expect((await list({ q: "CỐNG" })).items.map((i: any) => i.id)).toEqual([b]);
    // Pagination: 2 per page, no duplicates, all five.
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const p: any = await list({ limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...p.items.map((i: any) => i.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([a, b, c, d, e].sort());

    const periods = (await h().http().get("/api/periods")).body;
    const p2026 = periods.find((p: any) => p.year === 2026).id;
    const stats = (await h().http().get("/api/feedback/stats").query({ periodId: p2026 }).set(bearer(observer))).body;
    expect(stats).toMatchObject({ year: 2026, received: 5, answered: 2, answeredOnTime: 1, answeredLate: 1, closedWithReason: 1, open: 2, overdue: 2, onTimeRate: 50 });
    const envRow = stats.byCategory.find((r: any) => r.categoryId === env);
    expect(envRow).toMatchObject({ received: 3, answered: 1, answeredOnTime: 1, open: 2, overdue: 2 });
    expect(stats.byCategory.find((r: any) => r.categoryId === job)).toMatchObject({ received: 2, answered: 1, answeredOnTime: 0, answeredLate: 1, closedWithReason: 1 });
    expect(stats.byCategory.reduce((s: number, r: any) => s + r.received, 0)).toBe(stats.received);
    expect((await h().http().get("/api/feedback/stats").query({ periodId: 99999 }).set(bearer(staff))).status).toBe(404);
    const youth = await h().signIn("youth", { name: "Tò mò" });
    expect((await h().http().get("/api/feedback/stats").set(bearer(youth))).status).toBe(403);
  });

  it("demo seed is idempotent and keeps anonymous senders anonymous", async () => {
    const { createHarness } = await import("./harness.js");
    const demo = await createHarness(h().dialect, { env: { SEED_DEMO: "true" } });
    try {
      const { seedAll } = await import("../src/db/seed.js");
      await seedAll(demo.ctx);
      // Lê Đại Hành's demo items (the other demo wards have their own: demo-wards.test.ts)
      const ward = await demo.unitId("UBND");
      const count = await demo.ctx.database.db.selectFrom("feedback_items").select((eb) => eb.fn.countAll().as("n")).where("ward_id", "=", ward).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(4);
      const pub = (await demo.http().get("/api/feedback/public")).body;
      expect(pub.items.length).toBe(2);
      expect(JSON.stringify(pub)).not.toContain("Trần Thị Bình");
    } finally {
      await demo.close();
    }
  });

  it("search treats % and _ literally, ignores diacritics and finds codes", async () => {
    const staff = await h().signIn("staff");
    const youth = await h().signIn("youth", { name: "Tìm kiếm" });
    h().clock.advance(2 * 3_600_000);
    const cat = await categoryId(h);
    const post = async (content: string) =>
      (await h().http().post("/api/feedback").set(bearer(youth)).send({ categoryId: cat, content })).body as { id: number; code: string };
    const pct = await post("Đề nghị giảm 50% học phí lớp kỹ năng mềm cho thanh niên.");
    const plain = await post("Đề nghị giảm 500 nghìn học phí lớp tiếng Anh buổi tối.");
    const under = await post("Tên wifi nhà văn hóa là nha_van_hoa nhưng không vào được.");
    const ids = async (q: string) =>
      ((await h().http().get("/api/feedback").query({ q, limit: 50 }).set(bearer(staff))).body.items as { id: number }[]).map((i) => i.id);
    expect(await ids("50%")).toEqual([pct.id]);
    expect(await ids("nha_van")).toEqual([under.id]);
    expect(await ids("hoc phi")).toEqual(expect.arrayContaining([pct.id, plain.id]));
    expect(await ids(plain.code)).toEqual([plain.id]);
  });
});
