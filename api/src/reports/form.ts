import { storedTiming } from "./timing.js";
import type { Kysely, Selectable } from "kysely";
import type { DB } from "../db/schema.js";
import type { Evidence, Report, ReportIndicator, ReportTask } from "../contract/reports.js";
import type { IndicatorMeasure } from "../catalog/tables.js";
import type { ReportsTable } from "./tables.js";
import { loadScope, lockState, type PeriodRow, type PeriodUnitRow } from "./access.js";
import type { AppContext, AuthUser } from "../http/context.js";
import { comparable, isFarFromLastYear } from "../contract/reports-rules.js";
import { loadCommendations } from "./commendations.js";

export { comparable, isFarFromLastYear };

export type ReportRow = Selectable<ReportsTable>;

/** A new, empty draft of a unit's report. */
export const blankReport = (periodId: number, unitId: number, userId: number | null, nowIso: string) => ({
  period_id: periodId,
  unit_id: unitId,
  status: "draft" as const,
  version: 0,
  difficulties: "",
  proposals: "",
  created_at: nowIso,
  updated_at: nowIso,
  updated_by: userId,
});

/** Creates the unit's draft if it does not exist yet (safe under concurrency) and returns it. */
export async function ensureReport(db: Kysely<DB>, periodId: number, unitId: number, userId: number | null, nowIso: string): Promise<ReportRow> {
  const res = await db
    .insertInto("reports")
    .values(blankReport(periodId, unitId, userId, nowIso))
    .onConflict((oc) => oc.columns(["period_id", "unit_id"]).doNothing())
    .executeTakeFirst();
  const row = await db.selectFrom("reports").selectAll().where("period_id", "=", periodId).where("unit_id", "=", unitId).executeTakeFirstOrThrow();
  if (Number(res.numInsertedOrUpdatedRows ?? 0) > 0) {
    await db
      .insertInto("report_audit")
      .values({ report_id: row.id, user_id: userId, at: nowIso, action: "create", field: null, old_value: null, new_value: null, note: null, version: 0 })
      .execute();
  }
  return row;
}

/** What a change of a unit's report works on: in one transaction, its row (opened if need be) and its form as it stands. */
export interface ReportChange {
  trx: Kysely<DB>;
  report: ReportRow;
  form: Report;
  period: PeriodRow;
  pu: PeriodUnitRow;
  now: Date;
  nowIso: string;
}

/** A focal point's change of their unit's report (a draft save, a submission), on one clock reading. */
export async function changeReport<T>(ctx: AppContext, user: AuthUser, periodId: number, unitId: number, change: (c: ReportChange) => Promise<T>): Promise<T> {
  const { db } = ctx.database;
  const { period, pu } = await loadScope(db, periodId, unitId);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const report = await ensureReport(trx, periodId, unitId, user.id, nowIso);
    const form = await buildReport(trx, period, pu, report, now);
    return change({ trx, report, form, period, pu, now, nowIso });
  });
}

export interface UnitItems {
  indicators: { id: number; code: string; name: string; measure: IndicatorMeasure; unit_label: string; target_value: number | null; direction: "at_least" | "at_most"; target_text: string; active: number }[];
  tasks: { id: number; code: string; name: string; timing: string; role: "lead" | "partner" }[];
}

/** The indicators and tasks a unit reports on (Appendix 01 and 02), in plan order. */
export async function unitItems(db: Kysely<DB>, unitId: number): Promise<UnitItems> {
  const [indicators, tasks] = await Promise.all([
    db
      .selectFrom("indicator_units as iu")
      .innerJoin("indicators as i", "i.id", "iu.indicator_id")
      .select(["i.id", "i.code", "i.name", "i.measure", "i.unit_label", "i.target_value", "i.direction", "i.target_text", "i.sort_order", "i.active"])
      .where("iu.unit_id", "=", unitId)
      .orderBy("i.sort_order")
      .orderBy("i.code")
      .execute(),
    db
      .selectFrom("task_units as tu")
      .innerJoin("tasks as t", "t.id", "tu.task_id")
      .select(["t.id", "t.code", "t.name", "t.timing", "tu.role", "t.sort_order"])
      .where("tu.unit_id", "=", unitId)
      .orderBy("t.sort_order")
      .orderBy("t.code")
      .execute(),
  ]);
  return {
    indicators: indicators.map((i) => ({ ...i, target_value: i.target_value === null ? null : Number(i.target_value) })),
    tasks,
  };
}

export interface LastYearValue {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  periodId: number;
}

/** The unit's values in its ward's annual period of the previous year (a submitted or approved report). */
export async function lastYearValues(db: Kysely<DB>, period: PeriodRow, unitId: number): Promise<Map<number, LastYearValue>> {
  const out = new Map<number, LastYearValue>();
  const prev = await db
    .selectFrom("periods")
    .select("id")
    .where("year", "=", period.year - 1)
    .where("kind", "=", "annual")
    .where((eb) => (period.ward_id === null ? eb("ward_id", "is", null) : eb("ward_id", "=", period.ward_id)))
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!prev) return out;
  const rows = await db
    .selectFrom("reports as r")
    .innerJoin("report_indicator_values as v", "v.report_id", "r.id")
    .select(["v.indicator_id", "v.numerator", "v.denominator", "v.value"])
    .where("r.period_id", "=", prev.id)
    .where("r.unit_id", "=", unitId)
    .where("r.status", "in", ["submitted", "approved"])
    .execute();
  for (const r of rows) {
    out.set(r.indicator_id, { numerator: num(r.numerator), denominator: num(r.denominator), value: num(r.value), periodId: prev.id });
  }
  return out;
}

export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The full form of a unit's report, as the focal point sees it. */
export async function buildReport(db: Kysely<DB>, period: PeriodRow, pu: PeriodUnitRow, report: ReportRow, now: Date): Promise<Report> {
  const [items, last, ivals, tvals, evidence, unit, commendations] = await Promise.all([
    unitItems(db, report.unit_id),
    lastYearValues(db, period, report.unit_id),
    db.selectFrom("report_indicator_values").selectAll().where("report_id", "=", report.id).execute(),
    db.selectFrom("report_task_values").selectAll().where("report_id", "=", report.id).execute(),
    db
      .selectFrom("report_evidence as e")
      .leftJoin("files as f", "f.id", "e.file_id")
      .select(["e.id", "e.file_id", "e.item_kind", "e.item_id", "f.name", "f.size", "f.mime"])
      .where("e.report_id", "=", report.id)
      .orderBy("e.id")
      .execute(),
    db.selectFrom("units").select(["code", "name"]).where("id", "=", report.unit_id).executeTakeFirstOrThrow(),
    loadCommendations(db, report.id),
  ]);
  // An indicator staff stopped following stays in the reports that already have a value for it.
  const followed = items.indicators.filter((i) => Number(i.active) === 1 || ivals.some((v) => v.indicator_id === i.id));
  const indicators: ReportIndicator[] = followed.map((i) => {
    const v = ivals.find((x) => x.indicator_id === i.id);
    const numerator = num(v?.numerator);
    const denominator = num(v?.denominator);
    const value = i.measure === "percent" ? comparable("percent", { numerator, denominator, value: null }) : num(v?.value);
    const lastYear = last.get(i.id) ?? null;
    // Decided now, not when the value was saved: last year's report may have been accepted since
    // (the mini app applies the same rule live, so the form and the submit check always agree).
    const flagged = isFarFromLastYear(value, lastYear ? comparable(i.measure, lastYear) : null);
    return {
      indicatorId: i.id,
      code: i.code,
      name: i.name,
      measure: i.measure,
      unitLabel: i.unit_label,
      target: i.target_value,
      direction: i.direction,
      targetText: i.target_text,
      lastYear,
      numerator,
      denominator,
      value: value === null ? null : Math.round(value * 100) / 100,
      comment: v?.comment ?? "",
      flagged,
    };
  });
  const tasks: ReportTask[] = items.tasks.map((t) => {
    const v = tvals.find((x) => x.task_id === t.id);
    return {
      taskId: t.id,
      code: t.code,
      name: t.name,
      timing: t.timing,
      role: t.role,
      status: v?.status ?? null,
      progress: v?.progress === null || v?.progress === undefined ? null : Number(v.progress),
      result: v?.result ?? "",
      comment: v?.comment ?? "",
    };
  });
  const ev: Evidence[] = evidence.map((e) => ({
    fileId: e.file_id,
    name: e.name ?? "Tệp đã bị xóa",
    size: e.size === null || e.size === undefined ? 0 : Number(e.size),
    mime: e.mime ?? "application/octet-stream",
    url: `/api/files/${encodeURIComponent(e.file_id)}`,
    itemKind: (e.item_kind as Evidence["itemKind"]) ?? "report",
    itemId: e.item_id,
  }));
  return {
    id: report.id,
    periodId: report.period_id,
    unitId: report.unit_id,
    unitCode: unit.code,
    unitName: unit.name,
    status: report.status,
    version: Number(report.version),
    difficulties: report.difficulties,
    proposals: report.proposals,
    submittedAt: report.submitted_at,
    onTime: report.on_time === null ? null : Boolean(report.on_time),
    timing: storedTiming(report),
    reviewedAt: report.reviewed_at,
    returnReason: report.return_reason,
    updatedAt: report.updated_at,
    indicators,
    tasks,
    evidence: ev,
    commendations,
    periodKind: period.kind,
    lock: lockState(period, pu, report.status, now),
  };
}
