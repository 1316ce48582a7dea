import type { Config } from "./config.js";
import { createDatabase } from "./db/database.js";
import { migrateToLatest } from "./db/migrator.js";
import { allMigrations } from "./db/migrations.js";
import { seedAll } from "./db/seed.js";
import { withStartupLock } from "./db/job-lock.js";
import { refreshPlannerStatistics } from "./db/dialect.js";
import { createLogger, type Logger } from "./lib/logger.js";
import type { AppContext } from "./http/context.js";
import { initFileLinks } from "./files/access.js";
import { ShiftedClock, systemClock, type Clock } from "./lib/clock.js";

/** Opens the database, migrates it and seeds the reference plan: shared by the server and the tests. */
export async function bootstrap(
  config: Config,
  options: { logger?: Logger; clock?: Clock; searchPath?: string } = {},
): Promise<AppContext> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const searchPath = options.searchPath ?? (config.database.kind === "postgres" ? config.database.schema : undefined);
  const database = createDatabase(config.database, { searchPath, logger, sqliteBusyTimeoutMs: config.sqliteBusyTimeoutMs });
  const ctx: AppContext = { config, database, logger, clock: options.clock ?? (config.testClock ? new ShiftedClock(config.testClock) : systemClock) };
  try {
    // instances starting together take turns (db/job-lock.ts)
    await withStartupLock(database, async () => {
      const applied = await migrateToLatest(database.db, database.dialect, allMigrations, searchPath);
      if (applied.length) logger.info({ applied }, "migrations applied");
      await seedAll(ctx);
      await initFileLinks(ctx);
      await refreshPlannerStatistics(database.db, database.dialect);
    });
  } catch (err) {
    await database.destroy().catch(() => {});
    throw err;
  }
  return ctx;
}
