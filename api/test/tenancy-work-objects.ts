import type supertest from "supertest";
import { bearer } from "./harness.js";
import { putReport, type ReportSeed } from "./exports-fixtures.js";
import { uploadPng } from "./feedback-helpers.js";
import { marker, youthOf, type Side, type Wards } from "./tenancy-fixtures.js";
import { registerAllSubmitted } from "../src/difficulties/register.js";
import { unitItems } from "../src/reports/form.js";
import { wardAnnualPeriod } from "../src/reports/yearly-periods.js";

/**
 * A side's objects of the plan's work for the route × role × ward walk (tenancy-routes-work.ts): each
 * made the way the product makes it (its own routes, by the side's own people), or written straight
 * into the tables where the routes would need days to pass (putReport, a dialogue already held).
 */
const DAY = 86_400_000;

/** The answer of a call that must succeed (else the walk says why B's object could not be made). */
async function ok(req: supertest.Test, status = 200) {
  const res = await req;
  if (res.status !== status) throw new Error(`${req.method} ${req.url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
const post = (w: Wards, path: string, token: string, body: object = {}, status = 200) => ok(w.h.http().post(path).set(bearer(token)).send(body), status);
export const patchAs = (w: Wards, path: string, token: string, body: object) => ok(w.h.http().patch(path).set(bearer(token)).send(body));
export const putAs = (w: Wards, path: string, token: string, body: object) => ok(w.h.http().put(path).set(bearer(token)).send(body));

/** An instant `days` from the test clock's now. */
export const daysFromNow = (w: Wards, days: number) => new Date(w.h.clock.now().getTime() + days * DAY).toISOString();

// ---------------------------------------------------------------- catalog

export async function indicatorId(w: Wards, code: string): Promise<number> {
  return (await w.h.ctx.database.db.selectFrom("indicators").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}
export async function taskId(w: Wards, code: string): Promise<number> {
  return (await w.h.ctx.database.db.selectFrom("tasks").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}

/** The side's staff give CT02 a rule of their own: its reason is a text only that ward's settings hold. */
export async function aggregationOf(w: Wards, s: Side) {
  const id = await indicatorId(w, "CT02");
  const reason = marker("Hai đơn vị theo dõi hai nhóm thanh niên khác nhau");
  await patchAs(w, `/api/indicators/${id}`, s.staff, { aggregation: { rule: "sum", reason } });
  return { id, reason };
}

/** A new staff member of the side changes NV04's partners (their name is then in the ward's history only). */
export async function taskChangeOf(w: Wards, s: Side) {
  const id = await taskId(w, "NV04");
  const name = marker("Cán bộ");
  const staff = await w.h.signIn("staff", { wardId: s.ward, name });
  const tasks = (await ok(w.h.http().get("/api/tasks").set(bearer(staff)))) as { id: number; partnerUnitIds: number[] }[];
  const tdp = await s.unit("TDP01");
  const partners = tasks.find((t) => t.id === id)!.partnerUnitIds;
  await patchAs(w, `/api/tasks/${id}`, staff, { partnerUnitIds: partners.includes(tdp) ? partners.filter((u) => u !== tdp) : [...partners, tdp] });
  return { id, name };
}

let serial = 0;
/** A code, date or number no other call of the walk uses. */
const next = () => ++serial;
export const newIndicatorCode = () => `CT${700 + next()}`;
export const newHolidayDate = () => `2029-03-${String(next() % 28 + 1).padStart(2, "0")}`;

/** A national holiday the city adds (for deleting it). */
export async function holidayOf(w: Wards) {
  const date = newHolidayDate();
  await post(w, "/api/holidays", w.city, { date, name: "Nghỉ bù (thử)" }, 201);
  return date;
}

// ---------------------------------------------------------------- periods and reports

/** The side's annual period of a year (made by its staff when the year has none yet). */
export async function annualPeriodOf(w: Wards, s: Side, year = 2026): Promise<number> {
  const found = await wardAnnualPeriod(w.h.ctx.database.db, s.ward, year);
  if (found) return found.id;
  return (await post(w, "/api/periods", s.staff, { kind: "annual", year }, 201)).id;
}

/** A new ad hoc period of the side, open now, due in ten days, every unit of the ward expected. */
export async function periodOf(w: Wards, s: Side) {
  const title = marker("Báo cáo đột xuất về thanh niên khởi nghiệp");
  const body = await post(w, "/api/periods", s.staff, { kind: "adhoc", year: 2026, title, deadlineAt: daysFromNow(w, 10) }, 201);
  return { id: body.id as number, title, deadlineAt: body.deadlineAt as string };
}

/** A report of the side's unit (Youth Union by default) in a new ad hoc period. */
export async function reportOf(w: Wards, s: Side, seed: ReportSeed, local = "DOAN") {
  const period = await periodOf(w, s);
  await putReport(w.h, period.id, s.unitCode(local), seed);
  return { periodId: period.id, unitId: await s.unit(local), path: `/api/periods/${period.id}/reports/${await s.unit(local)}` };
}

/** A file the side's Youth Union attached to its report as evidence. */
export async function evidenceFileOf(w: Wards, s: Side) {
  const report = await reportOf(w, s, { status: "draft" });
  const fileId = await uploadPng(() => w.h, s.focal, "minh-chung.png");
  await putAs(w, report.path, s.focal, { version: 1, evidence: [{ fileId }] });
  return fileId;
}

/** A draft with every item of the unit filled in: it can be submitted. */
export async function completeDraftOf(w: Wards, s: Side, local = "DOAN") {
  const items = await unitItems(w.h.ctx.database.db, await s.unit(local));
  const indicators = Object.fromEntries(items.indicators.map((i) => [i.code, i.measure === "percent" ? ([1, 2] as [number, number]) : 1]));
  const tasks = Object.fromEntries(items.tasks.map((t) => [t.code, { status: "done" as const }]));
  return reportOf(w, s, { status: "draft", indicators, tasks }, local);
}

// ---------------------------------------------------------------- duties, difficulties, supervisions

/** A duty the side's staff give its Youth Union (started yesterday, due in ten days); handed in by its focal point if asked. */
export async function dutyOf(w: Wards, s: Side, opts: { handedIn?: boolean } = {}) {
  const title = marker("Rà soát danh sách đoàn viên");
  const duty = await post(
    w,
    "/api/duties",
    s.staff,
    { title, startsAt: daysFromNow(w, -1), dueAt: daysFromNow(w, 10), unitIds: [await s.unit("DOAN")], requiresDocument: false },
    201,
  );
  const path = `/api/duties/${duty.id}`;
  const unitPath = `${path}/units/${await s.unit("DOAN")}`;
  if (opts.handedIn) await post(w, `${unitPath}/hand-in`, s.focal, { text: "Đã rà soát 120 đoàn viên của 2 tổ dân phố." });
  return { id: duty.id as number, title, path, unitPath };
}

/** A document the side's Youth Union handed in for a duty. */
export async function handInFileOf(w: Wards, s: Side) {
  const duty = await dutyOf(w, s);
  const fileId = await uploadPng(() => w.h, s.focal, "ke-hoach.png");
  await post(w, `${duty.unitPath}/hand-in`, s.focal, { text: "Kế hoạch Tháng Thanh niên của Đoàn phường.", fileIds: [fileId] });
  return fileId;
}

/** A difficulty the side's Youth Union wrote in a submitted report, in the ward's register. */
export async function difficultyOf(w: Wards, s: Side) {
  const text = marker("Thiếu kinh phí tổ chức Tháng Thanh niên");
  await reportOf(w, s, { status: "submitted", difficulties: text });
  await registerAllSubmitted(w.h.ctx);
  const row = await w.h.ctx.database.db.selectFrom("difficulty_items").select("id").where("text", "=", text).executeTakeFirstOrThrow();
  return { id: row.id, text, path: `/api/difficulties/${row.id}` };
}

/** A supervision by the side's Front of its Youth Union, with one recommendation to it. */
export async function supervisionOf(w: Wards, s: Side) {
  const title = marker("Giám sát việc thực hiện Nghị quyết 83 tại Đoàn phường");
  const recommendation = marker("Đề nghị Đoàn phường mở rộng tổ công nghệ số");
  const doan = await s.unit("DOAN");
  const body = await post(w, "/api/supervisions", s.observer, supervisionBody(w, doan, title, recommendation), 201);
  return { id: body.id as number, title, recommendation, recId: body.recommendations[0].id as number, path: `/api/supervisions/${body.id}` };
}
export const supervisionBody = (w: Wards, unitId: number, title = "Giám sát Tháng Thanh niên tại Đoàn phường", recommendation = "Đề nghị Đoàn phường báo cáo kết quả.") => ({
  heldOn: daysFromNow(w, -3),
  title,
  unitIds: [unitId],
  findings: "Đoàn phường tổ chức tốt Tháng Thanh niên.",
  recommendations: [{ text: recommendation, unitId, dueAt: daysFromNow(w, 20) }],
});

// ---------------------------------------------------------------- dialogues

/**
 * A dialogue the side's staff announce (held in ten days, questions until five days from now); `held`
 * moves it into the past straight in the table, with a question answered, so its answers can be published.
 */
export async function dialogueOf(w: Wards, s: Side, opts: { held?: boolean } = {}) {
  const title = marker("Chủ tịch UBND phường đối thoại với thanh niên");
  const body = await post(
    w,
    "/api/dialogues",
    s.staff,
    { title, heldAt: daysFromNow(w, 10), place: "Hội trường UBND phường", presidedBy: "Chủ tịch UBND phường", questionsCloseAt: daysFromNow(w, 5), acknowledgeShortNotice: true },
    201,
  );
  const path = `/api/dialogues/${body.id}`;
  if (opts.held) {
    const q = await questionOf(w, s, path);
    await patchAs(w, q.path, s.staff, { answer: "Phường sẽ mở lớp kỹ năng số vào tháng 12." });
    await w.h.ctx.database.db
      .updateTable("dialogues")
      .set({ questions_open_at: daysFromNow(w, -10), questions_close_at: daysFromNow(w, -3), held_at: daysFromNow(w, -1) })
      .where("id", "=", body.id)
      .execute();
  }
  return { id: body.id as number, title, path };
}

/** A question a new youth of the side asks (so that the side's own youth may support or flag it). */
export async function questionOf(w: Wards, s: Side, dialoguePath: string) {
  const asker = await youthOf(w, s);
  const q = await post(w, `${dialoguePath}/questions`, asker.token, { text: "Phường có mở lớp kỹ năng số cho thanh niên không ạ?" }, 201);
  return { id: q.id as number, path: `${dialoguePath}/questions/${q.id}` };
}

// ---------------------------------------------------------------- the report sent upward

/** A new version of the side's report of a year sent to the city by its staff (its culture office has submitted). */
export async function snapshotOf(w: Wards, s: Side, year = 2026) {
  const periodId = await annualPeriodOf(w, s, year);
  const db = w.h.ctx.database.db;
  // not the Youth Union: other cases open its report of the year (a draft)
  const office = await s.unit("VHXH");
  const report = await db.selectFrom("reports").select("id").where("period_id", "=", periodId).where("unit_id", "=", office).executeTakeFirst();
  if (!report) await putReport(w.h, periodId, s.unitCode("VHXH"), { status: "submitted" });
  const body = await post(w, `/api/city/wards/${s.ward}/snapshots`, s.staff, { periodId }, 201);
  return { id: body.id as number, periodId, path: `/api/city/snapshots/${body.id}` };
}

/** The Word file of a version sent upward. */
export async function snapshotFileOf(w: Wards, snapshotId: number) {
  return (await w.h.ctx.database.db.selectFrom("ward_snapshots").select("docx_file_id").where("id", "=", snapshotId).executeTakeFirstOrThrow()).docx_file_id;
}

/** Makes `make` once per walk (a read-only case shares what it reads). */
export function once<T>(make: (w: Wards) => Promise<T>): (w: Wards) => Promise<T> {
  const made = new WeakMap<Wards, Promise<T>>();
  return (w) => {
    if (!made.has(w)) made.set(w, make(w));
    return made.get(w)!;
  };
}
