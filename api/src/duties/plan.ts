import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext } from "../http/context.js";
import type { DutyKind } from "../contract/duties.js";
import { PLAN_FIRST_YEAR } from "../contract/plan.js";
import { planYearAt } from "../lib/plan-year.js";
import { vnInstant, vnParts } from "../lib/time.js";
import { listWardRows } from "../wards/queries.js";
import { templateResolver, type TemplateResolver } from "../wards/template-resolver.js";

type Db = Kysely<DB>;

/**
 * The duties the plan names besides the 30/11 report (shared/seed, section IV; shared/domain.md §1):
 * every office, the police and the military command (and every unit with targets) issue their own
 * plan within January 2026; VHXH puts youth-work training into the ward's training plan by March each
 * year; the Youth Union runs Youth Month every March; the chair's dialogue with youth is held yearly
 * (task 5; due 31/10 so that it is in the 30/11 report — reconstructed). The 30/11 report itself is
 * shown beside them from the periods, not copied here.
 */
interface PlanDuty {
  series: string;
  kind: DutyKind;
  title: (year: number) => string;
  description: string;
  starts: (year: number) => string;
  due: (year: number) => string;
  recursYearly: boolean;
  /** the ward's units that owe it (the plan names them by template code, see wards/template.ts) */
  units: (db: Db, wardId: number, template: TemplateResolver) => Promise<number[]>;
}

const byCodes = (codes: string[]) => async (_db: Db, _wardId: number, template: TemplateResolver) => [...new Set(codes.flatMap(template))];

/** The ward's offices, police, military command, and every unit of the ward with a target of Appendix I. */
async function unitPlanOwners(db: Db, wardId: number): Promise<number[]> {
  const kinds = await db.selectFrom("units").select("id").where("ward_id", "=", wardId).where("kind", "in", ["office", "police", "military"]).execute();
  const withTargets = await db
    .selectFrom("indicator_units as iu")
    .innerJoin("units as u", "u.id", "iu.unit_id")
    .select("iu.unit_id")
    .distinct()
    .where("u.ward_id", "=", wardId)
    .execute();
  const ids = new Set([...kinds.map((r) => r.id), ...withTargets.map((r) => r.unit_id)]);
  if (ids.size === 0) return [];
  const rows = await db.selectFrom("units").select("id").where("id", "in", [...ids]).orderBy("sort_order").orderBy("id").execute();
  return rows.map((r) => r.id);
}

export const PLAN_DUTIES: PlanDuty[] = [
  {
    series: "unit-plan",
    kind: "unit_plan",
    title: () => "Ban hành kế hoạch của đơn vị triển khai Nghị quyết số 83/NQ-HĐND",
    description:
      "Ban hành kế hoạch, chương trình cụ thể hóa các chỉ tiêu, nhiệm vụ của Nghị quyết số 83/NQ-HĐND; lồng ghép chỉ tiêu, nhiệm vụ về thanh niên vào kế hoạch hằng năm của đơn vị (thời hạn trong tháng 01/2026). Nộp văn bản kế hoạch và tóm tắt nội dung chính.",
    starts: (y) => vnInstant(y, 1, 1),
    due: (y) => vnInstant(y, 1, 31, 23, 59, 59),
    recursYearly: false,
    units: unitPlanOwners,
  },
  {
    series: "training-plan",
    kind: "training_plan",
    title: (y) => `Đưa nội dung bồi dưỡng cán bộ làm công tác thanh niên vào kế hoạch đào tạo, bồi dưỡng năm ${y}`,
    description:
      "Tham mưu đưa nội dung bồi dưỡng kỹ năng, nghiệp vụ quản lý nhà nước về công tác thanh niên vào Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức hằng năm của phường (thời hạn trong tháng 3).",
    starts: (y) => vnInstant(y, 1, 1),
    due: (y) => vnInstant(y, 3, 31, 23, 59, 59),
    recursYearly: true,
    units: byCodes(["VHXH"]),
  },
  {
    series: "youth-month",
    kind: "youth_month",
    title: (y) => `Tổ chức Tháng Thanh niên năm ${y}`,
    description: "Kế hoạch và kết quả tổ chức Tháng Thanh niên (tháng 3 hằng năm), kèm văn bản và tóm tắt các hoạt động chính.",
    starts: (y) => vnInstant(y, 2, 1),
    due: (y) => vnInstant(y, 3, 31, 23, 59, 59),
    recursYearly: true,
    units: byCodes(["DOAN"]),
  },
  {
    series: "dialogue",
    kind: "dialogue",
    title: (y) => `Chủ tịch UBND phường đối thoại với thanh niên năm ${y}`,
    description:
      "Tổ chức ít nhất 01 buổi đối thoại giữa Chủ tịch UBND phường với thanh niên trong năm, công khai kế hoạch trước 30 ngày (nhiệm vụ 5, chỉ tiêu CT14). Nộp kế hoạch, biên bản đối thoại và tóm tắt kết quả.",
    starts: (y) => vnInstant(y, 1, 1),
    due: (y) => vnInstant(y, 10, 31, 23, 59, 59),
    recursYearly: true,
    units: byCodes(["VP", "DOAN"]),
  },
];

/** The same Vietnamese wall-clock moment `years` later (29/02 becomes 01/03). */
export function shiftYears(instant: string, years: number): string {
  const p = vnParts(instant);
  return vnInstant(p.year + years, p.month, p.day, p.hour, p.minute, new Date(instant).getUTCSeconds());
}


interface NewDutyRow {
  wardId: number;
  kind: DutyKind;
  title: string;
  description: string;
  startsAt: string;
  dueAt: string;
  requiresDocument: boolean;
  recursYearly: boolean;
  seriesKey: string | null;
  seedKey: string | null;
  createdBy: number | null;
  unitIds: number[];
}

/** Inserts a duty and its units; a duty whose seed key exists already is skipped (returns null). */
export async function insertDuty(trx: Db, d: NewDutyRow, nowIso: string): Promise<number | null> {
  const row = await trx
    .insertInto("duties")
    .values({
      ward_id: d.wardId,
      kind: d.kind,
      title: d.title,
      description: d.description,
      year: vnParts(d.dueAt).year,
      starts_at: d.startsAt,
      due_at: d.dueAt,
      requires_document: d.requiresDocument ? 1 : 0,
      recurs_yearly: d.recursYearly ? 1 : 0,
      series_key: d.seriesKey,
      seed_key: d.seedKey,
      created_by: d.createdBy,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .onConflict((oc) => oc.column("seed_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!row) return null;
  const units = [...new Set(d.unitIds)];
  if (units.length) {
    await trx
      .insertInto("duty_units")
      .values(units.map((unit_id) => ({ duty_id: row.id, unit_id, status: "not_started" as const, text: "", files: "[]", handed_in_at: null, handed_in_by: null, reviewed_at: null, reviewed_by: null, return_reason: null, updated_at: nowIso })))
      .execute();
  }
  return row.id;
}

/** A duty's unique seed key: one copy per ward, series and year. */
export const dutySeedKey = (wardId: number, series: string, year: number) => `w${wardId}:${series}:${year}`;

/**
 * Seeds the plan's duties of one ward for its first year and makes each of the ward's recurring series'
 * copy for every year up to the current one (never twice: the seed key is unique). Returns the ids it created.
 */
export async function ensureWardDutyYears(ctx: AppContext, wardId: number): Promise<number[]> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const target = planYearAt(now);
  const created: number[] = [];
  await db.transaction().execute(async (trx) => {
    const template = await templateResolver(trx, wardId);
    for (const p of PLAN_DUTIES) {
      const y = PLAN_FIRST_YEAR;
      const seedKey = dutySeedKey(wardId, p.series, y);
      if (await trx.selectFrom("duties").select("id").where("seed_key", "=", seedKey).executeTakeFirst()) continue;
      const id = await insertDuty(
        trx,
        {
          wardId,
          kind: p.kind,
          title: p.title(y),
          description: p.description,
          startsAt: p.starts(y),
          dueAt: p.due(y),
          requiresDocument: true,
          recursYearly: p.recursYearly,
          seriesKey: p.series,
          seedKey,
          createdBy: null,
          unitIds: await p.units(trx, wardId, template),
        },
        nowIso,
      );
      if (id !== null) created.push(id);
    }
    const series = await trx
      .selectFrom("duties")
      .select("series_key")
      .distinct()
      .where("ward_id", "=", wardId)
      .where("recurs_yearly", "=", 1)
      .where("series_key", "is not", null)
      .execute();
    for (const { series_key } of series) {
      const latest = await trx
        .selectFrom("duties")
        .selectAll()
        .where("ward_id", "=", wardId)
        .where("series_key", "=", series_key)
        .orderBy("year", "desc")
        .limit(1)
        .executeTakeFirstOrThrow();
      // A series staff stopped (the latest copy no longer recurs) makes no more copies.
      if (!latest.recurs_yearly) continue;
      const units = (await trx.selectFrom("duty_units").select("unit_id").where("duty_id", "=", latest.id).execute()).map((r) => r.unit_id);
      const plan = PLAN_DUTIES.find((p) => p.series === series_key);
      for (let y = Number(latest.year) + 1; y <= target; y++) {
        const k = y - Number(latest.year);
        const id = await insertDuty(
          trx,
          {
            wardId,
            kind: latest.kind,
            title: plan ? plan.title(y) : latest.title,
            description: latest.description,
            startsAt: shiftYears(latest.starts_at, k),
            dueAt: shiftYears(latest.due_at, k),
            requiresDocument: !!latest.requires_document,
            recursYearly: true,
            seriesKey: series_key,
            seedKey: dutySeedKey(wardId, series_key!, y),
            createdBy: latest.created_by,
            unitIds: units,
          },
          nowIso,
        );
        if (id !== null) created.push(id);
      }
    }
  });
  return created;
}

/** Every ward's duties (at start and as a job, so the 2027 training plan appears on 01/01/2027). */
export async function ensureDutyYears(ctx: AppContext): Promise<number[]> {
  const created: number[] = [];
  for (const w of await listWardRows(ctx.database.db)) created.push(...(await ensureWardDutyYears(ctx, w.id)));
  return created;
}
