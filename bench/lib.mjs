// Shared bench helpers: start the real API on a throwaway database, load it with autocannon, and
// report each figure of issue 13 with its ratio and target (collected by run-all.mjs).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { apiServerCommand } from "../scripts/api-process.mjs";

/**
 * Starts the real API on a free port and a temp SQLite (or DATABASE_URL), resolves when healthy.
 * `runner`: "dist" (compiled, as production runs it) or "tsx" (the TypeScript sources).
 * Returns the URL, the process id (for its memory) and how long it took to answer /api/health.
 */
export async function startServer(extraEnv = {}, { runner } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tns-bench-"));
  const port = String(4000 + Math.floor(Math.random() * 1000));
  const api = await apiServerCommand(runner);
  const t0 = performance.now();
  const child = spawn(api.command, api.args, {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "development",
      PORT: port,
      HOST: "127.0.0.1",
      SQLITE_PATH: path.join(dir, "bench.sqlite"),
      UPLOAD_DIR: path.join(dir, "uploads"),
      LOG_LEVEL: "error",
      ...extraEnv,
    },
  });
  const exited = new Promise((r) => child.once("exit", r));
  const url = `http://127.0.0.1:${port}`;
  let healthyMs = null;
  // a big data set takes a while to start (every ward made ready): up to a minute
  while (performance.now() - t0 < 60_000 && child.exitCode === null) {
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) {
        healthyMs = performance.now() - t0;
        break;
      }
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  if (healthyMs === null) {
    if (child.exitCode === null) child.kill("SIGKILL");
    throw new Error(`the API did not become healthy (${api.args.join(" ")})`);
  }
  return {
    url,
    pid: child.pid,
    healthyMs,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resident memory of a process in MB (Linux /proc). */
export function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Loads one URL for `duration` seconds and prints requests/s and p99 latency. */
export async function load(name, url, opts = {}) {
  const result = await autocannon({ url, connections: 20, duration: Number(process.env.BENCH_SECONDS ?? 5), ...opts });
  const line = {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    "2xx": result["2xx"],
    "304": result.statusCodeStats?.["304"]?.count ?? 0,
    errors: result.errors + result.timeouts,
    other: result.non2xx - (result.statusCodeStats?.["304"]?.count ?? 0),
  };
  console.log(
    `${name.padEnd(46)} ${String(Math.round(line.rps)).padStart(7)} req/s   p50 ${String(line.p50).padStart(4)} ms   p99 ${String(line.p99).padStart(4)} ms   ` +
      `2xx ${line["2xx"]}${line["304"] ? ` 304 ${line["304"]}` : ""}${line.other ? ` other ${line.other}` : ""}${line.errors ? ` errors ${line.errors}` : ""}`,
  );
  return line;
}

/** Loads one URL for `seconds` without measuring it (the JIT and the caches warm up). */
export async function warm(url, opts, seconds) {
  await autocannon({ url, connections: 20, ...opts, duration: seconds });
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/**
 * One figure of the issue: printed now, and appended to $BENCH_RESULTS (JSON lines) for the
 * summary table of run-all.mjs. `ok` is whether the target is met (null: no target, information).
 */
export function report({ figure, value, unit = "", ratio = null, reference = null, target = null, ok = null }) {
  const fmt = (v) => (typeof v === "number" ? (Math.abs(v) >= 100 ? Math.round(v).toString() : v.toFixed(Math.abs(v) >= 10 ? 1 : 2)) : String(v));
  const parts = [`${fmt(value)}${unit ? ` ${unit}` : ""}`];
  if (ratio !== null) parts.push(`${ratio.toFixed(2)}×${reference ? ` ${reference}` : ""}`);
  const verdict = ok === null ? "" : ok ? "  ✓" : "  ✗ MISS";
  console.log(`→ ${figure}: ${parts.join(", ")}${target ? `   (target ${target})` : ""}${verdict}`);
  if (process.env.BENCH_RESULTS) {
    fs.appendFileSync(process.env.BENCH_RESULTS, `${JSON.stringify({ figure, value: fmt(value), unit, ratio, reference, target, ok })}\n`);
  }
}
