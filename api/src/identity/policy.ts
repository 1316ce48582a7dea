import type { Request } from "express";
import { AppError, forbidden, unauthorized } from "../lib/errors.js";
import type { Role } from "../contract/identity.js";
import type { AuthUser } from "../http/context.js";

/**
 * The single place that decides who may call which route. Every route declared with
 * RouteBuilder must have a rule here, or the app refuses to start (and the policy test fails).
 * Rules are about roles; a handler still checks ownership (a focal point's own unit).
 *
 * - "public": anyone, with or without a token (a bad token is ignored: the caller is anonymous)
 * - "signed-in": any signed-in, enabled user
 * - a list of roles: only those
 */
export type Access = "public" | "signed-in" | readonly Role[];

const STAFF = ["staff"] as const;
const READERS = ["staff", "observer"] as const;
const UNIT_WORK = ["staff", "observer", "focal"] as const;
const UNIT_WRITE = ["staff", "focal"] as const;
/**
 * Everyone who may add to the ward's records: not the observer (Fatherland Front), who follows
 * everything read-only. An observer's own writes are personal (sign-out, consent, inbox read marks,
 * accepting an invitation) or named explicitly in a rule (the supervision records).
 */
const CONTRIBUTORS = ["youth", "focal", "staff"] as const;
/**
 * The plan's work read by city staff too (Sở Nội vụ sees every ward read-only; a list names the ward:
 * wards/request-ward.ts). Its writes stay with the ward's own roles.
 */
const WARD_READERS = ["staff", "observer", "city_staff"] as const;
const UNIT_READERS = ["staff", "observer", "focal", "city_staff"] as const;
/**
 * The catalog is edited at two levels behind one route: city staff the definitions, a ward's staff its
 * settings; the handler refuses the other level's fields (403 CITY_LEVEL_ONLY / WARD_DATA_READ_ONLY).
 * A city-level list (the national holidays, a new indicator, the difficulty themes) keeps ward staff in its rule so that
 * they hear CITY_LEVEL_ONLY, who edits it, rather than a bare ROLE_FORBIDDEN.
 */
const CATALOG_EDITORS = ["staff", "city_staff"] as const;
/**
 * City staff (Sở Nội vụ): every ward read-only through the ward's own routes (lists take `?wardId=`),
 * and the city's own work (adding a ward, its first staff, city notices, the reports sent upward).
 */
const CITY = ["city_staff"] as const;
/** People and invitations: a ward's staff inside their ward, city staff across wards. */
const STAFF_OR_CITY = ["staff", "city_staff"] as const;
/** A ward's report sent upward: its staff and observer read their own ward's, city staff every ward's. */
const UPWARD_READERS = ["staff", "observer", "city_staff"] as const;

export const POLICY: Record<string, Access> = {
  // foundation
  "GET /api/health": "public",
  "GET /api/openapi.json": "public",
  "GET /api/config": "public",
  "GET /api/units": "public",
  "GET /api/indicators": "public",
  "GET /api/tasks": "public",
  "GET /api/periods": "public",
  "GET /api/periods/:id": "public",
  "POST /api/periods": STAFF,
  "PATCH /api/periods/:id": STAFF,
  "GET /api/holidays": "public",
  "POST /api/holidays": CATALOG_EDITORS,
  "DELETE /api/holidays/:date": CATALOG_EDITORS,
  "POST /api/indicators": CATALOG_EDITORS,
  "GET /api/indicators/:id": WARD_READERS,
  "PATCH /api/indicators/:id": CATALOG_EDITORS,
  "GET /api/indicators/:id/history": WARD_READERS,
  "PATCH /api/tasks/:id": CATALOG_EDITORS,
  "GET /api/tasks/:id/history": WARD_READERS,
  "GET /api/plan-reference": WARD_READERS,
  "PUT /api/plan-reference": STAFF,
  // test only: exists when TEST_CLOCK is set (refused in production)
  "PUT /api/test/clock": "public",

  // identity
  "POST /api/auth/zalo": "public",
  "POST /api/auth/password": "public",
  "POST /api/auth/dev": "public",
  "POST /api/auth/logout": "signed-in",
  "GET /api/me": "signed-in",
  "PATCH /api/me": "signed-in",
  "POST /api/me/phone": "signed-in",
  "GET /api/invitations": STAFF_OR_CITY,
  "POST /api/invitations": STAFF_OR_CITY,
  "GET /api/invitations/:code": "signed-in",
  "POST /api/invitations/:code/accept": "signed-in",
  "DELETE /api/invitations/:code": STAFF_OR_CITY,
  "GET /api/users": STAFF_OR_CITY,
  "PATCH /api/users/:id": STAFF_OR_CITY,

  // wards (the city's communes and wards, the tenants of the deployment)
  "GET /api/wards": "public",
  "POST /api/wards": CITY,
  "GET /api/wards/:id/join": STAFF_OR_CITY,

  // files (city staff attach files to city notices)
  "POST /api/files": [...CONTRIBUTORS, "city_staff"],
  "GET /api/files/:id": "public",

  // announcements
  "GET /api/announcements": "public",
  "GET /api/announcements/:id": "public",
  // a ward's staff write their ward's notices, city staff the city's (announcements/compose.ts, write-access.ts)
  "POST /api/announcements": STAFF_OR_CITY,
  "PATCH /api/announcements/:id": STAFF_OR_CITY,
  "DELETE /api/announcements/:id": STAFF_OR_CITY,
  "POST /api/announcements/:id/ack": CONTRIBUTORS,
  "GET /api/announcements/:id/receipts": WARD_READERS,
  "POST /api/announcements/:id/remind": STAFF_OR_CITY,
  "GET /api/announcement-categories": "public",
  // the categories are one list for the city: a ward's staff and city staff add to it
  "POST /api/announcement-categories": STAFF_OR_CITY,

  // notifications (in-app inbox)
  "GET /api/notifications": "signed-in",
  "POST /api/notifications/:id/read": "signed-in",
  "POST /api/notifications/read-all": "signed-in",

  // reports
  "GET /api/periods/:periodId/reports": UNIT_READERS,
  "GET /api/periods/:periodId/reports/:unitId": UNIT_READERS,
  "PUT /api/periods/:periodId/reports/:unitId": UNIT_WRITE,
  "POST /api/periods/:periodId/reports/:unitId/submit": UNIT_WRITE,
  "POST /api/periods/:periodId/reports/:unitId/approve": STAFF,
  "POST /api/periods/:periodId/reports/:unitId/return": STAFF,
  "POST /api/periods/:periodId/reports/:unitId/reopen": STAFF,
  "GET /api/periods/:periodId/reports/:unitId/audit": UNIT_READERS,
  "PUT /api/periods/:periodId/exceptions/:unitId": STAFF,
  "POST /api/periods/:periodId/exceptions": STAFF,
  "GET /api/periods/:periodId/completeness": WARD_READERS,
  "POST /api/periods/:periodId/remind": STAFF,
  "GET /api/periods/:periodId/summary": WARD_READERS,
  "GET /api/periods/:periodId/summary/tasks/:taskId/results": WARD_READERS,
  "GET /api/periods/:periodId/export.xlsx": WARD_READERS,
  "GET /api/periods/:periodId/export.docx": WARD_READERS,
  "PUT /api/periods/:periodId/summary/sections/:key": STAFF,

  // feedback
  "GET /api/feedback/categories": "public",
  // the categories and their answer times are the city's, shared by every ward
  "PATCH /api/feedback/categories/:id": CITY,
  "POST /api/feedback": CONTRIBUTORS,
  "GET /api/feedback/mine": "signed-in",
  "GET /api/feedback/public": "public",
  "GET /api/feedback/stats": [...READERS, "city_staff"],
  "GET /api/feedback": [...UNIT_WORK, "city_staff"],
  "GET /api/feedback/:id": "public",
  "GET /api/feedback/:id/photos/:photoId": "signed-in",
  "PATCH /api/feedback/:id": STAFF,
  "POST /api/feedback/:id/answer": UNIT_WRITE,
  "POST /api/feedback/:id/notes": UNIT_WRITE,
  "POST /api/feedback/:id/support": CONTRIBUTORS,
  "POST /api/feedback/:id/flag": CONTRIBUTORS,

  // duties with deadlines (hand-ins: a focal point for their own unit, checked in the handler)
  "GET /api/duties": UNIT_READERS,
  "POST /api/duties": STAFF,
  "GET /api/duties/:id": UNIT_READERS,
  "PATCH /api/duties/:id": STAFF,
  "POST /api/duties/:id/units/:unitId/hand-in": UNIT_WRITE,
  "POST /api/duties/:id/units/:unitId/accept": STAFF,
  "POST /api/duties/:id/units/:unitId/return": STAFF,
  "POST /api/duties/:id/remind": STAFF,

  // the register of difficulties and proposals (a focal point reads its own unit's)
  // the themes are the city's, shared by every ward (a ward's staff hear CITY_LEVEL_ONLY)
  "GET /api/difficulty-themes": "signed-in",
  "POST /api/difficulty-themes": CATALOG_EDITORS,
  "GET /api/difficulties": UNIT_READERS,
  "GET /api/difficulties/:id": UNIT_READERS,
  "PATCH /api/difficulties/:id": STAFF,
  "POST /api/difficulties/:id/forward": STAFF,
  "POST /api/difficulties/:id/resolve": STAFF,
  "POST /api/difficulties/:id/merge": STAFF,

  // the Fatherland Front's supervision: the one thing the observer writes (given to it explicitly)
  "GET /api/supervisions": UNIT_READERS,
  "POST /api/supervisions": ["observer"],
  "GET /api/supervision-recommendations": UNIT_READERS,
  "GET /api/supervisions/:id": UNIT_READERS,
  "POST /api/supervisions/:id/recommendations/:recId/answer": UNIT_WRITE,

  // the chair's dialogue with youth (the observer only reads: it is not among the askers)
  "GET /api/dialogues": "public",
  "POST /api/dialogues": STAFF,
  "GET /api/dialogues/:id": "public",
  "GET /api/dialogues/:id/questions": "public",
  "POST /api/dialogues/:id/questions": CONTRIBUTORS,
  "PATCH /api/dialogues/:id/questions/:questionId": STAFF,
  "POST /api/dialogues/:id/questions/:questionId/support": CONTRIBUTORS,
  "POST /api/dialogues/:id/questions/:questionId/flag": CONTRIBUTORS,
  "POST /api/dialogues/:id/publish": STAFF,

  // the report sent upward and the city's view (a ward's people only reach their own ward: checked in handlers)
  "GET /api/city/completeness": CITY,
  "PUT /api/city/deadlines/:year": CITY,
  "POST /api/city/remind": CITY,
  "GET /api/city/summary": CITY,
  "GET /api/city/export.xlsx": CITY,
  "GET /api/city/export.docx": CITY,
  "GET /api/city/wards/:wardId/snapshots": UPWARD_READERS,
  "POST /api/city/wards/:wardId/snapshots": STAFF,
  "GET /api/city/snapshots/:id": UPWARD_READERS,
  "GET /api/city/snapshots/:id/report.docx": UPWARD_READERS,
  "GET /api/city/snapshots/:id/report.xlsx": UPWARD_READERS,
  "POST /api/city/snapshots/:id/accept": CITY,
  "POST /api/city/snapshots/:id/return": CITY,
};

export function accessFor(method: string, path: string): Access {
  const rule = POLICY[`${method.toUpperCase()} ${path}`];
  if (!rule) throw new Error(`No access rule for ${method.toUpperCase()} ${path}: add it to api/src/identity/policy.ts`);
  return rule;
}

/** Applies a rule to a request whose token was resolved by the auth middleware. */
export function checkAccess(access: Access, req: Request): AuthUser | null {
  if (access === "public") return req.auth ?? null;
  if (!req.auth) {
    const e = req.authError;
    throw e ? new AppError(401, e.code, e.message) : unauthorized();
  }
  if (access === "signed-in") return req.auth;
  if (!access.includes(req.auth.role)) {
    throw forbidden("Vai trò của bạn không được phép thực hiện thao tác này.", "ROLE_FORBIDDEN");
  }
  return req.auth;
}

/** Ownership rule shared by every unit-scoped resource: a focal point only touches their own unit. */
export function assertUnitAccess(user: AuthUser, unitId: number): void {
  if (user.role === "focal" && user.unitId !== unitId) {
    throw forbidden("Bạn chỉ được thao tác trên dữ liệu của đơn vị mình.", "UNIT_FORBIDDEN");
  }
}
