import { expect, it } from "vitest";
import { describeEachDb } from "./harness.js";
import { accessFor } from "../src/identity/policy.js";
import type { Role } from "../src/contract/identity.js";
import { setUpWards, type Side, type Wards } from "./tenancy-fixtures.js";
import { send, WARD_ROUTES, type Call } from "./tenancy-routes.js";

/**
 * The route × role × ward walk: for every route of the API, ward A's staff, focal point, observer and
 * youth reaching ward B's objects are refused (403/404), its lists never show B's records, city staff
 * read every ward and change nothing of one, and B's own people do the same call for real. The table
 * of routes is tenancy-routes.ts (a route without an entry fails here).
 */
const WARD_ROLES = ["staff", "focal", "observer", "youth"] as const;
type WardRole = (typeof WARD_ROLES)[number];

const isRefusal = (status: number) => status === 403 || status === 404;
const tokenOf = (s: Side, role: Role) => s[role as WardRole] ?? null;
const allowed = (method: string, path: string, role: Role) => {
  const rule = accessFor(method, path);
  return rule === "public" || rule === "signed-in" || rule.includes(role);
};

describeEachDb("tenancy: route × role × ward", (h) => {
  let w: Wards;

  it("sets up two wards of one city", async () => {
    w = await setUpWards(h());
    expect(w.b.ward).not.toBe(w.a.ward);
  });

  it("has an entry for every built route (tenancy-routes.ts)", () => {
    const missing = h()
      .built.routes.map((s) => `${s.method.toUpperCase()} ${s.path}`)
      .filter((key) => !(key in WARD_ROUTES));
    expect(missing).toEqual([]);
  });

  it("walks every ward-scoped route: ward A refused, city staff read only, ward B served", async () => {
    const failures: string[] = [];
    const fail = (key: string, who: string, want: string, res: { status: number; body?: any }) =>
      failures.push(`${key} as ${who}: expected ${want}, got ${res.status} ${res.body?.error?.code ?? ""}`);

    for (const spec of h().built.routes) {
      const key = `${spec.method.toUpperCase()} ${spec.path}`;
      const entry = WARD_ROUTES[key];
      const method = spec.method;
      if (!entry) continue;

      if (entry.kind === "object") {
        let call: Call;
        try {
          call = await entry.make(w);
        } catch (err) {
          failures.push(`${key}: making ward B's object failed: ${(err as Error).message}`);
          continue;
        }
        for (const role of WARD_ROLES) {
          const res = await send(w, method, call, w.a[role]);
          const code: string | undefined = res.body?.error?.code;
          if (!isRefusal(res.status) && !(code && entry.refused?.includes(code))) fail(key, `ward A ${role}`, "403/404", res);
        }
        const city = await send(w, method, call, w.city);
        if (method === "get" && !entry.cityDoesNotRead) {
          if (city.status >= 300) fail(key, "city staff", "to read it (2xx)", city);
        } else if (city.status !== 403) fail(key, "city staff", "403 (read only)", city);
        const control = entry.control ?? "staff";
        const mine = await send(w, method, call, tokenOf(w.b, control));
        if (mine.status >= 300) fail(key, `ward B ${control} (the control)`, "2xx", mine);
      }

      if (entry.kind === "list") {
        let made: Call & { marker: string };
        try {
          made = await entry.make(w);
        } catch (err) {
          failures.push(`${key}: making ward B's record failed: ${(err as Error).message}`);
          continue;
        }
        const { marker, ...call } = made;
        const shows = (body: unknown) => (entry.shows ? entry.shows(body, marker) : JSON.stringify(body).includes(marker));
        for (const role of WARD_ROLES) {
          const res = await send(w, method, call, w.a[role]);
          if (!allowed(method, spec.path, role)) continue; // refused by its role: nothing to leak
          if (res.status >= 300) fail(key, `ward A ${role}`, "its own ward's list (2xx)", res);
          else if (shows(res.body)) failures.push(`${key} as ward A ${role}: shows ward B's record “${marker}”`);
        }
        if (entry.anonymousReads) {
          const anonymous = await send(w, method, call, null);
          if (anonymous.status >= 300 || shows(anonymous.body)) failures.push(`${key} anonymous: expected the default ward's list without B's record`);
          const named = await send(w, method, call, null, { wardId: w.b.ward });
          if (named.status >= 300 || !shows(named.body)) failures.push(`${key} anonymous with ?wardId=B: expected B's record`);
        }
        const control = entry.control ?? "staff";
        const mine = await send(w, method, call, tokenOf(w.b, control));
        if (mine.status >= 300 || !shows(mine.body)) failures.push(`${key} as ward B ${control} (the control): expected its own record, got ${mine.status}`);
        if (allowed(method, spec.path, "city_staff")) {
          const every = await send(w, method, call, w.city);
          if (every.status >= 300 || !shows(every.body)) failures.push(`${key} as city staff: expected every ward's records, got ${every.status}`);
          if (entry.wardQuery) {
            const b = await send(w, method, call, w.city, { wardId: w.b.ward });
            if (b.status >= 300 || !shows(b.body)) failures.push(`${key} as city staff with ?wardId=B: expected B's record`);
            const a = await send(w, method, call, w.city, { wardId: w.a.ward });
            if (a.status >= 300 || shows(a.body)) failures.push(`${key} as city staff with ?wardId=A: expected A's list only`);
          }
        } else failures.push(`${key}: a ward's list city staff cannot read (add city_staff to its rule)`);
        if (entry.wardQuery) {
          const named = await send(w, method, call, w.a.staff, { wardId: w.b.ward });
          if (named.status !== 403 || named.body?.error?.code !== "WARD_FORBIDDEN") fail(key, "ward A staff with ?wardId=B", "403 WARD_FORBIDDEN", named);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it("says which routes still wait for their tenancy (pending, by owner)", () => {
    const pending = Object.entries(WARD_ROUTES).filter(([, e]) => e.kind === "pending");
    const byOwner = new Map<string, string[]>();
    for (const [key, e] of pending) if (e.kind === "pending") byOwner.set(e.owner, [...(byOwner.get(e.owner) ?? []), key]);
    if (pending.length) console.warn(`Tenancy pending:\n${[...byOwner].map(([o, keys]) => `  ${o}: ${keys.length} routes (${keys.slice(0, 3).join(", ")}…)`).join("\n")}`);
    // every route entry names a reason or a way to test it
    for (const [key, e] of Object.entries(WARD_ROUTES)) {
      if (e.kind === "unscoped" || e.kind === "own" || e.kind === "pending") expect(e.why.length, key).toBeGreaterThan(5);
    }
  });
});
