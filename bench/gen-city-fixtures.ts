// What bench/city.ts and bench/export-health.ts add to the city data set of bench/gen-city.ts (which
// predates the city level): the city as the root with each unit's ward, the wards' accepted snapshots
// (the figures the city adds up), and one ward's own annual periods (a copy of its units' reports)
// so that ward can send its report upward. Idempotent: run before every bench.
import { sql, type Kysely } from "kysely";
import type { DB } from "../api/src/db/schema.js";
import type { Database } from "../api/src/db/database.js";
import type { Config } from "../api/src/config.js";
import { migrateToLatest } from "../api/src/db/migrator.js";
import { allMigrations } from "../api/src/db/migrations.js";
import { PLAN_FIRST_YEAR } from "../api/src/contract/plan.js";
import { CITY_SCHEMA, generateCity, openCityDb } from "./gen-city.js";

const BATCH = 500;

async function hasCityData(): Promise<boolean> {
  const database = openCityDb();
  try {
    return !!(await database.db.selectFrom("units").select("id").where("code", "=", "W001").executeTakeFirst());
  } catch {
    return false;
  } finally {
    await database.destroy();
  }
}

/** The data set predates the city level: its root becomes the city, every unit gets its ward. */
async function cityLevels(db: Kysely<DB>): Promise<void> {
  await db.updateTable("units").set({ kind: "city", ward_id: null }).where("code", "=", "CITY").execute();
  await db.updateTable("units").set({ ward_id: sql`id` }).where("kind", "=", "ward").execute();
  const wards = db.selectFrom("units").select("id").where("kind", "=", "ward");
  await db.updateTable("units").set({ ward_id: sql`parent_id` }).where("parent_id", "in", wards).where("kind", "!=", "ward").execute();
}

/** The city-wide annual periods of the data set (no ward: every unit), oldest first. */
export async function cityPeriods(db: Kysely<DB>) {
  return db.selectFrom("periods").select(["id", "year"]).where("kind", "=", "annual").where("ward_id", "is", null).orderBy("year").execute();
}

/** The ward that sends its report in the benches: the last one (it has no accepted snapshot). */
export async function sendingWard(db: Kysely<DB>) {
  return db.selectFrom("units").select(["id", "code"]).where("kind", "=", "ward").orderBy("sort_order", "desc").orderBy("id", "desc").executeTakeFirstOrThrow();
}

/** Accepted snapshots of every ward but the last, for each of the data set's years, from the reports' sums. */
async function snapshotFixture(db: Kysely<DB>): Promise<{ snapshots: number; figures: number }> {
  const now = new Date().toISOString();
  await db.deleteFrom("ward_snapshot_figures").execute();
  await db.deleteFrom("ward_snapshots").execute();
  for (const id of ["bench-city-docx", "bench-city-xlsx"]) {
    await db
      .insertInto("files")
      .values({ id, name: `${id}.bin`, mime: "application/octet-stream", size: 1, sha256: "", storage_path: "bench/placeholder", uploaded_by: null, created_at: now, hidden: 0 })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
  }
  const periods = await cityPeriods(db);
  const firstYear = Number(periods[0].year);
  const wards = await db.selectFrom("units").select(["id", "code"]).where("kind", "=", "ward").orderBy("sort_order").orderBy("id").execute();
  const indicators = new Map((await db.selectFrom("indicators").select(["id", "measure", "target_value"]).execute()).map((i) => [i.id, i]));
  let figures = 0;
  let snapshots = 0;
  for (const p of periods) {
    const year = PLAN_FIRST_YEAR + Number(p.year) - firstYear;
    const sums = await db
      .selectFrom("report_indicator_values as v")
      .innerJoin("reports as r", "r.id", "v.report_id")
      .innerJoin("units as u", "u.id", "r.unit_id")
      .where("r.period_id", "=", p.id)
      .where("r.status", "in", ["submitted", "approved"])
      .select((eb) => [
        "u.ward_id",
        "v.indicator_id",
        eb.fn.sum<number>("v.numerator").as("num"),
        eb.fn.sum<number>("v.denominator").as("den"),
        eb.fn.sum<number>("v.value").as("val"),
        eb.fn.countAll<number>().as("n"),
      ])
      .groupBy(["u.ward_id", "v.indicator_id"])
      .execute();
    const byWard = new Map<number, typeof sums>();
    for (const s of sums) if (s.ward_id !== null) byWard.set(s.ward_id, [...(byWard.get(s.ward_id) ?? []), s]);
    const last = p === periods[periods.length - 1];
    const rows = wards.slice(0, -1).map((w, k) => ({
      ward_id: w.id,
      period_id: p.id,
      year,
      version: 1,
      // the last year as a city would see it on its deadline: most accepted, some waiting, a few returned
      status: last && k % 10 === 9 ? ("sent" as const) : last && k % 20 === 4 ? ("returned" as const) : ("accepted" as const),
      counted: "submitted_and_approved" as const,
      summary_json: "{}",
      docx_file_id: "bench-city-docx",
      xlsx_file_id: "bench-city-xlsx",
      sent_at: `${year}-12-0${1 + (k % 9)}T03:00:00.000Z`,
      sent_by: null,
      decided_at: `${year}-12-14T03:00:00.000Z`,
      decided_by: null,
      return_reason: last && k % 20 === 4 ? "Số liệu CT07 chưa khớp với báo cáo của Đoàn phường; đề nghị rà soát lại." : null,
      units_submitted: 20,
      units_expected: 25,
      indicators_on_track: 10,
      indicators_total: indicators.size,
    }));
    const ids: { id: number; ward_id: number }[] = [];
    for (let i = 0; i < rows.length; i += BATCH) ids.push(...(await db.insertInto("ward_snapshots").values(rows.slice(i, i + BATCH)).returning(["id", "ward_id"]).execute()));
    snapshots += ids.length;
    const figureRows = ids.flatMap(({ id, ward_id }) =>
      (byWard.get(ward_id) ?? []).map((s) => {
        const ind = indicators.get(s.indicator_id)!;
        const percent = ind.measure === "percent";
        const value = percent ? (Number(s.den) > 0 ? (100 * Number(s.num)) / Number(s.den) : null) : Number(s.val);
        const target = ind.target_value === null ? null : Number(ind.target_value);
        return {
          snapshot_id: id,
          indicator_id: s.indicator_id,
          value,
          numerator: percent ? Number(s.num) : null,
          denominator: percent ? Number(s.den) : null,
          units_reported: Number(s.n),
          units_expected: 25,
          on_track: value === null || target === null ? ("unknown" as const) : value >= target ? ("on_track" as const) : ("off_track" as const),
        };
      }),
    );
    for (let i = 0; i < figureRows.length; i += BATCH) await db.insertInto("ward_snapshot_figures").values(figureRows.slice(i, i + BATCH)).execute();
    figures += figureRows.length;
  }
  return { snapshots, figures };
}

/**
 * The sending ward's own annual periods (periods.ward_id, as the product makes them: the API makes
 * 2026–2030 at start), each with a copy of its units' reports of the city-wide period of that year.
 */
async function wardOwnPeriods(db: Kysely<DB>): Promise<{ wardId: number; code: string; periods: { id: number; year: number }[] }> {
  const ward = await sendingWard(db);
  const units = (await db.selectFrom("units").select("id").where("ward_id", "=", ward.id).execute()).map((u) => u.id);
  const out: { id: number; year: number }[] = [];
  for (const src of await cityPeriods(db)) {
    const full = await db.selectFrom("periods").selectAll().where("id", "=", src.id).executeTakeFirstOrThrow();
    const own =
      (await db.selectFrom("periods").select("id").where("ward_id", "=", ward.id).where("kind", "=", "annual").where("year", "=", src.year).executeTakeFirst()) ??
      (await db
        .insertInto("periods")
        .values({ ...full, id: undefined, ward_id: ward.id, title: `${full.title} (${ward.code})` } as never)
        .returning("id")
        .executeTakeFirstOrThrow());
    await db.deleteFrom("reports").where("period_id", "=", own.id).execute();
    await db.deleteFrom("period_units").where("period_id", "=", own.id).execute();
    await db.insertInto("period_units").values(units.map((unit_id) => ({ period_id: own.id, unit_id, exception_until: null }))).execute();
    const reports = await db.selectFrom("reports").selectAll().where("period_id", "=", src.id).where("unit_id", "in", units).execute();
    for (const r of reports) {
      const { id: from, ...rest } = r;
      const copy = await db
        .insertInto("reports")
        .values({ ...rest, period_id: own.id } as never)
        .returning("id")
        .executeTakeFirstOrThrow();
      const iv = await db.selectFrom("report_indicator_values").selectAll().where("report_id", "=", from).execute();
      if (iv.length) await db.insertInto("report_indicator_values").values(iv.map((v) => ({ ...v, report_id: copy.id })) as never).execute();
      const tv = await db.selectFrom("report_task_values").selectAll().where("report_id", "=", from).execute();
      if (tv.length) await db.insertInto("report_task_values").values(tv.map((v) => ({ ...v, report_id: copy.id })) as never).execute();
    }
    out.push({ id: own.id, year: Number(src.year) });
  }
  return { wardId: ward.id, code: ward.code, periods: out };
}

export interface CityFixture {
  snapshots: number;
  figures: number;
  ward: Awaited<ReturnType<typeof wardOwnPeriods>>;
  ms: number;
}

/** Generates the data set when missing, migrates it (a data set made before the city tables gets them) and adds the above. */
export async function prepareCityBench(config: Config): Promise<CityFixture> {
  if (!(await hasCityData())) {
    console.log("  no city data set yet: generating it (bench/gen-city.ts)…");
    await generateCity();
  }
  const schema = config.database.kind === "postgres" ? CITY_SCHEMA : undefined;
  let database: Database = openCityDb(config);
  try {
    const t0 = performance.now();
    await migrateToLatest(database.db, database.dialect, allMigrations, schema).catch(async (err) => {
      // a PostgreSQL data set of an older gen-city kept its migration bookkeeping in "public": the API
      // started on the schema would migrate it again, so it is made anew
      console.log(`  the city data set cannot be migrated (${(err as Error).message}): generating it again…`);
      await database.destroy();
      await generateCity();
      database = openCityDb(config);
      await migrateToLatest(database.db, database.dialect, allMigrations, schema);
    });
    const { db } = database;
    await cityLevels(db);
    const { snapshots, figures } = await snapshotFixture(db);
    const ward = await wardOwnPeriods(db);
    await sql`analyze`.execute(db);
    return { snapshots, figures, ward, ms: performance.now() - t0 };
  } finally {
    await database.destroy();
  }
}
