import { expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { PDF_BYTES, publish, upload } from "./announcements-helpers.js";
import { excerpt } from "../src/announcements/plain-text.js";
import { enqueueNotifications } from "../src/notifications/outbox.js";

// Findings of the QA pass: schedule edits, archiving twice, inbox read marks, huge ids, excerpts.
describeEachDb("announcements: edits of the schedule, archive, inbox read marks", (h) => {
  const later = (ms: number) => new Date(h().clock.now().getTime() + ms).toISOString();

  it("a published notice refuses a new publishAt instead of storing a meaningless one", async () => {
    const staff = await h().signIn("staff");
    const a = await publish(h(), staff, { title: "Đã đăng rồi" });
    const res = await h().http().patch(`/api/announcements/${a.id}`).set(bearer(staff)).send({ publishAt: "2020-01-01T00:00:00Z" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("ALREADY_PUBLISHED");
    const after = await h().http().get(`/api/announcements/${a.id}`).set(bearer(staff));
    expect(after.body.publishAt).toBe(a.publishAt);
    // Sending back the very same value (a form saving every field) is fine.
    await h().http().patch(`/api/announcements/${a.id}`).set(bearer(staff)).send({ publishAt: a.publishAt, title: "Đã đăng rồi (sửa)" }).expect(200);
  });

  it("a draft refuses a past publishAt on edit, as on creation, and keeps the previous value", async () => {
    const staff = await h().signIn("staff");
    const future = later(3_600_000);
    const d = await publish(h(), staff, { title: "Nháp có hẹn", status: "draft", publishAt: future });
    const res = await h().http().patch(`/api/announcements/${d.id}`).set(bearer(staff)).send({ publishAt: "2020-01-01T00:00:00Z" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("PUBLISH_AT_IN_PAST");
    const after = await h().http().get(`/api/announcements/${d.id}`).set(bearer(staff));
    expect(after.body.publishAt).toBe(future);
  });

  it("archiving twice answers 204 and keeps the first archiving time", async () => {
    const staff = await h().signIn("staff");
    const a = await publish(h(), staff, { title: "Sẽ lưu trữ" });
    await h().http().delete(`/api/announcements/${a.id}`).set(bearer(staff)).expect(204);
    const first = await h().ctx.database.db.selectFrom("announcements").select("archived_at").where("id", "=", a.id).executeTakeFirstOrThrow();
    h().clock.advance(60_000);
    await h().http().delete(`/api/announcements/${a.id}`).set(bearer(staff)).expect(204);
    const second = await h().ctx.database.db.selectFrom("announcements").select("archived_at").where("id", "=", a.id).executeTakeFirstOrThrow();
    expect(second.archived_at).toBe(first.archived_at);
    const missing = await h().http().delete("/api/announcements/987654").set(bearer(staff));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("ANNOUNCEMENT_NOT_FOUND");
  });

  it("opening a notice marks its inbox messages (push and reminder) read for that reader only", async () => {
    const staff = await h().signIn("staff");
    const unit = await h().unitId("TDP01");
    const focal = await h().signIn("focal", { unitId: unit, name: "Đầu mối TDP 1" });
    const other = await h().signIn("focal", { unitId: unit, name: "Đầu mối TDP 1 (2)" });
    const a = await publish(h(), staff, { title: "Cần tiếp nhận", audience: "units", unitIds: [unit], requiresAck: true });
    await h().http().post(`/api/announcements/${a.id}/remind`).set(bearer(staff)).expect(200);
    const inbox = async (t: string) => (await h().http().get("/api/notifications").set(bearer(t))).body as { items: { link: string; readAt: string | null }[]; unreadCount: number };
    const before = await inbox(focal);
    const mine = before.items.filter((i) => i.link === `/announcements/${a.id}`);
    expect(mine.length).toBe(2);
    expect(mine.every((i) => i.readAt === null)).toBe(true);
    await h().http().get(`/api/announcements/${a.id}`).set(bearer(focal)).expect(200);
    const after = await inbox(focal);
    expect(after.items.filter((i) => i.link === `/announcements/${a.id}`).every((i) => i.readAt !== null)).toBe(true);
    expect(after.unreadCount).toBe(before.unreadCount - 2);
    // The other focal point of the same unit still has them unread.
    expect((await inbox(other)).items.filter((i) => i.link === `/announcements/${a.id}` && i.readAt === null).length).toBe(2);
  });

  it("ids beyond any row (even beyond 32 bits) are a clean 4xx (404, or 400 from the shared id schema), on every announcement and inbox route", async () => {
    const staff = await h().signIn("staff");
    const youth = await h().signIn("youth");
    const big = "99999999999";
    const clean = (res: { status: number; body: { error?: { code?: string } } }) => {
      expect([400, 404]).toContain(res.status);
      expect(res.body.error?.code).toMatch(/^(VALIDATION_FAILED|[A-Z_]*NOT_FOUND)$/);
    };
    clean(await h().http().get(`/api/announcements/${big}`));
    clean(await h().http().patch(`/api/announcements/${big}`).set(bearer(staff)).send({ title: "Không có" }));
    clean(await h().http().delete(`/api/announcements/${big}`).set(bearer(staff)));
    clean(await h().http().post(`/api/announcements/${big}/ack`).set(bearer(youth)));
    clean(await h().http().get(`/api/announcements/${big}/receipts`).set(bearer(staff)));
    clean(await h().http().post(`/api/notifications/${big}/read`).set(bearer(youth)));
  });

  it("saving every field unchanged (as the edit screen does) is not an edit, whatever the stored key order", async () => {
    const staff = await h().signIn("staff");
    const pdf = await upload(h(), staff, "Kế hoạch.pdf", PDF_BYTES, "application/pdf");
    const a = await publish(h(), staff, { title: "Có tệp đính kèm", attachmentIds: [pdf] });
    // Seeded notices store their files with the keys in another order.
    const stored = JSON.parse((await h().ctx.database.db.selectFrom("announcements").select("attachments_json").where("id", "=", a.id).executeTakeFirstOrThrow()).attachments_json) as Record<string, unknown>[];
    const reordered = JSON.stringify(stored.map(({ id, name, size, mime, url }) => ({ id, name, size, mime, url })));
    await h().ctx.database.db.updateTable("announcements").set({ attachments_json: reordered }).where("id", "=", a.id).execute();
    const d = (await h().http().get(`/api/announcements/${a.id}`).set(bearer(staff))).body;
    const same = {
      title: d.title,
      body: d.body,
      categoryId: d.category.id,
      coverFileId: null,
      attachmentIds: d.attachments.map((f: { id: string }) => f.id),
      audience: d.audience,
      unitIds: [],
      pinned: true,
      requiresAck: d.requiresAck,
      expiresAt: d.expiresAt,
    };
    const res = await h().http().patch(`/api/announcements/${a.id}`).set(bearer(staff)).send(same);
    expect(res.status).toBe(200);
    expect(res.body.pinned).toBe(true);
    expect(res.body.edited).toBe(false);
    // Removing the file is an edit.
    const removed = await h().http().patch(`/api/announcements/${a.id}`).set(bearer(staff)).send({ ...same, attachmentIds: [] });
    expect(removed.body.edited).toBe(true);
  });

  it("an edit that keeps the audience pushes nothing; widening it reaches only the new unit", async () => {
    const staff = await h().signIn("staff");
    const a1 = await h().unitId("TDP02");
    const a2 = await h().unitId("TDP03");
    const a = await publish(h(), staff, { title: "Riêng TDP 2", audience: "units", unitIds: [a1] });
    const outbox = async () =>
      (await h().ctx.database.db.selectFrom("notifications").select("user_id").where("source", "=", `announcement:${a.id}`).execute()).map((r) => r.user_id);
    const before = await outbox();
    // A focal point who joins after publication...
    await h().signIn("focal", { unitId: a1, name: "Đầu mối mới TDP 2" });
    // ...gets no push when staff fix a typo (the screen sends the audience again, unchanged).
    await h().http().patch(`/api/announcements/${a.id}`).set(bearer(staff)).send({ title: "Riêng TDP 2 (sửa)", audience: "units", unitIds: [a1] }).expect(200);
    expect(await outbox()).toEqual(before);
    // Adding a unit reaches that unit's focal points.
    const newcomer = await h().signIn("focal", { unitId: a2, name: "Đầu mối TDP 3" });
    const newcomerId = (await h().http().get("/api/me").set(bearer(newcomer))).body.id;
    await h().http().patch(`/api/announcements/${a.id}`).set(bearer(staff)).send({ audience: "units", unitIds: [a2, a1] }).expect(200);
    expect(await outbox()).toContain(newcomerId);
  });

  it("receipts count only acknowledgements of units still in the audience", async () => {
    const staff = await h().signIn("staff");
    const u1 = await h().unitId("TDP04");
    const u2 = await h().unitId("TDP05");
    const f1 = await h().signIn("focal", { unitId: u1, name: "Đầu mối TDP 4" });
    const a = await publish(h(), staff, { title: "Cho TDP 4 và 5", audience: "units", unitIds: [u1, u2], requiresAck: true });
    await h().http().post(`/api/announcements/${a.id}/ack`).set(bearer(f1)).expect(200);
    let r = (await h().http().get(`/api/announcements/${a.id}/receipts`).set(bearer(staff))).body;
    expect(r.figures.acknowledgements).toBe(1);
    await h().http().patch(`/api/announcements/${a.id}`).set(bearer(staff)).send({ unitIds: [u2] }).expect(200);
    r = (await h().http().get(`/api/announcements/${a.id}/receipts`).set(bearer(staff))).body;
    expect(r.units.map((u: { unitId: number }) => u.unitId)).toEqual([u2]);
    expect(r.figures.acknowledgements).toBe(0);
    expect(r.missingUnitIds).toEqual([u2]);
  });

  it("archiving stops the pushes of that notice still waiting to be sent; sent ones and other notices are untouched", async () => {
    const staff = await h().signIn("staff");
    const youth = await h().signIn("youth", { name: "Người nhận tin đẩy" });
    const youthId = (await h().http().get("/api/me").set(bearer(youth))).body.id as number;
    const a = await publish(h(), staff, { title: "Sẽ lưu trữ trước khi gửi" });
    const b = await publish(h(), staff, { title: "Vẫn gửi" });
    const now = h().clock.now().toISOString();
    const db = h().ctx.database.db;
    const item = (id: number, key: string) => ({ userId: youthId, kind: "announcement", title: "t", body: "b", link: `/announcements/${id}`, dedupeKey: key, source: `announcement:${id}` });
    await enqueueNotifications(db, [item(a.id, "qa-a-1"), item(b.id, "qa-b-1")], now, true);
    await enqueueNotifications(db, [item(a.id, "qa-a-2")], now, true);
    await db.updateTable("notifications").set({ push_status: "sent" }).where("dedupe_key", "=", "qa-a-2").execute();
    await h().http().delete(`/api/announcements/${a.id}`).set(bearer(staff)).expect(204);
    const status = async (key: string) => (await db.selectFrom("notifications").select("push_status").where("dedupe_key", "=", key).executeTakeFirstOrThrow()).push_status;
    expect(await status("qa-a-1")).toBe("skipped");
    expect(await status("qa-a-2")).toBe("sent");
    expect(await status("qa-b-1")).toBe("pending");
  });

  it("read figures count the audience: staff and observers previewing are not views nor readers", async () => {
    const staff = await h().signIn("staff");
    const observer = await h().signIn("observer");
    const youth = await h().signIn("youth", { name: "Bạn đọc thật" });
    const a = await publish(h(), staff, { title: "Đếm lượt xem" });
    for (const t of [staff, staff, observer]) await h().http().get(`/api/announcements/${a.id}`).set(bearer(t)).expect(200);
    await h().http().get(`/api/announcements/${a.id}`).set(bearer(youth)).expect(200);
    await h().http().get(`/api/announcements/${a.id}`).set(bearer(youth)).expect(200);
    await h().http().get(`/api/announcements/${a.id}`).expect(200); // anonymous
    const r = (await h().http().get(`/api/announcements/${a.id}/receipts`).set(bearer(staff))).body;
    expect(r.figures.views).toBe(3);
    expect(r.figures.uniqueReaders).toBe(1);
    // Staff still get their own read mark (no unread dot on what they opened).
    const feed = (await h().http().get("/api/announcements").query({ limit: 50 }).set(bearer(staff))).body;
    expect(feed.items.find((i: { id: number }) => i.id === a.id).read).toBe(true);
  });

  it("staff find their drafts and scheduled notices with status=unpublished; others get nothing from it", async () => {
    const staff = await h().signIn("staff");
    const youth = await h().signIn("youth");
    const draft = await publish(h(), staff, { title: "Nháp để tìm lại", status: "draft" });
    const sched = await publish(h(), staff, { title: "Hẹn giờ để tìm lại", status: "scheduled", publishAt: later(7_200_000) });
    const live = await publish(h(), staff, { title: "Đã đăng công khai" });
    const ids = async (t: string) =>
      ((await h().http().get("/api/announcements").query({ status: "unpublished", limit: 50 }).set(bearer(t))).body.items as { id: number }[]).map((i) => i.id);
    const mine = await ids(staff);
    expect(mine).toContain(draft.id);
    expect(mine).toContain(sched.id);
    expect(mine).not.toContain(live.id);
    expect(await ids(youth)).toEqual([]);
    const bad = await h().http().get("/api/announcements").query({ status: "archived" }).set(bearer(staff));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
  });

  it("excerpts drop a link's url even when it holds parentheses", () => {
    expect(excerpt("Xem [hướng dẫn](https://vi.wikipedia.org/wiki/A_(b)) và [x](javascript:alert(1)) nhé")).toBe("Xem hướng dẫn và x nhé");
  });
});

describeEachDb("announcements and inbox: numbers too big for a row id", (h) => {
  it("answers 400 or an empty page, never a database error", async () => {
    const staff = await h().signIn("staff");
    const youth = await h().signIn("youth");
    const feed = await h().http().get("/api/announcements").query({ category: "99999999999" });
    expect(feed.status).toBe(400);
    expect(feed.body.error.code).toBe("VALIDATION_FAILED");
    const create = await h().http().post("/api/announcements").set(bearer(staff)).send({
      title: "Đơn vị quá lớn",
      body: "x",
      categoryId: 99999999999,
      audience: "units",
      unitIds: [99999999999],
      status: "published",
    });
    expect(create.status).toBe(400);
    expect(create.body.error.code).toBe("VALIDATION_FAILED");
    const inbox = await h().http().get("/api/notifications").query({ cursor: "999999999999" }).set(bearer(youth));
    expect(inbox.status).toBe(200);
  });
});
