import type { AppContext, AuthUser } from "../http/context.js";
import type { Report, SubmitProblem } from "../contract/reports.js";
import { SUBMISSION_TIMING_LABELS } from "../contract/reports-labels.js";
import { storedTiming, submissionTiming } from "./timing.js";
import { unprocessable } from "../lib/errors.js";
import { assertEditable } from "./access.js";
import { buildReport, changeReport } from "./form.js";
import { registerReportIssues } from "../difficulties/register.js";
import { commendationProblems } from "./commendations.js";
import { conflictDetails, versionConflict } from "./conflicts.js";
import { writeAudit } from "./audit.js";

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
  return changeReport(ctx, user, periodId, unitId, async ({ trx, report, form, period, pu, now, nowIso }) => {
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
