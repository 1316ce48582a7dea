import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { Indicator, IndicatorDetail, Milestone, Task } from "../contract/catalog.js";
import { notFound } from "../lib/errors.js";

/**
 * The indicators of Appendix I with their units, aggregation rule and milestones, in plan order.
 * `unitIds` keeps only those units' links (a summary of one ward of a city needs no other ward's).
 */
export async function listIndicators(db: Kysely<DB>, id?: number, unitIds?: number[]): Promise<Indicator[]> {
  let rowsQ = db.selectFrom("indicators").selectAll().orderBy("sort_order").orderBy("code");
  let linksQ = db.selectFrom("indicator_units").selectAll();
  if (unitIds) linksQ = linksQ.where("unit_id", "in", unitIds.length ? unitIds : [0]);
  let milestonesQ = db.selectFrom("indicator_milestones").select(["indicator_id", "year", "value", "source"]).orderBy("year");
  if (id !== undefined) {
    rowsQ = rowsQ.where("id", "=", id);
    linksQ = linksQ.where("indicator_id", "=", id);
    milestonesQ = milestonesQ.where("indicator_id", "=", id);
  }
  const [rows, links, milestones] = await Promise.all([rowsQ.execute(), linksQ.execute(), milestonesQ.execute()]);
  const byIndicator = <T extends { indicator_id: number }>(list: T[]) => {
    const out = new Map<number, T[]>();
    for (const r of list) {
      const group = out.get(r.indicator_id);
      if (group) group.push(r);
      else out.set(r.indicator_id, [r]);
    }
    return out;
  };
  const linksBy = byIndicator(links);
  const milestonesBy = byIndicator(milestones);
  return rows.map((r) => {
    const mine = linksBy.get(r.id) ?? [];
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
      aggregation: { rule: r.aggregation, unitId: r.aggregation_unit_id, reason: r.aggregation_reason },
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

export async function getIndicatorDetail(db: Kysely<DB>, id: number): Promise<IndicatorDetail> {
  const [indicator] = await listIndicators(db, id);
  if (!indicator) throw notFound("Không tìm thấy chỉ tiêu.", "INDICATOR_NOT_FOUND");
  return { ...indicator, valueCount: await indicatorValueCount(db, id) };
}

export async function listTasks(db: Kysely<DB>, id?: number, unitIds?: number[]): Promise<Task[]> {
  let rowsQ = db.selectFrom("tasks").selectAll().orderBy("sort_order").orderBy("code");
  let linksQ = db.selectFrom("task_units").selectAll();
  if (unitIds) linksQ = linksQ.where("unit_id", "in", unitIds.length ? unitIds : [0]);
  if (id !== undefined) {
    rowsQ = rowsQ.where("id", "=", id);
    linksQ = linksQ.where("task_id", "=", id);
  }
  const [rows, links] = await Promise.all([rowsQ.execute(), linksQ.execute()]);
  const linksBy = new Map<number, typeof links>();
  for (const l of links) {
    const group = linksBy.get(l.task_id);
    if (group) group.push(l);
    else linksBy.set(l.task_id, [l]);
  }
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

export async function getTask(db: Kysely<DB>, id: number): Promise<Task> {
  const [task] = await listTasks(db, id);
  if (!task) throw notFound("Không tìm thấy nhiệm vụ.", "TASK_NOT_FOUND");
  return task;
}
