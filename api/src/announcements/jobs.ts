import type { AppContext } from "../http/context.js";
import type { Job } from "../jobs.js";
import { publishDue } from "./publishing.js";

/** Scheduled publishing: notices whose publishAt has come go out, with their pushes. */
export function announcementJobs(ctx: AppContext): Job[] {
  return [
    {
      name: "announcements.publish-scheduled",
      intervalMs: ctx.config.workerIntervalMs,
      async run() {
        const n = await publishDue(ctx);
        if (n) ctx.logger.info({ published: n }, "scheduled announcements published");
      },
    },
  ];
}
