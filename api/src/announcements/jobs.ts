import type { AppContext } from "../http/context.js";
import type { Job } from "../jobs.js";

/** Scheduled publishing (filled in by the announcements feature). */
export function announcementJobs(_ctx: AppContext): Job[] {
  return [];
}
