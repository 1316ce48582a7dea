import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from "kysely";
import type { DialectName } from "./database.js";

/**
 * Every difference between SQLite and PostgreSQL lives here.
 * Conventions for both: instants are ISO-8601 UTC text, booleans are integers 0/1,
 * JSON is text, ids are auto-incremented integers.
 */

/** Adds an auto-incremented integer primary key named `id`. */
export function withId<T extends string>(table: CreateTableBuilder<T, never>, dialect: DialectName) {
  return dialect === "postgres"
    ? table.addColumn("id", "serial", (c) => c.primaryKey())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}

/** A foreign key column type that matches `withId`. */
export const refType = "integer" as const;

export const fk = (table: string, onDelete: "cascade" | "set null" | "restrict" = "restrict") =>
  (c: ColumnDefinitionBuilder) => c.references(`${table}.id`).onDelete(onDelete);

export const toBool = (v: unknown): boolean => v === true || v === 1 || v === "1";
export const fromBool = (v: boolean): number => (v ? 1 : 0);

export function parseJson<T>(v: unknown, fallback: T): T {
  if (v === null || v === undefined) return fallback;
  if (typeof v !== "string") return v as T;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}

/** A unique (or primary key) constraint refused the row: PostgreSQL's 23505, SQLite's constraint codes. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string };
  return e?.code === "23505" || e?.code === "SQLITE_CONSTRAINT_UNIQUE" || e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** Case-insensitive LIKE on a text column (the caller folds the pattern). */
export const likeOp = (dialect: DialectName) => (dialect === "postgres" ? "ilike" : "like");

/** Whether row locks with SKIP LOCKED exist (PostgreSQL). SQLite serialises writers instead. */
export const supportsSkipLocked = (dialect: DialectName) => dialect === "postgres";

/**
 * The database's own clock, plus `plusMs`, as ISO-8601 UTC text with milliseconds (the format of
 * `toISOString()`). For what several API processes must agree on in real time (job leases): one
 * clock for all of them, never a process's own nor the business clock (`ctx.clock`).
 */
export function dbClockIso(dialect: DialectName, plusMs = 0) {
  const ms = Math.round(plusMs);
  if (dialect === "postgres") {
    return sql<string>`to_char((clock_timestamp() + ${sql.lit(ms)} * interval '1 millisecond') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  }
  return sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ${sql.lit(`${ms < 0 ? "-" : "+"}${(Math.abs(ms) / 1000).toFixed(3)} seconds`)})`;
}

/** A cheap round trip that proves the database answers. */
export async function ping(db: Kysely<any>): Promise<void> {
  await sql`select 1`.execute(db);
}
