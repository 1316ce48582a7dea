import type { AppContext } from "../http/context.js";
import { wardExportJobs } from "../exports/export-jobs.js";
import { cityExportJobs } from "../city/export-jobs.js";

/**
 * Every job the export workers run, by name: a function of a context (in a worker: its own database
 * connection and the request's instant) and structured-cloneable arguments. The same functions run on
 * the event loop when no worker can be used (EXPORT_WORKERS=0, an in-memory SQLite database).
 */
export const EXPORT_JOBS = { ...wardExportJobs, ...cityExportJobs };

export type ExportJobs = typeof EXPORT_JOBS;
export type ExportJobName = keyof ExportJobs;
export type ExportArgs<K extends ExportJobName> = Parameters<ExportJobs[K]>[1];
export type ExportResult<K extends ExportJobName> = Awaited<ReturnType<ExportJobs[K]>>;

/** Runs a job by name (the worker entry and the event-loop fallback). */
export function runJob(ctx: AppContext, name: string, args: unknown): Promise<unknown> {
  const job = (EXPORT_JOBS as Record<string, (ctx: AppContext, args: unknown) => Promise<unknown>>)[name];
  if (!job) return Promise.reject(new Error(`unknown export job ${name}`));
  return job(ctx, args);
}
