import { expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { DEV_STAFF_PASSWORD } from "../src/identity/seed.js";

describeEachDb("identity: invitations, users admin, sessions", (h) => {
  const staffToken = () => h().signIn("staff", { name: "Cán bộ Mời" });

  it("runs an invitation through its life: create (link + QR), list, accept once, used, expired", async () => {
    const staff = await staffToken();
    const doan = await h().unitId("DOAN");
    const created = await h().http().post("/api/invitations").set(bearer(staff)).send({ unitId: doan, role: "focal" });
    expect(created.status).toBe(201);
    const inv = created.body;
    expect(inv.code).toMatch(/^[A-Z2-9]{10}$/);
    expect(inv.link).toBe(`https://zalo.me/s/thanh-nien-so/?invite=${inv.code}`);
    expect(inv.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(Buffer.from(inv.qrDataUrl.split(",")[1], "base64").subarray(1, 4).toString()).toBe("PNG");
    expect(inv).toMatchObject({ status: "active", role: "focal", unit: { code: "DOAN" }, createdBy: "Cán bộ Mời" });
    // 7 days by default
    expect(Date.parse(inv.expiresAt) - h().clock.now().getTime()).toBe(7 * 24 * 3600_000);

    // a youth opens the link, sees what it is, and accepts: they become the unit's focal point
    const youth = await h().signIn("youth", { name: "Nguyễn Đầu Mối" });
    const preview = await h().http().get(`/api/invitations/${inv.code}`).set(bearer(youth));
    expect(preview.body).toEqual({ code: inv.code, role: "focal", unit: inv.unit, ward: inv.ward, status: "active", expiresAt: inv.expiresAt });
    expect(inv.ward).toMatchObject({ code: "UBND" });
    expect((await h().http().get("/api/invitations/KHONGCOMA22").set(bearer(youth))).body.error.code).toBe("INVITATION_NOT_FOUND");
    const accepted = await h().http().post(`/api/invitations/${inv.code.toLowerCase()}/accept`).set(bearer(youth));
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ role: "focal", unit: { id: doan, code: "DOAN" } });
    expect((await h().http().get("/api/me").set(bearer(youth))).body.role).toBe("focal");
    // a second tap by the same person is harmless
    expect((await h().http().post(`/api/invitations/${inv.code}/accept`).set(bearer(youth))).status).toBe(200);

    // the inviting staff member is told
    const note = await h().ctx.database.db.selectFrom("notifications").selectAll().where("dedupe_key", "=", `invitation:${inv.id}`).execute();
    expect(note).toHaveLength(1);
    expect(note[0].body).toContain("Nguyễn Đầu Mối");

    expect((await h().http().get(`/api/invitations/${inv.code}`).set(bearer(youth))).body.status).toBe("used");
    // single use
    const other = await h().signIn("youth", { name: "Người khác" });
    const used = await h().http().post(`/api/invitations/${inv.code}/accept`).set(bearer(other));
    expect(used.status).toBe(409);
    expect(used.body.error.code).toBe("INVITATION_USED");

    // unknown
    const unknown = await h().http().post("/api/invitations/KHONGCOMA22/accept").set(bearer(other));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("INVITATION_NOT_FOUND");

    // expired
    const short = (await h().http().post("/api/invitations").set(bearer(staff)).send({ unitId: doan, expiresInDays: 1 })).body;
    h().clock.advance(24 * 3600_000 + 1000);
    const expired = await h().http().post(`/api/invitations/${short.code}/accept`).set(bearer(other));
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe("INVITATION_EXPIRED");
    expect((await h().http().get("/api/me").set(bearer(other))).body.role).toBe("youth");

    // staff list with statuses and filters
    const list = (await h().http().get("/api/invitations").set(bearer(staff))).body;
    const byCode = Object.fromEntries(list.items.map((i: any) => [i.code, i]));
    expect(byCode[inv.code]).toMatchObject({ status: "used", usedBy: "Nguyễn Đầu Mối", qrDataUrl: null });
    expect(byCode[short.code]).toMatchObject({ status: "expired", usedBy: null });
    const onlyUsed = (await h().http().get("/api/invitations?status=used").set(bearer(staff))).body.items;
    expect(onlyUsed.every((i: any) => i.status === "used")).toBe(true);
    expect(onlyUsed.map((i: any) => i.code)).toContain(inv.code);
    const onlyExpired = (await h().http().get("/api/invitations?status=expired").set(bearer(staff))).body.items;
    expect(onlyExpired.map((i: any) => i.code)).toEqual([short.code]);
  });

  it("checks invitation input and keeps staff from demoting themselves by accepting", async () => {
    const staff = await staffToken();
    const bad = await h().http().post("/api/invitations").set(bearer(staff)).send({ unitId: 99999, role: "focal" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("UNKNOWN_UNIT");
    // a ward's staff are invited by the city
    const staffInvite = await h().http().post("/api/invitations").set(bearer(staff)).send({ unitId: await h().unitId("DOAN"), role: "staff" });
    expect([staffInvite.status, staffInvite.body.error.code]).toEqual([403, "ROLE_NOT_INVITABLE"]);
    expect((await h().http().post("/api/invitations").set(bearer(staff)).send({ unitId: await h().unitId("DOAN"), role: "chairman" })).status).toBe(400);
    const mttq = await h().unitId("MTTQ");
    const obs = (await h().http().post("/api/invitations").set(bearer(staff)).send({ unitId: mttq, role: "observer" })).body;
    const self = await h().http().post(`/api/invitations/${obs.code}/accept`).set(bearer(staff));
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe("STAFF_CANNOT_ACCEPT");
    const youth = await h().signIn("youth", { name: "Giám sát viên" });
    const ok = await h().http().post(`/api/invitations/${obs.code}/accept`).set(bearer(youth));
    expect(ok.body).toMatchObject({ role: "observer", unit: { code: "MTTQ" } });
  });

  it("paginates the invitation list with a cursor", async () => {
    const staff = await staffToken();
    const doan = await h().unitId("DOAN");
    for (let i = 0; i < 3; i++) await h().http().post("/api/invitations").set(bearer(staff)).send({ unitId: doan });
    const first = (await h().http().get("/api/invitations?limit=2").set(bearer(staff))).body;
    expect(first.items).toHaveLength(2);
    const second = (await h().http().get(`/api/invitations?limit=2&cursor=${first.nextCursor}`).set(bearer(staff))).body;
    expect(second.items[0].id).toBeLessThan(first.items[1].id);
  });

  it("lists users with diacritic-free search, role and unit filters and a cursor", async () => {
    const staff = await staffToken();
    const hoi = await h().unitId("HOI");
    await h().signIn("focal", { unitId: hoi, name: "Đặng Thị Hường" });
    await h().signIn("youth", { name: "Hoàng Văn Đức" });
    const search = (await h().http().get("/api/users").query({ q: "huong" }).set(bearer(staff))).body;
    expect(search.items.map((u: any) => u.name)).toEqual(["Đặng Thị Hường"]);
    expect(search.items[0]).toMatchObject({ role: "focal", unit: { code: "HOI" }, disabled: false, source: "dev", username: null });
    expect((await h().http().get("/api/users").query({ q: "ĐỨC" }).set(bearer(staff))).body.items.map((u: any) => u.name)).toEqual([
      "Hoàng Văn Đức",
    ]);
    // an account inserted by another feature's seed (no search_text) is still found
    const now = h().clock.now().toISOString();
    await h()
      .ctx.database.db.insertInto("users")
      .values({ zalo_id: null, username: "seed:x", password_hash: null, name: "Vũ Thị Ngọc", avatar_url: null, phone: null, role: "youth", unit_id: null, ward_id: await h().unitId("UBND"), ward_chosen_at: now, disabled: 0, consent_at: now, failed_logins: 0, locked_until: null, source: "demo", created_at: now, updated_at: now })
      .execute();
    expect((await h().http().get("/api/users").query({ q: "vu thi ngoc" }).set(bearer(staff))).body.items.map((u: any) => u.name)).toEqual([
      "Vũ Thị Ngọc",
    ]);
    // LIKE wildcards in the search text are literal
    expect((await h().http().get("/api/users").query({ q: "%" }).set(bearer(staff))).body.items).toHaveLength(0);
    // the seeded staff account is found by its username
    const canbo = (await h().http().get("/api/users").query({ q: "canbo" }).set(bearer(staff))).body.items;
    expect(canbo[0]).toMatchObject({ username: "canbo", source: "password", role: "staff" });

    const focals = (await h().http().get("/api/users").query({ role: "focal", unitId: hoi }).set(bearer(staff))).body.items;
    expect(focals.every((u: any) => u.role === "focal" && u.unit.id === hoi)).toBe(true);

    const all: number[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (await h().http().get("/api/users").query({ limit: 2, ...(cursor ? { cursor } : {}) }).set(bearer(staff))).body;
      all.push(...page.items.map((u: any) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    const count = Number((await h().ctx.database.db.selectFrom("users").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    expect(all).toHaveLength(count);
    expect(new Set(all).size).toBe(count);
  });

  it("changes role and unit, requires a unit for a focal point, disables and signs out", async () => {
    const staff = await staffToken();
    const staffMe = (await h().http().get("/api/me").set(bearer(staff))).body;
    const youth = await h().signIn("youth", { name: "Sắp làm đầu mối" });
    const youthMe = (await h().http().get("/api/me").set(bearer(youth))).body;
    const patch = (id: number, body: object) => h().http().patch(`/api/users/${id}`).set(bearer(staff)).send(body);

    const noUnit = await patch(youthMe.id, { role: "focal" });
    expect(noUnit.status).toBe(400);
    expect(noUnit.body.error.code).toBe("UNIT_REQUIRED");
    expect((await patch(youthMe.id, { role: "focal", unitId: 99999 })).body.error.code).toBe("UNKNOWN_UNIT");
    const qs = await h().unitId("QS");
    const made = await patch(youthMe.id, { role: "focal", unitId: qs });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ role: "focal", unit: { code: "QS" } });
    // the change applies to the open session at once
    expect((await h().http().get("/api/me").set(bearer(youth))).body).toMatchObject({ role: "focal", unit: { code: "QS" } });
    expect((await patch(youthMe.id, { unitId: null })).body.error.code).toBe("UNIT_REQUIRED");

    const self = await patch(staffMe.id, { disabled: true });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe("CANNOT_DISABLE_SELF");
    expect((await patch(staffMe.id, { role: "youth" })).body.error.code).toBe("CANNOT_CHANGE_OWN_ROLE");
    expect((await patch(99999, { disabled: true })).status).toBe(404);

    const disabled = await patch(youthMe.id, { disabled: true });
    expect(disabled.body.disabled).toBe(true);
    const me = await h().http().get("/api/me").set(bearer(youth));
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe("SESSION_REVOKED");
    // a disabled dev account cannot sign in again either
    const again = await h().http().post("/api/auth/dev").send({ role: "youth", name: "Sắp làm đầu mối" });
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe("ACCOUNT_DISABLED");

    const enabled = await patch(youthMe.id, { disabled: false });
    expect(enabled.body.disabled).toBe(false);
    expect((await h().http().post("/api/auth/dev").send({ role: "youth", name: "Sắp làm đầu mối" })).status).toBe(200);
  });

  it("revokes a token at logout and refuses it after expiry; stores only the hash", async () => {
    const res = await h().http().post("/api/auth/password").send({ username: "canbo", password: DEV_STAFF_PASSWORD });
    const token = res.body.token as string;
    const rows = await h().ctx.database.db.selectFrom("sessions").select("token_hash").execute();
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(rows.some((r) => r.token_hash.length === 64)).toBe(true);

    expect((await h().http().post("/api/auth/logout").set(bearer(token))).status).toBe(204);
    const after = await h().http().get("/api/me").set(bearer(token));
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("SESSION_REVOKED");

    const t2 = await h().signIn("observer");
    expect((await h().http().get("/api/me").set(bearer(t2))).status).toBe(200);
    h().clock.advance(h().ctx.config.tokenTtlHours * 3600_000 + 1);
    const expired = await h().http().get("/api/me").set(bearer(t2));
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe("SESSION_EXPIRED");
    const garbage = await h().http().get("/api/me").set(bearer("not-a-token"));
    expect(garbage.body.error.code).toBe("INVALID_TOKEN");
  });
});
