// Times the ward summary and both exports on the city-sized data set of bench/gen-city.ts,
// for one ward (?unitId=<ward>) and for the whole city, through the real HTTP API.
// Run: npx tsx bench/reports.ts (generates the data set with bench/gen-city.ts when it is missing)
//      (DATABASE_URL=postgres://… for PostgreSQL, schema bench_city). Figures are printed, not asserted.
// Env: BENCH_WARD_CALLS (default 10), BENCH_CITY_CALLS (default 2).
import type { AddressInfo } from "node:net";
import { buildApp } from "../api/src/app.js";
import type { AppContext } from "../api/src/http/context.js";
import { systemClock } from "../api/src/lib/clock.js";
import { createLogger } from "../api/src/lib/logger.js";
import { cityConfig, generateCity, openCityDb, where } from "./gen-city.js";

const WARD_CALLS = Number(process.env.BENCH_WARD_CALLS ?? 10);
const CITY_CALLS = Number(process.env.BENCH_CITY_CALLS ?? 2);

interface Result {
  label: string;
  calls: number;
  ms: number[];
  bytes: number;
  rows: number;
}

async function hasCityData(): Promise<boolean> {
  const database = openCityDb();
  try {
    const row = await database.db.selectFrom("units").select("id").where("code", "=", "W001").executeTakeFirst();
    return !!row;
  } catch {
    return false; // no tables yet
  } finally {
    await database.destroy();
  }
}

async function main() {
  const config = cityConfig();
  if (!(await hasCityData())) {
    console.log("Chưa có dữ liệu thành phố: tạo bằng bench/gen-city.ts…");
    await generateCity();
  }
  const database = openCityDb(config);
  const ctx: AppContext = { config, database, logger: createLogger("silent"), clock: systemClock };
  // the generated city-wide period (bench/city.ts adds a ward's own copies beside it: not these)
  const period = await database.db.selectFrom("periods").selectAll().where("ward_id", "is", null).orderBy("year", "desc").executeTakeFirstOrThrow();
  const ward = await database.db.selectFrom("units").select(["id", "code"]).where("code", "=", "W001").executeTakeFirstOrThrow();

  const { app } = buildApp(ctx);
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // the generated periods belong to no ward (one period over the whole city): city staff read them
  const signIn = await fetch(`${base}/api/auth/dev`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ role: "city_staff", name: "Bench" }) });
  const { token } = (await signIn.json()) as { token: string };
  const headers = { Authorization: `Bearer ${token}` };

  /** value rows the aggregation reads: this year's and last year's indicator values plus task values */
  const rowsOf = async (query: string) => {
    const s = (await (await fetch(`${base}/api/periods/${period.id}/summary${query}`, { headers })).json()) as {
      indicators: { current: { unitsReported: number }; lastYear: { unitsReported: number } | null }[];
      tasks: { unitsReported: number }[];
    };
    return s.indicators.reduce((n, i) => n + i.current.unitsReported + (i.lastYear?.unitsReported ?? 0), 0) + s.tasks.reduce((n, t) => n + t.unitsReported, 0);
  };

  const time = async (label: string, path: string, calls: number, rows: number): Promise<Result> => {
    const url = `${base}/api/periods/${period.id}/${path}`;
    const warm = await fetch(url, { headers });
    if (!warm.ok) throw new Error(`${label}: HTTP ${warm.status} ${await warm.text()}`);
    const bytes = (await warm.arrayBuffer()).byteLength;
    const ms: number[] = [];
    for (let i = 0; i < calls; i++) {
      const t = performance.now();
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      ms.push(performance.now() - t);
    }
    return { label, calls, ms, bytes, rows };
  };

  const wardQ = `?unitId=${ward.id}`;
  const wardRows = await rowsOf(wardQ);
  const cityRows = await rowsOf("");
  const results: Result[] = [];
  for (const [label, path, calls, rows] of [
    [`Tổng hợp (JSON) — 1 phường`, `summary${wardQ}`, WARD_CALLS, wardRows],
    [`Excel — 1 phường`, `export.xlsx${wardQ}`, WARD_CALLS, wardRows],
    [`Word — 1 phường`, `export.docx${wardQ}`, WARD_CALLS, wardRows],
    [`Tổng hợp (JSON) — cả thành phố`, "summary", CITY_CALLS, cityRows],
    [`Excel — cả thành phố`, "export.xlsx", CITY_CALLS, cityRows],
    [`Word — cả thành phố`, "export.docx", CITY_CALLS, cityRows],
  ] as const) {
    results.push(await time(label, path, calls, rows));
    process.stdout.write(".");
  }
  process.stdout.write("\n");
  server.close();
  await database.destroy();

  console.log(`Báo cáo trên ${where(config)} — kỳ ${period.year} (id ${period.id}), phường mẫu ${ward.code}; ${wardRows} dòng số liệu/phường, ${cityRows} dòng/thành phố`);
  console.log(["thao tác".padEnd(34), "lần", "ms TB", "ms min", "ms max", "dòng/giây", "kích thước"].join("\t"));
  for (const r of results) {
    const mean = r.ms.reduce((a, b) => a + b, 0) / r.ms.length;
    console.log(
      [
        r.label.padEnd(34),
        r.calls,
        mean.toFixed(1),
        Math.min(...r.ms).toFixed(1),
        Math.max(...r.ms).toFixed(1),
        Math.round(r.rows / (mean / 1000)).toLocaleString("vi-VN"),
        r.bytes > 1e6 ? `${(r.bytes / 1e6).toFixed(2)} MB` : `${(r.bytes / 1e3).toFixed(1)} kB`,
      ].join("\t"),
    );
  }
  const mem = process.memoryUsage();
  console.log(`Bộ nhớ tiến trình: RSS ${(mem.rss / 1e6).toFixed(0)} MB, heap ${(mem.heapUsed / 1e6).toFixed(0)} MB`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
