import type { Role } from "../src/contract/identity.js";
import { bearer } from "./harness.js";
import { categoryId } from "./feedback-helpers.js";
import { feedbackOf, invitationOf, youthOf, type Side, type Wards } from "./tenancy-fixtures.js";
import { noticeBody, noticeOf } from "./tenancy-notice-fixtures.js";

/**
 * Every route of the API, as the route × role × ward walk (tenancy.test.ts) sees it. A route added
 * without an entry fails the walk. The table is this file's (identity, files, feedback, announcements)
 * and tenancy-routes-work.ts's (the plan's work, the report sent upward; a route in both has both's
 * cases). An entry is one case, or a list of cases when one route serves two levels (a ward's
 * settings and the city's definition) or reaches several kinds of object (files of several parents):
 *
 * - `unscoped`: nothing that belongs to a ward is behind it (public reference data, signing in, the
 *   city's own work) — say why;
 * - `own`: the caller's own records (their profile, inbox, uploads, their own ward's new record):
 *   no other ward's id can reach it;
 * - `object`: its path (or body) names a ward's object. `make` creates that object in ward B and
 *   returns the call (path filled in, a valid body): ward A's staff, focal point, observer and youth
 *   must be refused (403/404, or one of the `refused` codes for a body reference), city staff must read
 *   it (GET) and be refused any change (403); then the same call by B's own `control` role succeeds,
 *   which proves the call was well-formed and the object untouched by A;
 * - `list`: a ward's list. `make` creates a record of ward B and returns the call and a `marker` text
 *   of that record: no ward A caller finds the marker in the answer, B's `control` role does, and
 *   city staff do (`wardQuery` says how they choose the ward) while ward A naming B is refused;
 * - `city`: the city's own list or decision (the national holidays, the indicator and task
 *   definitions, accepting or returning a ward's report): no ward's staff, focal point, observer or
 *   youth — of A or of B — may make the call (403), and city staff do it for real (the control).
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
      /**
       * the list takes ?wardId= (a ward's people naming another ward are refused: 403 WARD_FORBIDDEN or
       * 404 WARD_NOT_FOUND). City staff without it: `true` read every ward's records (wards/scope.ts);
       * "named" must name the ward, 400 WARD_REQUIRED (wards/request-ward.ts); "city-view" read the
       * city's own view, no ward's records (the catalog)
       */
      wardQuery?: true | "named" | "city-view";
      /** anonymous callers read it too (a public list): they see the default ward's, or B's when they name it */
      anonymousReads?: boolean;
    }
  | { kind: "city"; make: (w: Wards) => Promise<Call> };

export const unscoped = (why: string): WardCase => ({ kind: "unscoped", why });
export const own = (why: string): WardCase => ({ kind: "own", why });

const youthOfB = (w: Wards) => youthOf(w, w.b);
const categoryOf = (w: Wards, code: string) => categoryId(() => w.h, code);
const bSide = (w: Wards): Side => w.b;

export const WARD_ROUTES: Record<string, WardCase | WardCase[]> = {
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

  // ---------------------------------------------------------------- announcements (a ward's notices; the city's are in announcements-city.test.ts)
  "GET /api/announcements": {
    kind: "list",
    control: "youth",
    wardQuery: true,
    anonymousReads: true,
    make: async (w) => ({ path: "/api/announcements", query: { limit: 50 }, marker: (await noticeOf(w, w.b)).title }),
  },
  "GET /api/announcements/:id": { kind: "object", make: async (w) => ({ path: `/api/announcements/${(await noticeOf(w, w.b)).id}` }) },
  "POST /api/announcements": {
    kind: "object",
    // ward A's staff naming B's unit: as unknown as a unit that does not exist
    refused: ["UNKNOWN_UNIT"],
    make: async (w) => ({ path: "/api/announcements", body: await noticeBody(w, { audience: "units", unitIds: [await w.b.unit("DOAN")] }) }),
  },
  "PATCH /api/announcements/:id": {
    kind: "object",
    make: async (w) => ({ path: `/api/announcements/${(await noticeOf(w, w.b)).id}`, body: { title: "Tiêu đề đã sửa của phường" } }),
  },
  "DELETE /api/announcements/:id": { kind: "object", make: async (w) => ({ path: `/api/announcements/${(await noticeOf(w, w.b)).id}` }) },
  "POST /api/announcements/:id/ack": {
    kind: "object",
    control: "youth",
    make: async (w) => ({ path: `/api/announcements/${(await noticeOf(w, w.b, { requiresAck: true })).id}/ack` }),
  },
  "GET /api/announcements/:id/receipts": {
    kind: "object",
    make: async (w) => ({ path: `/api/announcements/${(await noticeOf(w, w.b, { audience: "all_units", requiresAck: true })).id}/receipts` }),
  },
  "POST /api/announcements/:id/remind": {
    kind: "object",
    make: async (w) => ({ path: `/api/announcements/${(await noticeOf(w, w.b, { audience: "all_units", requiresAck: true })).id}/remind` }),
  },
  "GET /api/announcement-categories": unscoped("the city's notice categories, shared by every ward"),
  "POST /api/announcement-categories": unscoped("the city's notice categories, shared by every ward"),
};

/** Signs a call in as a token, with its query and body. */
export function send(w: Wards, method: string, call: Call, token: string | null, extraQuery: Record<string, string | number> = {}) {
  const m = method.toLowerCase() as "get" | "post" | "put" | "patch" | "delete";
  let req = w.h.http()[m](call.path).query({ ...call.query, ...extraQuery });
  if (token) req = req.set(bearer(token));
  return m === "get" || m === "delete" ? req : req.send(call.body ?? {});
}
