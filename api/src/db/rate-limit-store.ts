import { sql } from "kysely";
import type { Options, Store } from "express-rate-limit";
import type { Database } from "./database.js";
import { dbClockIso } from "./dialect.js";
import type { DbMigration } from "./migrator.js";

/**
 * A store for express-rate-limit kept in the database, so a limit counts every attempt whichever
 * API instance receives it (an in-memory store lets N instances allow N times the limit). Fixed
 * windows by the database's clock, the one every instance shares; one atomic upsert per hit.
 */

export interface RateLimitsTable {
  /** the limiter's prefix + the client key (an address) */
  key: string;
  hits: number;
  /** the window ends at this instant (database clock) */
  reset_at: string;
}

export interface RateLimitTables {
  rate_limits: RateLimitsTable;
}

export const rateLimitMigrations: DbMigration[] = [
  {
    name: "0051_rate_limits",
    async up(db) {
      await db.schema
        .createTable("rate_limits")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("hits", "integer", (c) => c.notNull())
        .addColumn("reset_at", "text", (c) => c.notNull())
        .execute();
    },
  },
];

export function databaseRateLimitStore(database: Database, prefix: string): Store {
  const { db, dialect } = database;
  let windowMs = 60_000;
  const now = () => dbClockIso(dialect);
  return {
    prefix,
    localKeys: false,
    init(options: Options) {
      windowMs = options.windowMs;
    },
    async get(key) {
      const row = await db.selectFrom("rate_limits").select(["hits", "reset_at"]).where("key", "=", prefix + key).where("reset_at", ">", now()).executeTakeFirst();
      return row ? { totalHits: Number(row.hits), resetTime: new Date(row.reset_at) } : undefined;
    },
    async increment(key) {
      // windows that ended are of no use to anyone (one address rarely comes back within the hour)
      await db.deleteFrom("rate_limits").where("reset_at", "<", dbClockIso(dialect, -windowMs)).execute();
      const row = await db
        .insertInto("rate_limits")
        .values({ key: prefix + key, hits: 1, reset_at: dbClockIso(dialect, windowMs) })
        .onConflict((oc) =>
          oc.column("key").doUpdateSet({
            // every SET expression sees the row as it was: a window that has ended starts again at 1
            hits: sql<number>`case when rate_limits.reset_at <= ${now()} then 1 else rate_limits.hits + 1 end`,
            reset_at: sql<string>`case when rate_limits.reset_at <= ${now()} then excluded.reset_at else rate_limits.reset_at end`,
          }),
        )
        .returning(["hits", "reset_at"])
        .executeTakeFirstOrThrow();
      return { totalHits: Number(row.hits), resetTime: new Date(row.reset_at) };
    },
    async decrement(key) {
      await db.updateTable("rate_limits").set({ hits: sql<number>`hits - 1` }).where("key", "=", prefix + key).where("hits", ">", 0).execute();
    },
    async resetKey(key) {
      await db.deleteFrom("rate_limits").where("key", "=", prefix + key).execute();
    },
  };
}
