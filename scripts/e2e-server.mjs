// Starts the real API (compiled, as in production: scripts/api-process.mjs) with the built mini app
// on a fresh SQLite database for the browser journeys.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { apiServerCommand } from "./api-process.mjs";

const port = process.env.E2E_PORT ?? "3100";
const webDir = process.env.E2E_WEB_DIR ?? "www";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `tns-e2e-${port}-`));

if (process.env.E2E_SKIP_BUILD !== "1" || !fs.existsSync(path.join(webDir, "index.html"))) {
  const build = spawnSync("npx", ["vite", "build", "--outDir", webDir, "--emptyOutDir", "--logLevel", "warn"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const api = await apiServerCommand();
const child = spawn(api.command, api.args, {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "development",
    PORT: port,
    HOST: "127.0.0.1",
    SQLITE_PATH: path.join(dataDir, "e2e.sqlite"),
    UPLOAD_DIR: path.join(dataDir, "uploads"),
    WEB_DIR: webDir,
    SEED_DEMO: "true",
    DEV_SIGNIN: "true",
    LOG_LEVEL: "warn",
    WORKER_INTERVAL_MS: "500",
    DATABASE_URL: "",
    // the journeys pin the time they need (e2e/test.ts); this is where the clock starts
    TEST_CLOCK: process.env.E2E_NOW ?? "2026-11-20T10:00:00+07:00",
  },
});
const stop = () => {
  child.kill("SIGTERM");
  fs.rmSync(dataDir, { recursive: true, force: true });
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", (code) => process.exit(code ?? 0));
