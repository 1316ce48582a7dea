import { expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { enqueueNotifications } from "../src/notifications/outbox.js";
import { pushEnabled } from "../src/notifications/channel-name.js";

describeEachDb("notifications inbox", (h) => {
  let mine = "";
  let other = "";
  let myId = 0;
  let otherId = 0;

  async function give(userId: number, n: number, prefix: string) {
    for (let i = 1; i <= n; i++) {
      h().clock.advance(60_000);
      await h().ctx.database.db.transaction().execute((trx) =>
        enqueueNotifications(
          trx,
          [{ userId, kind: "announcement", title: `${prefix} ${i}`, body: `Nội dung ${i}`, link: `/announcements/${i}`, dedupeKey: `${prefix}:${i}`, source: `announcement:${i}` }],
          h().clock.now().toISOString(),
          pushEnabled(h().ctx.config),
        ),
      );
    }
  }

  it("needs a signed-in user", async () => {
    expect((await h().http().get("/api/notifications")).status).toBe(401);
    expect((await h().http().post("/api/notifications/read-all")).status).toBe(401);
    mine = await h().signIn("youth", { name: "Nguyễn Văn An" });
    other = await h().signIn("focal", { unitId: await h().unitId("DOAN"), name: "Trần Thị Bình" });
    myId = (await h().http().get("/api/me").set(bearer(mine))).body.id;
    otherId = (await h().http().get("/api/me").set(bearer(other))).body.id;
    expect(myId).not.toBe(otherId);
  });

  it("starts empty", async () => {
    const res = await h().http().get("/api/notifications").set(bearer(mine));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
  });

  it("lists only my messages, newest first, with cursor pagination", async () => {
    await give(myId, 5, "Tin");
    await give(otherId, 2, "Khác");
    const p1 = await h().http().get("/api/notifications?limit=2").set(bearer(mine));
    expect(p1.body.items.map((i: any) => i.title)).toEqual(["Tin 5", "Tin 4"]);
    expect(p1.body.unreadCount).toBe(5);
    expect(p1.body.items[0]).toMatchObject({ kind: "announcement", body: "Nội dung 5", link: "/announcements/5", readAt: null });
    expect(p1.body.items[0].createdAt > p1.body.items[1].createdAt).toBe(true);
    const p2 = await h().http().get(`/api/notifications?limit=2&cursor=${p1.body.nextCursor}`).set(bearer(mine));
    expect(p2.body.items.map((i: any) => i.title)).toEqual(["Tin 3", "Tin 2"]);
    const p3 = await h().http().get(`/api/notifications?limit=2&cursor=${p2.body.nextCursor}`).set(bearer(mine));
    expect(p3.body.items.map((i: any) => i.title)).toEqual(["Tin 1"]);
    expect(p3.body.nextCursor).toBeNull();
    const theirs = await h().http().get("/api/notifications").set(bearer(other));
    expect(theirs.body.items.map((i: any) => i.title)).toEqual(["Khác 2", "Khác 1"]);
  });

  it("validates paging input", async () => {
    expect((await h().http().get("/api/notifications?limit=500").set(bearer(mine))).body.error.code).toBe("VALIDATION_FAILED");
    expect((await h().http().get("/api/notifications?cursor=abc").set(bearer(mine))).body.error.code).toBe("VALIDATION_FAILED");
  });

  it("marks one of my messages read, once; someone else's is not found", async () => {
    const list = (await h().http().get("/api/notifications").set(bearer(mine))).body;
    const target = list.items[1];
    const res = await h().http().post(`/api/notifications/${target.id}/read`).set(bearer(mine));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: target.id, readAt: h().clock.now().toISOString(), unreadCount: 4 });
    const firstRead = res.body.readAt;
    h().clock.advance(5 * 60_000);
    const again = await h().http().post(`/api/notifications/${target.id}/read`).set(bearer(mine));
    expect(again.body).toEqual({ id: target.id, readAt: firstRead, unreadCount: 4 });

    const theirs = (await h().http().get("/api/notifications").set(bearer(other))).body.items[0];
    const denied = await h().http().post(`/api/notifications/${theirs.id}/read`).set(bearer(mine));
    expect(denied.status).toBe(404);
    expect(denied.body.error.code).toBe("NOTIFICATION_NOT_FOUND");
    const still = (await h().http().get("/api/notifications").set(bearer(other))).body;
    expect(still.unreadCount).toBe(2);
    expect((await h().http().post("/api/notifications/999999/read").set(bearer(mine))).status).toBe(404);

    const after = (await h().http().get("/api/notifications").set(bearer(mine))).body;
    expect(after.items.find((i: any) => i.id === target.id).readAt).toBe(firstRead);
  });

  it("marks all of mine read and nobody else's", async () => {
    const res = await h().http().post("/api/notifications/read-all").set(bearer(mine));
    expect(res.body).toEqual({ updated: 4, unreadCount: 0 });
    expect((await h().http().get("/api/notifications").set(bearer(mine))).body.unreadCount).toBe(0);
    expect((await h().http().get("/api/notifications").set(bearer(other))).body.unreadCount).toBe(2);
    const stats = await import("../src/notifications/outbox.js").then((m) => m.deliveryStats(h().ctx.database.db, "announcement:2"));
    expect(stats).toMatchObject({ total: 2, read: 1, skipped: 2 });
  });

  it("is described in the OpenAPI document", async () => {
    const doc = (await h().http().get("/api/openapi.json")).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/notifications", "/api/notifications/{id}/read", "/api/notifications/read-all", "/api/files", "/api/files/{id}"]));
    expect(doc.paths["/api/files"].post.requestBody.content["multipart/form-data"]).toBeDefined();
  });
});
