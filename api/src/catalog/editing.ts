import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import type { Aggregation, Indicator, IndicatorCreate, IndicatorDetail, IndicatorPatch, Task, TaskPatch } from "../contract/catalog.js";
import { MEASURE_LABELS, ruleText } from "../contract/catalog-labels.js";
import { formatFigure } from "../contract/summary-labels.js";
import { PLAN_FIRST_YEAR, PLAN_LAST_YEAR, PLAN_YEARS } from "../contract/plan.js";
import { badRequest, conflict } from "../lib/errors.js";
import { assertCityLevel, assertWardWriter, isCityStaff } from "../wards/request-ward.js";
import { getIndicatorDetail, getTask, indicatorValueCount } from "./items.js";
import { writeCatalogAudit, type CatalogChangeRow } from "./audit.js";

/**
 * The plan catalog is edited at two levels. The definitions (an indicator's code, name, measure, unit
 * label, 2030 target, direction, whether it is followed; a task's name and timing) are the city's,
 * edited by city staff. A ward's settings (which of its units report and lead, the aggregation rule and
 * its reason, the yearly milestones) are the ward's, edited by its staff. No edit silently changes the
 * meaning of numbers already reported: the measure of an indicator with values is locked, an indicator
 * is deactivated (never deleted), ids never change (so a renamed item keeps its history), and every
 * change is in the audit trail (with the ward it was made in, or none for the city's).
 */

type Trx = Kysely<DB>;

const DEFINITION_WHAT = "Tên, cách đo, đơn vị tính, mục tiêu 2030 và việc theo dõi chỉ tiêu";
const SETTINGS_WHAT = "Đơn vị báo cáo, đơn vị chủ trì, cách tổng hợp và lộ trình từng năm của chỉ tiêu";

const uniq = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);
const sameList = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** The names of a ward's units: a unit of another ward is unknown here, as if it did not exist. */
async function unitNames(db: Trx, wardId: number): Promise<Map<number, string>> {
  const rows = await db.selectFrom("units").select(["id", "name", "short_name"]).where("ward_id", "=", wardId).execute();
  return new Map(rows.map((u) => [u.id, u.short_name || u.name]));
}

/** The staff member's ward (every staff account belongs to one). */
function staffWard(user: AuthUser): number {
  if (user.wardId === null) throw badRequest("WARD_REQUIRED", "Tài khoản của bạn chưa thuộc phường, xã nào.");
  return user.wardId;
}

/** Replaces a ward's links of an item (the other wards' links stay). */
async function replaceWardLinks<T extends "indicator_units" | "task_units">(
  trx: Trx,
  table: T,
  column: "indicator_id" | "task_id",
  itemId: number,
  wardId: number,
  rows: Record<string, unknown>[],
): Promise<void> {
  const wardUnits = trx.selectFrom("units").select("id").where("ward_id", "=", wardId);
  await (trx.deleteFrom(table) as any).where(column, "=", itemId).where("unit_id", "in", wardUnits).execute();
  if (rows.length) await (trx.insertInto(table) as any).values(rows).execute();
}

function assertKnownUnits(names: Map<number, string>, ids: number[]): void {
  const unknown = ids.filter((id) => !names.has(id));
  if (unknown.length) throw badRequest("UNKNOWN_UNIT", `Không có đơn vị với mã số ${unknown.join(", ")}.`, { unitIds: unknown });
}

const listText = (names: Map<number, string>, ids: number[]) => ids.map((id) => names.get(id) ?? `#${id}`).join("; ") || null;

/** The rule an indicator ends up with, checked against its lead units. */
function checkAggregation(code: string, agg: Aggregation, leads: number[], names: Map<number, string>): Aggregation {
  if (agg.rule !== "lead") return { ...agg, unitId: null };
  if (leads.length === 0) {
    throw badRequest("RULE_NEEDS_LEAD", `${code}: cách "lấy số của đơn vị chủ trì" cần ít nhất một đơn vị chủ trì.`);
  }
  if (agg.unitId !== null && !leads.includes(agg.unitId)) {
    throw badRequest("RULE_UNIT_NOT_LEAD", `${code}: ${names.get(agg.unitId) ?? "đơn vị đã chọn"} không phải đơn vị chủ trì nên số của đơn vị không thể là số của phường.`);
  }
  if (agg.unitId === null && leads.length > 1) {
    throw badRequest(
      "RULE_UNIT_REQUIRED",
      `${code} có ${leads.length} đơn vị chủ trì: chọn đơn vị có số được lấy làm số của phường, hoặc chọn cách "lấy số lớn nhất".`,
    );
  }
  return agg;
}

function checkMilestones(code: string, measure: Indicator["measure"], unitLabel: string, list: NonNullable<IndicatorPatch["milestones"]>): void {
  const seen = new Set<number>();
  for (const m of list) {
    if (!PLAN_YEARS.includes(m.year)) {
      throw badRequest("MILESTONE_YEAR_OUTSIDE_PLAN", `Năm ${m.year} nằm ngoài kế hoạch: lộ trình chỉ đặt cho các năm ${PLAN_FIRST_YEAR}–${PLAN_LAST_YEAR}.`, { year: m.year });
    }
    if (seen.has(m.year)) throw badRequest("DUPLICATE_MILESTONE_YEAR", `Lộ trình năm ${m.year} được gửi hai lần.`, { year: m.year });
    seen.add(m.year);
    if (m.measure !== measure) {
      const what = measure === "percent" ? "một tỷ lệ (%)" : `một số (${unitLabel})`;
      throw badRequest("MILESTONE_MEASURE_MISMATCH", `${code} tính bằng ${unitLabel}: lộ trình năm ${m.year} phải là ${what}, không phải ${MEASURE_LABELS[m.measure].toLowerCase()}.`, {
        year: m.year,
        expected: measure,
      });
    }
    if (m.value === null) continue;
    if (measure === "percent" && m.value > 100) throw badRequest("MILESTONE_OUT_OF_RANGE", `Lộ trình năm ${m.year} của ${code} là tỷ lệ, không quá 100%.`, { year: m.year });
    if (measure !== "percent" && !Number.isInteger(m.value)) throw badRequest("MILESTONE_NOT_INTEGER", `Lộ trình năm ${m.year} của ${code} phải là số nguyên.`, { year: m.year });
  }
}


/** Which definition fields a patch really changes (a client may send them unchanged). */
function definitionChanges(cur: IndicatorDetail, body: IndicatorPatch): string[] {
  const out: string[] = [];
  if (body.name !== undefined && body.name !== cur.name) out.push("name");
  if (body.measure !== undefined && body.measure !== cur.measure) out.push("measure");
  if (body.unitLabel !== undefined && body.unitLabel !== cur.unitLabel) out.push("unitLabel");
  if (body.target !== undefined && body.target !== cur.target) out.push("target");
  if (body.targetText !== undefined && body.targetText !== cur.targetText) out.push("targetText");
  if (body.direction !== undefined && body.direction !== cur.direction) out.push("direction");
  if (body.active !== undefined && body.active !== cur.active) out.push("active");
  return out;
}

const sendsSettings = (body: IndicatorPatch) => [body.unitIds, body.leadUnitIds, body.aggregation, body.milestones].some((v) => v !== undefined);

/**
 * One edit of an indicator: city staff change its definition, a ward's staff its ward's settings.
 * Ward staff changing a definition get 403 CITY_LEVEL_ONLY, city staff sending settings 403
 * WARD_DATA_READ_ONLY; nothing is saved. Returns the indicator as the editor sees it (city staff: the
 * city's view).
 */
export async function patchIndicator(ctx: AppContext, user: AuthUser, id: number, body: IndicatorPatch): Promise<IndicatorDetail> {
  const nowIso = ctx.clock.now().toISOString();
  const city = isCityStaff(user);
  const wardId = city ? null : staffWard(user);
  return ctx.database.db.transaction().execute(async (trx) => {
    const cur = await getIndicatorDetail(trx, id, wardId);
    if (city) {
      if (sendsSettings(body)) assertWardWriter(user, SETTINGS_WHAT);
      await patchDefinition(trx, user, cur, body, nowIso);
    } else {
      if (definitionChanges(cur, body).length) assertCityLevel(user, DEFINITION_WHAT);
      await patchWardSettings(trx, user, wardId!, cur, body, nowIso);
    }
    return getIndicatorDetail(trx, id, wardId);
  });
}

const boolText = (v: boolean) => (v ? "Có" : "Không");
const directionText = (d: Indicator["direction"]) => (d === "at_least" ? "Không thấp hơn mục tiêu" : "Không vượt quá mục tiêu");

/** The city's definition of an indicator; a new measure clears every ward's milestones set in the old one. */
async function patchDefinition(trx: Trx, user: AuthUser, cur: IndicatorDetail, body: IndicatorPatch, nowIso: string): Promise<void> {
  const id = cur.id;
  const measure = body.measure ?? cur.measure;
  if (measure !== cur.measure) {
    const n = await indicatorValueCount(trx, id);
    if (n > 0) {
      throw conflict(
        "INDICATOR_MEASURE_LOCKED",
        `${cur.code} đã có ${n} số liệu báo cáo tính theo ${MEASURE_LABELS[cur.measure].toLowerCase()}: không đổi cách đo được vì các số đã báo cáo sẽ mang nghĩa khác. ` +
          "Hãy ngừng theo dõi chỉ tiêu này và thêm một chỉ tiêu mới (Danh mục kế hoạch → Thêm chỉ tiêu).",
        { valueCount: n },
      );
    }
  }
  const target = body.target !== undefined ? body.target : cur.target;
  if (measure === "percent" && target !== null && target > 100) throw badRequest("TARGET_OUT_OF_RANGE", `Mục tiêu 2030 của ${cur.code} là tỷ lệ, không quá 100%.`);
  const next = {
    name: body.name ?? cur.name,
    measure,
    unit_label: body.unitLabel ?? cur.unitLabel,
    target_value: target,
    target_text: body.targetText ?? cur.targetText,
    direction: body.direction ?? cur.direction,
    active: body.active === undefined ? (cur.active ? 1 : 0) : body.active ? 1 : 0,
  };
  const changes: CatalogChangeRow[] = [];
  const track = (field: string, old: string | null, nv: string | null) => {
    if (old !== nv) changes.push({ field, old, next: nv });
  };
  track("name", cur.name, next.name);
  track("measure", MEASURE_LABELS[cur.measure], MEASURE_LABELS[measure]);
  track("unitLabel", cur.unitLabel, next.unit_label);
  track("target", cur.target === null ? null : String(cur.target), target === null ? null : String(target));
  track("targetText", cur.targetText, next.target_text);
  track("direction", directionText(cur.direction), directionText(next.direction));
  track("active", boolText(cur.active), boolText(next.active === 1));
  await trx
    .updateTable("indicators")
    .set({ ...next, updated_at: nowIso })
    .where("id", "=", id)
    .execute();
  await writeCatalogAudit(trx, "indicator", id, null, user.id, nowIso, changes);
  if (measure === cur.measure) return;
  const old = await trx.selectFrom("indicator_milestones").select(["ward_id", "year", "value"]).where("indicator_id", "=", id).execute();
  await trx.deleteFrom("indicator_milestones").where("indicator_id", "=", id).execute();
  for (const m of old) {
    await writeCatalogAudit(trx, "indicator", id, m.ward_id, user.id, nowIso, [{ field: `milestone:${m.year}`, old: formatFigure(Number(m.value), cur.measure), next: null }]);
  }
}

/** A ward's settings of an indicator: its reporting and lead units, its rule, its milestones. */
async function patchWardSettings(trx: Trx, user: AuthUser, wardId: number, cur: IndicatorDetail, body: IndicatorPatch, nowIso: string): Promise<void> {
  const id = cur.id;
  const names = await unitNames(trx, wardId);
  const unitIds = body.unitIds ? uniq(body.unitIds) : cur.unitIds;
  assertKnownUnits(names, unitIds);
  if (unitIds.length === 0) throw badRequest("INDICATOR_NO_UNITS", `${cur.code} cần ít nhất một đơn vị báo cáo.`);
  // Leads not sent: keep the current ones that still report.
  const leadUnitIds = body.leadUnitIds ? uniq(body.leadUnitIds) : cur.leadUnitIds.filter((u) => unitIds.includes(u));
  assertKnownUnits(names, leadUnitIds);
  const outside = leadUnitIds.filter((u) => !unitIds.includes(u));
  if (outside.length) {
    throw badRequest("LEAD_NOT_REPORTING", `Đơn vị chủ trì phải là một trong các đơn vị báo cáo ${cur.code}: ${listText(names, outside)} chưa được chọn báo cáo.`, {
      unitIds: outside,
    });
  }
  const agg = checkAggregation(
    cur.code,
    body.aggregation ? { rule: body.aggregation.rule, unitId: body.aggregation.unitId ?? null, reason: body.aggregation.reason } : cur.aggregation,
    leadUnitIds,
    names,
  );
  if (body.milestones) checkMilestones(cur.code, cur.measure, cur.unitLabel, body.milestones);

  const changes: CatalogChangeRow[] = [];
  const track = (field: string, old: string | null, next: string | null) => {
    if (old !== next) changes.push({ field, old, next });
  };
  const aggText = (a: Aggregation) => `${ruleText(a.rule, a.unitId === null ? null : (names.get(a.unitId) ?? null))}. ${a.reason}`;
  track("aggregation", aggText(cur.aggregation), aggText(agg));
  track("unitIds", listText(names, cur.unitIds), listText(names, unitIds));
  track("leadUnitIds", listText(names, cur.leadUnitIds), listText(names, leadUnitIds));

  const settings = { aggregation: agg.rule, aggregation_unit_id: agg.unitId, aggregation_reason: agg.reason, updated_at: nowIso };
  await trx
    .insertInto("indicator_ward_settings")
    .values({ indicator_id: id, ward_id: wardId, ...settings })
    .onConflict((oc) => oc.columns(["indicator_id", "ward_id"]).doUpdateSet(settings))
    .execute();
  if (!sameList(unitIds, cur.unitIds) || !sameList(leadUnitIds, cur.leadUnitIds)) {
    await replaceWardLinks(
      trx,
      "indicator_units",
      "indicator_id",
      id,
      wardId,
      unitIds.map((unit_id) => ({ indicator_id: id, unit_id, is_lead: leadUnitIds.includes(unit_id) ? 1 : 0 })),
    );
  }

  // Milestones: the ones sent are set or cleared.
  const byYear = new Map(cur.milestones.map((m) => [m.year, m.value]));
  for (const m of body.milestones ?? []) {
    const old = byYear.get(m.year) ?? null;
    if (old === m.value) continue;
    if (m.value === null) await trx.deleteFrom("indicator_milestones").where("ward_id", "=", wardId).where("indicator_id", "=", id).where("year", "=", m.year).execute();
    else {
      const row = { value: m.value, source: "staff" as const, updated_at: nowIso, updated_by: user.id };
      await trx
        .insertInto("indicator_milestones")
        .values({ indicator_id: id, ward_id: wardId, year: m.year, ...row })
        .onConflict((oc) => oc.columns(["ward_id", "indicator_id", "year"]).doUpdateSet(row))
        .execute();
    }
    changes.push({ field: `milestone:${m.year}`, old: old === null ? null : formatFigure(old, cur.measure), next: m.value === null ? null : formatFigure(m.value, cur.measure) });
  }
  await writeCatalogAudit(trx, "indicator", id, wardId, user.id, nowIso, changes);
}

/**
 * City staff add an indicator to the city's list (e.g. to replace one whose measure cannot change);
 * each ward then chooses its reporting units and rule. Ward staff get 403 CITY_LEVEL_ONLY.
 */
export async function createIndicator(ctx: AppContext, user: AuthUser, body: IndicatorCreate): Promise<IndicatorDetail> {
  assertCityLevel(user, "Thêm chỉ tiêu vào danh mục");
  const nowIso = ctx.clock.now().toISOString();
  return ctx.database.db.transaction().execute(async (trx) => {
    const dup = await trx.selectFrom("indicators").select("id").where("code", "=", body.code).executeTakeFirst();
    if (dup) throw conflict("INDICATOR_CODE_TAKEN", `Đã có chỉ tiêu mã ${body.code}: chọn mã khác.`, { indicatorId: dup.id });
    const last = await trx.selectFrom("indicators").select((eb) => eb.fn.max("sort_order").as("n")).executeTakeFirst();
    const { id } = await trx
      .insertInto("indicators")
      .values({
        code: body.code,
        name: body.name,
        measure: body.measure,
        unit_label: body.unitLabel,
        target_value: null,
        direction: "at_least",
        target_text: "",
        sort_order: Number(last?.n ?? 0) + 1,
        created_at: nowIso,
        updated_at: nowIso,
        roadmap_seeded: 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeCatalogAudit(trx, "indicator", id, null, user.id, nowIso, [{ field: "name", old: null, next: body.name }]);
    return getIndicatorDetail(trx, id, null);
  });
}

/** City staff change a task's name and timing; a ward's staff its lead and partner units. */
export async function patchTask(ctx: AppContext, user: AuthUser, id: number, body: TaskPatch): Promise<Task> {
  const nowIso = ctx.clock.now().toISOString();
  const city = isCityStaff(user);
  const wardId = city ? null : staffWard(user);
  return ctx.database.db.transaction().execute(async (trx) => {
    const cur = await getTask(trx, id, wardId);
    const changes: CatalogChangeRow[] = [];
    const track = (field: string, old: string | null, nv: string | null) => {
      if (old !== nv) changes.push({ field, old, next: nv });
    };
    const definition = { name: body.name ?? cur.name, timing: body.timing ?? cur.timing };
    if (city) {
      if (body.leadUnitIds !== undefined || body.partnerUnitIds !== undefined) assertWardWriter(user, "Đơn vị chủ trì, đơn vị phối hợp của nhiệm vụ");
      track("name", cur.name, definition.name);
      track("timing", cur.timing, definition.timing);
      await trx
        .updateTable("tasks")
        .set({ ...definition, updated_at: nowIso })
        .where("id", "=", id)
        .execute();
      await writeCatalogAudit(trx, "task", id, null, user.id, nowIso, changes);
      return getTask(trx, id, null);
    }
    if (definition.name !== cur.name || definition.timing !== cur.timing) assertCityLevel(user, "Tên và thời gian thực hiện của nhiệm vụ");
    const names = await unitNames(trx, wardId!);
    const leads = body.leadUnitIds ? uniq(body.leadUnitIds) : cur.leadUnitIds;
    const partners = body.partnerUnitIds ? uniq(body.partnerUnitIds) : cur.partnerUnitIds;
    assertKnownUnits(names, [...leads, ...partners]);
    const both = leads.filter((u) => partners.includes(u));
    if (both.length) {
      throw badRequest("UNIT_BOTH_LEAD_AND_PARTNER", `${listText(names, both)} vừa là đơn vị chủ trì vừa là đơn vị phối hợp của ${cur.code}: chọn một vai trò.`, { unitIds: both });
    }
    if (leads.length + partners.length === 0) throw badRequest("TASK_NO_UNITS", `${cur.code} cần ít nhất một đơn vị thực hiện.`);
    track("leadUnitIds", listText(names, cur.leadUnitIds), listText(names, leads));
    track("partnerUnitIds", listText(names, cur.partnerUnitIds), listText(names, partners));
    if (!sameList(leads, cur.leadUnitIds) || !sameList(partners, cur.partnerUnitIds)) {
      await replaceWardLinks(trx, "task_units", "task_id", id, wardId!, [
        ...leads.map((unit_id) => ({ task_id: id, unit_id, role: "lead" as const })),
        ...partners.map((unit_id) => ({ task_id: id, unit_id, role: "partner" as const })),
      ]);
    }
    await writeCatalogAudit(trx, "task", id, wardId, user.id, nowIso, changes);
    return getTask(trx, id, wardId);
  });
}
