// Times the city's view on the city-sized data set of bench/gen-city.ts (100 wards × 25 units × 30
// items × 5 years), through the real HTTP API: city completeness and the city summary (target < 300 ms),
// the city's Excel and Word, and one ward's snapshot sent upward (target < 1 s).
// Run: npx tsx bench/city.ts (generates the data set when it is missing; DATABASE_URL for PostgreSQL).
// The wards' accepted snapshots are a fixture made here from the reports (figures summed per ward in
// SQL, a placeholder JSON and files): the city reads only their figure rows. The data set's five years
// (2022–2026) stand for the plan's five (2026–2030), so the city summary of 2030 reads all of them.
// Env: BENCH_CITY_CALLS (default 10), BENCH_SNAPSHOT_CALLS (default 3). Figures are printed, not asserted.
import type { AddressInfo } from "node:net";
import { sql, type Kysely } from "kysely";
import { buildApp } from "../api/src/app.js";
import type { AppContext } from "../api/src/http/context.js";
import type { DB } from "../api/src/db/schema.js";
import { systemClock } from "../api/src/lib/clock.js";
import { createLogger } from "../api/src/lib/logger.js";
import { migrateToLatest } from "../api/src/db/migrator.js";
import { allMigrations } from "../api/src/db/migrations.js";
import { PLAN_FIRST_YEAR } from "../api/src/contract/plan.js";
import { cityConfig, generateCity, openCityDb, where } from "./gen-city.js";

const CALLS = Number(process.env.BENCH_CITY_CALLS ?? 10);
const SNAPSHOT_CALLS = Number(process.env.BENCH_SNAPSHOT_CALLS ?? 3);
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

/** The data set predates the city level: its root becomes the city, every unit gets its ward (idempotent). */
async function cityLevels(db: Kysely<DB>): Promise<void> {
  await db.updateTable("units").set({ kind: "city", ward_id: null }).where("code", "=", "CITY").execute();
  await db.updateTable("units").set({ ward_id: sql`id` }).where("kind", "=", "ward").execute();
  const wards = db.selectFrom("units").select("id").where("kind", "=", "ward");
  await db.updateTable("units").set({ ward_id: sql`parent_id` }).where("parent_id", "in", wards).where("kind", "!=", "ward").execute();
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
  const periods = await db.selectFrom("periods").select(["id", "year"]).where("kind", "=", "annual").orderBy("year").execute();
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
    const rows = wards.slice(0, -1).map((w, k) => ({
      ward_id: w.id,
      period_id: p.id,
      year,
      version: 1,
      // the last year as a city would see it on its deadline: most accepted, some waiting, a few returned
      status: p === periods[periods.length - 1] && k % 10 === 9 ? ("sent" as const) : p === periods[periods.length - 1] && k % 20 === 4 ? ("returned" as const) : ("accepted" as const),
      counted: "submitted_and_approved" as const,
      summary_json: "{}",
      docx_file_id: "bench-city-docx",
      xlsx_file_id: "bench-city-xlsx",
      sent_at: `${year}-12-0${1 + (k % 9)}T03:00:00.000Z`,
      sent_by: null,
      decided_at: `${year}-12-14T03:00:00.000Z`,
      decided_by: null,
      return_reason: null,
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
  await sql`analyze`.execute(db);
  return { snapshots, figures };
}

interface Result {
  label: string;
  ms: number[];
  bytes: number;
  target: number | null;
}

async function main() {
  const config = cityConfig();
  if (!(await hasCityData())) {
    console.log("Chưa có dữ liệu thành phố: tạo bằng bench/gen-city.ts…");
    await generateCity();
  }
  const database = openCityDb(config);
  const { db } = database;
  // as gen-city.ts migrates (its bookkeeping where it put it): a data set made before the city tables gets them
  await migrateToLatest(db, database.dialect, allMigrations);
  await cityLevels(db);
  const t0 = performance.now();
  const fixture = await snapshotFixture(db);
  const fixtureMs = performance.now() - t0;

  const ctx: AppContext = { config, database, logger: createLogger("silent"), clock: systemClock };
  const { app } = buildApp(ctx);
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = async (body: object) => {
    const res = await fetch(`${base}/api/auth/dev`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return ((await res.json()) as { token: string }).token;
  };
  const lastWard = await db.selectFrom("units").select(["id", "code"]).where("kind", "=", "ward").orderBy("sort_order", "desc").orderBy("id", "desc").executeTakeFirstOrThrow();
  const lastPeriod = await db.selectFrom("periods").select(["id", "year"]).where("kind", "=", "annual").orderBy("year", "desc").executeTakeFirstOrThrow();
  const city = { Authorization: `Bearer ${await token({ role: "city_staff", name: "Bench Sở Nội vụ" })}` };
  const ward = { Authorization: `Bearer ${await token({ role: "staff", wardId: lastWard.id, name: "Bench phường" })}`, "content-type": "application/json" };
  const planYear = PLAN_FIRST_YEAR + 4;

  const time = async (label: string, path: string, calls: number, target: number | null, init: RequestInit = { headers: city }): Promise<Result> => {
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i <= calls; i++) {
      const t = performance.now();
      const res = await fetch(`${base}${path}`, init);
      const body = await res.arrayBuffer();
      if (!res.ok) throw new Error(`${label}: HTTP ${res.status} ${Buffer.from(body).toString()}`);
      // the first call warms up (statement caches, JIT), except for sends: each one is a new version
      if (i > 0 || init.method === "POST") ms.push(performance.now() - t);
      bytes = body.byteLength;
      if (init.method === "POST" && ms.length === calls) break;
    }
    return { label, ms, bytes, target };
  };
  const results: Result[] = [];
  results.push(await time(`Tình hình gửi báo cáo — năm ${planYear}`, `/api/city/completeness?year=${planYear}`, CALLS, 300));
  results.push(await time(`Số liệu toàn thành phố — năm ${planYear}`, `/api/city/summary?year=${planYear}`, CALLS, 300));
  results.push(await time("Excel của thành phố", `/api/city/export.xlsx?year=${planYear}`, 2, null));
  results.push(await time("Word của thành phố", `/api/city/export.docx?year=${planYear}`, 2, null));
  results.push(
    await time(`Gửi báo cáo 1 phường (${lastWard.code}, năm ${lastPeriod.year})`, `/api/city/wards/${lastWard.id}/snapshots`, SNAPSHOT_CALLS, 1000, {
      method: "POST",
      headers: ward,
      body: JSON.stringify({ periodId: lastPeriod.id }),
    }),
  );
  server.close();
  await database.destroy();

  console.log(`Thành phố trên ${where(config)}: ${fixture.snapshots} báo cáo phường đã tiếp nhận (${fixture.figures} dòng số liệu), tạo trong ${(fixtureMs / 1000).toFixed(1)} s`);
  console.log(["thao tác".padEnd(44), "lần", "ms TB", "ms min", "ms max", "mục tiêu", "kết quả", "kích thước"].join("\t"));
  for (const r of results) {
    const mean = r.ms.reduce((a, b) => a + b, 0) / r.ms.length;
    const verdict = r.target === null ? "—" : Math.max(...r.ms) < r.target ? "đạt" : mean < r.target ? "đạt (TB)" : "CHƯA ĐẠT";
    console.log(
      [
        r.label.padEnd(44),
        r.ms.length,
        mean.toFixed(1),
        Math.min(...r.ms).toFixed(1),
        Math.max(...r.ms).toFixed(1),
        r.target === null ? "—" : `< ${r.target} ms`,
        verdict,
        r.bytes > 1e6 ? `${(r.bytes / 1e6).toFixed(2)} MB` : `${(r.bytes / 1e3).toFixed(1)} kB`,
      ].join("\t"),
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
