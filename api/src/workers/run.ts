import type { Response } from "express";
import type { AppContext } from "../http/context.js";
import { WorkerPool } from "./pool.js";
import type { WorkerSetup } from "./entry.js";
import { runJob, type ExportArgs, type ExportJobName, type ExportResult } from "./jobs.js";

/**
 * Where an export runs: in the context's pool of worker threads (EXPORT_WORKERS of them, started on
 * the first export), or on the event loop when no worker can reach the database — an in-memory SQLite
 * database exists only in this thread — or EXPORT_WORKERS=0.
 */
const pools = new WeakMap<AppContext, WorkerPool>();

/** The compiled API is one file (dist/api/server.js) with the worker beside it; the sources go through tsx. */
export function workerEntry(): URL {
  const here = import.meta.url;
  return /\.ts$/.test(here) ? new URL("./ts-boot.mjs", here) : new URL("./export-worker.js", here);
}

export function usesWorkers(ctx: AppContext): boolean {
  const { target } = ctx.database.opened;
  return ctx.config.exports.workers > 0 && !(target.kind === "sqlite" && target.path === ":memory:");
}

function poolOf(ctx: AppContext): WorkerPool | null {
  if (!usesWorkers(ctx)) return null;
  let pool = pools.get(ctx);
  if (!pool) {
    const { workers, queue, timeoutMs } = ctx.config.exports;
    const setup: WorkerSetup = { config: ctx.config, opened: ctx.database.opened };
    pool = new WorkerPool({ size: workers, queue, timeoutMs, entry: workerEntry(), workerData: setup, logger: ctx.logger });
    pools.set(ctx, pool);
  }
  return pool;
}

/**
 * Runs an export job off the event loop (or on it, see above) at the request's instant. `res`: a job
 * still waiting when its caller goes away (the connection closes before the answer) is dropped.
 */
export async function runExport<K extends ExportJobName>(ctx: AppContext, name: K, args: ExportArgs<K>, res?: Response): Promise<ExportResult<K>> {
  const pool = poolOf(ctx);
  if (!pool) return (await runJob(ctx, name, args)) as ExportResult<K>;
  let signal: AbortSignal | undefined;
  if (res) {
    const gone = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) gone.abort();
    });
    signal = gone.signal;
  }
  return (await pool.run(name, { now: ctx.clock.now().toISOString(), args }, signal)) as ExportResult<K>;
}

/** Stops the context's workers (graceful shutdown, the end of a test). */
export async function closeExports(ctx: AppContext): Promise<void> {
  const pool = pools.get(ctx);
  pools.delete(ctx);
  await pool?.close();
}
