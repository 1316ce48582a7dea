import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
import type { DialectName } from "./database.js";

/** A migration that knows which database it runs on (see dialect.ts for the differences). */
export interface DbMigration {
  name: string;
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

export async function migrateToLatest(db: Kysely<any>, dialect: DialectName, migrations: DbMigration[]): Promise<string[]> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const m of migrations) out[m.name] = { up: (k) => m.up(k, dialect) };
      return out;
    },
  };
  // Features number their migrations in their own ranges, so a later migration of an earlier feature
  // (e.g. 0201 after 0300 ran) is normal: allow it.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
