import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../config.js";
import type { AppContext } from "../http/context.js";
import { createDatabase, type Database } from "../db/database.js";
import { isDatabaseUnavailable } from "../db/unavailable.js";
import { AppError } from "../lib/errors.js";
import { createLogger } from "../lib/logger.js";
import type { JobFailure, JobReply } from "./pool.js";
import { runJob } from "./jobs.js";

/**
 * An export worker thread (built as dist/api/export-worker.js; from the sources through ts-boot.mjs).
 * It opens its own connection to the API's database, so loading a city-sized period never blocks
 * the event loop either (better-sqlite3 reads synchronously); each job runs at the instant the request
 * was made (the API's clock, which tests move).
 */
export interface WorkerSetup {
  config: Config;
  opened: Database["opened"];
}

const { config, opened } = workerData as WorkerSetup;
const database = createDatabase(opened.target, { searchPath: opened.searchPath, poolSize: 4, sqliteBusyTimeoutMs: config.sqliteBusyTimeoutMs });
const logger = createLogger(config.logLevel);

function failure(err: unknown): JobFailure {
  if (err instanceof AppError) return { kind: "app", status: err.status, code: err.code, message: err.message, details: err.details };
  if (isDatabaseUnavailable(err)) {
    const e = err as { code?: unknown; message?: unknown };
    return { kind: "unavailable", code: typeof e.code === "string" && e.code ? e.code : "ECONNREFUSED", message: String(e.message ?? "") };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return { kind: "crash", message: e.message, stack: e.stack };
}

parentPort!.on("message", async (m: { id: number; job: string; args: { now: string; args: unknown } } | { close: true }) => {
  if ("close" in m) {
    // an idle worker stops: its database connection is closed properly first
    await database.destroy().catch(() => {});
    process.exit(0);
  }
  const at = new Date(m.args.now);
  const ctx: AppContext = { config, database, logger, clock: { now: () => new Date(at) } };
  let reply: JobReply;
  try {
    reply = { id: m.id, ok: true, value: await runJob(ctx, m.job, m.args.args) };
  } catch (err) {
    reply = { id: m.id, ok: false, failure: failure(err) };
  }
  parentPort!.postMessage(reply);
});
