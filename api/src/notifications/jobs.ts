import type { AppContext } from "../http/context.js";
import type { Job } from "../jobs.js";
import { runOutboxOnce } from "./worker.js";

export { runOutboxOnce, type OutboxOptions, type OutboxRunResult } from "./worker.js";

/** The push delivery worker: every WORKER_INTERVAL_MS, drains due rows of the outbox. */
export function notificationJobs(ctx: AppContext): Job[] {
  return [
    {
      name: "notification-outbox",
      intervalMs: ctx.config.workerIntervalMs,
      run: async () => {
        await runOutboxOnce(ctx, { maxBatches: 20 });
      },
    },
  ];
}
