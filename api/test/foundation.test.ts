import { expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";

describeEachDb("foundation", (h) => {
  it("reports health with the real database", async () => {
    const res = await h().http().get("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, db: h().dialect, version: expect.any(String), down: [] });
  });

  it("serves the seeded catalog with Vietnamese names", async () => {
    const units = (await h().http().get("/api/units")).body;
    const ward = units.find((u: any) => u.code === "UBND");
    // the ward hangs under the city, and is its own tenant
    const city = units.find((u: any) => u.kind === "city");
    expect(city).toMatchObject({ code: "HP", name: "Thành phố Hải Phòng", parentId: null, wardId: null });
    expect(ward).toMatchObject({ parentId: city.id, wardId: ward.id });
    expect(units.find((u: any) => u.code === "DOAN")).toMatchObject({ name: "Đoàn TNCS Hồ Chí Minh phường", parentId: ward.id });
    expect(units.filter((u: any) => u.kind === "residential_group").length).toBeGreaterThanOrEqual(5);

    const indicators = (await h().http().get("/api/indicators")).body;
    expect(indicators).toHaveLength(18);
    const ct08 = indicators.find((i: any) => i.code === "CT08");
    expect(ct08).toMatchObject({ measure: "percent", target: 7, direction: "at_most" });
    expect(indicators.find((i: any) => i.code === "CT14")).toMatchObject({ measure: "times", target: 1 });
    expect(indicators.find((i: any) => i.code === "CT07")).toMatchObject({ measure: "count", target: null });

    const tasks = (await h().http().get("/api/tasks")).body;
    expect(tasks).toHaveLength(15);
    expect(tasks[0].leadUnitIds.length).toBeGreaterThan(0);
  });

  it("puts every account in a ward (its unit's for a focal point), city staff in none", async () => {
    const ward = await h().unitId("UBND");
    const doan = await h().unitId("DOAN");
    const me = async (token: string) => (await h().http().get("/api/me").set(bearer(token))).body;
    const wardRef = { id: ward, code: "UBND", name: "Ủy ban nhân dân phường Lê Đại Hành" };
    expect((await me(await h().signIn("youth", { name: "Thanh niên A" }))).ward).toEqual(wardRef);
    expect((await me(await h().signIn("focal", { unitId: doan }))).ward).toEqual(wardRef);
    expect((await me(await h().signIn("staff", { wardId: ward }))).ward).toEqual(wardRef);
    expect((await me(await h().signIn("city_staff"))).ward).toBeNull();
    // a ward that is not a ward is refused
    const bad = await h().http().post("/api/auth/dev").send({ role: "youth", wardId: doan });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("UNKNOWN_WARD");
  });

  it("seeds the 2026 annual period due 30/11/2026 23:59:59 +07:00", async () => {
    const periods = (await h().http().get("/api/periods")).body;
    const p = periods.find((x: any) => x.year === 2026 && x.kind === "annual");
    expect(p.deadlineAt).toBe("2026-11-30T16:59:59.000Z");
    expect(p.expectedUnitIds.length).toBeGreaterThan(10);
    const one = await h().http().get(`/api/periods/${p.id}`);
    expect(one.body.id).toBe(p.id);
    expect((await h().http().get("/api/periods/99999")).status).toBe(404);
  });

  it("seeding twice changes nothing", async () => {
    const { seedAll } = await import("../src/db/seed.js");
    const before = (await h().http().get("/api/units")).body.length;
    await seedAll(h().ctx);
    await seedAll(h().ctx);
    expect((await h().http().get("/api/units")).body.length).toBe(before);
    expect((await h().http().get("/api/periods")).body.length).toBe(1);
  });

  it("answers bad input with a stable code and a Vietnamese message", async () => {
    const malformed = await h().http().post("/api/auth/dev").set("Content-Type", "application/json").send("{bad");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("MALFORMED_JSON");

    const wrongType = await h().http().post("/api/auth/dev").set("Content-Type", "text/plain").send("role=staff");
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");

    const huge = await h()
      .http()
      .post("/api/auth/dev")
      .send({ role: "youth", name: "x".repeat(600_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("PAYLOAD_TOO_LARGE");

    const unknown = await h().http().get("/api/khong-co");
    expect(unknown.status).toBe(404);
    expect(unknown.headers["content-type"]).toMatch(/json/);
    expect(unknown.body.error).toMatchObject({ code: "ROUTE_NOT_FOUND" });

    // Ids beyond PostgreSQL's integer range are refused cleanly on both databases (never a 500).
    for (const path of ["/api/periods/99999999999", "/api/feedback/99999999999", "/api/announcements/99999999999"]) {
      const big = await h().http().get(path);
      expect(big.status, path).toBeGreaterThanOrEqual(400);
      expect(big.status, path).toBeLessThan(500);
    }

    const invalid = await h().http().post("/api/auth/dev").send({ role: "king" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe("VALIDATION_FAILED");
    expect(invalid.body.error.message).toMatch(/hợp lệ/);
  });

  it("publishes an OpenAPI 3 document covering every route", async () => {
    const doc = (await h().http().get("/api/openapi.json")).body;
    expect(doc.openapi).toMatch(/^3\./);
    for (const spec of h().built.routes) {
      const p = spec.path.replace(/:(\w+)/g, "{$1}");
      expect(doc.paths[p]?.[spec.method], `${spec.method} ${p}`).toBeDefined();
    }
  });

  it("signs in with the dev sign-in and reads /api/me", async () => {
    const token = await h().signIn("focal", { unitId: await h().unitId("DOAN") });
    const me = await h().http().get("/api/me").set(bearer(token));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: "focal", unit: { code: "DOAN" } });
  });

  it("allows Zalo's origin by CORS, not others, and tags responses with a request id", async () => {
    const ok = await h().http().options("/api/indicators").set("Origin", "https://h5.zdn.vn").set("Access-Control-Request-Method", "GET");
    expect(ok.headers["access-control-allow-origin"]).toBe("https://h5.zdn.vn");
    const evil = await h().http().get("/api/indicators").set("Origin", "https://evil.example");
    expect(evil.headers["access-control-allow-origin"]).toBeUndefined();
    const res = await h().http().get("/api/health").set("X-Request-Id", "abc-123");
    expect(res.headers["x-request-id"]).toBe("abc-123");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });
});
