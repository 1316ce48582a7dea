import { catalogMigrations } from "../catalog/migration.js";
import { catalogEditingMigrations } from "../catalog/editing-migration.js";
import { catalogWardMigrations } from "../catalog/ward-migration.js";
import { identityMigrations } from "../identity/migration.js";
import { filesMigrations } from "../files/migration.js";
import { notificationsMigrations } from "../notifications/migration.js";
import { announcementsMigrations } from "../announcements/migration.js";
import { reportsMigrations } from "../reports/migration.js";
import { commendationMigrations } from "../reports/commendations.js";
import { feedbackMigrations } from "../feedback/migration.js";
import { dutiesMigrations } from "../duties/migration.js";
import { difficultiesMigrations } from "../difficulties/migration.js";
import { supervisionMigrations } from "../supervision/migration.js";
import { dialoguesMigrations } from "../dialogues/migration.js";
import { exportsMigrations } from "../exports/migration.js";
import { cityMigrations } from "../city/migration.js";
import { jobLeaseMigrations } from "./job-lock.js";
import { rateLimitMigrations } from "./rate-limit-store.js";
import { hotReadMigrations } from "./hot-reads.js";
import type { DbMigration } from "./migrator.js";

/**
 * Every migration of the product, in order. Names start with a number so that Kysely's
 * alphabetical order is the order below; each feature owns its own file.
 */
export const allMigrations: DbMigration[] = [
  ...jobLeaseMigrations, // 0050 (the job runner, db/job-lock.ts)
  ...rateLimitMigrations, // 0051 (rate limits shared by every instance, db/rate-limit-store.ts)
  ...catalogMigrations, // 0100-
  ...catalogEditingMigrations, // 0120
  ...catalogWardMigrations, // 0150 (the plan's work per ward)
  ...identityMigrations, // 0200-
  ...filesMigrations, // 0300-
  ...notificationsMigrations, // 0400-
  ...announcementsMigrations, // 0500-
  ...reportsMigrations, // 0600-
  ...commendationMigrations, // 0650
  ...feedbackMigrations, // 0700-
  ...dutiesMigrations, // 0800-
  ...exportsMigrations, // 0850 (summary sections)
  ...difficultiesMigrations, // 0900-
  ...supervisionMigrations, // 1000-
  ...dialoguesMigrations, // 1100-
  ...cityMigrations, // 1200- (the report sent upward, the city's view)
  ...hotReadMigrations, // 1300 (PostgreSQL: notices that let every instance keep its hot reads, db/hot-reads.ts)
];
