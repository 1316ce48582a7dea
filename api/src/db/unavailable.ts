/**
 * Tells "the database cannot be reached right now" apart from a bug. Such failures answer 503 with a
 * stable code and Retry-After (never 500), and the next request after the database is back succeeds:
 * pg's pool replaces dead connections by itself, SQLite retries on its own once the lock is gone.
 */

/** PostgreSQL SQLSTATEs of a server that is shutting down, starting up or unreachable. */
const PG_UNAVAILABLE = new Set([
  "57P01", // admin_shutdown (pg_ctl stop/restart -m fast)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, in recovery)
  "08000", // connection_exception
  "08001", // sqlclient_unable_to_establish_sqlconnection
  "08003", // connection_does_not_exist
  "08004", // sqlserver_rejected_establishment_of_sqlconnection
  "08006", // connection_failure
  "53300", // too_many_connections
]);

/** Socket errors of a connection that cannot be opened or was cut. */
const NET_UNAVAILABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNABORTED"]);

/** SQLite result codes of a file that is locked for too long, unreadable or out of room. */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|PROTOCOL|READONLY_DBMOVED)/;

/** pg's own messages for a connection that died or never came (they carry no code). */
const PG_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /the database system is (shutting down|starting up|in recovery mode)/i,
];

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 4) return false;
  // An outgoing HTTP call that failed (Zalo) carries socket codes too: that is not the database.
  if (err instanceof TypeError && (err as Error).message === "fetch failed") return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  const code = typeof e.code === "string" ? e.code : "";
  if (PG_UNAVAILABLE.has(code) || NET_UNAVAILABLE.has(code) || SQLITE_UNAVAILABLE.test(code)) return true;
  const message = typeof e.message === "string" ? e.message : "";
  if (PG_MESSAGES.some((re) => re.test(message))) return true;
  // AggregateError (several addresses refused) and wrapped causes
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** Seconds a client should wait before trying again while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
