import type { DbMigration } from "../db/migrator.js";

export const notificationsMigrations: DbMigration[] = [];
