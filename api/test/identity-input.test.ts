import { expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { DEV_STAFF_PASSWORD } from "../src/identity/seed.js";

/** Bad input found by walking the identity routes as a user would (QA pass). */
describeEachDb("identity: bad input", (h) => {
  it("stores display names on one line without control characters (a NUL used to fail on PostgreSQL)", async () => {
    const dev = await h().http().post("/api/auth/dev").send({ role: "youth", name: "Lê\u0000Văn\nTám\u202e" });
    expect(dev.status).toBe(200);
    expect(dev.body.user.name).toBe("Lê Văn Tám");
    const token = dev.body.token as string;

    const renamed = await h().http().patch("/api/me").set(bearer(token)).send({ name: "  Nguyễn\tThị\r\nMai\u0007 " });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe("Nguyễn Thị Mai");
    const row = await h().ctx.database.db.selectFrom("users").select(["name", "search_text"]).where("id", "=", renamed.body.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: "Nguyễn Thị Mai", search_text: "nguyen thi mai" });

    // nothing but control characters or spaces is no name at all
    for (const name of ["\u0000\u0001", "   ", "\n\t"]) {
      const res = await h().http().patch("/api/me").set(bearer(token)).send({ name });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.details[0]).toMatchObject({ in: "body", path: "name" });
    }
    expect((await h().http().get("/api/me").set(bearer(token))).body.name).toBe("Nguyễn Thị Mai");
  });

  it("refuses fields it does not know instead of silently dropping them", async () => {
    const staff = await h().signIn("staff", { name: "Cán bộ Kiểm tra" });
    const youth = await h().signIn("youth", { name: "Người Được Sửa" });
    const youthMe = (await h().http().get("/api/me").set(bearer(youth))).body;

    // a name sent to the users admin is not something it changes: say so, change nothing
    const rename = await h().http().patch(`/api/users/${youthMe.id}`).set(bearer(staff)).send({ name: "Tên khác", role: "observer" });
    expect(rename.status).toBe(400);
    expect(rename.body.error.code).toBe("VALIDATION_FAILED");
    expect(rename.body.error.details[0].message).toContain("name");
    expect((await h().http().get("/api/me").set(bearer(youth))).body).toMatchObject({ name: "Người Được Sửa", role: "youth" });

    // nobody promotes themselves through PATCH /api/me
    const escalate = await h().http().patch("/api/me").set(bearer(youth)).send({ role: "staff" });
    expect(escalate.status).toBe(400);
    expect(escalate.body.error.code).toBe("VALIDATION_FAILED");
    expect((await h().http().get("/api/me").set(bearer(youth))).body.role).toBe("youth");

    // a misspelt validity would otherwise give a 7-day code the staff member did not ask for
    const before = (await h().http().get("/api/invitations").set(bearer(staff))).body.items.length;
    const typo = await h().http().post("/api/invitations").set(bearer(staff)).send({ unitId: await h().unitId("DOAN"), expiresIn: 1 });
    expect(typo.status).toBe(400);
    expect(typo.body.error.code).toBe("VALIDATION_FAILED");
    expect((await h().http().get("/api/invitations").set(bearer(staff))).body.items).toHaveLength(before);
  });

  it("answers a short or mistyped invitation code with INVITATION_NOT_FOUND, not a form error", async () => {
    const youth = await h().signIn("youth", { name: "Người Gõ Mã" });
    for (const code of ["ab", "X", "KHONG-CO"]) {
      const preview = await h().http().get(`/api/invitations/${code}`).set(bearer(youth));
      expect(preview.status).toBe(404);
      expect(preview.body.error.code).toBe("INVITATION_NOT_FOUND");
      const accept = await h().http().post(`/api/invitations/${code}/accept`).set(bearer(youth));
      expect(accept.status).toBe(404);
      expect(accept.body.error.code).toBe("INVITATION_NOT_FOUND");
    }
    const tooLong = await h().http().get(`/api/invitations/${"A".repeat(65)}`).set(bearer(youth));
    expect(tooLong.status).toBe(400);
  });

  it("dev sign-in gives the role picked, even after that dev account accepted an invitation", async () => {
    const staff = await h().signIn("staff", { name: "Cán bộ Mời Dev" });
    const inv = (await h().http().post("/api/invitations").set(bearer(staff)).send({ unitId: await h().unitId("HOI") })).body;
    const youth = await h().signIn("youth");
    expect((await h().http().post(`/api/invitations/${inv.code}/accept`).set(bearer(youth))).body).toMatchObject({ role: "focal", unit: { code: "HOI" } });

    // "Thanh niên" in the chooser signs in as a youth again, not as the focal point it became
    const again = await h().http().post("/api/auth/dev").send({ role: "youth" });
    expect(again.status).toBe(200);
    expect(again.body.user).toMatchObject({ role: "youth", unit: null });
    // and a focal point of one unit stays bound to that unit
    const ca = await h().unitId("CA");
    const focal = await h().http().post("/api/auth/dev").send({ role: "focal", unitId: ca });
    expect(focal.body.user).toMatchObject({ role: "focal", unit: { id: ca } });
  });

  it("shows staff a password lock-out and lets a colleague lift it at once", async () => {
    const colleague = await h().signIn("staff", { name: "Cán bộ Đồng nghiệp" });
    const signInCanbo = (password: string) => h().http().post("/api/auth/password").send({ username: "canbo", password });
    for (let i = 0; i < 5; i++) await signInCanbo(`sai-${i}`);
    expect((await signInCanbo(DEV_STAFF_PASSWORD)).body.error.code).toBe("ACCOUNT_LOCKED");

    const listed = (await h().http().get("/api/users").query({ q: "canbo" }).set(bearer(colleague))).body.items[0];
    expect(listed.lockedUntil).toBe(new Date(h().clock.now().getTime() + 15 * 60_000).toISOString());
    // others show no lock
    const others = (await h().http().get("/api/users").query({ q: "dong nghiep" }).set(bearer(colleague))).body.items;
    expect(others[0].lockedUntil).toBeNull();

    const unlock = await h().http().patch(`/api/users/${listed.id}`).set(bearer(colleague)).send({ unlock: true });
    expect(unlock.status).toBe(200);
    expect(unlock.body).toMatchObject({ lockedUntil: null, role: "staff", disabled: false });
    expect((await signInCanbo(DEV_STAFF_PASSWORD)).status).toBe(200);
    // the counter started again: one wrong password is not a lock-out
    expect((await signInCanbo("sai-lan-nua")).body.error.code).toBe("INVALID_CREDENTIALS");

    // a lock that has run out by itself is not shown
    for (let i = 0; i < 5; i++) await signInCanbo(`sai-${i}`);
    h().clock.advance(15 * 60_000 + 1000);
    expect((await h().http().get("/api/users").query({ q: "canbo" }).set(bearer(colleague))).body.items[0].lockedUntil).toBeNull();
    expect((await h().http().patch(`/api/users/${listed.id}`).set(bearer(colleague)).send({ unlock: false })).status).toBe(400);
  });

  it("staff revoke an unused invitation: it cannot be accepted any more; a used one is refused", async () => {
    const staff = await h().signIn("staff", { name: "Cán bộ Thu Hồi" });
    const doan = await h().unitId("DOAN");
    const inv = (await h().http().post("/api/invitations").set(bearer(staff)).send({ unitId: doan })).body;
    const revoked = await h().http().delete(`/api/invitations/${inv.code.toLowerCase()}`).set(bearer(staff));
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ code: inv.code, status: "expired", qrDataUrl: null, expiresAt: h().clock.now().toISOString() });
    const youth = await h().signIn("youth", { name: "Người Nhặt Được Mã" });
    const late = await h().http().post(`/api/invitations/${inv.code}/accept`).set(bearer(youth));
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe("INVITATION_EXPIRED");
    expect((await h().http().get("/api/me").set(bearer(youth))).body.role).toBe("youth");
    // revoking twice changes nothing
    expect((await h().http().delete(`/api/invitations/${inv.code}`).set(bearer(staff))).body.expiresAt).toBe(revoked.body.expiresAt);

    const used = (await h().http().post("/api/invitations").set(bearer(staff)).send({ unitId: doan })).body;
    await h().http().post(`/api/invitations/${used.code}/accept`).set(bearer(youth));
    const refused = await h().http().delete(`/api/invitations/${used.code}`).set(bearer(staff));
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("INVITATION_USED");
    expect((await h().http().delete("/api/invitations/KHONGCOMA22").set(bearer(staff))).body.error.code).toBe("INVITATION_NOT_FOUND");
    expect((await h().http().delete(`/api/invitations/${used.code}`).set(bearer(youth))).status).toBe(403);
  });
});
