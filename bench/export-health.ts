// Does building a city-sized export freeze the API? While the real API (compiled, spawned) builds the
// city Excel, Word and summary of bench/gen-city.ts (100 wards × 25 units), a prober asks
// /api/health back to back; any time the event loop is blocked shows up as a slow answer.
// Target (issue 13): health p99 < 50 ms and max < 200 ms during each export. Nothing is asserted.
// Generates the city data set first when missing (SQLite in the temp folder, or DATABASE_URL's
// schema bench_city). Env: BENCH_EXPORT_CALLS (1 per kind).
import { cityConfig, CITY_SCHEMA, CITY_SQLITE, generateCity, openCityDb } from "./gen-city.js";
import { median, percentile, report, startServer } from "./lib.mjs";

const CALLS = Number(process.env.BENCH_EXPORT_CALLS ?? 1);

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

async function main() {
  if (!(await hasCityData())) {
    console.log("  no city data set yet: generating it (bench/gen-city.ts)…");
    await generateCity();
  }
  const config = cityConfig();
  const dbEnv: Record<string, string> =
    config.database.kind === "postgres" ? { DATABASE_URL: config.database.url, DATABASE_SCHEMA: CITY_SCHEMA } : { SQLITE_PATH: CITY_SQLITE, DATABASE_URL: "" };
  const server = await startServer({ ...dbEnv, SEED_DEMO: "false", DEV_SIGNIN: "true" });
  try {
    const session = (await (await fetch(`${server.url}/api/auth/dev`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ role: "staff", name: "Bench" }) })).json()) as { token: string };
    const headers = { Authorization: `Bearer ${session.token}` };
    const periods = (await (await fetch(`${server.url}/api/periods`, { headers })).json()) as { id: number; year: number }[];
    const period = periods.filter((p) => p.year <= 2026).sort((a, b) => b.year - a.year)[0];
    console.log(`  city data on ${config.database.kind === "postgres" ? `PostgreSQL (schema ${CITY_SCHEMA})` : `SQLite ${CITY_SQLITE}`}, period ${period.year}`);

    // Idle baseline: the prober alone.
    const probe = async (until: () => boolean): Promise<number[]> => {
      const ms: number[] = [];
      while (!until()) {
        const t = performance.now();
        await (await fetch(`${server.url}/api/health`)).arrayBuffer();
        ms.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 5));
      }
      return ms;
    };
    const t0 = performance.now();
    const idle = await probe(() => performance.now() - t0 > 2000);
    console.log(`  /api/health alone: median ${median(idle).toFixed(1)} ms, p99 ${percentile(idle, 99).toFixed(1)} ms`);

    for (const [label, path] of [
      ["city Excel", "export.xlsx"],
      ["city Word", "export.docx"],
      ["city summary (JSON)", "summary"],
    ] as const) {
      for (let c = 0; c < CALLS; c++) {
        let done = false;
        const t = performance.now();
        const exporting = fetch(`${server.url}/api/periods/${period.id}/${path}`, { headers })
          .then(async (res) => ({ status: res.status, bytes: (await res.arrayBuffer()).byteLength }))
          .finally(() => (done = true));
        const [health, result] = await Promise.all([probe(() => done), exporting]);
        const took = performance.now() - t;
        const p99 = percentile(health, 99);
        const max = Math.max(...health);
        console.log(`  ${label.padEnd(20)}: HTTP ${result.status}, ${(result.bytes / 1e6).toFixed(2)} MB in ${(took / 1000).toFixed(1)} s; meanwhile ${health.length} health answers, p99 ${p99.toFixed(0)} ms, max ${max.toFixed(0)} ms`);
        report({ figure: `Exports: /api/health p99 while the ${label} is built`, value: p99, unit: "ms", target: "< 50 ms", ok: p99 < 50 });
        if (path === "summary") report({ figure: "Exports: the city summary's size (JSON, uncompressed)", value: result.bytes / 1e6, unit: "MB" });
        report({ figure: `Exports: /api/health max while the ${label} is built`, value: max, unit: "ms", target: "< 200 ms", ok: max < 200 });
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
