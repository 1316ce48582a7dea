import type { AppContext } from "../http/context.js";
import type { Job } from "../jobs.js";
import { ensureDutyYears } from "./plan.js";
import { runDutyReminders } from "./reminders.js";

/** Next year's copies of recurring duties (on 01/01), and reminders before and after each due date. */
export function dutyJobs(ctx: AppContext): Job[] {
  const intervalMs = ctx.config.jobIntervalMs;
  return [
    {
      name: "duty-years",
      intervalMs,
      run: async () => {
        const created = await ensureDutyYears(ctx);
        if (created.length) ctx.logger.info({ duties: created }, "yearly duties created");
      },
    },
    {
      name: "duty-reminders",
      intervalMs,
      run: async () => {
        const n = await runDutyReminders(ctx);
        if (n > 0) ctx.logger.info({ reminders: n }, "duty reminders enqueued");
      },
    },
  ];
}
