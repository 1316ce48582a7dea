import { expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { setUpWards, youthOf, type Wards } from "./tenancy-fixtures.js";

/** People across wards: a youth's ward, invitations of the city and of a ward, the users admin. */
describeEachDb("identity across wards", (h) => {
  let w: Wards;
  const me = async (token: string) => (await h().http().get("/api/me").set(bearer(token))).body;

  it("sets up two wards", async () => {
    w = await setUpWards(h());
  });

  it("a youth without a chosen ward is asked; choosing (or a ward's link) settles it, and it can change", async () => {
    const youth = await youthOf(w, w.a);
    // a new Zalo account gets the default ward, not chosen yet
    await h().ctx.database.db.updateTable("users").set({ ward_chosen_at: null }).where("id", "=", youth.id).execute();
    expect(await me(youth.token)).toMatchObject({ ward: { id: w.a.ward }, wardChosen: false });
    const chosen = await h().http().patch("/api/me").set(bearer(youth.token)).send({ wardId: w.b.ward });
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ ward: { id: w.b.ward, code: "HB", name: "Ủy ban nhân dân phường Hồng Bàng" }, wardChosen: true });
    // the session follows at once: their feedback now goes to Hồng Bàng
    const cats = (await h().http().get("/api/feedback/categories")).body;
    const sent = await h().http().post("/api/feedback").set(bearer(youth.token)).send({ categoryId: cats[0].id, content: "Đề nghị mở lớp kỹ năng số cho thanh niên." });
    expect(sent.status).toBe(201);
    const row = await h().ctx.database.db.selectFrom("feedback_items").select("ward_id").where("id", "=", sent.body.id).executeTakeFirstOrThrow();
    expect(row.ward_id).toBe(w.b.ward);
    // and back again, under Cá nhân
    expect((await h().http().patch("/api/me").set(bearer(youth.token)).send({ wardId: w.a.ward })).body.ward.id).toBe(w.a.ward);
    // not a ward: refused with the Vietnamese reason
    const notWard = await h().http().patch("/api/me").set(bearer(youth.token)).send({ wardId: await w.a.unit("DOAN") });
    expect([notWard.status, notWard.body.error.code]).toEqual([400, "UNKNOWN_WARD"]);
  });

  it("only a youth picks their ward: a focal point's follows its unit, staff's are set by staff", async () => {
    for (const token of [w.a.focal, w.a.staff, w.a.observer, w.city]) {
      const res = await h().http().patch("/api/me").set(bearer(token)).send({ wardId: w.b.ward });
      expect([res.status, res.body.error.code]).toEqual([409, "WARD_FIXED"]);
    }
    expect((await me(w.a.focal)).ward.id).toBe(w.a.ward);
    expect(await me(w.city)).toMatchObject({ ward: null, wardChosen: true });
  });

  it("city staff invite a ward's staff and their own colleagues, not a ward's focal points", async () => {
    const invite = (token: string, body: object) => h().http().post("/api/invitations").set(bearer(token)).send(body);
    const staffInv = await invite(w.city, { unitId: await w.b.unit("VHXH"), role: "staff" });
    expect(staffInv.status).toBe(201);
    expect(staffInv.body.ward).toMatchObject({ id: w.b.ward });
    const focalByCity = await invite(w.city, { unitId: await w.b.unit("DOAN"), role: "focal" });
    expect([focalByCity.status, focalByCity.body.error.code]).toEqual([403, "ROLE_NOT_INVITABLE"]);
    const cityUnit = await h().unitId("HP");
    expect((await invite(w.city, { unitId: await w.b.unit("VHXH"), role: "city_staff" })).body.error.code).toBe("CITY_UNIT_REQUIRED");
    expect((await invite(w.city, { unitId: cityUnit, role: "staff" })).body.error.code).toBe("WARD_UNIT_REQUIRED");
    const colleague = await invite(w.city, { unitId: cityUnit, role: "city_staff" });
    expect(colleague.body).toMatchObject({ role: "city_staff", ward: null });

    // a ward's staff see the city's invitation for their ward, and cannot revoke it
    const bList = (await h().http().get("/api/invitations").set(bearer(w.b.staff))).body.items.map((i: { code: string }) => i.code);
    expect(bList).toContain(staffInv.body.code);
    expect(bList).not.toContain(colleague.body.code);
    const revoke = await h().http().delete(`/api/invitations/${staffInv.body.code}`).set(bearer(w.b.staff));
    expect([revoke.status, revoke.body.error.code]).toEqual([403, "INVITATION_FORBIDDEN"]);

    // accepting: the youth becomes Hồng Bàng's staff; the colleague a city staff member of no ward
    const p1 = await youthOf(w, w.a);
    expect((await h().http().post(`/api/invitations/${staffInv.body.code}/accept`).set(bearer(p1.token))).body).toMatchObject({ role: "staff", ward: { id: w.b.ward } });
    const p2 = await youthOf(w, w.a);
    expect((await h().http().post(`/api/invitations/${colleague.body.code}/accept`).set(bearer(p2.token))).body).toMatchObject({ role: "city_staff", ward: null, unit: null });
    // the city's staff cannot accept an invitation (they would lose their rights)
    const another = (await invite(w.city, { unitId: await w.b.unit("VHXH"), role: "staff" })).body;
    expect((await h().http().post(`/api/invitations/${another.code}/accept`).set(bearer(w.city))).body.error.code).toBe("STAFF_CANNOT_ACCEPT");
  });

  it("a ward's staff manage their own ward's accounts; city staff read every account, manage the city's", async () => {
    const bYouth = await youthOf(w, w.b);
    const aYouth = await youthOf(w, w.a);
    const patch = (token: string, id: number, body: object) => h().http().patch(`/api/users/${id}`).set(bearer(token)).send(body);
    expect((await patch(w.a.staff, bYouth.id, { role: "focal", unitId: await w.a.unit("DOAN") })).body.error.code).toBe("USER_NOT_FOUND");
    expect((await patch(w.a.staff, aYouth.id, { role: "focal", unitId: await w.b.unit("DOAN") })).body.error.code).toBe("UNKNOWN_UNIT");
    expect((await patch(w.a.staff, aYouth.id, { role: "city_staff" })).body.error.code).toBe("ROLE_NOT_ALLOWED");
    const made = await patch(w.a.staff, aYouth.id, { role: "focal", unitId: await w.a.unit("DOAN") });
    expect(made.body).toMatchObject({ role: "focal", ward: { id: w.a.ward } });
    // city staff: read-only on ward accounts
    const cityOnWard = await patch(w.city, aYouth.id, { disabled: true });
    expect([cityOnWard.status, cityOnWard.body.error.code]).toEqual([403, "CITY_READ_ONLY"]);
    const everyone = (await h().http().get("/api/users").query({ limit: 100 }).set(bearer(w.city))).body.items.map((u: { id: number }) => u.id);
    expect(everyone).toEqual(expect.arrayContaining([aYouth.id, bYouth.id]));
    const onlyB = (await h().http().get("/api/users").query({ wardId: w.b.ward, limit: 100 }).set(bearer(w.city))).body.items;
    expect(onlyB.every((u: { ward: { id: number } | null }) => u.ward?.id === w.b.ward)).toBe(true);
    // a city colleague's account: city staff lock it (and not their own)
    const colleague = await h().signIn("city_staff", { name: "Đồng nghiệp Sở" });
    const colleagueId = (await me(colleague)).id;
    expect((await patch(w.city, colleagueId, { disabled: true })).body.disabled).toBe(true);
    expect((await patch(w.city, colleagueId, { role: "staff" })).body.error.code).toBe("ROLE_NOT_ALLOWED");
    expect((await patch(w.city, (await me(w.city)).id, { disabled: true })).body.error.code).toBe("CANNOT_DISABLE_SELF");
  });
});
