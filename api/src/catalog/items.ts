import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { Indicator, IndicatorDetail, Milestone, Task } from "../contract/catalog.js";
import { notFound } from "../lib/errors.js";

/**
 * Whose settings a catalog list carries. The definitions (code, name, measure, target…) are the city's;
 * which units report and lead, the rule and the milestones are each ward's:
 * - a number: that ward's settings (links to its units only);
 * - null: the city's view, definitions only (no unit links, no milestones, the default rule);
 * - undefined: every unit's links and no ward's rule (a period made outside the product, without a ward).
 * `unitIds` keeps only those units' links (a summary of a part of a ward).
 */
export interface CatalogView {
  wardId?: number | null;
  id?: number;
  unitIds?: number[];
}

/** A ward that has not set an indicator's rule yet: its units' figures are added. */
const UNSET_RULE = { rule: "sum" as const, unitId: null, reason: "" };

type Db = Kysely<DB>;

function groupBy<T, K>(list: T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of list) {
    const k = key(r);
    const group = out.get(k);
    if (group) group.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** The indicators of Appendix I with a ward's units, aggregation rule and milestones, in plan order. */
export async function listIndicators(db: Db, view: CatalogView = {}): Promise<Indicator[]> {
  const wardId = typeof view.wardId === "number" ? view.wardId : -1;
  let rowsQ = db.selectFrom("indicators").selectAll().orderBy("sort_order").orderBy("code");
  let linksQ = db.selectFrom("indicator_units as l").innerJoin("units as u", "u.id", "l.unit_id").select(["l.indicator_id", "l.unit_id", "l.is_lead", "u.ward_id"]);
  if (typeof view.wardId === "number") linksQ = linksQ.where("u.ward_id", "=", view.wardId);
  if (view.wardId === null) linksQ = linksQ.where("l.unit_id", "=", -1);
  if (view.unitIds) linksQ = linksQ.where("l.unit_id", "in", view.unitIds.length ? view.unitIds : [0]);
  let settingsQ = db.selectFrom("indicator_ward_settings").selectAll().where("ward_id", "=", wardId);
  let milestonesQ = db.selectFrom("indicator_milestones").select(["indicator_id", "year", "value", "source"]).where("ward_id", "=", wardId).orderBy("year");
  if (view.id !== undefined) {
    rowsQ = rowsQ.where("id", "=", view.id);
    linksQ = linksQ.where("l.indicator_id", "=", view.id);
    settingsQ = settingsQ.where("indicator_id", "=", view.id);
    milestonesQ = milestonesQ.where("indicator_id", "=", view.id);
  }
  const [rows, links, settings, milestones] = await Promise.all([rowsQ.execute(), linksQ.execute(), settingsQ.execute(), milestonesQ.execute()]);
  const linksBy = groupBy(links, (l) => l.indicator_id);
  const settingsBy = new Map(settings.map((s) => [s.indicator_id, s]));
  const milestonesBy = groupBy(milestones, (m) => m.indicator_id);
  return rows.map((r) => {
    const mine = linksBy.get(r.id) ?? [];
    const set = settingsBy.get(r.id);
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      measure: r.measure,
      unitLabel: r.unit_label,
      target: r.target_value === null ? null : Number(r.target_value),
      direction: r.direction,
      targetText: r.target_text,
      unitIds: mine.map((l) => l.unit_id).sort((a, b) => a - b),
      leadUnitIds: mine
        .filter((l) => Number(l.is_lead) === 1)
        .map((l) => l.unit_id)
        .sort((a, b) => a - b),
      aggregation: set ? { rule: set.aggregation, unitId: set.aggregation_unit_id, reason: set.aggregation_reason } : UNSET_RULE,
      active: Number(r.active) === 1,
      milestones: (milestonesBy.get(r.id) ?? []).map((m): Milestone => ({ year: Number(m.year), value: Number(m.value), source: m.source })),
    };
  });
}

/** How many unit reports carry a value for the indicator (a measure cannot change under them). */
export async function indicatorValueCount(db: Kysely<DB>, indicatorId: number): Promise<number> {
  const row = await db
    .selectFrom("report_indicator_values")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("indicator_id", "=", indicatorId)
    .where((eb) => eb.or([eb("numerator", "is not", null), eb("denominator", "is not", null), eb("value", "is not", null)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One indicator with a ward's settings (see CatalogView), and how many values exist for it in the whole city. */
export async function getIndicatorDetail(db: Kysely<DB>, id: number, wardId: number | null): Promise<IndicatorDetail> {
  const [indicator] = await listIndicators(db, { id, wardId });
  if (!indicator) throw notFound("Không tìm thấy chỉ tiêu.", "INDICATOR_NOT_FOUND");
  return { ...indicator, valueCount: await indicatorValueCount(db, id) };
}

/** The tasks of Appendix II with a ward's lead and partner units (see CatalogView), in plan order. */
export async function listTasks(db: Kysely<DB>, view: CatalogView = {}): Promise<Task[]> {
  let rowsQ = db.selectFrom("tasks").selectAll().orderBy("sort_order").orderBy("code");
  let linksQ = db.selectFrom("task_units as l").innerJoin("units as u", "u.id", "l.unit_id").select(["l.task_id", "l.unit_id", "l.role", "u.ward_id"]);
  if (typeof view.wardId === "number") linksQ = linksQ.where("u.ward_id", "=", view.wardId);
  if (view.wardId === null) linksQ = linksQ.where("l.unit_id", "=", -1);
  if (view.unitIds) linksQ = linksQ.where("l.unit_id", "in", view.unitIds.length ? view.unitIds : [0]);
  if (view.id !== undefined) {
    rowsQ = rowsQ.where("id", "=", view.id);
    linksQ = linksQ.where("l.task_id", "=", view.id);
  }
  const [rows, links] = await Promise.all([rowsQ.execute(), linksQ.execute()]);
  const linksBy = groupBy(links, (l) => l.task_id);
  return rows.map((r) => {
    const mine = linksBy.get(r.id) ?? [];
    const of = (role: "lead" | "partner") =>
      mine
        .filter((l) => l.role === role)
        .map((l) => l.unit_id)
        .sort((a, b) => a - b);
    return { id: r.id, code: r.code, name: r.name, timing: r.timing, leadUnitIds: of("lead"), partnerUnitIds: of("partner") };
  });
}

export async function getTask(db: Kysely<DB>, id: number, wardId: number | null): Promise<Task> {
  const [task] = await listTasks(db, { id, wardId });
  if (!task) throw notFound("Không tìm thấy nhiệm vụ.", "TASK_NOT_FOUND");
  return task;
}
