import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AggregationRule } from "../contract/catalog.js";
import { PLAN_YEARS } from "../contract/plan.js";

/**
 * How a ward makes each Appendix I figure from its units' figures, with the one-line reason staff
 * read on the screen (shared/domain.md §4). `unit` names the unit whose figure stands when the lead
 * is shared. `yearly`: the plan sets the target for every year ("100%/năm"), so every year's
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
 * Gives every seeded indicator its rule (where no rule was ever set) and, once, the plan's yearly
 * milestones. Idempotent; never overwrites what staff set, never brings back a milestone staff cleared.
 */
export async function seedCatalogRules(db: Kysely<DB>, now: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const [indicators, units] = await Promise.all([
      trx.selectFrom("indicators").select(["id", "code", "aggregation_reason", "roadmap_seeded", "target_value"]).execute(),
      trx.selectFrom("units").select(["id", "code"]).execute(),
    ]);
    const unitId = new Map(units.map((u) => [u.code, u.id]));
    for (const ind of indicators) {
      const seed = SEED_RULES[ind.code];
      if (!seed) continue;
      if (ind.aggregation_reason === "") {
        await trx
          .updateTable("indicators")
          .set({ aggregation: seed.rule, aggregation_unit_id: seed.unit ? (unitId.get(seed.unit) ?? null) : null, aggregation_reason: seed.reason })
          .where("id", "=", ind.id)
          .execute();
      }
      if (!ind.roadmap_seeded) {
        if (seed.yearly && ind.target_value !== null) {
          await trx
            .insertInto("indicator_milestones")
            .values(PLAN_YEARS.map((year) => ({ indicator_id: ind.id, year, value: Number(ind.target_value), source: "plan" as const, updated_at: now, updated_by: null })))
            .onConflict((oc) => oc.columns(["indicator_id", "year"]).doNothing())
            .execute();
        }
        await trx.updateTable("indicators").set({ roadmap_seeded: 1 }).where("id", "=", ind.id).execute();
      }
    }
  });
}
