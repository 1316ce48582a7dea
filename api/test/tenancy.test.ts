import { expect, it } from "vitest";
import { describeEachDb } from "./harness.js";
import { accessFor } from "../src/identity/policy.js";
import type { Role } from "../src/contract/identity.js";
import { setUpWards, type Side, type Wards } from "./tenancy-fixtures.js";
import { send, WARD_ROUTES, type Call, type WardCase } from "./tenancy-routes.js";
import { WORK_ROUTES } from "./tenancy-routes-work.js";

/**
 * The route × role × ward walk: for every route of the API, ward A's staff, focal point, observer and
 * youth reaching ward B's objects are refused (403/404), its lists never show B's records, city staff
 * read every ward and change nothing of one, and B's own people do the same call for real. The table
 * of routes is tenancy-routes.ts with tenancy-routes-work.ts (a route without an entry fails here).
 */
const WARD_ROLES = ["staff", "focal", "observer", "youth"] as const;
type WardRole = (typeof WARD_ROLES)[number];
type Case<K extends WardCase["kind"]> = Extract<WardCase, { kind: K }>;
type Answer = { status: number; body?: any };

/** both tables; a route in both has the cases of both (the plan's work adds its own files to GET /api/files/:id) */
const ROUTES: Record<string, WardCase[]> = {};
for (const table of [WARD_ROUTES, WORK_ROUTES]) for (const [key, e] of Object.entries(table)) ROUTES[key] = [...(ROUTES[key] ?? []), ...[e].flat()];

const isRefusal = (status: number) => status === 403 || status === 404;
const tokenOf = (s: Side, role: Role) => s[role as WardRole] ?? null;
const allowed = (method: string, path: string, role: Role) => {
  const rule = accessFor(method, path);
  return rule === "public" || rule === "signed-in" || rule.includes(role);
};
/** a ward's people naming another ward in ?wardId= (the two conventions: wards/scope.ts, wards/request-ward.ts) */
const refusesOtherWard = (res: Answer) =>
  (res.status === 403 && res.body?.error?.code === "WARD_FORBIDDEN") || (res.status === 404 && res.body?.error?.code === "WARD_NOT_FOUND");

/** One route's walk: `fail` records what went wrong, by whom. */
interface Walk {
  w: Wards;
  key: string;
  method: string;
  path: string;
  fail: (who: string, want: string, res: Answer) => void;
  note: (text: string) => void;
}

async function walkObject({ w, method, fail }: Walk, entry: Case<"object">, call: Call) {
  for (const role of WARD_ROLES) {
    const res = await send(w, method, call, w.a[role]);
    const code: string | undefined = res.body?.error?.code;
    if (!isRefusal(res.status) && !(code && entry.refused?.includes(code))) fail(`ward A ${role}`, "403/404", res);
  }
  const city = await send(w, method, call, w.city);
  if (method === "get" && !entry.cityDoesNotRead) {
    if (city.status >= 300) fail("city staff", "to read it (2xx)", city);
  } else if (city.status !== 403) fail("city staff", "403 (read only)", city);
  const control = entry.control ?? "staff";
  const mine = await send(w, method, call, tokenOf(w.b, control));
  if (mine.status >= 300) fail(`ward B ${control} (the control)`, "2xx", mine);
}

async function walkList({ w, method, path, fail, note }: Walk, entry: Case<"list">, made: Call & { marker: string }) {
  const { marker, ...call } = made;
  const shows = (body: unknown) => (entry.shows ? entry.shows(body, marker) : JSON.stringify(body).includes(marker));
  for (const role of WARD_ROLES) {
    if (!allowed(method, path, role)) continue; // refused by its role: nothing to leak
    const res = await send(w, method, call, w.a[role]);
    if (res.status >= 300) fail(`ward A ${role}`, "its own ward's list (2xx)", res);
    else if (shows(res.body)) note(`as ward A ${role}: shows ward B's record “${marker}”`);
  }
  if (entry.anonymousReads) {
    const anonymous = await send(w, method, call, null);
    if (anonymous.status >= 300 || shows(anonymous.body)) note("anonymous: expected the default ward's list without B's record");
    const named = await send(w, method, call, null, { wardId: w.b.ward });
    if (named.status >= 300 || !shows(named.body)) note("anonymous with ?wardId=B: expected B's record");
  }
  const control = entry.control ?? "staff";
  const mine = await send(w, method, call, tokenOf(w.b, control));
  if (mine.status >= 300 || !shows(mine.body)) note(`as ward B ${control} (the control): expected its own record, got ${mine.status}`);
  if (!allowed(method, path, "city_staff")) return note("a ward's list city staff cannot read (add city_staff to its rule)");
  const every = await send(w, method, call, w.city);
  if (entry.wardQuery === "named") {
    if (every.status !== 400 || every.body?.error?.code !== "WARD_REQUIRED") fail("city staff without ?wardId=", "400 WARD_REQUIRED", every);
  } else if (entry.wardQuery === "city-view") {
    if (every.status >= 300 || shows(every.body)) note(`as city staff without ?wardId=: expected the city's view without B's record, got ${every.status}`);
  } else if (every.status >= 300 || !shows(every.body)) note(`as city staff: expected every ward's records, got ${every.status}`);
  if (!entry.wardQuery) return;
  const b = await send(w, method, call, w.city, { wardId: w.b.ward });
  if (b.status >= 300 || !shows(b.body)) note("as city staff with ?wardId=B: expected B's record");
  const a = await send(w, method, call, w.city, { wardId: w.a.ward });
  if (a.status >= 300 || shows(a.body)) note("as city staff with ?wardId=A: expected A's list only");
  const named = await send(w, method, call, w.a.staff, { wardId: w.b.ward });
  if (!refusesOtherWard(named)) fail("ward A staff with ?wardId=B", "403 WARD_FORBIDDEN / 404 WARD_NOT_FOUND", named);
}

async function walkCity({ w, method, fail }: Walk, call: Call) {
  for (const side of ["a", "b"] as const) {
    for (const role of WARD_ROLES) {
      const res = await send(w, method, call, w[side][role]);
      if (res.status !== 403) fail(`ward ${side.toUpperCase()} ${role}`, "403 (the city's)", res);
    }
  }
  const city = await send(w, method, call, w.city);
  if (city.status >= 300) fail("city staff (the control)", "2xx", city);
}

describeEachDb("tenancy: route × role × ward", (h) => {
  let w: Wards;

  it("sets up two wards of one city", async () => {
    w = await setUpWards(h());
    expect(w.b.ward).not.toBe(w.a.ward);
  });

  it("has one entry for every built route (tenancy-routes.ts, tenancy-routes-work.ts)", () => {
    const missing = h()
      .built.routes.map((s) => `${s.method.toUpperCase()} ${s.path}`)
      .filter((key) => !(key in ROUTES));
    expect(missing).toEqual([]);
  });

  it("walks every ward-scoped route: ward A refused, city staff read only, ward B served", async () => {
    const failures: string[] = [];
    for (const spec of h().built.routes) {
      const key = `${spec.method.toUpperCase()} ${spec.path}`;
      const walk: Walk = {
        w,
        key,
        method: spec.method,
        path: spec.path,
        fail: (who, want, res) => failures.push(`${key} as ${who}: expected ${want}, got ${res.status} ${res.body?.error?.code ?? ""}`),
        note: (text) => failures.push(`${key} ${text}`),
      };
      for (const entry of ROUTES[key] ?? []) {
        if (entry.kind !== "object" && entry.kind !== "list" && entry.kind !== "city") continue;
        let made: Call & { marker?: string };
        try {
          made = await entry.make(w);
        } catch (err) {
          failures.push(`${key}: making ward B's object failed: ${(err as Error).message}`);
          continue;
        }
        if (entry.kind === "object") await walkObject(walk, entry, made);
        else if (entry.kind === "list") await walkList(walk, entry, made as Call & { marker: string });
        else await walkCity(walk, made);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it("names a reason for every route the walk does not call (unscoped, the caller's own)", () => {
    const entries = Object.entries(ROUTES).flatMap(([key, cases]) => cases.map((c) => [key, c] as const));
    for (const [key, e] of entries) {
      if (e.kind === "unscoped" || e.kind === "own") expect(e.why.length, key).toBeGreaterThan(5);
    }
  });
});
