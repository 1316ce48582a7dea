import type { AppContext } from "../http/context.js";
import type { Job } from "../jobs.js";
import { runReportReminders } from "./completeness.js";
import { ensureAnnualPeriods } from "./yearly-periods.js";

export { runReportReminders };

/** Deadline reminders 14, 7, 1 days before and the day after (never twice: dedupe per period, unit, step). */
export function reportJobs(ctx: AppContext): Job[] {
  return [
    {
      // the next year's period appears as soon as this year's deadline has passed
      name: "yearly-periods",
      intervalMs: ctx.config.jobIntervalMs,
      run: async () => {
        const created = await ensureAnnualPeriods(ctx);
        if (created.length) ctx.logger.info({ periods: created }, "yearly report periods created");
      },
    },
    {
      name: "report-reminders",
      intervalMs: ctx.config.jobIntervalMs,
      run: async () => {
        const n = await runReportReminders(ctx);
        if (n > 0) ctx.logger.info({ reminders: n }, "report reminders enqueued");
      },
    },
  ];
}
