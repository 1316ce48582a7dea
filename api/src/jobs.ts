import type { AppContext } from "./http/context.js";
import { notificationJobs } from "./notifications/jobs.js";
import { reportJobs } from "./reports/jobs.js";
import { announcementJobs } from "./announcements/jobs.js";
import { dutyJobs } from "./duties/jobs.js";
import { refreshPlannerStatistics } from "./db/dialect.js";

/** A background job the server runs every `intervalMs` (the notification outbox, reminders…). */
export interface Job {
  name: string;
  intervalMs: number;
  run(): Promise<void>;
}

/** Every background job of the product; each feature adds its own. */
export function backgroundJobs(ctx: AppContext): Job[] {
  return [...notificationJobs(ctx), ...announcementJobs(ctx), ...reportJobs(ctx), ...dutyJobs(ctx), plannerStatistics(ctx)];
}

/** Hourly: the database's query planner statistics follow the data as it grows (db/dialect.ts). */
function plannerStatistics(ctx: AppContext): Job {
  return { name: "db.planner-statistics", intervalMs: 3_600_000, run: () => refreshPlannerStatistics(ctx.database.db, ctx.database.dialect) };
}
