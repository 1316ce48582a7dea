import type { Role } from "../src/contract/identity.js";
import { bearer } from "./harness.js";
import { categoryId } from "./feedback-helpers.js";
import { feedbackOf, invitationOf, youthOf, type Side, type Wards } from "./tenancy-fixtures.js";

/**
 * Every route of the API, as the route × role × ward walk (tenancy.test.ts) sees it. A route added
 * without an entry fails the walk. An entry is one of:
 *
 * - `unscoped`: nothing that belongs to a ward is behind it (public reference data, signing in, the
 *   city's own work) — say why;
 * - `own`: the caller's own records (their profile, inbox, uploads): no other ward's id can reach it;
 * - `object`: its path (or body) names a ward's object. `make` creates that object in ward B and
 *   returns the call (path filled in, a valid body): ward A's staff, focal point, observer and youth
 *   must be refused (403/404, or one of the `refused` codes for a body reference), city staff must read
 *   it (GET) and be refused any change (403); then the same call by B's own `control` role succeeds,
 *   which proves the call was well-formed and the object untouched by A;
 * - `list`: a ward's list. `make` creates a record of ward B and returns the call and a `marker` text
 *   of that record: no ward A caller finds the marker in the answer, B's `control` role does, and
 *   city staff do (every ward, and with `?wardId=` B's) while ward A naming B is refused
 *   (`wardQuery`: the list takes ?wardId=);
 * - `pending`: ward-scoped, its tenancy is another engineer's part (owner) not merged yet: listed by
 *   the walk, not failed. Replace it with an `object`/`list` entry when the part lands.
 */
export interface Call {
  path: string;
  body?: object;
  query?: Record<string, string | number>;
}

export type WardCase =
  | { kind: "unscoped"; why: string }
  | { kind: "own"; why: string }
  | {
      kind: "object";
      make: (w: Wards) => Promise<Call>;
      /** who in ward B does it for real (default: staff) */
      control?: Role;
      /** error codes that also count as refusing ward A (a body that names another ward's unit) */
      refused?: string[];
      /** city staff do not read this one: why (only with a reason) */
      cityDoesNotRead?: string;
    }
  | {
      kind: "list";
      make: (w: Wards) => Promise<Call & { marker: string }>;
      /** does this answer show B's record? (default: the marker is in it) */
      shows?: (body: any, marker: string) => boolean;
      control?: Role;
      wardQuery?: boolean;
      /** anonymous callers read it too (a public list): they see the default ward's, or B's when they name it */
      anonymousReads?: boolean;
    }
  | { kind: "pending"; owner: "G" | "H" | "I"; why: string };

const unscoped = (why: string): WardCase => ({ kind: "unscoped", why });
const own = (why: string): WardCase => ({ kind: "own", why });
const pending = (owner: "G" | "H" | "I", why: string): WardCase => ({ kind: "pending", owner, why });

const youthOfB = (w: Wards) => youthOf(w, w.b);
const categoryOf = (w: Wards, code: string) => categoryId(() => w.h, code);
const bSide = (w: Wards): Side => w.b;

export const WARD_ROUTES: Record<string, WardCase> = {
  // ---------------------------------------------------------------- system, reference data
  "GET /api/health": unscoped("the API's health"),
  "GET /api/openapi.json": unscoped("the API's description"),
  "GET /api/config": unscoped("public configuration"),
  "PUT /api/test/clock": unscoped("test clock (TEST_CLOCK only)"),
  "GET /api/units": unscoped("the city's unit tree is public reference data (each unit carries its wardId)"),
  "GET /api/wards": unscoped("the city's wards, for a youth to choose theirs"),
  "POST /api/wards": unscoped("the city's own work: adding a ward"),
  "GET /api/wards/:id/join": {
    kind: "object",
    make: async (w) => ({ path: `/api/wards/${w.b.ward}/join` }),
  },

  // ---------------------------------------------------------------- identity
  "POST /api/auth/zalo": unscoped("signing in"),
  "POST /api/auth/password": unscoped("signing in"),
  "POST /api/auth/dev": unscoped("signing in (development)"),
  "POST /api/auth/logout": own("the caller's session"),
  "GET /api/me": own("the caller's profile"),
  "PATCH /api/me": own("the caller's profile (a youth's choice of ward is checked in identity-wards.test.ts)"),
  "POST /api/me/phone": own("the caller's phone"),
  "GET /api/invitations": {
    kind: "list",
    wardQuery: true,
    make: async (w) => {
      const inv = await invitationOf(w, w.b);
      return { path: "/api/invitations", marker: inv.code };
    },
  },
  "POST /api/invitations": {
    kind: "object",
    refused: ["UNKNOWN_UNIT", "ROLE_NOT_INVITABLE"],
    make: async (w) => ({ path: "/api/invitations", body: { unitId: await w.b.unit("DOAN"), role: "focal" } }),
  },
  "GET /api/invitations/:code": unscoped("the code is the key: whoever holds it may read what it offers"),
  "POST /api/invitations/:code/accept": unscoped("the code is the key: accepting it is how one joins a ward"),
  "DELETE /api/invitations/:code": {
    kind: "object",
    make: async (w) => ({ path: `/api/invitations/${(await invitationOf(w, w.b)).code}` }),
  },
  "GET /api/users": {
    kind: "list",
    wardQuery: true,
    make: async (w) => ({ path: "/api/users", marker: (await youthOfB(w)).name }),
  },
  "PATCH /api/users/:id": {
    kind: "object",
    make: async (w) => ({ path: `/api/users/${(await youthOfB(w)).id}`, body: { disabled: true } }),
  },

  // ---------------------------------------------------------------- files, inbox
  "POST /api/files": own("the caller's upload (attaching it is checked by each parent)"),
  "GET /api/files/:id": {
    kind: "object",
    make: async (w) => ({ path: `/api/files/${(await feedbackOf(w, w.b)).photo}` }),
  },
  "GET /api/notifications": own("the caller's inbox"),
  "POST /api/notifications/:id/read": own("the caller's inbox (another person's message answers 404)"),
  "POST /api/notifications/read-all": own("the caller's inbox"),

  // ---------------------------------------------------------------- feedback
  "GET /api/feedback/categories": unscoped("the city's categories, shared by every ward"),
  "PATCH /api/feedback/categories/:id": unscoped("the city's categories, edited by city staff"),
  "POST /api/feedback": {
    kind: "object",
    control: "youth",
    refused: ["UNKNOWN_PLACE"],
    make: async (w) => ({
      path: "/api/feedback",
      body: { categoryId: await categoryOf(w, "MOI_TRUONG"), content: "Đề nghị dọn rác ở bãi đất trống cạnh chợ.", placeUnitId: await w.b.unit("TDP01") },
    }),
  },
  "GET /api/feedback/mine": own("the caller's own feedback"),
  "GET /api/feedback/public": {
    kind: "list",
    control: "youth",
    wardQuery: true,
    anonymousReads: true,
    make: async (w) => ({ path: "/api/feedback/public", marker: (await feedbackOf(w, w.b, { answeredInPublic: true })).content }),
  },
  "GET /api/feedback/stats": {
    kind: "list",
    wardQuery: true,
    // only ward B's items are in the category KHAC here: A's figures of it must stay at zero
    make: async (w) => {
      await feedbackOf(w, w.b, { category: "KHAC" });
      return { path: "/api/feedback/stats", marker: "Khác" };
    },
    shows: (body, name) => body.byCategory.find((c: { name: string }) => c.name === name).received > 0,
  },
  "GET /api/feedback": {
    kind: "list",
    wardQuery: true,
    make: async (w) => ({ path: "/api/feedback", marker: (await feedbackOf(w, w.b)).content }),
  },
  "GET /api/feedback/:id": { kind: "object", make: async (w) => ({ path: `/api/feedback/${(await feedbackOf(w, w.b)).id}` }) },
  "GET /api/feedback/:id/photos/:photoId": {
    kind: "object",
    make: async (w) => {
      const f = await feedbackOf(w, w.b);
      return { path: `/api/feedback/${f.id}/photos/${f.photo}` };
    },
  },
  "PATCH /api/feedback/:id": {
    kind: "object",
    make: async (w) => ({ path: `/api/feedback/${(await feedbackOf(w, w.b)).id}`, body: { assignedUnitId: await w.b.unit("DOAN") } }),
  },
  "POST /api/feedback/:id/answer": {
    kind: "object",
    make: async (w) => ({ path: `/api/feedback/${(await feedbackOf(w, w.b)).id}/answer`, body: { text: "Phường đã nhận và đang xử lý.", isPublic: false } }),
  },
  "POST /api/feedback/:id/notes": {
    kind: "object",
    make: async (w) => ({ path: `/api/feedback/${(await feedbackOf(w, w.b)).id}/notes`, body: { text: "Chuyển Đoàn phường xem xét." } }),
  },
  "POST /api/feedback/:id/support": {
    kind: "object",
    control: "youth",
    make: async (w) => ({ path: `/api/feedback/${(await feedbackOf(w, bSide(w), { answeredInPublic: true })).id}/support` }),
  },
  "POST /api/feedback/:id/flag": {
    kind: "object",
    control: "youth",
    make: async (w) => ({ path: `/api/feedback/${(await feedbackOf(w, bSide(w), { answeredInPublic: true })).id}/flag`, body: { reason: "Nội dung không phù hợp" } }),
  },

  // ---------------------------------------------------------------- announcements (G: after the feed's performance work is merged)
  "GET /api/announcements": pending("G", "announcements.ward_id: a ward's feed and the city's notices"),
  "GET /api/announcements/:id": pending("G", "a notice of another ward"),
  "POST /api/announcements": pending("G", "a ward's notice, a city notice"),
  "PATCH /api/announcements/:id": pending("G", "a notice of another ward"),
  "DELETE /api/announcements/:id": pending("G", "a notice of another ward"),
  "POST /api/announcements/:id/ack": pending("G", "a notice of another ward"),
  "GET /api/announcements/:id/receipts": pending("G", "a notice of another ward"),
  "POST /api/announcements/:id/remind": pending("G", "a notice of another ward"),
  "GET /api/announcement-categories": unscoped("the city's notice categories, shared by every ward"),
  "POST /api/announcement-categories": unscoped("the city's notice categories, shared by every ward"),

  // ---------------------------------------------------------------- the plan's work (engineer I)
  "GET /api/indicators": unscoped("the city's indicator definitions"),
  "GET /api/tasks": unscoped("the city's task definitions"),
  "POST /api/indicators": pending("I", "indicator definitions become the city's"),
  "GET /api/indicators/:id": pending("I", "a ward's settings of an indicator"),
  "PATCH /api/indicators/:id": pending("I", "a ward's settings of an indicator"),
  "GET /api/indicators/:id/history": pending("I", "a ward's settings history"),
  "PATCH /api/tasks/:id": pending("I", "a ward's settings of a task"),
  "GET /api/tasks/:id/history": pending("I", "a ward's settings history"),
  "GET /api/plan-reference": pending("I", "the ward plan's number and date"),
  "PUT /api/plan-reference": pending("I", "the ward plan's number and date"),
  "GET /api/periods": pending("I", "periods per ward"),
  "GET /api/periods/:id": pending("I", "periods per ward"),
  "POST /api/periods": pending("I", "periods per ward"),
  "PATCH /api/periods/:id": pending("I", "periods per ward"),
  "GET /api/holidays": unscoped("national holidays: one list for the city"),
  "POST /api/holidays": pending("I", "holidays become the city's (edited by city staff)"),
  "DELETE /api/holidays/:date": pending("I", "holidays become the city's (edited by city staff)"),
  "GET /api/periods/:periodId/reports": pending("I", "a ward's reports"),
  "GET /api/periods/:periodId/reports/:unitId": pending("I", "another ward's unit's report"),
  "PUT /api/periods/:periodId/reports/:unitId": pending("I", "another ward's unit's report"),
  "POST /api/periods/:periodId/reports/:unitId/submit": pending("I", "another ward's unit's report"),
  "POST /api/periods/:periodId/reports/:unitId/approve": pending("I", "another ward's unit's report"),
  "POST /api/periods/:periodId/reports/:unitId/return": pending("I", "another ward's unit's report"),
  "POST /api/periods/:periodId/reports/:unitId/reopen": pending("I", "another ward's unit's report"),
  "GET /api/periods/:periodId/reports/:unitId/audit": pending("I", "another ward's unit's report"),
  "PUT /api/periods/:periodId/exceptions/:unitId": pending("I", "another ward's unit's extension"),
  "POST /api/periods/:periodId/exceptions": pending("I", "another ward's units' extensions"),
  "GET /api/periods/:periodId/completeness": pending("I", "a ward's completeness"),
  "POST /api/periods/:periodId/remind": pending("I", "a ward's reminders"),
  "GET /api/periods/:periodId/summary": pending("I", "a ward's summary"),
  "GET /api/periods/:periodId/summary/tasks/:taskId/results": pending("I", "a ward's units' task results (export-worker.test.ts: another ward's answers 404)"),
  "GET /api/periods/:periodId/export.xlsx": pending("I", "a ward's export"),
  "GET /api/periods/:periodId/export.docx": pending("I", "a ward's export"),

  // ---------------------------------------------------------------- the report sent upward, the city's view
  "GET /api/city/completeness": unscoped("the city's own work (city staff only): every ward's sending"),
  "PUT /api/city/deadlines/:year": unscoped("the city's own work (city staff only): its deadline"),
  "POST /api/city/remind": unscoped("the city's own work (city staff only): reminders to wards"),
  "GET /api/city/summary": unscoped("the city's own work (city staff only): its figures"),
  "GET /api/city/export.xlsx": unscoped("the city's own work (city staff only): its Excel"),
  "GET /api/city/export.docx": unscoped("the city's own work (city staff only): its Word"),
  "GET /api/city/wards/:wardId/snapshots": pending("H", "a ward's versions (city.test.ts: tenancy)"),
  "POST /api/city/wards/:wardId/snapshots": pending("H", "sending a ward's report (city.test.ts: tenancy)"),
  "GET /api/city/snapshots/:id": pending("H", "a ward's version (city.test.ts: tenancy)"),
  "GET /api/city/snapshots/:id/report.docx": pending("H", "a ward's version (city.test.ts: tenancy)"),
  "GET /api/city/snapshots/:id/report.xlsx": pending("H", "a ward's version (city.test.ts: tenancy)"),
  "POST /api/city/snapshots/:id/accept": pending("H", "the city's decision (city.test.ts: tenancy)"),
  "POST /api/city/snapshots/:id/return": pending("H", "the city's decision (city.test.ts: tenancy)"),
  "PUT /api/periods/:periodId/summary/sections/:key": pending("I", "a ward's report parts"),
  "GET /api/duties": pending("I", "a ward's duties"),
  "POST /api/duties": pending("I", "a ward's duties"),
  "GET /api/duties/:id": pending("I", "another ward's duty"),
  "PATCH /api/duties/:id": pending("I", "another ward's duty"),
  "POST /api/duties/:id/units/:unitId/hand-in": pending("I", "another ward's duty"),
  "POST /api/duties/:id/units/:unitId/accept": pending("I", "another ward's duty"),
  "POST /api/duties/:id/units/:unitId/return": pending("I", "another ward's duty"),
  "POST /api/duties/:id/remind": pending("I", "another ward's duty"),
  "GET /api/difficulty-themes": pending("I", "a ward's themes"),
  "POST /api/difficulty-themes": pending("I", "a ward's themes"),
  "GET /api/difficulties": pending("I", "a ward's register"),
  "GET /api/difficulties/:id": pending("I", "another ward's difficulty"),
  "PATCH /api/difficulties/:id": pending("I", "another ward's difficulty"),
  "POST /api/difficulties/:id/forward": pending("I", "another ward's difficulty"),
  "POST /api/difficulties/:id/resolve": pending("I", "another ward's difficulty"),
  "POST /api/difficulties/:id/merge": pending("I", "another ward's difficulty"),
  "GET /api/supervisions": pending("I", "a ward's supervisions"),
  "POST /api/supervisions": pending("I", "a ward's supervisions"),
  "GET /api/supervision-recommendations": pending("I", "a ward's recommendations"),
  "GET /api/supervisions/:id": pending("I", "another ward's supervision"),
  "POST /api/supervisions/:id/recommendations/:recId/answer": pending("I", "another ward's recommendation"),
  "GET /api/dialogues": pending("I", "a ward's dialogues"),
  "POST /api/dialogues": pending("I", "a ward's dialogues"),
  "GET /api/dialogues/:id": pending("I", "another ward's dialogue"),
  "GET /api/dialogues/:id/questions": pending("I", "another ward's dialogue"),
  "POST /api/dialogues/:id/questions": pending("I", "another ward's dialogue"),
  "PATCH /api/dialogues/:id/questions/:questionId": pending("I", "another ward's dialogue"),
  "POST /api/dialogues/:id/questions/:questionId/support": pending("I", "another ward's dialogue"),
  "POST /api/dialogues/:id/questions/:questionId/flag": pending("I", "another ward's dialogue"),
  "POST /api/dialogues/:id/publish": pending("I", "another ward's dialogue"),
};

/** Signs a call in as a token, with its query and body. */
export function send(w: Wards, method: string, call: Call, token: string | null, extraQuery: Record<string, string | number> = {}) {
  const m = method.toLowerCase() as "get" | "post" | "put" | "patch" | "delete";
  let req = w.h.http()[m](call.path).query({ ...call.query, ...extraQuery });
  if (token) req = req.set(bearer(token));
  return m === "get" || m === "delete" ? req : req.send(call.body ?? {});
}
