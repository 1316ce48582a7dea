import { sql, type Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext } from "../http/context.js";
import { PLAN_FIRST_YEAR, PLAN_LAST_YEAR, annualPeriodTitle } from "../contract/plan.js";
import { defaultExpectedUnitIds } from "../catalog/seed.js";
import { listWardRows } from "../wards/queries.js";
import { vnInstant, vnParts } from "../lib/time.js";

/** Each yearly period opens on 01/01 and is due 30/11 23:59:59 (Vietnam time) of its year. */
export const annualOpensAt = (year: number) => vnInstant(year, 1, 1);
export const annualDeadline = (year: number) => vnInstant(year, 11, 30, 23, 59, 59);

type Db = Kysely<DB>;

async function annualPeriod(db: Db, wardId: number, year: number) {
  return db.selectFrom("periods").select(["id", "deadline_at"]).where("ward_id", "=", wardId).where("year", "=", year).where("kind", "=", "annual").executeTakeFirst();
}

/**
 * The annual period of ward `wardId` for `year`, or null when it does not exist (yet): the entry point
 * for reading a ward's yearly report (e.g. the city's view: `loadSummaryInput(ctx, id, …)`).
 */
export async function wardAnnualPeriod(db: Db, wardId: number, year: number): Promise<{ id: number; deadlineAt: string } | null> {
  const p = await annualPeriod(db, wardId, year);
  return p ? { id: p.id, deadlineAt: p.deadline_at } : null;
}

/**
 * Creates the ward's annual period of the year if it is missing (never twice: a partial unique index on
 * the ward and year of annual periods, so two instances racing at midnight insert one row). The units
 * expected to report are those of the previous year's period (staff may have changed them), or the
 * ward's units that report on the plan.
 */
async function ensureYear(db: Db, wardId: number, year: number, nowIso: string): Promise<{ id: number; deadline: string; created: boolean }> {
  const existing = await annualPeriod(db, wardId, year);
  if (existing) return { id: existing.id, deadline: existing.deadline_at, created: false };
  const previous = year > PLAN_FIRST_YEAR ? await annualPeriod(db, wardId, year - 1) : undefined;
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("periods")
      .values({
        ward_id: wardId,
        year,
        kind: "annual",
        title: annualPeriodTitle(year),
        opens_at: annualOpensAt(year),
        // the next year's report accepts drafts as soon as the previous deadline has passed
        accepts_from: previous ? previous.deadline_at : null,
        deadline_at: annualDeadline(year),
        status: "open",
        created_at: nowIso,
        updated_at: nowIso,
      })
      .onConflict((oc) => oc.columns(["ward_id", "year"]).where(sql<boolean>`kind = 'annual'`).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) {
      const row = (await annualPeriod(trx, wardId, year))!;
      return { id: row.id, deadline: row.deadline_at, created: false };
    }
    const expected = previous
      ? (await trx.selectFrom("period_units").select("unit_id").where("period_id", "=", previous.id).execute()).map((r) => r.unit_id)
      : await defaultExpectedUnitIds(trx, wardId);
    if (expected.length) {
      await trx
        .insertInto("period_units")
        .values(expected.map((unit_id) => ({ period_id: inserted.id, unit_id, exception_until: null })))
        .execute();
    }
    return { id: inserted.id, deadline: annualDeadline(year), created: true };
  });
}

/**
 * Staff moved their ward's year `year` deadline: the ward's next year's period accepts drafts from that
 * date instead (a later deadline must not leave two yearly reports open at once, an earlier one opens
 * the next sooner).
 */
export async function followPreviousDeadline(db: Db, wardId: number, year: number, deadlineAt: string, nowIso: string): Promise<void> {
  await db
    .updateTable("periods")
    .set({ accepts_from: deadlineAt, updated_at: nowIso })
    .where("ward_id", "=", wardId)
    .where("year", "=", year + 1)
    .where("kind", "=", "annual")
    .execute();
}

/** When a ward's new yearly period of `year` starts accepting drafts: its previous year's deadline, if that year has a period. */
export async function previousDeadline(db: Db, wardId: number, year: number): Promise<string | null> {
  return (await annualPeriod(db, wardId, year - 1))?.deadline_at ?? null;
}

/**
 * Makes sure every yearly period of the plan up to the one being prepared now exists for one ward: the
 * first year's, and each next year's once the previous deadline has passed (the deadline the ward's
 * staff set, not the default). Returns the ids it created.
 */
export async function ensureWardAnnualPeriods(ctx: AppContext, wardId: number): Promise<number[]> {
  const { db } = ctx.database;
  const nowIso = ctx.clock.now().toISOString();
  const created: number[] = [];
  for (let year = PLAN_FIRST_YEAR; year <= PLAN_LAST_YEAR; year++) {
    const p = await ensureYear(db, wardId, year, nowIso);
    if (p.created) created.push(p.id);
    if (nowIso <= p.deadline) break;
  }
  return created;
}

/** The yearly periods of every ward (at start and as a background job). Returns the ids it created. */
export async function ensureAnnualPeriods(ctx: AppContext): Promise<number[]> {
  const created: number[] = [];
  for (const w of await listWardRows(ctx.database.db)) created.push(...(await ensureWardAnnualPeriods(ctx, w.id)));
  return created;
}

/** The year whose annual report a ward is preparing at `now` (within the plan's years). */
export async function reportingYear(db: Db, wardId: number, now: Date): Promise<number> {
  const iso = now.toISOString();
  let year = Math.min(Math.max(vnParts(now).year, PLAN_FIRST_YEAR), PLAN_LAST_YEAR);
  const p = await annualPeriod(db, wardId, year);
  if (iso > (p?.deadline_at ?? annualDeadline(year)) && year < PLAN_LAST_YEAR) year++;
  return year;
}
