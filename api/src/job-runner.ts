import { isDatabaseUnavailable } from "./db/unavailable.js";
import crypto from "node:crypto";
import os from "node:os";
import type { AppContext } from "./http/context.js";
import type { Job } from "./jobs.js";
import { withLease } from "./db/job-lock.js";

export interface JobRunner {
  /** this process's name in `job_leases.holder` */
  holder: string;
  /** no new ticks; resolves when the runs under way have finished and given their leases back */
  stop(): Promise<void>;
}

export interface JobRunnerOptions {
  holder?: string;
  /** how long a lease lasts without renewal (a crashed instance's jobs wait this long at most) */
  leaseMs?: number;
  /** the first tick of every job, after start */
  firstTickMs?: number;
}

export const DEFAULT_LEASE_MS = 120_000;

/**
 * Runs every job on its timer, one run at a time per job across every instance on the database: a
 * tick runs the job only when it takes the job's lease (db/job-lock.ts); an instance that finds the
 * lease taken skips that tick. Within the process a tick is also skipped while the previous run of
 * the same job is still going.
 */
export function startJobs(ctx: AppContext, jobs: Job[], opts: JobRunnerOptions = {}): JobRunner {
  const { logger, database } = ctx;
  const holder = opts.holder ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  let stopping = false;
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();

  for (const job of jobs) {
    let busy = false;
    // During a database outage a job simply waits for the next tick: a short warning, not a stack.
    const reportFailure = (err: unknown) =>
      isDatabaseUnavailable(err)
        ? logger.warn({ job: job.name, code: (err as { code?: string })?.code }, "background job skipped: database unavailable")
        : logger.error({ err, job: job.name }, "background job failed");
    const tick = () => {
      if (busy || stopping) return;
      busy = true;
      const p = withLease(database, job.name, holder, leaseMs, () => job.run(), {
        onRenewFailure: (lease, err) => logger.error({ err, job: job.name, generation: lease.generation }, "job lease not renewed: another instance may run this job too"),
        onReleaseFailure: (lease, err) => logger.warn({ err, job: job.name, generation: lease.generation }, "job lease not released: it runs out by itself"),
      })
        .then((run) => {
          if (!run) return; // another instance has it
          // One line per run (debug): which instance ran which generation, from when to when (database clock).
          logger.debug({ job: job.name, holder, generation: run.lease.generation, acquiredAt: run.lease.acquiredAt, releasedAt: run.releasedAt, ok: run.ok }, "job run");
          if (!run.ok) reportFailure(run.error);
        })
        // the lease could not be taken (database unreachable): the next tick tries again
        .catch(reportFailure)
        .finally(() => {
          busy = false;
          running.delete(p);
        });
      running.add(p);
    };
    timers.push(setInterval(tick, job.intervalMs));
    timers.push(setTimeout(tick, opts.firstTickMs ?? 500));
  }

  return {
    holder,
    async stop() {
      stopping = true;
      timers.forEach((t) => clearTimeout(t));
      await Promise.allSettled([...running]);
    },
  };
}
