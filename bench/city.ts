// Times the city's view on the city-sized data set of bench/gen-city.ts (100 wards × 25 units × 30
// items × 5 years), through the real HTTP API: city completeness and the city summary (target < 300 ms),
// the city's Excel and Word, and one ward's snapshot sent upward (target < 1 s).
// Run: npx tsx bench/city.ts (generates the data set when it is missing; DATABASE_URL for PostgreSQL).
// The wards' accepted snapshots are a fixture (bench/gen-city-fixtures.ts) made from the reports (figures summed per ward in
// SQL, a placeholder JSON and files): the city reads only their figure rows. The data set's five years
// (2022–2026) stand for the plan's five (2026–2030), so the city summary of 2030 reads all of them.
// Env: BENCH_CITY_CALLS (default 10), BENCH_SNAPSHOT_CALLS (default 3). Figures are printed, not asserted.
import type { AddressInfo } from "node:net";
import { buildApp } from "../api/src/app.js";
import type { AppContext } from "../api/src/http/context.js";
import { systemClock } from "../api/src/lib/clock.js";
import { createLogger } from "../api/src/lib/logger.js";
import { PLAN_FIRST_YEAR } from "../api/src/contract/plan.js";
import { closeExports } from "../api/src/workers/run.js";
import { cityConfig, openCityDb, where } from "./gen-city.js";
import { prepareCityBench } from "./gen-city-fixtures.js";
import { report } from "./lib.mjs";

const CALLS = Number(process.env.BENCH_CITY_CALLS ?? 10);
const SNAPSHOT_CALLS = Number(process.env.BENCH_SNAPSHOT_CALLS ?? 3);

interface Result {
  label: string;
  ms: number[];
  bytes: number;
  target: number | null;
}

async function main() {
  const config = cityConfig();
  const fixture = await prepareCityBench(config);
  const database = openCityDb(config);

  const ctx: AppContext = { config, database, logger: createLogger("silent"), clock: systemClock };
  const { app } = buildApp(ctx);
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = async (body: object) => {
    const res = await fetch(`${base}/api/auth/dev`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return ((await res.json()) as { token: string }).token;
  };
  const sending = fixture.ward;
  const lastPeriod = sending.periods[sending.periods.length - 1];
  const city = { Authorization: `Bearer ${await token({ role: "city_staff", name: "Bench Sở Nội vụ" })}` };
  const ward = { Authorization: `Bearer ${await token({ role: "staff", wardId: sending.wardId, name: "Bench phường" })}`, "content-type": "application/json" };
  const planYear = PLAN_FIRST_YEAR + 4;

  const time = async (label: string, path: string, calls: number, target: number | null, init: RequestInit = { headers: city }): Promise<Result> => {
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i <= calls; i++) {
      const t = performance.now();
      const res = await fetch(`${base}${path}`, init);
      const body = await res.arrayBuffer();
      if (!res.ok) throw new Error(`${label}: HTTP ${res.status} ${Buffer.from(body).toString()}`);
      // the first call warms up (statement caches, JIT, the export workers' start), except for sends: each one is a new version
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
    await time(`Gửi báo cáo 1 phường (${sending.code}, năm ${lastPeriod.year})`, `/api/city/wards/${sending.wardId}/snapshots`, SNAPSHOT_CALLS, 1000, {
      method: "POST",
      headers: ward,
      body: JSON.stringify({ periodId: lastPeriod.id }),
    }),
  );
  server.close();
  await closeExports(ctx);
  await database.destroy();

  console.log(`Thành phố trên ${where(config)}: ${fixture.snapshots} báo cáo phường đã tiếp nhận (${fixture.figures} dòng số liệu), chuẩn bị trong ${(fixture.ms / 1000).toFixed(1)} s`);
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
  // the figures of issue 14 in npm run bench's table: the mean of the timed calls against the target
  const FIGURES = ["City: completeness (mean)", "City: the city summary (mean)", "City: the city Excel (mean)", "City: the city Word (mean)", "City: a ward's snapshot sent upward (mean)"];
  results.forEach((r, k) => {
    const mean = r.ms.reduce((a, b) => a + b, 0) / r.ms.length;
    report({ figure: FIGURES[k], value: mean, unit: "ms", ...(r.target === null ? {} : { target: `< ${r.target} ms`, ok: mean < r.target }) });
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
