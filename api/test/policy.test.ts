import { expect, it } from "vitest";
import { bearer, describeEachDb, type Harness } from "./harness.js";
import { POLICY, accessFor, assertUnitAccess, type Access } from "../src/identity/policy.js";
import { RouteBuilder } from "../src/http/route.js";
import type { Role } from "../src/contract/identity.js";
import type { AuthUser } from "../src/http/context.js";

/**
 * The expected access table, written out on purpose: changing a rule in policy.ts without
 * changing it here fails this test, and so does a route without a rule.
 */
const S: Role[] = ["staff"];
const R: Role[] = ["staff", "observer"];
const W: Role[] = ["staff", "observer", "focal"];
const F: Role[] = ["staff", "focal"];
const C: Role[] = ["youth", "focal", "staff"];
/** the plan's work city staff read; the catalog edited at two levels (city definitions, ward settings) */
const RC: Role[] = ["staff", "observer", "city_staff"];
const WC: Role[] = ["staff", "observer", "focal", "city_staff"];
const E: Role[] = ["staff", "city_staff"];
const CITY: Role[] = ["city_staff"];
const UP: Role[] = ["staff", "observer", "city_staff"];
const SC: Role[] = ["staff", "city_staff"];
const EXPECTED: Record<string, Access> = {
  "GET /api/health": "public",
  "GET /api/openapi.json": "public",
  "GET /api/config": "public",
  "GET /api/units": "public",
  "GET /api/indicators": "public",
  "GET /api/tasks": "public",
  "GET /api/periods": "public",
  "GET /api/periods/:id": "public",
  "POST /api/periods": S,
  "PATCH /api/periods/:id": S,
  "GET /api/holidays": "public",
  "POST /api/holidays": E,
  "DELETE /api/holidays/:date": E,
  "POST /api/indicators": E,
  "GET /api/indicators/:id": RC,
  "PATCH /api/indicators/:id": E,
  "GET /api/indicators/:id/history": RC,
  "PATCH /api/tasks/:id": E,
  "GET /api/tasks/:id/history": RC,
  "GET /api/plan-reference": RC,
  "PUT /api/plan-reference": S,
  "PUT /api/test/clock": "public",
  "POST /api/auth/zalo": "public",
  "POST /api/auth/password": "public",
  "POST /api/auth/dev": "public",
  "POST /api/auth/logout": "signed-in",
  "GET /api/me": "signed-in",
  "PATCH /api/me": "signed-in",
  "POST /api/me/phone": "signed-in",
  "GET /api/invitations": SC,
  "POST /api/invitations": SC,
  "GET /api/invitations/:code": "signed-in",
  "POST /api/invitations/:code/accept": "signed-in",
  "DELETE /api/invitations/:code": SC,
  "GET /api/users": SC,
  "PATCH /api/users/:id": SC,
  "GET /api/wards": "public",
  "POST /api/wards": ["city_staff"],
  "GET /api/wards/:id/join": SC,
  "POST /api/files": [...C, "city_staff"],
  "GET /api/files/:id": "public",
  "GET /api/announcements": "public",
  "GET /api/announcements/:id": "public",
  "POST /api/announcements": SC,
  "PATCH /api/announcements/:id": SC,
  "DELETE /api/announcements/:id": SC,
  "POST /api/announcements/:id/ack": C,
  "GET /api/announcements/:id/receipts": RC,
  "POST /api/announcements/:id/remind": SC,
  "GET /api/announcement-categories": "public",
  "POST /api/announcement-categories": SC,
  "GET /api/notifications": "signed-in",
  "POST /api/notifications/:id/read": "signed-in",
  "POST /api/notifications/read-all": "signed-in",
  "GET /api/periods/:periodId/reports": WC,
  "GET /api/periods/:periodId/reports/:unitId": WC,
  "PUT /api/periods/:periodId/reports/:unitId": F,
  "POST /api/periods/:periodId/reports/:unitId/submit": F,
  "POST /api/periods/:periodId/reports/:unitId/approve": S,
  "POST /api/periods/:periodId/reports/:unitId/return": S,
  "POST /api/periods/:periodId/reports/:unitId/reopen": S,
  "GET /api/periods/:periodId/reports/:unitId/audit": WC,
  "PUT /api/periods/:periodId/exceptions/:unitId": S,
  "POST /api/periods/:periodId/exceptions": S,
  "GET /api/periods/:periodId/completeness": RC,
  "POST /api/periods/:periodId/remind": S,
  "GET /api/periods/:periodId/summary": RC,
  "GET /api/periods/:periodId/summary/tasks/:taskId/results": RC,
  "GET /api/periods/:periodId/export.xlsx": RC,
  "GET /api/periods/:periodId/export.docx": RC,
  "PUT /api/periods/:periodId/summary/sections/:key": S,
  "GET /api/feedback/categories": "public",
  "POST /api/feedback": C,
  "GET /api/feedback/mine": "signed-in",
  "GET /api/feedback/public": "public",
  "GET /api/feedback/stats": [...R, "city_staff"],
  "GET /api/feedback": [...W, "city_staff"],
  "GET /api/feedback/:id": "public",
  "GET /api/feedback/:id/photos/:photoId": "signed-in",
  "PATCH /api/feedback/:id": S,
  "PATCH /api/feedback/categories/:id": ["city_staff"],
  "POST /api/feedback/:id/answer": F,
  "POST /api/feedback/:id/notes": F,
  "POST /api/feedback/:id/support": C,
  "POST /api/feedback/:id/flag": C,
  "GET /api/duties": WC,
  "POST /api/duties": S,
  "GET /api/duties/:id": WC,
  "PATCH /api/duties/:id": S,
  "POST /api/duties/:id/units/:unitId/hand-in": F,
  "POST /api/duties/:id/units/:unitId/accept": S,
  "POST /api/duties/:id/units/:unitId/return": S,
  "POST /api/duties/:id/remind": S,
  "GET /api/difficulty-themes": "signed-in",
  "POST /api/difficulty-themes": E,
  "GET /api/difficulties": WC,
  "GET /api/difficulties/:id": WC,
  "PATCH /api/difficulties/:id": S,
  "POST /api/difficulties/:id/forward": S,
  "POST /api/difficulties/:id/resolve": S,
  "POST /api/difficulties/:id/merge": S,
  "GET /api/supervisions": WC,
  "POST /api/supervisions": ["observer"],
  "GET /api/supervision-recommendations": WC,
  "GET /api/supervisions/:id": WC,
  "POST /api/supervisions/:id/recommendations/:recId/answer": F,
  "GET /api/dialogues": "public",
  "POST /api/dialogues": S,
  "GET /api/dialogues/:id": "public",
  "GET /api/dialogues/:id/questions": "public",
  "POST /api/dialogues/:id/questions": C,
  "PATCH /api/dialogues/:id/questions/:questionId": S,
  "POST /api/dialogues/:id/questions/:questionId/support": C,
  "POST /api/dialogues/:id/questions/:questionId/flag": C,
  "POST /api/dialogues/:id/publish": S,
  "GET /api/city/completeness": CITY,
  "PUT /api/city/deadlines/:year": CITY,
  "POST /api/city/remind": CITY,
  "GET /api/city/summary": CITY,
  "GET /api/city/export.xlsx": CITY,
  "GET /api/city/export.docx": CITY,
  "GET /api/city/wards/:wardId/snapshots": UP,
  "POST /api/city/wards/:wardId/snapshots": S,
  "GET /api/city/snapshots/:id": UP,
  "GET /api/city/snapshots/:id/report.docx": UP,
  "GET /api/city/snapshots/:id/report.xlsx": UP,
  "POST /api/city/snapshots/:id/accept": CITY,
  "POST /api/city/snapshots/:id/return": CITY,
};

const ROLES: Role[] = ["youth", "focal", "staff", "observer", "city_staff"];
type Caller = Role | "no token" | "expired token" | "revoked token" | "unknown token";

/** Plausible values for path parameters: the handler may still answer 400/404/409. */
const samplePath = (path: string) => path.replace(/:code\b/g, "KHONGCOMA").replace(/:(\w+)/g, "1");

async function tokenFor(h: Harness, caller: Caller): Promise<string | null> {
  switch (caller) {
    case "no token":
      return null;
    case "unknown token":
      return "this-token-was-never-issued";
    case "expired token": {
      const t = await h.signIn("staff", { name: "Phiên hết hạn" });
      // Expire this one session (moving the clock would expire everything else too).
      const { hashToken } = await import("../src/identity/sessions.js");
      await h.ctx.database.db.updateTable("sessions").set({ expires_at: "2000-01-01T00:00:00.000Z" }).where("token_hash", "=", hashToken(t)).execute();
      return t;
    }
    case "revoked token": {
      const t = await h.signIn("staff", { name: "Phiên đã thu hồi" });
      const out = await h.http().post("/api/auth/logout").set(bearer(t));
      if (out.status !== 204) throw new Error(`logout failed: ${out.status}`);
      return t;
    }
    case "focal":
      return h.signIn("focal", { unitId: await h.unitId("DOAN") });
    default:
      return h.signIn(caller);
  }
}

function call(h: Harness, method: string, path: string, token: string | null) {
  const agent = h.http();
  const m = method.toLowerCase() as "get" | "post" | "put" | "patch" | "delete";
  let req = agent[m](samplePath(path));
  if (token) req = req.set(bearer(token));
  return m === "get" || m === "delete" ? req : req.send({});
}

describeEachDb("access policy", (h) => {
  it("has exactly the expected rules (a changed rule must be changed here too)", () => {
    expect(POLICY).toEqual(EXPECTED);
  });

  it("the observer only reads: its writes are personal, or named for it in a rule", () => {
    // What an observer may change about themselves; everything else it writes must name "observer".
    const PERSONAL = [
      "POST /api/auth/logout",
      "PATCH /api/me",
      "POST /api/me/phone",
      "POST /api/invitations/:code/accept",
      "POST /api/notifications/:id/read",
      "POST /api/notifications/read-all",
    ];
    const loose = Object.entries(POLICY)
      .filter(([key]) => !key.startsWith("GET "))
      .filter(([key, rule]) => rule === "public" || (rule === "signed-in" && !PERSONAL.includes(key)))
      .map(([key]) => key)
      .filter((key) => !["POST /api/auth/zalo", "POST /api/auth/password", "POST /api/auth/dev", "PUT /api/test/clock"].includes(key));
    expect(loose).toEqual([]);
  });

  it("refuses to build a route without a rule (the app would not start)", () => {
    const r = new RouteBuilder(h().ctx);
    expect(() => r.add({ method: "get", path: "/api/khong-co-quy-tac", tag: "x", summary: "x" }, () => ({}))).toThrow(/No access rule/);
    expect(() => accessFor("delete", "/api/users/:id")).toThrow(/policy\.ts/);
  });

  it("every built route has an expected rule", () => {
    const missing = h()
      .built.routes.map((s) => `${s.method.toUpperCase()} ${s.path}`)
      .filter((key) => !(key in EXPECTED));
    expect(missing).toEqual([]);
  });

  it("walks every route × every role, no token, an expired, a revoked and an unknown token", async () => {
    const callers: Caller[] = [...ROLES, "no token", "expired token", "revoked token", "unknown token"];
    const failures: string[] = [];
    const serverErrors: string[] = [];
    // Logout revokes the caller's session: it goes last, and its tokens are renewed after it.
    const routes = [...h().built.routes].sort((a, b) => Number(a.path === "/api/auth/logout") - Number(b.path === "/api/auth/logout"));
    const tokens = new Map<Caller, string | null>();
    for (const caller of callers) tokens.set(caller, await tokenFor(h(), caller));
    for (const spec of routes) {
      const key = `${spec.method.toUpperCase()} ${spec.path}`;
      const rule = EXPECTED[key];
      if (!rule) {
        failures.push(`${key}: no expected rule in policy.test.ts`);
        continue;
      }
      for (const caller of callers) {
        const token = tokens.get(caller)!;
        const res = await call(h(), spec.method, spec.path, token);
        const code: string | undefined = res.body?.error?.code;
        const isRole = (ROLES as string[]).includes(caller);
        let expected: string;
        let ok: boolean;
        if (rule === "public") {
          expected = "not 401, not ROLE_FORBIDDEN";
          ok = res.status !== 401 && code !== "ROLE_FORBIDDEN";
        } else if (!isRole) {
          expected = "401";
          ok = res.status === 401;
        } else if (rule === "signed-in" || rule.includes(caller as Role)) {
          expected = "allowed (not 401, not ROLE_FORBIDDEN)";
          ok = res.status !== 401 && code !== "ROLE_FORBIDDEN";
        } else {
          expected = "403 ROLE_FORBIDDEN";
          ok = res.status === 403 && code === "ROLE_FORBIDDEN";
        }
        if (!ok) failures.push(`${key} as ${caller}: expected ${expected}, got ${res.status} ${code ?? ""}`);
        if (res.status >= 500 && res.status !== 503) serverErrors.push(`${key} as ${caller}: ${res.status} ${code ?? ""}`);
        // A handler that ends the session (logout) must not spoil the next checks.
        if (res.status < 300 && (ROLES as string[]).includes(caller) && spec.path === "/api/auth/logout") {
          tokens.set(caller, await tokenFor(h(), caller));
        }
      }
    }
    expect(failures).toEqual([]);
    // Not part of the policy, but worth seeing: a plausible but empty request should never crash a handler.
    if (serverErrors.length) console.warn(`Handlers answering 5xx to an empty request:\n${serverErrors.join("\n")}`);
    expect(h().built.routes.length).toBeGreaterThanOrEqual(20);
  }, 180_000);

  it("explains a bad token: revoked, expired and unknown tokens get distinct codes", async () => {
    const codes = [];
    for (const caller of ["revoked token", "expired token", "unknown token"] as const) {
      const res = await h().http().get("/api/me").set(bearer((await tokenFor(h(), caller))!));
      codes.push(res.body.error.code);
    }
    expect(codes).toEqual(["SESSION_REVOKED", "SESSION_EXPIRED", "INVALID_TOKEN"]);
  });

  it("a focal point can never read or change another unit's report", async () => {
    const base = (periodId: number, unitId: number) => `/api/periods/${periodId}/reports/${unitId}`;
    const periods = (await h().http().get("/api/periods")).body as { id: number; expectedUnitIds: number[] }[];
    const period = periods[0];
    const doan = await h().unitId("DOAN");
    const other = period.expectedUnitIds.find((u) => u !== doan)!;
    expect(period.expectedUnitIds).toContain(doan);
    const focal = await h().signIn("focal", { unitId: doan, name: "Đầu mối Đoàn" });
    const staff = await h().signIn("staff");
    // the other unit's report exists (opened by staff)
    expect((await h().http().get(base(period.id, other)).set(bearer(staff))).status).toBe(200);
    // own unit: allowed
    const own = await h().http().get(base(period.id, doan)).set(bearer(focal));
    expect(own.status).toBe(200);

    const attempts = [
      h().http().get(base(period.id, other)),
      h().http().put(base(period.id, other)).send({ version: 0, difficulties: "ghi đè" }),
      h().http().post(`${base(period.id, other)}/submit`).send({}),
      h().http().get(`${base(period.id, other)}/audit`),
    ];
    for (const req of attempts) {
      const res = await req.set(bearer(focal));
      expect(res.status).toBe(403);
      expect(["UNIT_FORBIDDEN", "ROLE_FORBIDDEN"]).toContain(res.body.error.code);
    }
    // the list shows only the focal point's own unit
    const list = (await h().http().get(`/api/periods/${period.id}/reports`).set(bearer(focal))).body as { unitId: number }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((r) => r.unitId === doan)).toBe(true);
    // nothing was written to the other unit's report
    const audit = (await h().http().get(`${base(period.id, other)}/audit`).set(bearer(staff))).body as unknown[];
    expect(JSON.stringify(audit)).not.toContain("ghi đè");

    // the ownership rule itself
    const user = (role: Role, unitId: number | null): AuthUser => ({ id: 1, name: "x", role, unitId, wardId: 1, sessionId: 1 });
    expect(() => assertUnitAccess(user("focal", doan), doan)).not.toThrow();
    expect(() => assertUnitAccess(user("focal", doan), other)).toThrow(/đơn vị mình/);
    expect(() => assertUnitAccess(user("focal", null), doan)).toThrow();
    expect(() => assertUnitAccess(user("staff", null), other)).not.toThrow();
    expect(() => assertUnitAccess(user("observer", null), other)).not.toThrow();
  });
});
