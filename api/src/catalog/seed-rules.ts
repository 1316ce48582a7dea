import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AggregationRule } from "../contract/catalog.js";
import { PLAN_YEARS } from "../contract/plan.js";
import type { TemplateResolver } from "../wards/template-resolver.js";

/**
 * How a ward makes each Appendix I figure from its units' figures, with the one-line reason staff
 * read on the screen (shared/domain.md §4): every ward's starting rule. `unit` names (by template code)
 * the unit whose figure stands when the lead is shared. `yearly`: the plan sets the target for every year ("100%/năm"), so every year's
 * milestone is the target; for the others the plan gives only 2030 and the years in between are
 * filled by even steps from the first year's ward figure (computed, not stored) until staff set them.
 * Seeded once per indicator; staff change all of it on the catalog screen.
 */
export interface SeedRule {
  rule: AggregationRule;
  unit?: string;
  reason: string;
  yearly?: boolean;
}

const SINGLE = (unit: string): SeedRule => ({ rule: "lead", reason: `Chỉ ${unit} báo cáo chỉ tiêu này: số của đơn vị là số của phường.` });

export const SEED_RULES: Record<string, SeedRule> = {
  CT01: { rule: "sum", yearly: true, reason: "Mỗi cơ quan báo cáo cán bộ, chiến sĩ trẻ của mình: các nhóm không trùng nhau nên cộng lại." },
  CT02: {
    rule: "lead",
    unit: "VHXH",
    reason: "Phòng VHXH và Đoàn phường cùng báo cáo trên toàn bộ thanh niên phường: lấy số của Phòng VHXH (chủ trì), số của Đoàn là phần đóng góp.",
  },
  CT03: SINGLE("Ban CHQS phường"),
  CT04: { ...SINGLE("Ban CHQS phường"), yearly: true },
  CT05: { rule: "max", reason: "Hội LHTN và Phòng VHXH cùng tư vấn cho thanh niên toàn phường, một người có thể được cả hai tư vấn: lấy số lớn nhất." },
  CT06: SINGLE("Phòng VHXH"),
  CT07: { rule: "sum", reason: "Mỗi người được hỗ trợ việc làm do một đơn vị hỗ trợ và báo cáo: cộng số của các đơn vị." },
  CT08: SINGLE("Phòng VHXH"),
  CT09: {
    rule: "lead",
    yearly: true,
    reason: "Đoàn phường tổng hợp thanh niên toàn phường tham gia hoạt động; số của các tổ dân phố là phần đóng góp, cộng thêm sẽ tính trùng.",
  },
  CT10: SINGLE("Đoàn phường"),
  CT11: SINGLE("Phòng VHXH"),
  CT12: { rule: "sum", reason: "Công an (thanh niên tái hòa nhập) và Phòng VHXH (thanh niên hoàn cảnh khó khăn) theo dõi hai nhóm riêng: cộng lại." },
  CT13: SINGLE("Trạm Y tế"),
  CT14: {
    rule: "lead",
    unit: "VP",
    yearly: true,
    reason: "Cuộc đối thoại do Chủ tịch UBND phường chủ trì, Văn phòng báo cáo; Đoàn phường báo cáo cùng cuộc đối thoại đó: lấy số của Văn phòng, không cộng.",
  },
  CT15: { rule: "max", yearly: true, reason: "Đoàn và Hội cùng tổ chức tình nguyện, một thanh niên có thể tham gia cả hai: lấy số lớn nhất, không cộng." },
  CT16: {
    rule: "max",
    reason: "Đoàn viên cũng là hội viên Hội LHTN, MTTQ tổng hợp lại cùng những thanh niên đó: lấy số lớn nhất, không cộng để tránh tính trùng.",
  },
  CT17: { rule: "sum", reason: "Mỗi tổ dân phố báo cáo tổ mình (1/1 khi danh sách đã cập nhật): cộng lại thành tỷ lệ tổ dân phố của phường." },
  CT18: SINGLE("Phòng VHXH"),
};

/**
 * Gives one ward's indicators their rule from the plan's reference where the ward has none yet, and with
 * it, once, the plan's yearly milestones (so a milestone staff cleared never comes back: the rule's row
 * exists by then). The rule's named unit is the ward's unit of that template code. Idempotent; never
 * overwrites what staff set. Returns how many rules it set.
 */
export async function seedWardRules(db: Kysely<DB>, wardId: number, template: TemplateResolver, now: string): Promise<number> {
  const [indicators, existing] = await Promise.all([
    db.selectFrom("indicators").select(["id", "code", "target_value"]).execute(),
    db.selectFrom("indicator_ward_settings").select("indicator_id").where("ward_id", "=", wardId).execute(),
  ]);
  const has = new Set(existing.map((e) => e.indicator_id));
  let n = 0;
  for (const ind of indicators) {
    const seed = SEED_RULES[ind.code];
    if (!seed || has.has(ind.id)) continue;
    const named = seed.unit ? (template(seed.unit)[0] ?? null) : null;
    const res = await db
      .insertInto("indicator_ward_settings")
      .values({ indicator_id: ind.id, ward_id: wardId, aggregation: seed.rule, aggregation_unit_id: named, aggregation_reason: seed.reason, updated_at: now })
      .onConflict((oc) => oc.columns(["indicator_id", "ward_id"]).doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) continue;
    n++;
    if (seed.yearly && ind.target_value !== null) {
      await db
        .insertInto("indicator_milestones")
        .values(PLAN_YEARS.map((year) => ({ indicator_id: ind.id, ward_id: wardId, year, value: Number(ind.target_value), source: "plan" as const, updated_at: now, updated_by: null })))
        .onConflict((oc) => oc.columns(["ward_id", "indicator_id", "year"]).doNothing())
        .execute();
    }
  }
  return n;
}
