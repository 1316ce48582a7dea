import type { DbMigration } from "../db/migrator.js";

export const feedbackMigrations: DbMigration[] = [];
