// Generates a city-sized reporting data set for bench/reports.ts:
//   100 wards × 25 units × 30 indicators + 30 tasks × 5 annual periods (2022–2026)
//   = 12,500 reports, 375,000 indicator values, 375,000 task values.
// Run: npx tsx bench/gen-city.ts            (SQLite in the temp folder; CITY_SQLITE=… to choose)
//      DATABASE_URL=postgres://… npx tsx bench/gen-city.ts   (PostgreSQL, schema bench_city, recreated)
// Env: CITY_WARDS, CITY_UNITS (per ward, ward unit included), CITY_ITEMS, CITY_YEARS to scale it
//      (CITY_WARDS=114: every commune-level unit of Hải Phòng). About 5 s on SQLite, 17 s on PostgreSQL here.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { sql, type Insertable, type Kysely } from "kysely";
import { migrateToLatest } from "../api/src/db/migrator.js";
import { allMigrations } from "../api/src/db/migrations.js";
import type { DB } from "../api/src/db/schema.js";
import type { UnitKind } from "../api/src/catalog/tables.js";
import { loadConfig, type Config } from "../api/src/config.js";
import { createDatabase, type Database } from "../api/src/db/database.js";
import { vnInstant } from "../api/src/lib/time.js";

// The database shared with bench/reports.ts: a SQLite file in the temp folder, or the schema
// "bench_city" of DATABASE_URL (PostgreSQL).
export const CITY_SQLITE = process.env.CITY_SQLITE ?? path.join(os.tmpdir(), "tns-bench-city.sqlite");
export const CITY_SCHEMA = "bench_city";

export function cityConfig(): Config {
  return loadConfig({
    NODE_ENV: "development",
    LOG_LEVEL: "silent",
    DEV_SIGNIN: "true",
    SEED_DEMO: "false",
    SQLITE_PATH: CITY_SQLITE,
    DATABASE_URL: process.env.DATABASE_URL,
  });
}

export function openCityDb(config: Config = cityConfig()): Database {
  return createDatabase(config.database, config.database.kind === "postgres" ? { searchPath: CITY_SCHEMA } : {});
}

export const where = (config: Config) => (config.database.kind === "postgres" ? `PostgreSQL (schema ${CITY_SCHEMA})` : `SQLite ${CITY_SQLITE}`);

const WARDS = Number(process.env.CITY_WARDS ?? 100);
const UNITS_PER_WARD = Number(process.env.CITY_UNITS ?? 25);
const ITEMS = Number(process.env.CITY_ITEMS ?? 30);
const YEARS = Number(process.env.CITY_YEARS ?? 5);
const LAST_YEAR = 2026;
const BATCH = 1000;

// Deterministic pseudo-random numbers: the same data set on every run.
let seed = 83;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

async function insertBatches<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + BATCH) as never)
      .execute();
  }
}

const KINDS: UnitKind[] = ["office", "office", "police", "military", "front", "youth_union", "youth_federation", "service_centre", "health"];

/** (Re)creates the city database and fills it. */
export async function generateCity(): Promise<void> {
  const config = cityConfig();
  const t0 = performance.now();
  if (config.database.kind === "postgres") {
    const admin = new pg.Client({ connectionString: config.database.url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${CITY_SCHEMA} CASCADE`);
    await admin.query(`CREATE SCHEMA ${CITY_SCHEMA}`);
    await admin.end();
  } else {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(CITY_SQLITE + suffix, { force: true });
  }
  const database = openCityDb(config);
  const { db } = database;
  // the bookkeeping beside the tables (schema bench_city), where the API started on this schema looks for it
  await migrateToLatest(db, database.dialect, allMigrations, config.database.kind === "postgres" ? CITY_SCHEMA : undefined);
  const now = new Date().toISOString();

  // Units: a city root, WARDS ward roots, each with UNITS_PER_WARD - 1 units under it.
  const unitIds: number[] = [];
  const wardOf = new Map<number, number>();
  await db.transaction().execute(async (trx) => {
    const root = await trx
      .insertInto("units")
      .values({ code: "CITY", name: "Ủy ban nhân dân thành phố (dữ liệu thử)", short_name: "Thành phố", kind: "ward", parent_id: null, sort_order: 0, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const wards = await trx
      .insertInto("units")
      .values(
        Array.from({ length: WARDS }, (_, w) => ({
          code: `W${String(w + 1).padStart(3, "0")}`,
          name: `Ủy ban nhân dân phường Thử nghiệm ${w + 1}`,
          short_name: `UBND P.${w + 1}`,
          kind: "ward" as const,
          parent_id: root.id,
          sort_order: w + 1,
          created_at: now,
        })),
      )
      .returning(["id", "code"])
      .execute();
    for (const w of wards) {
      unitIds.push(w.id);
      wardOf.set(w.id, w.id);
      const children = Array.from({ length: UNITS_PER_WARD - 1 }, (_, u) => ({
        code: `${w.code}-U${String(u + 1).padStart(2, "0")}`,
        name: `Đơn vị ${u + 1} của phường ${w.code}`,
        short_name: `ĐV ${u + 1}`,
        kind: KINDS[u % KINDS.length],
        parent_id: w.id,
        sort_order: u + 1,
        created_at: now,
      }));
      const rows = await trx.insertInto("units").values(children).returning("id").execute();
      for (const r of rows) {
        unitIds.push(r.id);
        wardOf.set(r.id, w.id);
      }
    }
  });

  // Catalog: ITEMS indicators (2/3 percentages, the rest counts and times; a few "at most") and ITEMS tasks, every unit on every item.
  const indicators: { id: number; measure: "percent" | "count" | "times" }[] = [];
  const taskIds: number[] = [];
  await db.transaction().execute(async (trx) => {
    const rows = await trx
      .insertInto("indicators")
      .values(
        Array.from({ length: ITEMS }, (_, i) => {
          const measure = i < (ITEMS * 2) / 3 ? ("percent" as const) : i % 2 ? ("count" as const) : ("times" as const);
          const atMost = measure === "percent" && i % 7 === 3;
          return {
            code: `CT${String(i + 1).padStart(2, "0")}`,
            name: `Chỉ tiêu thử nghiệm số ${i + 1} về phát triển thanh niên`,
            measure,
            unit_label: measure === "percent" ? "%" : measure === "count" ? "người/năm" : "lần/năm",
            target_value: i % 10 === 9 ? null : measure === "percent" ? (atMost ? 7 : 70) : 100,
            direction: atMost ? ("at_most" as const) : ("at_least" as const),
            target_text: "",
            sort_order: i,
            created_at: now,
            updated_at: now,
          };
        }),
      )
      .returning(["id", "measure"])
      .execute();
    indicators.push(...rows);
    const tasks = await trx
      .insertInto("tasks")
      .values(Array.from({ length: ITEMS }, (_, i) => ({ code: `NV${String(i + 1).padStart(2, "0")}`, name: `Nhiệm vụ thử nghiệm số ${i + 1}`, timing: "Hằng năm", sort_order: i, created_at: now, updated_at: now })))
      .returning("id")
      .execute();
    taskIds.push(...tasks.map((t) => t.id));
    await insertBatches(trx, "indicator_units", unitIds.flatMap((unit_id) => indicators.map((ind, k) => ({ indicator_id: ind.id, unit_id, is_lead: k % 3 === 0 ? 1 : 0 }))));
    await insertBatches(trx, "task_units", unitIds.flatMap((unit_id) => taskIds.map((task_id, k) => ({ task_id, unit_id, role: k % 3 === 0 ? ("lead" as const) : ("partner" as const) }))));
  });
  const tCatalog = performance.now();

  // Periods and reports, one transaction per year.
  let reports = 0;
  let values = 0;
  const statuses = ["approved", "approved", "approved", "approved", "approved", "approved", "approved", "submitted", "submitted", "draft", "returned"] as const;
  for (let y = 0; y < YEARS; y++) {
    const year = LAST_YEAR - YEARS + 1 + y;
    await db.transaction().execute(async (trx) => {
      const period = await trx
        .insertInto("periods")
        .values({
          year,
          kind: "annual",
          title: `Báo cáo kết quả thực hiện Nghị quyết 83 năm ${year}`,
          opens_at: vnInstant(year, 1, 1),
          // as yearly-periods.ts makes them: drafts from the previous year's deadline
          accepts_from: y > 0 ? vnInstant(year - 1, 11, 30, 23, 59, 59) : null,
          deadline_at: vnInstant(year, 11, 30, 23, 59, 59),
          status: year === LAST_YEAR ? "open" : "closed",
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await insertBatches(trx, "period_units", unitIds.map((unit_id) => ({ period_id: period.id, unit_id, exception_until: null })));
      const reportIds: number[] = [];
      for (let i = 0; i < unitIds.length; i += BATCH) {
        const rows = await trx
          .insertInto("reports")
          .values(
            unitIds.slice(i, i + BATCH).map((unit_id) => {
              const status = statuses[int(0, statuses.length - 1)];
              const sent = status === "approved" || status === "submitted";
              // one in ten sent after the deadline (early December), as the timing rules would record it
              const late = sent && rand() >= 0.9;
              return {
                period_id: period.id,
                unit_id,
                status,
                version: int(1, 9),
                difficulties: rand() < 0.3 ? `Khó khăn năm ${year}: thiếu kinh phí và địa điểm sinh hoạt cho thanh niên.` : "",
                proposals: rand() < 0.3 ? `Đề xuất năm ${year}: bố trí kinh phí tổ chức hoạt động thanh niên.` : "",
                submitted_at: sent ? (late ? vnInstant(year, 12, int(1, 10), 10) : vnInstant(year, 11, int(1, 30), 10)) : null,
                submitted_by: null,
                on_time: sent ? (late ? 0 : 1) : null,
                submit_timing: sent ? (late ? ("late" as const) : ("on_time" as const)) : null,
                reviewed_at: status === "approved" ? vnInstant(year, 12, 15, 9) : null,
                reviewed_by: null,
                return_reason: status === "returned" ? "Thiếu số liệu" : null,
                created_at: now,
                updated_at: now,
                updated_by: null,
              };
            }),
          )
          .returning("id")
          .execute();
        reportIds.push(...rows.map((r) => r.id));
      }
      reports += reportIds.length;
      const at = vnInstant(year, 11, 20);
      const iv = reportIds.flatMap((report_id) =>
        indicators.map((ind) => {
          const den = int(50, 800);
          return ind.measure === "percent"
            ? { report_id, indicator_id: ind.id, numerator: int(Math.floor(den * 0.3), den), denominator: den, value: null, comment: "", flagged: 0, updated_at: at }
            : { report_id, indicator_id: ind.id, numerator: null, denominator: null, value: ind.measure === "count" ? int(0, 60) : int(0, 4), comment: "", flagged: 0, updated_at: at };
        }),
      );
      await insertBatches(trx, "report_indicator_values", iv);
      const tv = reportIds.flatMap((report_id) =>
        taskIds.map((task_id) => {
          const status = (["not_started", "in_progress", "in_progress", "done", "done"] as const)[int(0, 4)];
          const progress = status === "done" ? 100 : status === "not_started" ? 0 : int(10, 90);
          return { report_id, task_id, status, progress, result: status === "not_started" ? "" : `Đã tổ chức ${int(1, 12)} hoạt động, ${int(20, 400)} lượt thanh niên tham gia.`, comment: "", updated_at: at };
        }),
      );
      await insertBatches(trx, "report_task_values", tv);
      values += iv.length + tv.length;
    });
    process.stdout.write(`  năm ${year}: xong\n`);
  }
  const tEnd = performance.now();
  await sql`analyze`.execute(db); // fresh planner statistics, as a live database would have
  await database.destroy();

  console.log(`Tạo dữ liệu thành phố vào ${where(config)}`);
  console.log(`  ${WARDS} phường × ${UNITS_PER_WARD} đơn vị = ${unitIds.length} đơn vị; ${ITEMS} chỉ tiêu + ${ITEMS} nhiệm vụ; ${YEARS} kỳ năm`);
  console.log(`  ${reports} báo cáo, ${values} giá trị (${Math.round(values / ((tEnd - tCatalog) / 1000))} dòng/giây)`);
  console.log(`  danh mục ${((tCatalog - t0) / 1000).toFixed(1)} s, báo cáo ${((tEnd - tCatalog) / 1000).toFixed(1)} s, tổng ${((tEnd - t0) / 1000).toFixed(1)} s`);
  if (config.database.kind === "sqlite") console.log(`  kích thước tệp: ${(fs.statSync(CITY_SQLITE).size / 1e6).toFixed(1)} MB`);
}

// Run directly (not when bench/reports.ts imports the helpers above).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  generateCity().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
