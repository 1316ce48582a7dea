import type { Kysely, Selectable } from "kysely";
import type { z } from "zod";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import type { CalendarEntry, DutyCalendar, DutyCounts, DutyDetail, DutyPatchSchema, DutyRemindResult, DutyUnitStatus, HandInSchema, NewDutySchema } from "../contract/duties.js";
import { DUTY_STATUS_LABELS } from "../contract/duties-labels.js";
import { PLAN_FIRST_YEAR } from "../contract/plan.js";
import { parseJson } from "../db/dialect.js";
import { assertUnitAccess } from "../identity/policy.js";
import { badRequest, conflict, forbidden, notFound } from "../lib/errors.js";
import { formatDateVN, vnDateKey, vnParts } from "../lib/time.js";
import type { FileMeta } from "../files/store.js";
import { linkFiles, requireAttachable, signFiles } from "../files/access.js";
import { enqueueNotifications, type NotificationInput } from "../notifications/outbox.js";
import { pushEnabled } from "../notifications/channel-name.js";
import { focalUserIds } from "../reports/access.js";
import { dueStep, listUnitReports } from "../reports/completeness.js";
import { dutySeedKey, insertDuty } from "./plan.js";
import { planYearAt } from "../lib/plan-year.js";
import { assertSeesWard, requestWardId } from "../wards/request-ward.js";
import type { DutiesTable, DutyUnitsTable } from "./tables.js";

type Db = Kysely<DB>;
type DutyRow = Selectable<DutiesTable>;
type DutyUnitRow = Selectable<DutyUnitsTable>;

const MAX_ID = 2_147_483_647;
const dutyNotFound = () => notFound("Không tìm thấy nhiệm vụ.", "DUTY_NOT_FOUND");
const owing = (s: DutyUnitStatus) => s === "not_started" || s === "returned";

/** A unit is overdue when the due date has passed and it still owes the hand-in (or its fix). */
export const isOverdue = (status: DutyUnitStatus, dueAt: string, nowIso: string) => owing(status) && nowIso > dueAt;

export function countsOf(rows: { status: DutyUnitStatus }[], dueAt: string, nowIso: string): DutyCounts {
  const c: DutyCounts = { expected: rows.length, notStarted: 0, handedIn: 0, accepted: 0, returned: 0, overdue: 0 };
  for (const r of rows) {
    if (r.status === "not_started") c.notStarted++;
    else if (r.status === "handed_in") c.handedIn++;
    else if (r.status === "accepted") c.accepted++;
    else c.returned++;
    if (isOverdue(r.status, dueAt, nowIso)) c.overdue++;
  }
  return c;
}

/** How a unit's 30/11 report stands, in the duties' words (a draft is not handed in yet). */
const REPORT_AS_DUTY: Record<string, DutyUnitStatus> = { missing: "not_started", draft: "not_started", submitted: "handed_in", approved: "accepted", returned: "returned" };

/** A duty the caller may see: another ward's answers 404 like a missing one. */
async function loadDuty(db: Db, id: number, user: AuthUser | null): Promise<DutyRow> {
  if (id > MAX_ID) throw dutyNotFound();
  const d = await db.selectFrom("duties").selectAll().where("id", "=", id).executeTakeFirst();
  if (!d) throw dutyNotFound();
  assertSeesWard(user, d.ward_id, dutyNotFound);
  return d;
}

/** The calendar of a year in one ward: every duty and the annual report, with who has handed in. */
export async function dutyCalendar(ctx: AppContext, user: AuthUser, year?: number, askedWard?: number): Promise<DutyCalendar> {
  const { db } = ctx.database;
  const wardId = await requestWardId(db, user, askedWard);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const y = year ?? planYearAt(now);
  const myUnit = user.role === "focal" ? (user.unitId ?? -1) : null;

  const duties = await db.selectFrom("duties").selectAll().where("ward_id", "=", wardId).where("year", "=", y).orderBy("due_at").orderBy("id").execute();
  const rows = duties.length
    ? await db.selectFrom("duty_units").select(["duty_id", "unit_id", "status"]).where("duty_id", "in", duties.map((d) => d.id)).execute()
    : [];
  const entries: CalendarEntry[] = [];
  for (const d of duties) {
    const units = rows.filter((r) => r.duty_id === d.id);
    const mine = myUnit === null ? null : units.find((u) => u.unit_id === myUnit);
    if (myUnit !== null && !mine) continue;
    const counts = countsOf(units, d.due_at, nowIso);
    entries.push({
      key: `duty:${d.id}`,
      kind: d.kind,
      dutyId: d.id,
      periodId: null,
      title: d.title,
      startsAt: d.starts_at,
      dueAt: d.due_at,
      recursYearly: !!d.recurs_yearly,
      link: `/duties/${d.id}`,
      counts,
      myStatus: mine ? mine.status : null,
      overdue: mine ? isOverdue(mine.status, d.due_at, nowIso) : counts.overdue > 0,
    });
  }
  // The year's annual report, on the same calendar (its state lives in the reports).
  const periods = await db.selectFrom("periods").selectAll().where("ward_id", "=", wardId).where("year", "=", y).where("kind", "=", "annual").execute();
  for (const p of periods) {
    const items = await listUnitReports(db, p.id, myUnit ?? undefined);
    if (myUnit !== null && items.length === 0) continue;
    const mapped = items.map((i) => {
      const until = i.exceptionUntil && i.exceptionUntil > p.deadline_at ? i.exceptionUntil : p.deadline_at;
      return { status: REPORT_AS_DUTY[i.status], until };
    });
    const counts = countsOf(mapped, p.deadline_at, nowIso);
    // an extension moves a unit's own due date: it is not overdue before it
    counts.overdue = mapped.filter((m) => isOverdue(m.status, m.until, nowIso)).length;
    entries.push({
      key: `report:${p.id}`,
      kind: "report",
      dutyId: null,
      periodId: p.id,
      title: p.title,
      startsAt: p.opens_at,
      dueAt: p.deadline_at,
      recursYearly: true,
      link: myUnit !== null ? `/reports/${p.id}/units/${myUnit}` : `/reports?period=${p.id}`,
      counts,
      myStatus: myUnit !== null ? (mapped[0]?.status ?? null) : null,
      overdue: counts.overdue > 0,
    });
  }
  entries.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key));
  const years = await db.selectFrom("duties").select("year").distinct().where("ward_id", "=", wardId).execute();
  const all = new Set<number>([PLAN_FIRST_YEAR, planYearAt(now), y, ...years.map((r) => Number(r.year))]);
  return { year: y, years: [...all].sort((a, b) => a - b), entries };
}

async function userNames(db: Db, ids: (number | null)[]): Promise<Map<number, string>> {
  const list = [...new Set(ids.filter((x): x is number => x !== null))];
  if (!list.length) return new Map();
  const rows = await db.selectFrom("users").select(["id", "name"]).where("id", "in", list).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function getDuty(ctx: AppContext, user: AuthUser, id: number): Promise<DutyDetail> {
  const { db } = ctx.database;
  const d = await loadDuty(db, id, user);
  const nowIso = ctx.clock.now().toISOString();
  const all = await db
    .selectFrom("duty_units as du")
    .innerJoin("units as u", "u.id", "du.unit_id")
    .selectAll("du")
    .select(["u.code", "u.name", "u.sort_order"])
    .where("du.duty_id", "=", id)
    .orderBy("u.sort_order")
    .orderBy("u.id")
    .execute();
  const shown = user.role === "focal" ? all.filter((r) => r.unit_id === user.unitId) : all;
  // A focal point of a unit that does not owe it learns nothing about it.
  if (user.role === "focal" && shown.length === 0) throw dutyNotFound();
  const history = shown.length
    ? await db.selectFrom("duty_history").selectAll().where("duty_id", "=", id).where("unit_id", "in", shown.map((r) => r.unit_id)).orderBy("id").execute()
    : [];
  const names = await userNames(db, [...shown.map((r) => r.handed_in_by), ...history.map((h) => h.user_id)]);
  const focal = await focalUserIds(db, shown.map((r) => r.unit_id));
  return {
    id: d.id,
    kind: d.kind,
    title: d.title,
    description: d.description,
    year: Number(d.year),
    startsAt: d.starts_at,
    dueAt: d.due_at,
    requiresDocument: !!d.requires_document,
    recursYearly: !!d.recurs_yearly,
    counts: countsOf(all, d.due_at, nowIso),
    units: shown.map((r) => ({
      unitId: r.unit_id,
      unitCode: r.code,
      unitName: r.name,
      status: r.status,
      text: r.text,
      files: signFiles(ctx, parseJson<FileMeta[]>(r.files, [])),
      handedInAt: r.handed_in_at,
      handedInBy: r.handed_in_by ? (names.get(r.handed_in_by) ?? null) : null,
      late: !!r.handed_in_at && r.handed_in_at > d.due_at,
      overdue: isOverdue(r.status, d.due_at, nowIso),
      reviewedAt: r.reviewed_at,
      returnReason: r.return_reason,
      focalCount: focal.get(r.unit_id)?.length ?? 0,
      history: history
        .filter((h) => h.unit_id === r.unit_id)
        .map((h) => ({ action: h.action, note: h.note, userName: h.user_id ? (names.get(h.user_id) ?? null) : null, at: h.at })),
    })),
  };
}

function checkDates(startsAt: string, dueAt: string): void {
  if (Date.parse(dueAt) <= Date.parse(startsAt)) {
    throw badRequest("DUE_BEFORE_START", "Hạn hoàn thành phải sau ngày bắt đầu của nhiệm vụ.", { startsAt, dueAt });
  }
}

/** A duty is given to units of the staff's own ward (another ward's unit is unknown here). */
export async function createDuty(ctx: AppContext, user: AuthUser, body: z.output<typeof NewDutySchema>): Promise<DutyDetail> {
  const { db } = ctx.database;
  const wardId = await requestWardId(db, user);
  const startsAt = new Date(body.startsAt).toISOString();
  const dueAt = new Date(body.dueAt).toISOString();
  checkDates(startsAt, dueAt);
  const nowIso = ctx.clock.now().toISOString();
  const ids = [...new Set(body.unitIds)];
  const found = await db.selectFrom("units").select("id").where("id", "in", ids).where("ward_id", "=", wardId).execute();
  const missing = ids.filter((i) => !found.some((f) => f.id === i));
  if (missing.length) throw badRequest("UNKNOWN_UNIT", "Có đơn vị được chọn không tồn tại.", { unitIds: missing });
  const id = await db.transaction().execute(async (trx) => {
    const created = (await insertDuty(
      trx,
      { wardId, kind: "custom", title: body.title, description: body.description, startsAt, dueAt, requiresDocument: body.requiresDocument, recursYearly: body.recursYearly, seriesKey: null, seedKey: null, createdBy: user.id, unitIds: ids },
      nowIso,
    ))!;
    // Its own series, so that a yearly duty gets next year's copy (and never two).
    const series = `duty-${created}`;
    await trx.updateTable("duties").set({ series_key: series, seed_key: dutySeedKey(wardId, series, vnParts(dueAt).year) }).where("id", "=", created).execute();
    return created;
  });
  return getDuty(ctx, user, id);
}

export async function patchDuty(ctx: AppContext, user: AuthUser, id: number, body: z.output<typeof DutyPatchSchema>): Promise<DutyDetail> {
  const { db } = ctx.database;
  const d = await loadDuty(db, id, user);
  if (Object.keys(body).length === 0) throw badRequest("NOTHING_TO_CHANGE", "Không có thay đổi nào được gửi lên.");
  const startsAt = body.startsAt ? new Date(body.startsAt).toISOString() : d.starts_at;
  const dueAt = body.dueAt ? new Date(body.dueAt).toISOString() : d.due_at;
  checkDates(startsAt, dueAt);
  await db
    .updateTable("duties")
    .set({
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.requiresDocument !== undefined ? { requires_document: body.requiresDocument ? 1 : 0 } : {}),
      ...(body.recursYearly !== undefined ? { recurs_yearly: body.recursYearly ? 1 : 0 } : {}),
      starts_at: startsAt,
      due_at: dueAt,
      updated_at: ctx.clock.now().toISOString(),
    })
    .where("id", "=", id)
    .execute();
  return getDuty(ctx, user, id);
}

async function loadDutyUnit(db: Db, dutyId: number, unitId: number): Promise<DutyUnitRow> {
  if (unitId > MAX_ID) throw notFound("Đơn vị này không phải thực hiện nhiệm vụ.", "UNIT_NOT_EXPECTED");
  const row = await db.selectFrom("duty_units").selectAll().where("duty_id", "=", dutyId).where("unit_id", "=", unitId).executeTakeFirst();
  if (!row) throw notFound("Đơn vị này không phải thực hiện nhiệm vụ.", "UNIT_NOT_EXPECTED");
  return row;
}

/** The enabled staff accounts of a ward (who hear of its hand-ins). */
export const wardStaffIds = async (db: Db, wardId: number) =>
  (await db.selectFrom("users").select("id").where("role", "=", "staff").where("ward_id", "=", wardId).where("disabled", "=", 0).execute()).map((r) => r.id);

/** A focal point hands in their own unit's document and short text (again after a return). */
export async function handIn(ctx: AppContext, user: AuthUser, dutyId: number, unitId: number, body: z.output<typeof HandInSchema>): Promise<DutyDetail> {
  const { db } = ctx.database;
  const d = await loadDuty(db, dutyId, user);
  if (user.role === "focal" && user.unitId !== unitId) {
    throw forbidden("Bạn chỉ nộp được cho đơn vị của mình. Nội dung đang soạn vẫn được giữ trên máy.", "UNIT_FORBIDDEN");
  }
  assertUnitAccess(user, unitId);
  const nowIso = ctx.clock.now().toISOString();
  if (nowIso < d.starts_at) throw conflict("DUTY_NOT_STARTED", `Nhiệm vụ bắt đầu từ ${formatDateVN(d.starts_at)}, chưa nộp được.`);
  // attaching a file means having uploaded it (or being staff); it then has the hand-in's access
  const files = await requireAttachable(db, user, body.fileIds);
  if (d.requires_document && files.length === 0) {
    throw badRequest("DOCUMENT_REQUIRED", "Nhiệm vụ này cần đính kèm văn bản (tệp). Vui lòng chọn tệp rồi nộp lại; nội dung đã nhập vẫn được giữ.");
  }
  await db.transaction().execute(async (trx) => {
    const row = await loadDutyUnit(trx, dutyId, unitId);
    if (row.status === "accepted") throw conflict("DUTY_ALREADY_ACCEPTED", "Phường đã chấp nhận phần nộp của đơn vị, không cần nộp lại.");
    await trx
      .updateTable("duty_units")
      .set({ status: "handed_in", text: body.text, files: JSON.stringify(files), handed_in_at: nowIso, handed_in_by: user.id, updated_at: nowIso })
      .where("duty_id", "=", dutyId)
      .where("unit_id", "=", unitId)
      .execute();
    const handIn = await trx
      .insertInto("duty_history")
      .values({ duty_id: dutyId, unit_id: unitId, action: "hand_in", note: body.text.slice(0, 500), user_id: user.id, at: nowIso })
      .returning("id")
      .executeTakeFirstOrThrow();
    await linkFiles(trx, "duty_hand_in", handIn.id, files.map((f) => f.id), nowIso);
    const unit = await trx.selectFrom("units").select("name").where("id", "=", unitId).executeTakeFirstOrThrow();
    await enqueueNotifications(
      trx,
      (await wardStaffIds(trx, d.ward_id)).map((userId) => ({
        userId,
        kind: "duty_handed_in",
        title: `${unit.name} đã nộp: ${d.title}`.slice(0, 200),
        body: body.text.slice(0, 200),
        link: `/duties/${dutyId}`,
        dedupeKey: `duty:${dutyId}:${unitId}:hand-in:${nowIso}`,
        source: `duty:${dutyId}`,
      })),
      nowIso,
      pushEnabled(ctx.config),
    );
  });
  return getDuty(ctx, user, dutyId);
}

/** Staff accept a hand-in, or return it with a reason the unit sees. */
export async function reviewDuty(ctx: AppContext, user: AuthUser, dutyId: number, unitId: number, action: "accept" | "return", reason?: string): Promise<DutyDetail> {
  const { db } = ctx.database;
  const d = await loadDuty(db, dutyId, user);
  const nowIso = ctx.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const row = await loadDutyUnit(trx, dutyId, unitId);
    if (row.status !== "handed_in") {
      throw conflict("INVALID_DUTY_STATUS", `Chỉ xem xét được phần đã nộp; đơn vị đang ở trạng thái "${DUTY_STATUS_LABELS[row.status]}".`, { status: row.status });
    }
    const to: DutyUnitStatus = action === "accept" ? "accepted" : "returned";
    await trx
      .updateTable("duty_units")
      .set({ status: to, reviewed_at: nowIso, reviewed_by: user.id, return_reason: action === "return" ? reason! : null, updated_at: nowIso })
      .where("duty_id", "=", dutyId)
      .where("unit_id", "=", unitId)
      .execute();
    await trx.insertInto("duty_history").values({ duty_id: dutyId, unit_id: unitId, action, note: action === "return" ? reason! : null, user_id: user.id, at: nowIso }).execute();
    const focal = (await focalUserIds(trx, [unitId])).get(unitId) ?? [];
    await enqueueNotifications(
      trx,
      focal.map((userId) => ({
        userId,
        kind: `duty_${action}`,
        title: action === "accept" ? `Phường đã chấp nhận: ${d.title}`.slice(0, 200) : `Bị trả lại, cần nộp lại: ${d.title}`.slice(0, 200),
        body: action === "accept" ? "Phần nộp của đơn vị đã được chấp nhận." : `Lý do: ${reason!.slice(0, 200)}`,
        link: `/duties/${dutyId}`,
        dedupeKey: `duty:${dutyId}:${unitId}:${action}:${nowIso}`,
        source: `duty:${dutyId}`,
      })),
      nowIso,
      pushEnabled(ctx.config),
    );
  });
  return getDuty(ctx, user, dutyId);
}

function reminderText(d: DutyRow, step: string, now: Date, returned: boolean): { title: string; body: string } {
  const date = formatDateVN(d.due_at);
  if (returned) return { title: "Nhắc nộp lại phần bị trả lại", body: `Phường nhắc đơn vị sửa và nộp lại "${d.title}" (hạn ${date}).` };
  if (step === "after" || (step === "manual" && now.toISOString() > d.due_at)) {
    return { title: "Đơn vị đã quá hạn nộp", body: `Hạn của "${d.title}" là ${date}. Đơn vị chưa nộp; vui lòng nộp sớm nhất.` };
  }
  if (step === "manual") return { title: "Nhắc nộp nhiệm vụ", body: `Phường nhắc đơn vị hoàn thành và nộp "${d.title}" trước hạn ${date}.` };
  // the days actually left, as the report's reminders count them
  const days = Math.round((Date.parse(vnDateKey(d.due_at)) - Date.parse(vnDateKey(now))) / 86_400_000);
  return { title: days > 0 ? `Còn ${days} ngày đến hạn: ${d.title}`.slice(0, 200) : `Hôm nay là hạn cuối: ${d.title}`.slice(0, 200), body: `Đơn vị chưa nộp "${d.title}". Hạn: ${date}.` };
}

/** Messages to the focal points of the given units; the key makes each (duty, unit, step) once. */
async function notifyOwing(ctx: AppContext, trx: Db, d: DutyRow, rows: DutyUnitRow[], step: string, keyOf: (unitId: number) => string): Promise<number> {
  const now = ctx.clock.now();
  const focal = await focalUserIds(trx, rows.map((r) => r.unit_id));
  const items: NotificationInput[] = [];
  for (const r of rows) {
    const msg = reminderText(d, step, now, r.status === "returned");
    for (const userId of focal.get(r.unit_id) ?? []) {
      items.push({ userId, kind: "duty_reminder", title: msg.title, body: msg.body, link: `/duties/${d.id}`, dedupeKey: keyOf(r.unit_id), source: `duty:${d.id}` });
    }
  }
  return items.length ? enqueueNotifications(trx, items, now.toISOString(), pushEnabled(ctx.config)) : 0;
}

/** "Nhắc": the units that still owe it (or one named unit); once per unit and Vietnamese day. */
export async function remindDuty(ctx: AppContext, user: AuthUser, dutyId: number, unitIds?: number[]): Promise<DutyRemindResult> {
  const { db } = ctx.database;
  const d = await loadDuty(db, dutyId, user);
  const rows = await db.selectFrom("duty_units").selectAll().where("duty_id", "=", dutyId).execute();
  let targets = rows.filter((r) => owing(r.status));
  if (unitIds?.length) {
    for (const u of unitIds) if (!rows.some((r) => r.unit_id === u)) throw notFound("Đơn vị này không phải thực hiện nhiệm vụ.", "UNIT_NOT_EXPECTED");
    targets = targets.filter((r) => unitIds.includes(r.unit_id));
  }
  const focal = await focalUserIds(db, targets.map((r) => r.unit_id));
  const day = vnDateKey(ctx.clock.now());
  const notified = await db.transaction().execute((trx) => notifyOwing(ctx, trx, d, targets, "manual", (u) => `duty-remind:${dutyId}:${u}:manual:${day}`));
  return { units: targets.map((r) => r.unit_id), notified, withoutFocal: targets.filter((r) => !focal.get(r.unit_id)?.length).length };
}

const DAY = 86_400_000;

/** One pass of the automatic reminders (like the report's); the dedupe key (duty, unit, step) makes it never twice. */
export async function runDutyReminders(ctx: AppContext): Promise<number> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const from = new Date(now.getTime() - 9 * DAY).toISOString();
  const to = new Date(now.getTime() + 15 * DAY).toISOString();
  const duties = await db.selectFrom("duties").selectAll().where("due_at", ">=", from).where("due_at", "<=", to).execute();
  let created = 0;
  for (const d of duties) {
    // the same steps as the report's (14, 7, 1 days before, the day after)
    const step = dueStep({ deadline_at: d.due_at, opens_at: d.starts_at, status: "open" }, now);
    if (!step) continue;
    const rows = (await db.selectFrom("duty_units").selectAll().where("duty_id", "=", d.id).execute()).filter((r) => owing(r.status));
    if (!rows.length) continue;
    created += await db.transaction().execute((trx) => notifyOwing(ctx, trx, d, rows, step, (u) => `duty-remind:${d.id}:${u}:${step}`));
  }
  return created;
}

/** For the ward's report: the ward's duties of the year, done and overdue per duty. */
export async function dutiesOfYear(db: Db, wardId: number, year: number, nowIso: string) {
  const duties = await db.selectFrom("duties").selectAll().where("ward_id", "=", wardId).where("year", "=", year).orderBy("due_at").orderBy("id").execute();
  const rows = duties.length
    ? await db
        .selectFrom("duty_units as du")
        .innerJoin("units as u", "u.id", "du.unit_id")
        .select(["du.duty_id", "du.status", "du.handed_in_at", "u.name", "u.sort_order"])
        .where("du.duty_id", "in", duties.map((d) => d.id))
        .orderBy("u.sort_order")
        .execute()
    : [];
  return duties.map((d) => {
    const units = rows.filter((r) => r.duty_id === d.id);
    return {
      title: d.title,
      dueAt: d.due_at,
      counts: countsOf(units, d.due_at, nowIso),
      overdueUnits: units.filter((u) => isOverdue(u.status, d.due_at, nowIso)).map((u) => u.name),
      lateUnits: units.filter((u) => u.status === "accepted" && u.handed_in_at && u.handed_in_at > d.due_at).map((u) => u.name),
    };
  });
}
