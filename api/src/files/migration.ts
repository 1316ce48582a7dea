import type { DbMigration } from "../db/migrator.js";

export const filesMigrations: DbMigration[] = [];
