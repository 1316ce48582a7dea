import type { AppContext } from "../http/context.js";
import type { Job } from "../jobs.js";
import { sendsPerRun, runOutboxOnce } from "./worker.js";

export { runOutboxOnce, type OutboxOptions, type OutboxRunResult } from "./worker.js";

/** The push delivery worker: every WORKER_INTERVAL_MS, sends what the push rate allows in that time. */
export function notificationJobs(ctx: AppContext): Job[] {
  return [
    {
      name: "notification-outbox",
      intervalMs: ctx.config.workerIntervalMs,
      run: async () => {
        await runOutboxOnce(ctx, { maxBatches: 40, maxSends: sendsPerRun(ctx) });
      },
    },
  ];
}
