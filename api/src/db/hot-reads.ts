import pg from "pg";
import { sql } from "kysely";
import type { Logger } from "../lib/logger.js";
import type { DbMigration } from "./migrator.js";

/**
 * PostgreSQL: the answers of the hot reads (hot-query.ts: the session, the feed's state) kept in
 * memory while nothing they read has changed, so a request that only needs them — a feed 304, most
 * signed-in requests' session — asks the database nothing. Other instances write too, so the
 * database says when something changed: a statement trigger on every table a hot read reads sends
 * `NOTIFY hot_reads, '<schema>.<table>'`, delivered at commit to every instance listening on its own
 * connection. On a notice of its schema, an instance forgets the answers that read that table.
 * - This instance's own writes forget every kept answer at once (after each writing statement and
 *   each commit, database.ts), without waiting for their notice: a client sees its own change on its
 *   very next request. Another instance's change is seen once its notice arrives (milliseconds).
 * - Nothing is kept unless the listening connection is up. While it is down (a database restart,
 *   a network cut) every hot read asks the database, and reconnecting forgets everything first:
 *   notices sent meanwhile are lost. Before keeping anything, and then every 10 s, the listener sends
 *   a notice to itself and waits for it (5 s): a connection cut off without an error, or one that
 *   hears no notice (a proxy pooling by transaction drops LISTEN), is taken down.
 * - A read that started before a change and ends after it is not kept (a generation counter), and
 *   reads arriving while the same read is under way since the last change wait for its answer.
 * - A hot read naming a table without the trigger is never kept (tablesOf): adding a hot read on a
 *   new table needs a migration adding the table to the notices, and to WATCHED_TABLES.
 */
export const HOT_READ_CHANNEL = "hot_reads";

/** The tables whose changes are notified (migration below); a hot read of any other is never kept. */
export const WATCHED_TABLES: readonly string[] = ["sessions", "users", "announcement_feed_state", "announcement_feed_revisions", "announcement_reader_state"];

/**
 * Tables whose writes cannot change what a hot read reads: none is watched and none has a trigger
 * (hot-reads.test.ts checks both). The job runner's leases are written every few seconds: forgetting
 * every kept answer each time would send the next fifty requests to the database.
 */
export const QUIET_TABLES: readonly string[] = ["job_leases", "rate_limits", "notifications"];

/**
 * What a statement of this instance does to the kept answers (database.ts): a read, a savepoint or
 * a write to a quiet table nothing; a transaction's begin, commit and rollback frame its writes; any
 * other statement (a write, a statement of unknown shape) may change what they read.
 */
export function statementKind(text: string): "read" | "quiet" | "begin" | "commit" | "rollback" | "write" {
  const verb = /^\s*(\w+)/.exec(text)?.[1].toLowerCase();
  if (verb === "begin" || /^\s*start\s+transaction\b/i.test(text)) return "begin";
  if (verb === "commit") return "commit";
  if (/^\s*rollback\s*$/i.test(text)) return "rollback";
  if (verb === "select" || verb === "rollback" || verb === "savepoint" || verb === "release") return "read"; // rollback to a savepoint
  // every table the statement writes (an upsert's "do update", a lock's "for update" name none): quiet only if all are
  const targets = [...text.matchAll(/\b(?:insert\s+into|(?<!\b(?:do|for)\s+)update|delete\s+from)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/gi)].map((m) => m[1].toLowerCase());
  return targets.length > 0 && targets.every((t) => QUIET_TABLES.includes(t)) ? "quiet" : "write";
}

/** The listening connection's name in pg_stat_activity, with its schema (an operator, or a test, can find it). */
export const listenerName = (schema: string) => `tns-hot-reads/${schema}`.slice(0, 63);

export const hotReadMigrations: DbMigration[] = [
  {
    name: "1300_hot_read_notices",
    async up(db, dialect) {
      if (dialect !== "postgres") return; // SQLite: one process; its kept answers watch the file (database.ts)
      await sql
        .raw(`CREATE FUNCTION hot_read_notice() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('${HOT_READ_CHANNEL}', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME); RETURN NULL; END $$`)
        .execute(db);
      // the tables as they were at this migration (frozen): a table watched later gets its own migration,
      // and hot-reads.test.ts checks that the triggers and WATCHED_TABLES name the same tables
      for (const table of ["sessions", "users", "announcement_feed_state", "announcement_feed_revisions", "announcement_reader_state"]) {
        await sql
          .raw(`CREATE TRIGGER hot_read_notice AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION hot_read_notice()`)
          .execute(db);
      }
    },
  },
];

export type HotReadsState = "idle" | "connecting" | "listening" | "down" | "closed";

export interface HotReads {
  /** the kept answer, when the listener is up and one is kept */
  readNow(sql: string, parameters: readonly unknown[]): readonly unknown[] | undefined;
  /**
   * Runs a hot read (`run`), or joins the same one already under way since the last change (fifty
   * requests arriving after a change ask the database once), and keeps its answer if nothing changed
   * meanwhile.
   */
  read(sql: string, parameters: readonly unknown[], run: () => Promise<readonly unknown[]>): Promise<readonly unknown[]>;
  /** this instance wrote: forget every kept answer */
  changed(): void;
  state(): HotReadsState;
  /** the listening connection's backend (pg_stat_activity.pid), null while it is not up */
  listenerPid(): number | null;
  close(): Promise<void>;
}

export interface HotReadsOptions {
  connectionString: string;
  /**
   * the search_path the instance's pool uses: the listener uses it too and asks which schema it
   * names (current_schema()), whose notices are about its tables (other schemas' are not)
   */
  searchPath?: string;
  logger?: Logger;
  /** the heartbeat's period and how long its answer may take (tests shorten them) */
  heartbeatMs?: number;
  heartbeatTimeoutMs?: number;
  /** the first wait before reconnecting (doubled on each failure, up to 5 s) */
  retryMs?: number;
  /** tests: another channel (one no trigger notifies shows what this instance's own writes do alone) */
  channel?: string;
}

const MAX_ANSWERS_PER_QUERY = 5000;

/** The tables a query reads (from / join), or null when one of them is not watched. */
const tablesCache = new Map<string, readonly string[] | null>();
export function tablesOf(text: string): readonly string[] | null {
  let tables = tablesCache.get(text);
  if (tables === undefined) {
    const named = [...text.matchAll(/\b(?:from|join)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/gi)].map((m) => m[1].toLowerCase());
    tables = named.length > 0 && named.every((t) => WATCHED_TABLES.includes(t)) ? [...new Set(named)] : null;
    tablesCache.set(text, tables);
  }
  return tables;
}

export function listenedHotReads(options: HotReadsOptions): HotReads {
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 5_000;
  const retryMs = options.retryMs ?? 250;
  const channel = options.channel ?? HOT_READ_CHANNEL;
  let ours = "?."; // the schema's prefix, asked once connected
  let state: HotReadsState = "idle";
  let client: pg.Client | null = null;
  let generation = 0;
  let failures = 0;
  let reconnect: NodeJS.Timeout | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  /** answers by SQL text, then by their parameters */
  const kept = new Map<string, { tables: readonly string[]; answers: Map<string, readonly unknown[]> }>();
  /** reads under way, by parameters and SQL text, with the generation they started in */
  const inflight = new Map<string, { since: number; answer: Promise<readonly unknown[]> }>();

  const forget = (table?: string) => {
    generation++;
    if (!table) return kept.clear();
    for (const [text, entry] of kept) if (entry.tables.includes(table)) kept.delete(text);
  };

  const down = (why: Error | null, from: pg.Client) => {
    if (client !== from || state === "closed") return; // an old connection's late event
    client = null;
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
    forget();
    if (state !== "down") options.logger?.warn({ msg: why?.message ?? "connection ended" }, "hot reads: listener down, every hot read asks the database");
    state = "down";
    from.end().catch(() => undefined);
    const wait = Math.min(5000, retryMs * 2 ** failures++);
    reconnect = setTimeout(() => void connect(), wait);
    reconnect.unref();
  };

  /** probes sent on the listening connection, waiting for their own notice to come back */
  const probes = new Map<string, () => void>();
  let probeCount = 0;
  /**
   * Sends a notice to itself and waits for it: proof that notices reach this connection (through a
   * proxy that pools by transaction, LISTEN silently hears nothing, and nothing may be kept).
   */
  const probe = (c: pg.Client) =>
    new Promise<void>((resolve, reject) => {
      const token = `~probe.${++probeCount}`;
      const timeout = setTimeout(() => {
        probes.delete(token);
        reject(new Error("no notice came back within the heartbeat's time"));
      }, heartbeatTimeoutMs);
      timeout.unref();
      probes.set(token, () => (clearTimeout(timeout), resolve()));
      c.query("select pg_notify($1, $2)", [channel, ours + token]).catch((err: Error) => (clearTimeout(timeout), probes.delete(token), reject(err)));
    });

  const connect = async () => {
    reconnect = null;
    if (state === "closed") return;
    if (state === "idle") state = "connecting";
    const c = new pg.Client({
      connectionString: options.connectionString,
      application_name: listenerName(options.searchPath ?? "public"),
      keepAlive: true,
      connectionTimeoutMillis: 5000,
      ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    });
    client = c;
    c.on("error", (err) => down(err, c));
    c.on("end", () => down(null, c));
    c.on("notification", (n) => {
      if (n.channel !== channel) return;
      if (!n.payload) return forget();
      if (!n.payload.startsWith(ours)) return; // another schema's tables
      const what = n.payload.slice(ours.length);
      if (what.startsWith("~")) return probes.get(what)?.();
      forget(what);
    });
    try {
      await c.connect();
      ours = `${(await c.query<{ schema: string }>("select current_schema() as schema")).rows[0].schema}.`;
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      await probe(c);
    } catch (err) {
      return down(err as Error, c);
    }
    if (client !== c || (state as HotReadsState) === "closed") return;
    forget(); // whatever was sent while no one listened is lost
    if (state === "down") options.logger?.info({}, "hot reads: listening again");
    state = "listening";
    failures = 0;
    // a connection cut off without an error, or one that stopped hearing notices, is found here
    heartbeat = setInterval(() => probe(c).catch((err: Error) => down(err, c)), heartbeatMs);
    heartbeat.unref();
  };

  return {
    readNow(text, parameters) {
      if (state !== "listening") return undefined;
      return kept.get(text)?.answers.get(JSON.stringify(parameters));
    },
    read(text, parameters, run) {
      if (state === "idle") void connect(); // the first hot read starts listening: commands and workers never do
      const tables = state === "listening" ? tablesOf(text) : null;
      if (!tables) return run();
      const key = JSON.stringify(parameters);
      const flight = `${key}\u0000${text}`;
      const since = generation;
      // the same read already under way since the last change: its answer is this one's too
      const flying = inflight.get(flight);
      if (flying && flying.since === since) return flying.answer;
      const answer = run().then((rows) => {
        const frozen = Object.freeze(rows.map((r) => Object.freeze(r)));
        if (since === generation && state === "listening") {
          let entry = kept.get(text);
          if (!entry) kept.set(text, (entry = { tables, answers: new Map() }));
          if (entry.answers.size >= MAX_ANSWERS_PER_QUERY) entry.answers.delete(entry.answers.keys().next().value!);
          entry.answers.set(key, frozen);
        }
        return frozen;
      });
      inflight.set(flight, { since, answer });
      const land = () => {
        if (inflight.get(flight)?.answer === answer) inflight.delete(flight);
      };
      answer.then(land, land);
      return answer;
    },
    changed: () => forget(),
    state: () => state,
    listenerPid: () => (state === "listening" ? ((client as unknown as { processID?: number } | null)?.processID ?? null) : null),
    async close() {
      state = "closed";
      forget();
      if (reconnect) clearTimeout(reconnect);
      if (heartbeat) clearInterval(heartbeat);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
