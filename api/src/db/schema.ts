import type { CatalogTables } from "../catalog/tables.js";
import type { IdentityTables } from "../identity/tables.js";
import type { FilesTables } from "../files/tables.js";
import type { NotificationTables } from "../notifications/tables.js";
import type { AnnouncementTables } from "../announcements/tables.js";
import type { ReportTables } from "../reports/tables.js";
import type { FeedbackTables } from "../feedback/tables.js";
import type { DutyTables } from "../duties/tables.js";
import type { DifficultyTables } from "../difficulties/tables.js";
import type { SupervisionTables } from "../supervision/tables.js";
import type { DialogueTables } from "../dialogues/tables.js";
import type { ExportTables } from "../exports/tables.js";
import type { CityTables } from "../city/tables.js";
import type { JobLeaseTables } from "./job-lock.js";
import type { RateLimitTables } from "./rate-limit-store.js";

/** The whole database, composed from each feature's tables. */
export interface DB
  extends CatalogTables,
    IdentityTables,
    FilesTables,
    NotificationTables,
    AnnouncementTables,
    ReportTables,
    FeedbackTables,
    DutyTables,
    DifficultyTables,
    SupervisionTables,
    DialogueTables,
    ExportTables,
    CityTables,
    JobLeaseTables,
    RateLimitTables {}
