import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, type RawBuilder, type SqlBool } from "kysely";
import type { DialectName } from "./database.js";
import { escapeLike } from "../lib/text.js";

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

/**
 * A trigger running `statements` after each event on `table`, in both dialects. `perRow` statements
 * may use NEW/OLD; otherwise PostgreSQL runs them once per statement (SQLite triggers are always per
 * row). `columns` limits an update trigger to changes of those columns.
 */
export async function createTrigger(
  db: Kysely<any>,
  dialect: DialectName,
  t: { name: string; table: string; event: "insert" | "update" | "delete"; columns?: string[]; perRow?: boolean; statements: string },
): Promise<void> {
  const event = `${t.event.toUpperCase()}${t.event === "update" && t.columns?.length ? ` OF ${t.columns.join(", ")}` : ""}`;
  if (dialect === "sqlite") {
    await sql.raw(`CREATE TRIGGER ${t.name} AFTER ${event} ON ${t.table} FOR EACH ROW BEGIN ${t.statements}; END`).execute(db);
    return;
  }
  await sql.raw(`CREATE FUNCTION ${t.name}_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${t.statements}; RETURN NULL; END $$`).execute(db);
  await sql.raw(`CREATE TRIGGER ${t.name} AFTER ${event} ON ${t.table} FOR EACH ${t.perRow ? "ROW" : "STATEMENT"} EXECUTE FUNCTION ${t.name}_fn()`).execute(db);
}

/** Drops a trigger made by `createTrigger` (and, in PostgreSQL, its function). */
export async function dropTrigger(db: Kysely<any>, dialect: DialectName, name: string, table: string): Promise<void> {
  if (dialect === "sqlite") {
    await sql.raw(`DROP TRIGGER IF EXISTS ${name}`).execute(db);
    return;
  }
  await sql.raw(`DROP TRIGGER IF EXISTS ${name} ON ${table}`).execute(db);
  await sql.raw(`DROP FUNCTION IF EXISTS ${name}_fn()`).execute(db);
}

/**
 * An index that finds substrings of a folded text column (`LIKE '%word%'` semantics) without
 * reading the table: SQLite's FTS5 with the trigram tokenizer (an external-content table
 * `<table>_fts` kept in step by triggers), PostgreSQL's pg_trgm GIN index. Words under three
 * characters cannot use a trigram index: `substringMatch` then falls back to LIKE.
 */
export async function createSubstringIndex(db: Kysely<any>, dialect: DialectName, table: string, column: string): Promise<void> {
  if (dialect === "sqlite") {
    const fts = `${table}_fts`;
    await sql.raw(`CREATE VIRTUAL TABLE ${fts} USING fts5(${column}, content='${table}', content_rowid='id', tokenize='trigram')`).execute(db);
    await sql.raw(`INSERT INTO ${fts}(${fts}) VALUES ('rebuild')`).execute(db);
    const add = `INSERT INTO ${fts}(rowid, ${column}) VALUES (NEW.id, NEW.${column})`;
    const remove = `INSERT INTO ${fts}(${fts}, rowid, ${column}) VALUES ('delete', OLD.id, OLD.${column})`;
    await createTrigger(db, dialect, { name: `${fts}_ins`, table, event: "insert", statements: add });
    await createTrigger(db, dialect, { name: `${fts}_del`, table, event: "delete", statements: remove });
    await createTrigger(db, dialect, { name: `${fts}_upd`, table, event: "update", columns: [column], statements: `${remove}; ${add}` });
    return;
  }
  // pg_trgm is a trusted extension (the database owner may create it). One creator at a time: test
  // suites migrate their own schemas in parallel. It lives in whichever schema holds it already.
  await sql`select pg_advisory_xact_lock(830013)`.execute(db);
  await sql`create extension if not exists pg_trgm with schema public`.execute(db);
  const { rows } = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
  await sql.raw(`CREATE INDEX ${table}_${column}_trgm ON ${table} USING gin (${column} "${rows[0].schema}".gin_trgm_ops)`).execute(db);
}

/** At most this many ids found by the SQLite index are passed on as a list; more means a common word. */
const SUBSTRING_LIST_MAX = 500;

/**
 * A condition: the folded `column` of `table` contains every word (see createSubstringIndex).
 * PostgreSQL's planner weighs the trigram index itself. SQLite's cannot tell a rare word from a
 * common one, so the index is asked first for a few ids: a rare word becomes that short list of
 * ids (read by primary key); a common word is matched with LIKE while walking the feed's order,
 * which stops as soon as a page is full.
 */
export async function substringMatch(db: Kysely<any>, dialect: DialectName, table: string, column: string, words: string[]): Promise<RawBuilder<SqlBool>> {
  const like = (w: string) => sql<SqlBool>`${sql.ref(`${table}.${column}`)} like ${`%${escapeLike(w)}%`} escape '\\'`;
  const all = (conditions: RawBuilder<SqlBool>[]) => sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
  const indexed = words.filter((w) => [...w].length >= 3);
  if (dialect === "postgres" || indexed.length === 0) return all(words.map(like));
  // An FTS5 phrase per word ("…", quotes doubled): with the trigram tokenizer a phrase matches as a substring.
  const query = indexed.map((w) => `"${w.replace(/"/g, '""')}"`).join(" ");
  const fts = sql.table(`${table}_fts`);
  const { rows } = await sql<{ id: number }>`select rowid as id from ${fts} where ${fts} match ${query} limit ${SUBSTRING_LIST_MAX + 1}`.execute(db);
  if (rows.length > SUBSTRING_LIST_MAX) return all(words.map(like));
  const ids = rows.length ? sql<SqlBool>`${sql.ref(`${table}.id`)} in (${sql.join(rows.map((r) => r.id))})` : sql<SqlBool>`1 = 0`;
  return all([ids, ...words.filter((w) => [...w].length < 3).map(like)]);
}

/**
 * Keeps the query planner's statistics current. SQLite has none until ANALYZE runs, and without
 * them it guesses that `status = ?` finds ten rows, walking whole indexes where a key lookup would
 * do: PRAGMA optimize gathers them (approximately, in milliseconds) for tables that changed a lot.
 * PostgreSQL's autovacuum does this by itself.
 */
export async function refreshPlannerStatistics(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect !== "sqlite") return;
  await sql`pragma analysis_limit = 1000`.execute(db);
  await sql`pragma optimize = 0x10002`.execute(db);
}
