import type { Config } from "../config.js";
import type { Database } from "../db/database.js";
import type { Logger } from "../lib/logger.js";
import type { Role } from "../contract/identity.js";

/** The signed-in person behind a request, as the access policy sees them. */
export interface AuthUser {
  id: number;
  name: string;
  role: Role;
  unitId: number | null;
  /** the ward (tenant) the user acts in; null for city staff */
  wardId: number | null;
  sessionId: number;
}

import type { Clock } from "../lib/clock.js";

export type { Clock };

/** What every route handler and worker gets: built once per app. */
export interface AppContext {
  config: Config;
  database: Database;
  logger: Logger;
  clock: Clock;
}

declare module "express-serve-static-core" {
  interface Request {
    auth?: AuthUser | null;
    authError?: { code: string; message: string };
    /** the path as the request log shows it: secret parameters masked (set by the route builder) */
    logPath?: string;
  }
}
