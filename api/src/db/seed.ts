import type { AppContext } from "../http/context.js";
import { seedCatalog } from "../catalog/seed.js";
import { seedIdentity } from "../identity/seed.js";
import { seedFeedback } from "../feedback/seed.js";
import { seedDemoAnnouncements } from "../announcements/seed.js";
import { seedDemoReports } from "../reports/demo-seed.js";
import { seedDemoWards } from "../wards/demo-seed.js";
import { prepareAllWards } from "../wards/prepare.js";
import { registerAllSubmitted } from "../difficulties/register.js";

/**
 * Seeds the reference plan and reference lists (always) and the demo content (when SEED_DEMO is on).
 * Idempotent: a second start changes nothing.
 */
export async function seedAll(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now().toISOString();
  await seedCatalog(ctx.database.db, now);
  // every ward's unit assignments, rules and milestones, yearly periods and duties (what is missing)
  await prepareAllWards(ctx);
  await seedIdentity(ctx);
  await seedFeedback(ctx);
  if (ctx.config.seedDemo) await seedDemoAnnouncements(ctx);
  // demo reports would enter the ward's real completeness and summary: never in production
  if (ctx.config.seedDemo && ctx.config.env !== "production") await seedDemoReports(ctx);
  // the city's demo: two more wards with their people, notices, feedback and reports, and the city's notices
  if (ctx.config.seedDemo && ctx.config.env !== "production") await seedDemoWards(ctx);
  // reports submitted before the register existed (and demo reports) get their items
  await registerAllSubmitted(ctx);
}
