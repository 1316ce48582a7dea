// Does building a city-sized export freeze the API? While the real API (compiled, spawned, as
// production runs it) builds an export of the city data set of bench/gen-city.ts (100 wards × 25 units),
// a prober asks /api/health back to back; any time the event loop is blocked shows up as a slow answer.
// Measured, each alone: the Excel, the Word and the summary (JSON) of the city-wide period (2 500 units'
// reports: the heavy ones), the city's own Excel, Word and summary (from the wards' snapshots), and one
// ward sending its report upward (its snapshot: the ward's Word and Excel built and stored).
// Target (issue 13): health p99 < 50 ms and max < 200 ms during each. Nothing is asserted.
// Generates the data set first when missing (SQLite in the temp folder, or DATABASE_URL's schema
// bench_city). Env: BENCH_EXPORT_CALLS (1 per kind), EXPORT_WORKERS (the API's default otherwise).
import { PLAN_FIRST_YEAR } from "../api/src/contract/plan.js";
import { cityConfig, CITY_SCHEMA, CITY_SQLITE, openCityDb } from "./gen-city.js";
import { cityPeriods, prepareCityBench } from "./gen-city-fixtures.js";
import { median, percentile, report, startServer } from "./lib.mjs";

const CALLS = Number(process.env.BENCH_EXPORT_CALLS ?? 1);

async function main() {
  const config = cityConfig();
  const fixture = await prepareCityBench(config);
  const database = openCityDb(config);
  const periods = await cityPeriods(database.db);
  await database.destroy();
  const period = periods[periods.length - 1];
  const planYear = PLAN_FIRST_YEAR + periods.length - 1;

  const dbEnv: Record<string, string> =
    config.database.kind === "postgres" ? { DATABASE_URL: config.database.url, DATABASE_SCHEMA: CITY_SCHEMA } : { SQLITE_PATH: CITY_SQLITE, DATABASE_URL: "" };
  const server = await startServer({ ...dbEnv, SEED_DEMO: "false", DEV_SIGNIN: "true" });
  try {
    const signIn = async (body: object) => {
      const res = await fetch(`${server.url}/api/auth/dev`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      return { Authorization: `Bearer ${((await res.json()) as { token: string }).token}` };
    };
    const city = await signIn({ role: "city_staff", name: "Bench Sở Nội vụ" });
    const ward = { ...(await signIn({ role: "staff", wardId: fixture.ward.wardId, name: "Bench phường" })), "content-type": "application/json" };
    const wardPeriod = fixture.ward.periods[fixture.ward.periods.length - 1];
    console.log(`  city data on ${config.database.kind === "postgres" ? `PostgreSQL (schema ${CITY_SCHEMA})` : `SQLite ${CITY_SQLITE}`}, city-wide period ${period.year}, city year ${planYear}`);

    // Idle baseline: the prober alone.
    const probe = async (until: () => boolean): Promise<number[]> => {
      const ms: number[] = [];
      while (!until()) {
        const t = performance.now();
        // a kept-alive connection the server closed while its event loop was blocked resets: ask again (the wait counts)
        for (let attempt = 1; ; attempt++) {
          try {
            await (await fetch(`${server.url}/api/health`)).arrayBuffer();
            break;
          } catch (err) {
            if (attempt === 3) throw err;
          }
        }
        ms.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 5));
      }
      return ms;
    };
    const t0 = performance.now();
    const idle = await probe(() => performance.now() - t0 > 2000);
    console.log(`  /api/health alone: median ${median(idle).toFixed(1)} ms, p99 ${percentile(idle, 99).toFixed(1)} ms`);

    const cases: { label: string; path: string; init: RequestInit; size?: string }[] = [
      { label: "city-wide Excel", path: `/api/periods/${period.id}/export.xlsx`, init: { headers: city } },
      { label: "city-wide Word", path: `/api/periods/${period.id}/export.docx`, init: { headers: city } },
      { label: "city-wide summary (JSON)", path: `/api/periods/${period.id}/summary`, init: { headers: city }, size: "the city-wide summary's size (JSON, uncompressed)" },
      { label: "city's Excel", path: `/api/city/export.xlsx?year=${planYear}`, init: { headers: city } },
      { label: "city's Word", path: `/api/city/export.docx?year=${planYear}`, init: { headers: city } },
      { label: "city's summary (JSON)", path: `/api/city/summary?year=${planYear}`, init: { headers: city }, size: "the city's summary size (JSON, uncompressed)" },
      {
        label: "ward's snapshot sent",
        path: `/api/city/wards/${fixture.ward.wardId}/snapshots`,
        init: { method: "POST", headers: ward, body: JSON.stringify({ periodId: wardPeriod.id }) },
      },
    ];
    for (const c of cases) {
      for (let k = 0; k < CALLS; k++) {
        let done = false;
        const t = performance.now();
        const exporting = fetch(`${server.url}${c.path}`, c.init)
          .then(async (res) => ({ status: res.status, bytes: (await res.arrayBuffer()).byteLength }))
          .finally(() => (done = true));
        const [health, result] = await Promise.all([probe(() => done), exporting]);
        const took = performance.now() - t;
        const p99 = percentile(health, 99);
        const max = Math.max(...health);
        console.log(
          `  ${c.label.padEnd(26)}: HTTP ${result.status}, ${(result.bytes / 1e6).toFixed(2)} MB in ${(took / 1000).toFixed(1)} s; meanwhile ${health.length} health answers, p99 ${p99.toFixed(0)} ms, max ${max.toFixed(0)} ms`,
        );
        report({ figure: `Exports: /api/health p99 while the ${c.label} is built`, value: p99, unit: "ms", target: "< 50 ms", ok: p99 < 50 });
        report({ figure: `Exports: /api/health max while the ${c.label} is built`, value: max, unit: "ms", target: "< 200 ms", ok: max < 200 });
        if (c.size) report({ figure: `Exports: ${c.size}`, value: result.bytes / 1e6, unit: "MB" });
      }
    }
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
