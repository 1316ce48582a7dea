import { sql, type Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext } from "../http/context.js";
import { PLAN_FIRST_YEAR, PLAN_LAST_YEAR, annualPeriodTitle } from "../contract/plan.js";
import { defaultExpectedUnitIds } from "../catalog/seed.js";
import { vnInstant, vnParts } from "../lib/time.js";

/** Each yearly period opens on 01/01 and is due 30/11 23:59:59 (Vietnam time) of its year. */
export const annualOpensAt = (year: number) => vnInstant(year, 1, 1);
export const annualDeadline = (year: number) => vnInstant(year, 11, 30, 23, 59, 59);

type Db = Kysely<DB>;

async function annualPeriod(db: Db, year: number) {
  return db.selectFrom("periods").select(["id", "deadline_at"]).where("year", "=", year).where("kind", "=", "annual").executeTakeFirst();
}

/**
 * Creates the year's annual period if it is missing (never twice: a partial unique index on the year
 * of annual periods, so two instances racing at midnight insert one row). The units expected to report
 * are those of the previous year's period (staff may have changed them), or the plan's default.
 */
async function ensureYear(db: Db, year: number, nowIso: string): Promise<{ id: number; deadline: string; created: boolean }> {
  const existing = await annualPeriod(db, year);
  if (existing) return { id: existing.id, deadline: existing.deadline_at, created: false };
  const previous = year > PLAN_FIRST_YEAR ? await annualPeriod(db, year - 1) : undefined;
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("periods")
      .values({
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
      .onConflict((oc) => oc.column("year").where(sql<boolean>`kind = 'annual'`).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) {
      const row = (await annualPeriod(trx, year))!;
      return { id: row.id, deadline: row.deadline_at, created: false };
    }
    const expected = previous
      ? (await trx.selectFrom("period_units").select("unit_id").where("period_id", "=", previous.id).execute()).map((r) => r.unit_id)
      : await defaultExpectedUnitIds(trx);
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
 * Staff moved year `year`'s deadline: the next year's period accepts drafts from that date instead
 * (a later deadline must not leave two yearly reports open at once, an earlier one opens the next sooner).
 */
export async function followPreviousDeadline(db: Db, year: number, deadlineAt: string, nowIso: string): Promise<void> {
  await db
    .updateTable("periods")
    .set({ accepts_from: deadlineAt, updated_at: nowIso })
    .where("year", "=", year + 1)
    .where("kind", "=", "annual")
    .execute();
}

/** When a new yearly period of `year` starts accepting drafts: the previous year's deadline, if that year has a period. */
export async function previousDeadline(db: Db, year: number): Promise<string | null> {
  return (await annualPeriod(db, year - 1))?.deadline_at ?? null;
}

/**
 * Makes sure every yearly period of the plan up to the one being prepared now exists: the first
 * year's, and each next year's once the previous deadline has passed (the deadline staff set, not
 * the default). Runs at start and as a background job. Returns the ids it created.
 */
export async function ensureAnnualPeriods(ctx: AppContext): Promise<number[]> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const created: number[] = [];
  for (let year = PLAN_FIRST_YEAR; year <= PLAN_LAST_YEAR; year++) {
    const p = await ensureYear(db, year, nowIso);
    if (p.created) created.push(p.id);
    if (nowIso <= p.deadline) break;
  }
  return created;
}

/** The year whose annual report is being prepared at `now` (within the plan's years). */
export async function reportingYear(db: Db, now: Date): Promise<number> {
  const iso = now.toISOString();
  let year = Math.min(Math.max(vnParts(now).year, PLAN_FIRST_YEAR), PLAN_LAST_YEAR);
  const p = await annualPeriod(db, year);
  if (iso > (p?.deadline_at ?? annualDeadline(year)) && year < PLAN_LAST_YEAR) year++;
  return year;
}
