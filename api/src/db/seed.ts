import type { AppContext } from "../http/context.js";
import { seedCatalog } from "../catalog/seed.js";

/**
 * Seeds the reference plan (always) and the demo content (when SEED_DEMO is on).
 * Idempotent: a second start changes nothing.
 */
export async function seedAll(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now().toISOString();
  await seedCatalog(ctx.database.db, now);
}
