import type { AppContext } from "../http/context.js";
import { seedWardLinks } from "../catalog/seed.js";
import { seedWardRules } from "../catalog/seed-rules.js";
import { ensureWardAnnualPeriods } from "../reports/yearly-periods.js";
import { ensureWardDutyYears } from "../duties/plan.js";
import { listWardRows } from "./queries.js";
import { templateResolver } from "./template-resolver.js";

/**
 * "Make this ward ready" to run the plan: what a ward needs before its staff and focal points start.
 * Every step is idempotent (it adds only what is missing and never changes what the ward's staff set),
 * so it is safe to call again, and it runs for every ward at each start.
 *
 * Call it after the ward's unit (kind "ward", its own `ward_id`) and its units (`ward_id` = the ward)
 * exist, e.g. when a ward is added from the standard template or a CSV.
 */
export interface PreparedWard {
  /** indicators and tasks given units of the ward from the plan's reference (by template code) */
  assignedItems: number;
  /** indicators given the plan's aggregation rule (and yearly milestones) */
  rules: number;
  /** ids of the yearly report periods created (2026 up to the one open now) */
  periodIds: number[];
  /** ids of the duties created (the plan's duties and their yearly copies up to this year) */
  dutyIds: number[];
}

/**
 * Steps, in this order (each needs the one before): the ward's indicator and task unit assignments
 * (`catalog/seed.ts` seedWardLinks), its aggregation rules and plan milestones (`catalog/seed-rules.ts`
 * seedWardRules), its yearly periods with the units that report (`reports/yearly-periods.ts`
 * ensureWardAnnualPeriods), its duties (`duties/plan.ts` ensureWardDutyYears).
 */
export async function prepareWard(ctx: AppContext, wardId: number): Promise<PreparedWard> {
  const { db } = ctx.database;
  const nowIso = ctx.clock.now().toISOString();
  const { assignedItems, rules } = await db.transaction().execute(async (trx) => {
    const template = await templateResolver(trx, wardId);
    return { assignedItems: await seedWardLinks(trx, wardId, template), rules: await seedWardRules(trx, wardId, template, nowIso) };
  });
  const periodIds = await ensureWardAnnualPeriods(ctx, wardId);
  const dutyIds = await ensureWardDutyYears(ctx, wardId);
  return { assignedItems, rules, periodIds, dutyIds };
}

/** Every ward, at start (after the seed of the reference plan). */
export async function prepareAllWards(ctx: AppContext): Promise<void> {
  for (const w of await listWardRows(ctx.database.db)) await prepareWard(ctx, w.id);
}
