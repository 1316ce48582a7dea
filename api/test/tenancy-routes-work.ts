import { own, unscoped, type WardCase } from "./tenancy-routes.js";
import type { Wards } from "./tenancy-fixtures.js";
import {
  aggregationOf,
  annualPeriodOf,
  completeDraftOf,
  daysFromNow,
  dialogueOf,
  difficultyOf,
  dutyOf,
  evidenceFileOf,
  handInFileOf,
  holidayOf,
  indicatorId,
  newHolidayDate,
  newIndicatorCode,
  once,
  patchAs,
  periodOf,
  putAs,
  questionOf,
  reportOf,
  snapshotFileOf,
  snapshotOf,
  supervisionBody,
  supervisionOf,
  taskChangeOf,
  taskId,
} from "./tenancy-work-objects.js";
import { marker } from "./tenancy-fixtures.js";

/**
 * The walk's entries (see tenancy-routes.ts for the kinds) for the plan's work — the catalog at two
 * levels, periods, reports, the summary and exports, duties, difficulties, supervisions, dialogues —
 * and the report sent upward. These components follow wards/request-ward.ts: another ward's object
 * answers 404, city staff name the ward of a list (`wardQuery: "named"`) and read an object in its ward.
 */
const bPeriod = (w: Wards) => annualPeriodOf(w, w.b);
const bDoan = (w: Wards) => w.b.unit("DOAN");
/** one extension date for every call of a case: after the period's deadline, in the future */
const extendedTo = (deadlineAt: string) => new Date(Date.parse(deadlineAt) + 5 * 86_400_000).toISOString();
/** B's report read by everyone (its 2026 period, its Youth Union) */
const bReport = async (w: Wards) => ({ path: `/api/periods/${await bPeriod(w)}/reports/${await bDoan(w)}` });
/** a version B sent, read by the read-only cases */
const bSnapshot = once((w: Wards) => snapshotOf(w, w.b));
/** the task B's staff lead with their own units */
const bTaskSettings = async (w: Wards) => ({ leadUnitIds: [await w.b.unit("HOI")], partnerUnitIds: [await bDoan(w)] });

export const WORK_ROUTES: Record<string, WardCase | WardCase[]> = {
  // ---------------------------------------------------------------- the catalog: the city's definitions, a ward's settings
  "GET /api/indicators": {
    kind: "list",
    wardQuery: "city-view",
    anonymousReads: true,
    make: async (w) => ({ path: "/api/indicators", marker: (await aggregationOf(w, w.b)).reason }),
  },
  "GET /api/tasks": {
    kind: "list",
    wardQuery: "city-view",
    anonymousReads: true,
    make: async (w) => {
      const id = await taskId(w, "NV04");
      const settings = await bTaskSettings(w);
      await patchAs(w, `/api/tasks/${id}`, w.b.staff, settings);
      return { path: "/api/tasks", marker: String(settings.leadUnitIds[0]) };
    },
    shows: (body, lead) => body.find((t: { code: string }) => t.code === "NV04").leadUnitIds.includes(Number(lead)),
  },
  "POST /api/indicators": {
    kind: "city",
    make: async () => ({ path: "/api/indicators", body: { code: newIndicatorCode(), name: "Số thanh niên tham gia chuyển đổi số", measure: "count", unitLabel: "người" } }),
  },
  "GET /api/indicators/:id": {
    kind: "list",
    wardQuery: "city-view",
    make: async (w) => {
      const { id, reason } = await aggregationOf(w, w.b);
      return { path: `/api/indicators/${id}`, marker: reason };
    },
  },
  "PATCH /api/indicators/:id": [
    // a ward's settings: its own units only
    {
      kind: "object",
      refused: ["UNKNOWN_UNIT"],
      make: async (w) => ({ path: `/api/indicators/${await indicatorId(w, "CT02")}`, body: { unitIds: [await w.b.unit("VHXH"), await bDoan(w)] } }),
    },
    // the city's definition
    { kind: "city", make: async (w) => ({ path: `/api/indicators/${await indicatorId(w, "CT02")}`, body: { targetText: marker("Trên 70%") } }) },
  ],
  "GET /api/indicators/:id/history": {
    kind: "list",
    wardQuery: "city-view",
    make: async (w) => {
      const { id, reason } = await aggregationOf(w, w.b);
      return { path: `/api/indicators/${id}/history`, marker: reason };
    },
  },
  "PATCH /api/tasks/:id": [
    { kind: "object", refused: ["UNKNOWN_UNIT"], make: async (w) => ({ path: `/api/tasks/${await taskId(w, "NV04")}`, body: await bTaskSettings(w) }) },
    { kind: "city", make: async (w) => ({ path: `/api/tasks/${await taskId(w, "NV04")}`, body: { timing: marker("Hằng năm") } }) },
  ],
  "GET /api/tasks/:id/history": {
    kind: "list",
    wardQuery: "city-view",
    make: async (w) => {
      const { id, name } = await taskChangeOf(w, w.b);
      return { path: `/api/tasks/${id}/history`, marker: name };
    },
  },
  "GET /api/plan-reference": {
    kind: "list",
    wardQuery: "named",
    make: async (w) => {
      const number = `${Math.floor(Math.random() * 900_000) + 100_000}/KH-UBND`;
      await putAs(w, "/api/plan-reference", w.b.staff, { number, date: "2026-02-02" });
      return { path: "/api/plan-reference", marker: number };
    },
  },
  "PUT /api/plan-reference": own("the caller's own ward's plan reference: nothing in the call names a ward (city staff: 403 by role; read: GET /api/plan-reference)"),
  "GET /api/holidays": unscoped("national holidays: one list for the city"),
  "POST /api/holidays": { kind: "city", make: async () => ({ path: "/api/holidays", body: { date: newHolidayDate(), name: "Nghỉ bù (thử)" } }) },
  "DELETE /api/holidays/:date": { kind: "city", make: async (w) => ({ path: `/api/holidays/${await holidayOf(w)}` }) },

  // ---------------------------------------------------------------- files of the plan's work (the feedback photo: tenancy-routes.ts)
  "GET /api/files/:id": [
    { kind: "object", make: async (w) => ({ path: `/api/files/${await evidenceFileOf(w, w.b)}` }) },
    { kind: "object", make: async (w) => ({ path: `/api/files/${await handInFileOf(w, w.b)}` }) },
    { kind: "object", make: async (w) => ({ path: `/api/files/${await snapshotFileOf(w, (await bSnapshot(w)).id)}` }) },
  ],

  // ---------------------------------------------------------------- periods
  "GET /api/periods": {
    kind: "list",
    wardQuery: "named",
    anonymousReads: true,
    make: async (w) => ({ path: "/api/periods", marker: (await periodOf(w, w.b)).title }),
  },
  "GET /api/periods/:id": { kind: "object", make: async (w) => ({ path: `/api/periods/${await bPeriod(w)}` }) },
  "POST /api/periods": {
    kind: "object",
    refused: ["UNKNOWN_UNIT"],
    make: async (w) => ({
      path: "/api/periods",
      body: { kind: "adhoc", year: 2026, title: "Báo cáo đột xuất về thanh niên tình nguyện", deadlineAt: daysFromNow(w, 10), expectedUnitIds: [await bDoan(w)] },
    }),
  },
  "PATCH /api/periods/:id": {
    kind: "object",
    make: async (w) => ({ path: `/api/periods/${(await periodOf(w, w.b)).id}`, body: { title: "Báo cáo đột xuất về thanh niên tình nguyện" } }),
  },

  // ---------------------------------------------------------------- reports, extensions, completeness
  "GET /api/periods/:periodId/reports": { kind: "object", make: async (w) => ({ path: `/api/periods/${await bPeriod(w)}/reports` }) },
  "GET /api/periods/:periodId/reports/:unitId": { kind: "object", control: "focal", make: bReport },
  "PUT /api/periods/:periodId/reports/:unitId": {
    kind: "object",
    control: "focal",
    make: async (w) => ({ path: (await reportOf(w, w.b, { status: "draft" })).path, body: { version: 1, difficulties: "Thiếu kinh phí tổ chức hoạt động." } }),
  },
  "POST /api/periods/:periodId/reports/:unitId/submit": {
    kind: "object",
    control: "focal",
    make: async (w) => ({ path: `${(await completeDraftOf(w, w.b)).path}/submit`, body: { version: 1 } }),
  },
  "POST /api/periods/:periodId/reports/:unitId/approve": { kind: "object", make: async (w) => ({ path: `${(await reportOf(w, w.b, { status: "submitted" })).path}/approve` }) },
  "POST /api/periods/:periodId/reports/:unitId/return": {
    kind: "object",
    make: async (w) => ({ path: `${(await reportOf(w, w.b, { status: "submitted" })).path}/return`, body: { reason: "Thiếu số liệu chỉ tiêu CT09." } }),
  },
  "POST /api/periods/:periodId/reports/:unitId/reopen": {
    kind: "object",
    make: async (w) => ({ path: `${(await reportOf(w, w.b, { status: "approved" })).path}/reopen`, body: { reason: "Đơn vị cần bổ sung số liệu." } }),
  },
  "GET /api/periods/:periodId/reports/:unitId/audit": { kind: "object", make: async (w) => ({ path: `${(await bReport(w)).path}/audit` }) },
  "PUT /api/periods/:periodId/exceptions/:unitId": {
    kind: "object",
    make: async (w) => {
      const p = await periodOf(w, w.b);
      return { path: `/api/periods/${p.id}/exceptions/${await bDoan(w)}`, body: { until: extendedTo(p.deadlineAt) } };
    },
  },
  "POST /api/periods/:periodId/exceptions": {
    kind: "object",
    make: async (w) => {
      const p = await periodOf(w, w.b);
      return { path: `/api/periods/${p.id}/exceptions`, body: { until: extendedTo(p.deadlineAt) } };
    },
  },
  "GET /api/periods/:periodId/completeness": { kind: "object", make: async (w) => ({ path: `/api/periods/${await bPeriod(w)}/completeness` }) },
  "POST /api/periods/:periodId/remind": { kind: "object", make: async (w) => ({ path: `/api/periods/${(await periodOf(w, w.b)).id}/remind` }) },

  // ---------------------------------------------------------------- the ward summary and its exports
  "GET /api/periods/:periodId/summary": { kind: "object", control: "observer", make: async (w) => ({ path: `/api/periods/${await bPeriod(w)}/summary` }) },
  "GET /api/periods/:periodId/summary/tasks/:taskId/results": {
    kind: "object",
    control: "observer",
    make: async (w) => {
      const task = await w.h.ctx.database.db.selectFrom("tasks").select("id").orderBy("id").executeTakeFirstOrThrow();
      return { path: `/api/periods/${await bPeriod(w)}/summary/tasks/${task.id}/results` };
    },
  },
  "GET /api/periods/:periodId/export.xlsx": { kind: "object", make: async (w) => ({ path: `/api/periods/${await bPeriod(w)}/export.xlsx` }) },
  "GET /api/periods/:periodId/export.docx": { kind: "object", make: async (w) => ({ path: `/api/periods/${await bPeriod(w)}/export.docx` }) },
  "PUT /api/periods/:periodId/summary/sections/:key": {
    kind: "object",
    make: async (w) => ({ path: `/api/periods/${await bPeriod(w)}/summary/sections/assessment`, body: { text: "Các đơn vị hoàn thành tốt nhiệm vụ năm 2026." } }),
  },

  // ---------------------------------------------------------------- the report sent upward, the city's view
  "GET /api/city/completeness": unscoped("the city's own work (city staff only): every ward's sending"),
  "PUT /api/city/deadlines/:year": unscoped("the city's own work (city staff only): its deadline"),
  "POST /api/city/remind": unscoped("the city's own work (city staff only): reminders to wards"),
  "GET /api/city/summary": unscoped("the city's own work (city staff only): its figures"),
  "GET /api/city/export.xlsx": unscoped("the city's own work (city staff only): its Excel"),
  "GET /api/city/export.docx": unscoped("the city's own work (city staff only): its Word"),
  "GET /api/city/wards/:wardId/snapshots": { kind: "object", make: async (w) => ({ path: `/api/city/wards/${w.b.ward}/snapshots` }) },
  "POST /api/city/wards/:wardId/snapshots": {
    kind: "object",
    make: async (w) => {
      await bSnapshot(w); // a unit has submitted: there is something to send
      return { path: `/api/city/wards/${w.b.ward}/snapshots`, body: { periodId: await bPeriod(w) } };
    },
  },
  "GET /api/city/snapshots/:id": { kind: "object", make: async (w) => ({ path: (await bSnapshot(w)).path }) },
  "GET /api/city/snapshots/:id/report.docx": { kind: "object", make: async (w) => ({ path: `${(await bSnapshot(w)).path}/report.docx` }) },
  "GET /api/city/snapshots/:id/report.xlsx": { kind: "object", make: async (w) => ({ path: `${(await bSnapshot(w)).path}/report.xlsx` }) },
  // the city's decision: accepting ends the year's versions, so it takes a year of its own
  "POST /api/city/snapshots/:id/accept": { kind: "city", make: async (w) => ({ path: `${(await snapshotOf(w, w.b, 2027)).path}/accept` }) },
  "POST /api/city/snapshots/:id/return": {
    kind: "city",
    make: async (w) => ({ path: `${(await snapshotOf(w, w.b)).path}/return`, body: { reason: "Thiếu số liệu chỉ tiêu CT09 của Đoàn phường." } }),
  },

  // ---------------------------------------------------------------- duties
  "GET /api/duties": { kind: "list", wardQuery: "named", make: async (w) => ({ path: "/api/duties", marker: (await dutyOf(w, w.b)).title }) },
  "POST /api/duties": {
    kind: "object",
    refused: ["UNKNOWN_UNIT"],
    make: async (w) => ({
      path: "/api/duties",
      body: { title: "Rà soát danh sách đoàn viên", startsAt: daysFromNow(w, -1), dueAt: daysFromNow(w, 10), unitIds: [await bDoan(w)], requiresDocument: false },
    }),
  },
  "GET /api/duties/:id": { kind: "object", control: "focal", make: async (w) => ({ path: (await dutyOf(w, w.b)).path }) },
  "PATCH /api/duties/:id": { kind: "object", make: async (w) => ({ path: (await dutyOf(w, w.b)).path, body: { title: "Rà soát danh sách đoàn viên năm 2026" } }) },
  "POST /api/duties/:id/units/:unitId/hand-in": {
    kind: "object",
    control: "focal",
    make: async (w) => ({ path: `${(await dutyOf(w, w.b)).unitPath}/hand-in`, body: { text: "Đã rà soát 120 đoàn viên của 2 tổ dân phố." } }),
  },
  "POST /api/duties/:id/units/:unitId/accept": { kind: "object", make: async (w) => ({ path: `${(await dutyOf(w, w.b, { handedIn: true })).unitPath}/accept` }) },
  "POST /api/duties/:id/units/:unitId/return": {
    kind: "object",
    make: async (w) => ({ path: `${(await dutyOf(w, w.b, { handedIn: true })).unitPath}/return`, body: { reason: "Cần đính kèm danh sách đoàn viên." } }),
  },
  "POST /api/duties/:id/remind": { kind: "object", make: async (w) => ({ path: `${(await dutyOf(w, w.b)).path}/remind` }) },

  // ---------------------------------------------------------------- the register of difficulties and proposals
  "GET /api/difficulty-themes": unscoped("the city's themes, shared by every ward (edited by city staff)"),
  "POST /api/difficulty-themes": { kind: "city", make: async () => ({ path: "/api/difficulty-themes", body: { name: marker("Chủ đề") } }) },
  "GET /api/difficulties": { kind: "list", wardQuery: "named", control: "focal", make: async (w) => ({ path: "/api/difficulties", marker: (await difficultyOf(w, w.b)).text }) },
  "GET /api/difficulties/:id": { kind: "object", control: "focal", make: async (w) => ({ path: (await difficultyOf(w, w.b)).path }) },
  "PATCH /api/difficulties/:id": { kind: "object", make: async (w) => ({ path: (await difficultyOf(w, w.b)).path, body: { themeId: null } }) },
  "POST /api/difficulties/:id/forward": { kind: "object", make: async (w) => ({ path: `${(await difficultyOf(w, w.b)).path}/forward`, body: { to: "Sở Tài chính" } }) },
  "POST /api/difficulties/:id/resolve": {
    kind: "object",
    make: async (w) => ({ path: `${(await difficultyOf(w, w.b)).path}/resolve`, body: { answer: "Đã bố trí kinh phí từ ngân sách phường." } }),
  },
  "POST /api/difficulties/:id/merge": {
    kind: "object",
    make: async (w) => ({ path: `${(await difficultyOf(w, w.b)).path}/merge`, body: { intoId: (await difficultyOf(w, w.b)).id } }),
  },

  // ---------------------------------------------------------------- the Fatherland Front's supervision
  "GET /api/supervisions": { kind: "list", wardQuery: "named", control: "observer", make: async (w) => ({ path: "/api/supervisions", marker: (await supervisionOf(w, w.b)).title }) },
  "POST /api/supervisions": {
    kind: "object",
    control: "observer",
    refused: ["UNKNOWN_UNIT"],
    make: async (w) => ({ path: "/api/supervisions", body: supervisionBody(w, await bDoan(w)) }),
  },
  "GET /api/supervision-recommendations": {
    kind: "list",
    wardQuery: "named",
    control: "focal",
    make: async (w) => ({ path: "/api/supervision-recommendations", marker: (await supervisionOf(w, w.b)).recommendation }),
  },
  "GET /api/supervisions/:id": { kind: "object", control: "focal", make: async (w) => ({ path: (await supervisionOf(w, w.b)).path }) },
  "POST /api/supervisions/:id/recommendations/:recId/answer": {
    kind: "object",
    control: "focal",
    make: async (w) => {
      const s = await supervisionOf(w, w.b);
      return { path: `${s.path}/recommendations/${s.recId}/answer`, body: { text: "Đoàn phường sẽ lập 5 tổ công nghệ số." } };
    },
  },

  // ---------------------------------------------------------------- the chair's dialogue with youth
  "GET /api/dialogues": { kind: "list", wardQuery: "named", anonymousReads: true, control: "youth", make: async (w) => ({ path: "/api/dialogues", marker: (await dialogueOf(w, w.b)).title }) },
  "POST /api/dialogues": own("a dialogue of the caller's own ward: nothing in the call names a ward (city staff: 403 by role; read: GET /api/dialogues)"),
  "GET /api/dialogues/:id": { kind: "object", control: "youth", make: async (w) => ({ path: (await dialogueOf(w, w.b)).path }) },
  "GET /api/dialogues/:id/questions": { kind: "object", control: "youth", make: async (w) => ({ path: `${(await dialogueOf(w, w.b)).path}/questions` }) },
  "POST /api/dialogues/:id/questions": {
    kind: "object",
    control: "youth",
    make: async (w) => ({ path: `${(await dialogueOf(w, w.b)).path}/questions`, body: { text: "Phường có sân bóng cho thanh niên không ạ?" } }),
  },
  "PATCH /api/dialogues/:id/questions/:questionId": {
    kind: "object",
    make: async (w) => ({ path: (await questionOf(w, w.b, (await dialogueOf(w, w.b)).path)).path, body: { group: "Việc làm" } }),
  },
  "POST /api/dialogues/:id/questions/:questionId/support": {
    kind: "object",
    control: "youth",
    make: async (w) => ({ path: `${(await questionOf(w, w.b, (await dialogueOf(w, w.b)).path)).path}/support` }),
  },
  "POST /api/dialogues/:id/questions/:questionId/flag": {
    kind: "object",
    control: "youth",
    make: async (w) => ({ path: `${(await questionOf(w, w.b, (await dialogueOf(w, w.b)).path)).path}/flag`, body: { reason: "Nội dung không phù hợp" } }),
  },
  "POST /api/dialogues/:id/publish": { kind: "object", make: async (w) => ({ path: `${(await dialogueOf(w, w.b, { held: true })).path}/publish` }) },
};
