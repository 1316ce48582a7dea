// Shared bench helpers: start the real API on a throwaway database, and run autocannon against it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";

/** Starts `tsx api/src/server.ts` on a free port and a temp SQLite (or DATABASE_URL), resolves when healthy. */
export async function startServer(extraEnv = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tns-bench-"));
  const port = String(4000 + Math.floor(Math.random() * 1000));
  const child = spawn(process.execPath, ["--import", "tsx", "api/src/server.ts"], {
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
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Loads one URL for `duration` seconds and prints requests/s and p99 latency. */
export async function load(name, url, opts = {}) {
  const result = await autocannon({ url, connections: 20, duration: Number(process.env.BENCH_SECONDS ?? 5), ...opts });
  const line = {
    name,
    "req/s": Math.round(result.requests.average),
    "p50 ms": result.latency.p50,
    "p99 ms": result.latency.p99,
    errors: result.errors + result.non2xx,
  };
  console.log(`${name.padEnd(40)} ${String(line["req/s"]).padStart(8)} req/s   p50 ${String(line["p50 ms"]).padStart(4)} ms   p99 ${String(line["p99 ms"]).padStart(4)} ms   non-2xx/errors ${line.errors}`);
  return line;
}
