import type { Kysely, Selectable } from "kysely";
import type { DB } from "../db/schema.js";
import type { PeriodsTable } from "../catalog/tables.js";
import type { AppContext } from "../http/context.js";
import type { Counted } from "../contract/summary.js";
import { loadSummaryInput, type SummaryInput } from "../exports/load.js";
import { loadFollowUp, type FollowUpData } from "../exports/follow-up-sections.js";
import { notFound } from "../lib/errors.js";

/**
 * Where the city component reads a ward's periods and a ward's summary: the one place that knows how
 * periods and exports are scoped to a ward (periods.ward_id; the ward's summary and follow-up sections).
 */
export type PeriodRow = Selectable<PeriodsTable>;

const MAX_ID = 2_147_483_647;

/** Ward W's annual period of year Y (the latest one when there are several), or null. */
export async function wardAnnualPeriod(db: Kysely<DB>, wardId: number, year: number): Promise<PeriodRow | null> {
  const row = await db
    .selectFrom("periods")
    .selectAll()
    .where("ward_id", "=", wardId)
    .where("kind", "=", "annual")
    .where("year", "=", year)
    .orderBy("deadline_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row ?? null;
}

/** A period of ward W (404 PERIOD_NOT_FOUND when it is unknown or another ward's). */
export async function wardPeriod(db: Kysely<DB>, wardId: number, periodId: number): Promise<PeriodRow> {
  const row = periodId > MAX_ID ? undefined : await db.selectFrom("periods").selectAll().where("id", "=", periodId).where("ward_id", "=", wardId).executeTakeFirst();
  if (!row) throw notFound("Không tìm thấy kỳ báo cáo.", "PERIOD_NOT_FOUND");
  return row;
}

/** What a ward's report is rendered from: the summary input of the ward's subtree and its follow-up sections. */
export interface WardSummarySource {
  input: SummaryInput;
  followUp: FollowUpData;
}

/** Ward W's summary of a period, loaded (no computing here: see snapshot-build.ts). */
export async function wardSummary(ctx: AppContext, wardId: number, periodId: number, counted: Counted): Promise<WardSummarySource> {
  const input = await loadSummaryInput(ctx, periodId, { unitId: wardId, counted });
  const followUp = await loadFollowUp(ctx, wardId, input.scope.period.year);
  return { input, followUp };
}
