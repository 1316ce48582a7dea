import type { AppContext } from "../http/context.js";
import type { Job } from "../jobs.js";
import { runReportReminders } from "./completeness.js";

export { runReportReminders };

/** Deadline reminders 14, 7, 1 days before and the day after (never twice: dedupe per period, unit, step). */
export function reportJobs(ctx: AppContext): Job[] {
  return [
    {
      name: "report-reminders",
      intervalMs: Math.max(60_000, ctx.config.workerIntervalMs),
      run: async () => {
        const n = await runReportReminders(ctx);
        if (n > 0) ctx.logger.info({ reminders: n }, "report reminders enqueued");
      },
    },
  ];
}
