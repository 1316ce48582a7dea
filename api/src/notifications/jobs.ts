import type { AppContext } from "../http/context.js";
import type { Job } from "../jobs.js";

/** The push delivery worker (filled in by the notifications feature). */
export function notificationJobs(_ctx: AppContext): Job[] {
  return [];
}
