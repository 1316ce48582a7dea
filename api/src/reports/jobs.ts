import type { AppContext } from "../http/context.js";
import type { Job } from "../jobs.js";

/** Deadline reminders 14, 7, 1 days before and the day after (filled in by the reports feature). */
export function reportJobs(_ctx: AppContext): Job[] {
  return [];
}
