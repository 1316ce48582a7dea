import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery, type DatabaseConnection, type SqliteDatabase } from "kysely";
import pg from "pg";
import type { Config } from "../config.js";
import type { DB } from "./schema.js";
import type { Logger } from "../lib/logger.js";
import { listenedHotReads, statementKind, type HotReads, type HotReadsOptions } from "./hot-reads.js";

export type DialectName = "sqlite" | "postgres";

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** what was opened, so an export worker thread can open its own connection to the same database */
  opened: { target: Config["database"]; searchPath?: string };
  destroy(): Promise<void>;
  /**
   * SQLite only: answers a read right away, without Kysely's connection queue, when no transaction
   * is open on the connection (else undefined: the caller goes through Kysely and waits its turn, so
   * it never reads another request's uncommitted writes). For the hot queries (hot-query.ts), whose
   * answers are also kept until the database changes (frozen rows: never modify them).
   */
  readNow?: (sql: string, parameters: readonly unknown[]) => readonly unknown[] | undefined;
  /**
   * PostgreSQL only: the hot reads' answers kept while nothing they read changes, and their listener
   * (hot-reads.ts); kept answers also come from readNow.
   */
  hotReads?: HotReads;
}

export class DatabaseOpenError extends Error {}

// PostgreSQL returns bigint (count(*)) as a string; our ids and counts fit in a JS number.
pg.types.setTypeParser(20, (v: string) => Number(v));
// numeric → number (sums of integer columns are numeric in PostgreSQL).
pg.types.setTypeParser(1700, (v: string) => Number(v));

export interface DatabaseOptions {
  searchPath?: string;
  poolSize?: number;
  /** where connection losses are reported (they are expected during a database restart) */
  logger?: Logger;
  /** SQLite: how long a write waits for a lock before the request answers 503 */
  sqliteBusyTimeoutMs?: number;
  /** PostgreSQL: the hot reads' listener, tuned (tests) */
  hotReads?: Omit<HotReadsOptions, "connectionString" | "searchPath" | "logger">;
}

/**
 * A statement of this instance that may change what a hot read reads — a write on its own, or the
 * commit of a transaction that wrote (statementKind) — forgets the kept hot answers once it is done
 * (hot-reads.ts): the next request sees its own change without waiting for the database's notice.
 * A write inside a transaction is seen by other connections only at its commit, so that is when.
 * The driver sends begin, commit and rollback through the same method.
 */
function forgetOnWrite(connection: DatabaseConnection, hot: HotReads): void {
  const execute = connection.executeQuery.bind(connection);
  let inTransaction = false;
  let wrote = false; // in the transaction under way
  connection.executeQuery = async <R>(query: CompiledQuery) => {
    const kind = statementKind(query.sql);
    if (kind === "begin" || kind === "rollback") inTransaction = kind === "begin";
    if (kind !== "commit" && kind !== "write") return execute<R>(query);
    if (kind === "write" && inTransaction) {
      wrote = true;
      return execute<R>(query);
    }
    try {
      return await execute<R>(query);
    } finally {
      if (kind === "write" || wrote) hot.changed();
      if (kind === "commit") inTransaction = wrote = false;
    }
  };
}

export function createDatabase(target: Config["database"], options: DatabaseOptions = {}): Database {
  if (target.kind === "postgres") {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    });
    // PostgreSQL closing a connection (restart, failover, idle timeout of a proxy) makes the pool and
    // the client emit 'error'; without a listener Node exits. The pool drops the dead client and opens
    // a fresh one for the next query, so logging is all there is to do.
    const lost = (err: Error) => options.logger?.warn({ code: (err as { code?: string }).code, msg: err.message }, "database connection lost");
    pool.on("error", lost);
    pool.on("connect", (client) => client.on("error", lost));
    const hot = listenedHotReads({ ...options.hotReads, connectionString: target.url, searchPath: options.searchPath, logger: options.logger });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool, onCreateConnection: async (connection) => forgetOnWrite(connection, hot) }) });
    return {
      db,
      dialect: "postgres",
      opened: { target, searchPath: options.searchPath },
      destroy: async () => {
        await hot.close();
        await db.destroy();
      },
      readNow: hot.readNow,
      hotReads: hot,
    };
  }
  let sqlite: SQLite.Database;
  try {
    if (target.path !== ":memory:") fs.mkdirSync(path.dirname(target.path), { recursive: true });
    sqlite = new SQLite(target.path);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.round(options.sqliteBusyTimeoutMs ?? 5000))}`);
    // FULL: a write the API acknowledged survives a power cut too, not only a crash of the process;
    // the cost is measured by bench/sqlite-synchronous.mjs (docs/architecture.md, "The database").
    sqlite.pragma("synchronous = FULL");
  } catch (err) {
    throw new DatabaseOpenError(
      `Không mở được cơ sở dữ liệu SQLite tại "${target.path}": ${(err as Error).message}. ` +
        "Kiểm tra đường dẫn SQLITE_PATH và quyền ghi của thư mục.",
    );
  }
  const statements = withStatementCache(sqlite);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: statements }) });
  const readNow = rememberedReads(sqlite, (sql, parameters) => statements.prepare(sql).all(parameters) as unknown[]);
  return { db, dialect: "sqlite", opened: { target }, destroy: () => db.destroy(), readNow };
}

/**
 * The answers of the hot reads, kept while the database is unchanged. SQLite says when it changed:
 * total_changes() moves with every row this connection writes (triggers included, even if rolled
 * back), data_version with every commit of another connection (another process on the same file).
 * Either move forgets every kept answer.
 * - total_changes() is asked on every read: a write earlier in this same turn of the event loop
 *   is seen by the next read.
 * - data_version is asked once per turn of the event loop (it costs a few microseconds): another
 *   process's commit is seen from the next turn on; requests of the turn already running came in
 *   while that commit was being made.
 * Answers are kept per SQL text (the same string each time: its hash is computed once), then by
 * the arguments.
 */
function rememberedReads(sqlite: SQLite.Database, read: (sql: string, parameters: readonly unknown[]) => unknown[]) {
  const written = sqlite.prepare("select total_changes()").pluck();
  const committed = sqlite.prepare("pragma data_version").pluck();
  const MAX = 5000;
  let otherCommits: number | undefined;
  const commitsThisTurn = () => {
    if (otherCommits === undefined) {
      otherCommits = committed.get() as number;
      setImmediate(() => (otherCommits = undefined));
    }
    return otherCommits;
  };
  let markWritten = -1;
  let markCommitted = -1;
  let kept = new Map<string, Map<string, readonly unknown[]>>();
  return (sql: string, parameters: readonly unknown[]): readonly unknown[] | undefined => {
    if (sqlite.inTransaction) return undefined;
    const nowWritten = written.get() as number;
    const nowCommitted = commitsThisTurn();
    if (nowWritten !== markWritten || nowCommitted !== markCommitted) {
      markWritten = nowWritten;
      markCommitted = nowCommitted;
      kept = new Map();
    }
    let answers = kept.get(sql);
    if (!answers) kept.set(sql, (answers = new Map()));
    const key = JSON.stringify(parameters);
    let rows = answers.get(key);
    if (!rows) {
      rows = Object.freeze(read(sql, parameters).map((r) => Object.freeze(r)));
      if (answers.size >= MAX) answers.delete(answers.keys().next().value!);
      answers.set(key, rows);
    }
    return rows;
  };
}

/**
 * Kysely prepares every query anew; preparing costs more than running a small query. The same SQL
 * text reuses its prepared statement (SQLite re-prepares it by itself after a schema change). A
 * statement still being iterated (a streamed query) is busy: then a fresh one is prepared.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase & { prepare(text: string): SQLite.Statement } {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const cached = cache.get(text);
      if (cached && !cached.busy) return cached;
      const stmt = sqlite.prepare(text);
      if (!cached) {
        if (cache.size >= 500) cache.delete(cache.keys().next().value!);
        cache.set(text, stmt);
      }
      return stmt;
    },
  };
}
