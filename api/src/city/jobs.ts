import type { AppContext } from "../http/context.js";
import type { Job } from "../jobs.js";
import { runCityReminders } from "./completeness.js";

/** Reminders to ward staff 7 and 1 days before the city's deadline and the day after (never twice: a key per year, ward, step). */
export function cityJobs(ctx: AppContext): Job[] {
  return [
    {
      name: "city-reminders",
      intervalMs: ctx.config.jobIntervalMs,
      run: async () => {
        const n = await runCityReminders(ctx);
        if (n > 0) ctx.logger.info({ reminders: n }, "city report reminders enqueued");
      },
    },
  ];
}
