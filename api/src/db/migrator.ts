import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
import type { DialectName } from "./database.js";

/** A migration that knows which database it runs on (see dialect.ts for the differences). */
export interface DbMigration {
  name: string;
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

/**
 * Applies every pending migration. On PostgreSQL, `schema` pins Kysely's bookkeeping tables to the
 * schema in use: its existence check otherwise matches a same-named table in any schema.
 */
export async function migrateToLatest(
  db: Kysely<any>,
  dialect: DialectName,
  migrations: DbMigration[],
  schema?: string,
): Promise<string[]> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const m of migrations) out[m.name] = { up: (k) => m.up(k, dialect) };
      return out;
    },
  };
  // Features number their migrations in their own ranges, so a later migration of an earlier feature
  // (e.g. 0201 after 0300 ran) is normal: allow it.
  const migrator = new Migrator({
    db,
    provider,
    allowUnorderedMigrations: true,
    ...(dialect === "postgres" ? { migrationTableSchema: schema ?? "public" } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
