import type { AppContext, AuthUser } from "../http/context.js";
import type { Report, ReportSave } from "../contract/reports.js";
import { badRequest } from "../lib/errors.js";
import { requireFiles } from "../files/store.js";
import { linkFiles, requireAttachable } from "../files/access.js";
import { assertEditable, loadScope, lockState } from "./access.js";
import { blankReport, buildReport, changeReport, comparable, ensureReport, isFarFromLastYear, type ReportRow } from "./form.js";
import { commendationsText, normaliseCommendations, replaceCommendations } from "./commendations.js";
import { evidenceKey, fieldValues } from "./fields.js";
import { conflictDetails, versionConflict } from "./conflicts.js";
import { writeAudit } from "./audit.js";

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

/** Draft save with optimistic concurrency. Partial: only the fields sent change. */
export async function saveReport(ctx: AppContext, user: AuthUser, periodId: number, unitId: number, body: ReportSave): Promise<Report> {
  return changeReport(ctx, user, periodId, unitId, async ({ trx, report, form, period, pu, now, nowIso }) => {
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
