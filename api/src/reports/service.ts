import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import type { ConflictDetails, ConflictItem, Report, ReportSave, SubmitProblem } from "../contract/reports.js";
import { REPORT_STATUS_LABELS, SUBMISSION_TIMING_LABELS, TASK_STATUS_LABELS, VALUE_FIELD_LABELS } from "../contract/reports-labels.js";
import { storedTiming, submissionTiming } from "./timing.js";
import { AppError, badRequest, conflict, notFound, unprocessable } from "../lib/errors.js";
import { requireFiles } from "../files/store.js";
import { linkFiles, requireAttachable } from "../files/access.js";
import { enqueueNotifications } from "../notifications/outbox.js";
import { pushChannelName } from "../notifications/channel-name.js";
import { assertEditable, focalUserIds, loadExpected, loadPeriod, lockState, type PeriodRow, type PeriodUnitRow } from "./access.js";
import { blankReport, buildReport, comparable, ensureReport, isFarFromLastYear, type ReportRow } from "./form.js";
import type { ReportStatus } from "./tables.js";
import { registerReportIssues } from "../difficulties/register.js";
import { commendationProblems, commendationsText, normaliseCommendations, replaceCommendations } from "./commendations.js";

type Trx = Kysely<DB>;

/** Every editable field of a report as "key → value" (keys as in the audit trail). */
export function fieldValues(form: Report): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const i of form.indicators) {
    if (i.measure === "percent") {
      m.set(`indicator:${i.indicatorId}:numerator`, i.numerator);
      m.set(`indicator:${i.indicatorId}:denominator`, i.denominator);
    } else {
      m.set(`indicator:${i.indicatorId}:value`, i.value);
    }
    m.set(`indicator:${i.indicatorId}:comment`, i.comment);
  }
  for (const t of form.tasks) {
    m.set(`task:${t.taskId}:status`, t.status);
    m.set(`task:${t.taskId}:progress`, t.progress);
    m.set(`task:${t.taskId}:result`, t.result);
    m.set(`task:${t.taskId}:comment`, t.comment);
  }
  m.set("difficulties", form.difficulties);
  m.set("proposals", form.proposals);
  m.set("evidence", evidenceKey(form.evidence));
  m.set("commendations", commendationsText(form.commendations));
  m.set("status", form.status);
  return m;
}

const evidenceKey = (list: { fileId: string; itemKind?: string; itemId?: number | null }[]) =>
  list.map((e) => `${e.fileId}@${e.itemKind ?? "report"}${e.itemId ? `:${e.itemId}` : ""}`).join(",");

/** The values a save asks for, keyed like fieldValues (only the fields it sends). */
function requestedValues(body: ReportSave, form: Report): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const i of body.indicators ?? []) {
    const def = form.indicators.find((x) => x.indicatorId === i.indicatorId);
    if (def?.measure === "percent") {
      if (i.numerator !== undefined) m.set(`indicator:${i.indicatorId}:numerator`, i.numerator);
      if (i.denominator !== undefined) m.set(`indicator:${i.indicatorId}:denominator`, i.denominator);
    } else if (i.value !== undefined) m.set(`indicator:${i.indicatorId}:value`, i.value);
    if (i.comment !== undefined) m.set(`indicator:${i.indicatorId}:comment`, i.comment);
  }
  for (const t of body.tasks ?? []) {
    if (t.status !== undefined) m.set(`task:${t.taskId}:status`, t.status);
    if (t.progress !== undefined) m.set(`task:${t.taskId}:progress`, t.progress);
    if (t.result !== undefined) m.set(`task:${t.taskId}:result`, t.result);
    if (t.comment !== undefined) m.set(`task:${t.taskId}:comment`, t.comment);
  }
  if (body.difficulties !== undefined) m.set("difficulties", body.difficulties);
  if (body.proposals !== undefined) m.set("proposals", body.proposals);
  if (body.evidence !== undefined) m.set("evidence", evidenceKey(body.evidence));
  if (body.commendations !== undefined) m.set("commendations", commendationsText(normaliseCommendations(body.commendations)));
  return m;
}

const repeated = (ids: number[]) => [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);
export const auditText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** A readable name for an audit/conflict field, e.g. "CT02 · Tử số". */
export function fieldLabel(field: string, codes: { indicators: Map<number, string>; tasks: Map<number, string> }): string {
  const [kind, id, attr] = field.split(":");
  if (kind === "indicator" || kind === "task") {
    const code = (kind === "indicator" ? codes.indicators : codes.tasks).get(Number(id)) ?? `#${id}`;
    return `${code} · ${VALUE_FIELD_LABELS[attr] ?? attr}`;
  }
  if (field === "status") return "Trạng thái báo cáo";
  return VALUE_FIELD_LABELS[field] ?? field;
}

async function itemCodes(db: Trx) {
  const [i, t] = await Promise.all([db.selectFrom("indicators").select(["id", "code"]).execute(), db.selectFrom("tasks").select(["id", "code"]).execute()]);
  return { indicators: new Map(i.map((r) => [r.id, r.code])), tasks: new Map(t.map((r) => [r.id, r.code])) };
}

/** What changed on the server since `clientVersion`: field, server value, the caller's value. */
async function conflictDetails(db: Trx, report: ReportRow, clientVersion: number, form: Report, mine: Map<string, unknown>): Promise<ConflictDetails> {
  const rows = await db
    .selectFrom("report_audit as a")
    .leftJoin("users as u", "u.id", "a.user_id")
    .select(["a.field", "a.at", "u.id as user_id", "u.name"])
    .where("a.report_id", "=", report.id)
    .where("a.version", ">", clientVersion)
    .where("a.field", "is not", null)
    .orderBy("a.id")
    .execute();
  const server = fieldValues(form);
  const codes = await itemCodes(db);
  const latest = new Map<string, { at: string; id: number | null; name: string | null }>();
  for (const r of rows) latest.set(r.field!, { at: r.at, id: r.user_id, name: r.name });
  const changes: ConflictItem[] = [...latest.entries()].map(([field, who]) => ({
    field,
    label: fieldLabel(field, codes),
    serverValue: server.get(field) ?? null,
    yourValue: mine.has(field) ? mine.get(field) : null,
    changedBy: who.name,
    changedById: who.id,
    changedAt: who.at,
  }));
  return { serverVersion: Number(report.version), changes };
}

function versionConflict(details: ConflictDetails): AppError {
  return conflict(
    "VERSION_CONFLICT",
    "Báo cáo vừa được người khác cập nhật. Dữ liệu của bạn chưa được ghi đè: vui lòng xem các thay đổi và chọn giữ bản nào.",
    details,
  );
}

interface Loaded {
  period: PeriodRow;
  pu: PeriodUnitRow;
}

async function loadScope(db: Trx, periodId: number, unitId: number): Promise<Loaded> {
  const period = await loadPeriod(db, periodId);
  const pu = await loadExpected(db, periodId, unitId);
  return { period, pu };
}

/** A report that does not exist yet, as it would look: shown without creating it. */
function unsavedReport(periodId: number, unitId: number, nowIso: string): ReportRow {
  return {
    ...blankReport(periodId, unitId, null, nowIso),
    id: 0,
    submitted_at: null,
    submitted_by: null,
    on_time: null,
    submit_timing: null,
    reviewed_at: null,
    reviewed_by: null,
    return_reason: null,
  };
}

export async function getReport(ctx: AppContext, user: AuthUser, periodId: number, unitId: number): Promise<Report> {
  const { db } = ctx.database;
  const { period, pu } = await loadScope(db, periodId, unitId);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const existing = await db.selectFrom("reports").selectAll().where("period_id", "=", periodId).where("unit_id", "=", unitId).executeTakeFirst();
  if (existing) return buildReport(db, period, pu, existing, now);
  // Only the unit's focal point opens (creates) the draft, and only while it can be written: opening a
  // locked (or not yet open) report that was never started is a read. Staff and observers look at it as it is.
  if (user.role !== "focal" || lockState(period, pu, null, now).locked) return buildReport(db, period, pu, unsavedReport(periodId, unitId, nowIso), now);
  const report = await db.transaction().execute((trx) => ensureReport(trx, periodId, unitId, user.id, nowIso));
  return buildReport(db, period, pu, report, now);
}

interface AuditRow {
  field: string | null;
  old: unknown;
  next: unknown;
  action?: string;
  note?: string | null;
}

async function writeAudit(db: Trx, reportId: number, userId: number, nowIso: string, version: number, rows: AuditRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto("report_audit")
      .values(
        rows.slice(i, i + 200).map((r) => ({
          report_id: reportId,
          user_id: userId,
          at: nowIso,
          action: r.action ?? "save",
          field: r.field,
          old_value: auditText(r.old),
          new_value: auditText(r.next),
          note: r.note ?? null,
          version,
        })),
      )
      .execute();
  }
}

/** Draft save with optimistic concurrency. Partial: only the fields sent change. */
export async function saveReport(ctx: AppContext, user: AuthUser, periodId: number, unitId: number, body: ReportSave): Promise<Report> {
  const { db } = ctx.database;
  const { period, pu } = await loadScope(db, periodId, unitId);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const report = await ensureReport(trx, periodId, unitId, user.id, nowIso);
    const form = await buildReport(trx, period, pu, report, now);

    const unknown: string[] = [];
    for (const i of body.indicators ?? []) if (!form.indicators.some((x) => x.indicatorId === i.indicatorId)) unknown.push(`indicator:${i.indicatorId}`);
    for (const t of body.tasks ?? []) if (!form.tasks.some((x) => x.taskId === t.taskId)) unknown.push(`task:${t.taskId}`);
    if (unknown.length) throw badRequest("UNKNOWN_ITEM", "Có chỉ tiêu hoặc nhiệm vụ không thuộc báo cáo của đơn vị này.", unknown);
    // The same item twice in one save would store one value and log the other: refuse it.
    const dup = [
      ...repeated((body.indicators ?? []).map((i) => i.indicatorId)).map((id) => `indicator:${id}`),
      ...repeated((body.tasks ?? []).map((t) => t.taskId)).map((id) => `task:${id}`),
    ];
    if (dup.length) throw badRequest("DUPLICATE_ITEM", "Một chỉ tiêu hoặc nhiệm vụ được gửi hai lần trong cùng một lần lưu.", dup);

    const mine = requestedValues(body, form);
    const server = fieldValues(form);
    const changed = [...mine.entries()].filter(([k, v]) => !same(server.get(k), v));
    // A retry of a save that already went through (same values) is not a conflict.
    if (changed.length === 0) return form;
    assertEditable(form.lock);
    if (body.version !== Number(report.version)) throw versionConflict(await conflictDetails(trx, report, body.version, form, mine));

    const nextVersion = Number(report.version) + 1;
    const upd = await trx
      .updateTable("reports")
      .set({
        version: nextVersion,
        updated_at: nowIso,
        updated_by: user.id,
        ...(body.difficulties !== undefined ? { difficulties: body.difficulties } : {}),
        ...(body.proposals !== undefined ? { proposals: body.proposals } : {}),
      })
      .where("id", "=", report.id)
      .where("version", "=", body.version)
      .executeTakeFirst();
    if (Number(upd.numUpdatedRows) === 0) throw versionConflict(await conflictDetails(trx, report, body.version, form, mine));

    const touchedInd = new Set(changed.filter(([k]) => k.startsWith("indicator:")).map(([k]) => Number(k.split(":")[1])));
    for (const id of touchedInd) {
      const cur = form.indicators.find((x) => x.indicatorId === id)!;
      const req = body.indicators!.find((x) => x.indicatorId === id)!;
      const isPct = cur.measure === "percent";
      const merged = {
        numerator: isPct ? (req.numerator !== undefined ? req.numerator : cur.numerator) : null,
        denominator: isPct ? (req.denominator !== undefined ? req.denominator : cur.denominator) : null,
        value: isPct ? null : req.value !== undefined ? req.value : cur.value,
        comment: req.comment !== undefined ? req.comment : cur.comment,
      };
      const last = cur.lastYear ? comparable(cur.measure, cur.lastYear) : null;
      const flagged = isFarFromLastYear(comparable(cur.measure, merged), last) ? 1 : 0;
      const row = { ...merged, flagged, updated_at: nowIso };
      await trx
        .insertInto("report_indicator_values")
        .values({ report_id: report.id, indicator_id: id, ...row })
        .onConflict((oc) => oc.columns(["report_id", "indicator_id"]).doUpdateSet(row))
        .execute();
    }
    const touchedTask = new Set(changed.filter(([k]) => k.startsWith("task:")).map(([k]) => Number(k.split(":")[1])));
    for (const id of touchedTask) {
      const cur = form.tasks.find((x) => x.taskId === id)!;
      const req = body.tasks!.find((x) => x.taskId === id)!;
      const row = {
        status: req.status !== undefined ? req.status : cur.status,
        progress: req.progress !== undefined ? req.progress : cur.progress,
        result: req.result !== undefined ? req.result : cur.result,
        comment: req.comment !== undefined ? req.comment : cur.comment,
        updated_at: nowIso,
      };
      await trx
        .insertInto("report_task_values")
        .values({ report_id: report.id, task_id: id, ...row })
        .onConflict((oc) => oc.columns(["report_id", "task_id"]).doUpdateSet(row))
        .execute();
    }
    if (body.evidence !== undefined && changed.some(([k]) => k === "evidence")) {
      const ids = [...new Set(body.evidence.map((e) => e.fileId))];
      // Files already in the report stay; a newly attached one must be the user's own upload (or staff's).
      const kept = new Set(form.evidence.map((e) => e.fileId));
      await requireFiles(trx, ids.filter((id) => kept.has(id)));
      await requireAttachable(trx, user, ids.filter((id) => !kept.has(id)));
      for (const e of body.evidence) {
        if (e.itemKind === "indicator" && !form.indicators.some((x) => x.indicatorId === e.itemId)) throw badRequest("UNKNOWN_ITEM", "Minh chứng gắn với chỉ tiêu không thuộc báo cáo.");
        if (e.itemKind === "task" && !form.tasks.some((x) => x.taskId === e.itemId)) throw badRequest("UNKNOWN_ITEM", "Minh chứng gắn với nhiệm vụ không thuộc báo cáo.");
      }
      await trx.deleteFrom("report_evidence").where("report_id", "=", report.id).execute();
      const seen = new Set<string>();
      const rows = body.evidence.filter((e) => (seen.has(e.fileId) ? false : (seen.add(e.fileId), true)));
      if (rows.length) {
        await trx
          .insertInto("report_evidence")
          .values(
            rows.map((e) => ({
              report_id: report.id,
              file_id: e.fileId,
              item_kind: e.itemKind ?? "report",
              item_id: e.itemKind === "report" ? null : (e.itemId ?? null),
              created_at: nowIso,
              created_by: user.id,
            })),
          )
          .execute();
      }
      await linkFiles(trx, "report_evidence", report.id, ids, nowIso);
    }
    if (body.commendations !== undefined && changed.some(([k]) => k === "commendations")) {
      await replaceCommendations(trx, report.id, normaliseCommendations(body.commendations));
    }
    await writeAudit(
      trx,
      report.id,
      user.id,
      nowIso,
      nextVersion,
      changed.map(([field, next]) => ({ field, old: server.get(field), next })),
    );
    const fresh = await trx.selectFrom("reports").selectAll().where("id", "=", report.id).executeTakeFirstOrThrow();
    return buildReport(trx, period, pu, fresh, now);
  });
}

/** What must be fixed before a report can be submitted (empty when it is complete). */
export function submitProblems(form: Report): SubmitProblem[] {
  const out: SubmitProblem[] = [];
  const isInt = (v: number) => Number.isInteger(v);
  for (const i of form.indicators) {
    const p = (attr: string, code: SubmitProblem["code"], message: string) =>
      out.push({ field: `indicator:${i.indicatorId}:${attr}`, itemKind: "indicator", itemId: i.indicatorId, code, message: `${i.code}: ${message}` });
    if (i.measure === "percent") {
      if (i.numerator === null) p("numerator", "REQUIRED", "chưa nhập tử số.");
      if (i.denominator === null) p("denominator", "REQUIRED", "chưa nhập mẫu số.");
      if (i.numerator !== null && !isInt(i.numerator)) p("numerator", "NOT_INTEGER", "tử số phải là số nguyên.");
      if (i.denominator !== null && !isInt(i.denominator)) p("denominator", "NOT_INTEGER", "mẫu số phải là số nguyên.");
      if (i.denominator === 0) p("denominator", "DENOMINATOR_ZERO", "mẫu số phải lớn hơn 0.");
      if (i.numerator !== null && i.denominator !== null && i.numerator > i.denominator)
        p("numerator", "NUMERATOR_GT_DENOMINATOR", "tử số không được lớn hơn mẫu số.");
    } else {
      if (i.value === null) p("value", "REQUIRED", "chưa nhập giá trị.");
      else if (!isInt(i.value)) p("value", "NOT_INTEGER", "giá trị phải là số nguyên.");
    }
    if (i.flagged && i.comment.trim() === "") p("comment", "COMMENT_REQUIRED", "giá trị chênh lệch nhiều so với năm trước, cần ghi giải thích.");
  }
  for (const t of form.tasks) {
    const p = (attr: string, code: SubmitProblem["code"], message: string) =>
      out.push({ field: `task:${t.taskId}:${attr}`, itemKind: "task", itemId: t.taskId, code, message: `${t.code}: ${message}` });
    if (t.status === null) p("status", "REQUIRED", "chưa chọn tình trạng thực hiện.");
    if (t.status === "in_progress" && t.progress === null) p("progress", "PROGRESS_REQUIRED", "chưa nhập tiến độ (%).");
  }
  out.push(...commendationProblems(form.commendations));
  return out;
}

export async function submitReport(ctx: AppContext, user: AuthUser, periodId: number, unitId: number, version?: number): Promise<Report> {
  const { db } = ctx.database;
  const { period, pu } = await loadScope(db, periodId, unitId);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const report = await ensureReport(trx, periodId, unitId, user.id, nowIso);
    const form = await buildReport(trx, period, pu, report, now);
    assertEditable(form.lock);
    if (version !== undefined && version !== Number(report.version)) throw versionConflict(await conflictDetails(trx, report, version, form, new Map()));
    const problems = submitProblems(form);
    if (problems.length) {
      throw unprocessable("REPORT_INCOMPLETE", `Báo cáo còn ${problems.length} mục cần hoàn thiện trước khi nộp.`, problems);
    }
    // A resubmission after a return keeps the timeliness of the first submission.
    const kept = report.status === "returned" ? storedTiming(report) : null;
    const timing = kept ?? submissionTiming(nowIso, period.deadline_at, pu.exception_until);
    const onTime = timing === "late" ? 0 : 1;
    const nextVersion = Number(report.version) + 1;
    const upd = await trx
      .updateTable("reports")
      .set({ status: "submitted", submitted_at: nowIso, submitted_by: user.id, on_time: onTime, submit_timing: timing, version: nextVersion, updated_at: nowIso, updated_by: user.id })
      .where("id", "=", report.id)
      .where("version", "=", report.version)
      .executeTakeFirst();
    if (Number(upd.numUpdatedRows) === 0) throw versionConflict(await conflictDetails(trx, report, Number(report.version), form, new Map()));
    await writeAudit(trx, report.id, user.id, nowIso, nextVersion, [
      { action: "submit", field: "status", old: report.status, next: "submitted", note: SUBMISSION_TIMING_LABELS[timing] },
    ]);
    // every difficulty and proposal becomes an item of the register
    await registerReportIssues(trx, { periodId, unitId, difficulties: report.difficulties, proposals: report.proposals }, nowIso);
    const fresh = await trx.selectFrom("reports").selectAll().where("id", "=", report.id).executeTakeFirstOrThrow();
    return buildReport(trx, period, pu, fresh, now);
  });
}

export type ReviewAction = "approve" | "return" | "reopen";

const REVIEW_FROM: Record<ReviewAction, ReportStatus> = { approve: "submitted", return: "submitted", reopen: "approved" };
const REVIEW_TO: Record<ReviewAction, ReportStatus> = { approve: "approved", return: "returned", reopen: "returned" };
const REVIEW_VERB: Record<ReviewAction, string> = { approve: "duyệt", return: "trả lại", reopen: "mở lại" };

/** Staff review: approve (locks), return with a reason, reopen an approved report. */
export async function reviewReport(ctx: AppContext, user: AuthUser, periodId: number, unitId: number, action: ReviewAction, reason?: string): Promise<Report> {
  const { db } = ctx.database;
  const { period, pu } = await loadScope(db, periodId, unitId);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const report = await trx.selectFrom("reports").selectAll().where("period_id", "=", periodId).where("unit_id", "=", unitId).executeTakeFirst();
    if (!report) throw notFound("Đơn vị chưa có báo cáo trong kỳ này.", "REPORT_NOT_FOUND");
    if (report.status !== REVIEW_FROM[action]) {
      throw conflict(
        "INVALID_REPORT_STATUS",
        `Không thể ${REVIEW_VERB[action]} báo cáo đang ở trạng thái "${REPORT_STATUS_LABELS[report.status]}".`,
        { status: report.status },
      );
    }
    const to = REVIEW_TO[action];
    const note = action === "reopen" ? (reason?.trim() || "Phường mở lại báo cáo để đơn vị chỉnh sửa.") : (reason?.trim() ?? null);
    const nextVersion = Number(report.version) + 1;
    await trx
      .updateTable("reports")
      .set({
        status: to,
        reviewed_at: nowIso,
        reviewed_by: user.id,
        version: nextVersion,
        updated_at: nowIso,
        updated_by: user.id,
        ...(action === "approve" ? {} : { return_reason: note }),
      })
      .where("id", "=", report.id)
      .execute();
    await writeAudit(trx, report.id, user.id, nowIso, nextVersion, [{ action, field: "status", old: report.status, next: to, note }]);

    const unit = await trx.selectFrom("units").select("name").where("id", "=", unitId).executeTakeFirstOrThrow();
    const focal = (await focalUserIds(trx, [unitId])).get(unitId) ?? [];
    const title =
      action === "approve" ? "Báo cáo đã được duyệt" : action === "return" ? "Báo cáo bị trả lại, cần chỉnh sửa" : "Báo cáo được mở lại để chỉnh sửa";
    const body =
      action === "approve"
        ? `Báo cáo "${period.title}" của ${unit.name} đã được phường duyệt.`
        : `Báo cáo "${period.title}" của ${unit.name}: ${note}`;
    await enqueueNotifications(
      trx,
      focal.map((userId) => ({
        userId,
        kind: `report_${action}`,
        title,
        body,
        link: `/reports/${periodId}/units/${unitId}`,
        dedupeKey: `report:${report.id}:${action}:v${nextVersion}`,
        source: `report:${report.id}`,
      })),
      nowIso,
      pushChannelName(ctx.config) !== "inbox",
    );
    const fresh = await trx.selectFrom("reports").selectAll().where("id", "=", report.id).executeTakeFirstOrThrow();
    return buildReport(trx, period, pu, fresh, now);
  });
}

export async function reportAudit(ctx: AppContext, periodId: number, unitId: number) {
  const { db } = ctx.database;
  await loadScope(db, periodId, unitId);
  const report = await db.selectFrom("reports").select("id").where("period_id", "=", periodId).where("unit_id", "=", unitId).executeTakeFirst();
  if (!report) return [];
  const [rows, codes] = await Promise.all([
    db
      .selectFrom("report_audit as a")
      .leftJoin("users as u", "u.id", "a.user_id")
      .select(["a.id", "a.at", "a.user_id", "u.name", "a.action", "a.field", "a.old_value", "a.new_value", "a.note", "a.version"])
      .where("a.report_id", "=", report.id)
      .orderBy("a.id", "desc")
      .limit(1000)
      .execute(),
    itemCodes(db),
  ]);
  const show = (field: string | null, v: string | null) => {
    if (v === null) return null;
    if (field === "status") return REPORT_STATUS_LABELS[v as ReportStatus] ?? v;
    if (field?.endsWith(":status")) return TASK_STATUS_LABELS[v as keyof typeof TASK_STATUS_LABELS] ?? v;
    return v;
  };
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    userId: r.user_id,
    userName: r.name ?? null,
    action: r.action,
    field: r.field,
    label: r.field ? fieldLabel(r.field, codes) : null,
    oldValue: show(r.field, r.old_value),
    newValue: show(r.field, r.new_value),
    note: r.note,
    version: r.version === null ? null : Number(r.version),
  }));
}

