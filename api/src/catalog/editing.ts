import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import type { Aggregation, Indicator, IndicatorCreate, IndicatorDetail, IndicatorPatch, Task, TaskPatch } from "../contract/catalog.js";
import { MEASURE_LABELS, ruleText } from "../contract/catalog-labels.js";
import { formatFigure } from "../contract/summary-labels.js";
import { PLAN_FIRST_YEAR, PLAN_LAST_YEAR, PLAN_YEARS } from "../contract/plan.js";
import { badRequest, conflict } from "../lib/errors.js";
import { getIndicatorDetail, getTask, indicatorValueCount } from "./items.js";
import { writeCatalogAudit, type CatalogChangeRow } from "./audit.js";

/**
 * Staff edit the plan catalog. No edit silently changes the meaning of numbers already reported:
 * the measure of an indicator with values is locked, an indicator is deactivated (never deleted),
 * ids never change (so a renamed item keeps its history), and every change is in the audit trail.
 */

type Trx = Kysely<DB>;

const uniq = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);
const sameList = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

async function unitNames(db: Trx): Promise<Map<number, string>> {
  const rows = await db.selectFrom("units").select(["id", "name", "short_name"]).execute();
  return new Map(rows.map((u) => [u.id, u.short_name || u.name]));
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

const boolText = (v: boolean) => (v ? "Có" : "Không");
const directionText = (d: Indicator["direction"]) => (d === "at_least" ? "Không thấp hơn mục tiêu" : "Không vượt quá mục tiêu");

export async function patchIndicator(ctx: AppContext, user: AuthUser, id: number, body: IndicatorPatch): Promise<IndicatorDetail> {
  const nowIso = ctx.clock.now().toISOString();
  return ctx.database.db.transaction().execute(async (trx) => {
    const cur = await getIndicatorDetail(trx, id);
    const names = await unitNames(trx);
    const measure = body.measure ?? cur.measure;
    const unitLabel = body.unitLabel ?? cur.unitLabel;

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
    if (body.milestones) checkMilestones(cur.code, measure, unitLabel, body.milestones);

    const changes: CatalogChangeRow[] = [];
    const track = (field: string, old: string | null, next: string | null) => {
      if (old !== next) changes.push({ field, old, next });
    };
    const next = {
      name: body.name ?? cur.name,
      measure,
      unit_label: unitLabel,
      target_value: target,
      target_text: body.targetText ?? cur.targetText,
      direction: body.direction ?? cur.direction,
      aggregation: agg.rule,
      aggregation_unit_id: agg.unitId,
      aggregation_reason: agg.reason,
      active: body.active === undefined ? (cur.active ? 1 : 0) : body.active ? 1 : 0,
    };
    track("name", cur.name, next.name);
    track("measure", MEASURE_LABELS[cur.measure], MEASURE_LABELS[measure]);
    track("unitLabel", cur.unitLabel, next.unit_label);
    track("target", cur.target === null ? null : String(cur.target), target === null ? null : String(target));
    track("targetText", cur.targetText, next.target_text);
    track("direction", directionText(cur.direction), directionText(next.direction));
    track("active", boolText(cur.active), boolText(next.active === 1));
    const aggText = (a: Aggregation) => `${ruleText(a.rule, a.unitId === null ? null : (names.get(a.unitId) ?? null))}. ${a.reason}`;
    track("aggregation", aggText(cur.aggregation), aggText(agg));
    track("unitIds", listText(names, cur.unitIds), listText(names, unitIds));
    track("leadUnitIds", listText(names, cur.leadUnitIds), listText(names, leadUnitIds));

    await trx
      .updateTable("indicators")
      .set({ ...next, updated_at: nowIso })
      .where("id", "=", id)
      .execute();
    if (!sameList(unitIds, cur.unitIds) || !sameList(leadUnitIds, cur.leadUnitIds)) {
      await trx.deleteFrom("indicator_units").where("indicator_id", "=", id).execute();
      await trx
        .insertInto("indicator_units")
        .values(unitIds.map((unit_id) => ({ indicator_id: id, unit_id, is_lead: leadUnitIds.includes(unit_id) ? 1 : 0 })))
        .execute();
    }

    // Milestones: the ones sent are set or cleared; a change of measure clears the ones left in the old measure.
    const shown = (v: number | null) => (v === null ? null : formatFigure(v, measure));
    const byYear = new Map(cur.milestones.map((m) => [m.year, m.value]));
    const wanted = new Map<number, number | null>((body.milestones ?? []).map((m) => [m.year, m.value]));
    if (measure !== cur.measure) for (const y of byYear.keys()) if (!wanted.has(y)) wanted.set(y, null);
    for (const [year, value] of wanted) {
      const old = byYear.get(year) ?? null;
      if (old === value) continue;
      if (value === null) await trx.deleteFrom("indicator_milestones").where("indicator_id", "=", id).where("year", "=", year).execute();
      else {
        const row = { value, source: "staff" as const, updated_at: nowIso, updated_by: user.id };
        await trx
          .insertInto("indicator_milestones")
          .values({ indicator_id: id, year, ...row })
          .onConflict((oc) => oc.columns(["indicator_id", "year"]).doUpdateSet(row))
          .execute();
      }
      changes.push({ field: `milestone:${year}`, old: old === null ? null : formatFigure(old, cur.measure), next: shown(value) });
    }
    await writeCatalogAudit(trx, "indicator", id, user.id, nowIso, changes);
    return getIndicatorDetail(trx, id);
  });
}

/** Adds an indicator reported by one unit; the rest (target, milestones, more units, rule) is edited after. */
export async function createIndicator(ctx: AppContext, user: AuthUser, body: IndicatorCreate): Promise<IndicatorDetail> {
  const nowIso = ctx.clock.now().toISOString();
  return ctx.database.db.transaction().execute(async (trx) => {
    const names = await unitNames(trx);
    assertKnownUnits(names, [body.leadUnitId]);
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
        aggregation: "lead",
        aggregation_reason: `Chỉ ${names.get(body.leadUnitId)} báo cáo chỉ tiêu này: số của đơn vị là số của phường.`,
        roadmap_seeded: 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("indicator_units").values({ indicator_id: id, unit_id: body.leadUnitId, is_lead: 1 }).execute();
    await writeCatalogAudit(trx, "indicator", id, user.id, nowIso, [{ field: "name", old: null, next: body.name }]);
    return getIndicatorDetail(trx, id);
  });
}

export async function patchTask(ctx: AppContext, user: AuthUser, id: number, body: TaskPatch): Promise<Task> {
  const nowIso = ctx.clock.now().toISOString();
  return ctx.database.db.transaction().execute(async (trx) => {
    const cur = await getTask(trx, id);
    const names = await unitNames(trx);
    const leads = body.leadUnitIds ? uniq(body.leadUnitIds) : cur.leadUnitIds;
    const partners = body.partnerUnitIds ? uniq(body.partnerUnitIds) : cur.partnerUnitIds;
    assertKnownUnits(names, [...leads, ...partners]);
    const both = leads.filter((u) => partners.includes(u));
    if (both.length) {
      throw badRequest("UNIT_BOTH_LEAD_AND_PARTNER", `${listText(names, both)} vừa là đơn vị chủ trì vừa là đơn vị phối hợp của ${cur.code}: chọn một vai trò.`, { unitIds: both });
    }
    if (leads.length + partners.length === 0) throw badRequest("TASK_NO_UNITS", `${cur.code} cần ít nhất một đơn vị thực hiện.`);

    const next = { name: body.name ?? cur.name, timing: body.timing ?? cur.timing };
    const changes: CatalogChangeRow[] = [];
    const track = (field: string, old: string | null, nv: string | null) => {
      if (old !== nv) changes.push({ field, old, next: nv });
    };
    track("name", cur.name, next.name);
    track("timing", cur.timing, next.timing);
    track("leadUnitIds", listText(names, cur.leadUnitIds), listText(names, leads));
    track("partnerUnitIds", listText(names, cur.partnerUnitIds), listText(names, partners));
    await trx
      .updateTable("tasks")
      .set({ ...next, updated_at: nowIso })
      .where("id", "=", id)
      .execute();
    if (!sameList(leads, cur.leadUnitIds) || !sameList(partners, cur.partnerUnitIds)) {
      await trx.deleteFrom("task_units").where("task_id", "=", id).execute();
      await trx
        .insertInto("task_units")
        .values([
          ...leads.map((unit_id) => ({ task_id: id, unit_id, role: "lead" as const })),
          ...partners.map((unit_id) => ({ task_id: id, unit_id, role: "partner" as const })),
        ])
        .execute();
    }
    await writeCatalogAudit(trx, "task", id, user.id, nowIso, changes);
    return getTask(trx, id);
  });
}

