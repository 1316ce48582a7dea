import { CompiledQuery, type Compilable, type Kysely, type RawBuilder } from "kysely";
import type { DB } from "./schema.js";
import type { Database } from "./database.js";

/**
 * A query that runs on (nearly) every request — the session lookup, the feed's state — built and
 * compiled by Kysely once per database, for its dialect, instead of thousands of times a second
 * (and on SQLite, read at once when no transaction is open: Database.readNow; on PostgreSQL, kept
 * while nothing it reads changes: db/hot-reads.ts).
 * `build` receives stand-ins for its arguments and must not branch on them (one SQL text for all
 * values: a query with another shape is another hot query); each run then only lays the real
 * arguments into the compiled parameters, wherever the query uses them.
 */
export interface HotQuery<Row, Args extends unknown[]> {
  (database: Database, ...args: Args): Promise<readonly Row[]>;
  /** The answer at once when the embedded database can give it (Database.readNow), else undefined. */
  now(database: Database, ...args: Args): readonly Row[] | undefined;
}

export function hotQuery<Row, Args extends unknown[]>(build: (db: Kysely<DB>, ...args: Args) => Compilable<Row> | RawBuilder<Row>): HotQuery<Row, Args> {
  const compiled = new WeakMap<Kysely<DB>, { sql: string; slots: ({ arg: number } | { value: unknown })[] }>();
  const standIn = (i: number) => `\u0000hot-query-argument-${i}\u0000`;
  const compile = (db: Kysely<DB>, args: Args) => {
    let query = compiled.get(db);
    if (!query) {
      const built = build(db, ...(args.map((_, i) => standIn(i)) as Args));
      // a raw sql`` query compiles against the database; a query builder knows its own
      const { sql, parameters } = isRaw(built) ? built.compile(db) : built.compile();
      const slots = parameters.map((p) => {
        const arg = args.findIndex((_, i) => p === standIn(i));
        return arg >= 0 ? { arg } : { value: p };
      });
      compiled.set(db, (query = { sql, slots }));
    }
    return { sql: query.sql, parameters: query.slots.map((s) => ("arg" in s ? args[s.arg] : s.value)) };
  };
  // the embedded database answers right away when it can (see Database.readNow)
  const answerNow = (database: Database, { sql, parameters }: { sql: string; parameters: unknown[] }) =>
    database.readNow?.(sql, parameters) as readonly Row[] | undefined;
  const now = (database: Database, ...args: Args) => (database.readNow ? answerNow(database, compile(database.db, args)) : undefined);
  const run = async (database: Database, ...args: Args): Promise<readonly Row[]> => {
    const query = compile(database.db, args);
    const now = answerNow(database, query);
    if (now) return now;
    const ask = async () => (await database.db.executeQuery<Row>(CompiledQuery.raw(query.sql, query.parameters))).rows;
    // PostgreSQL shares the read under way and keeps the answer while nothing it read changes (hot-reads.ts)
    return database.hotReads ? ((await database.hotReads.read(query.sql, query.parameters, ask)) as readonly Row[]) : ask();
  };
  return Object.assign(run, { now });
}

const isRaw = <Row>(q: Compilable<Row> | RawBuilder<Row>): q is RawBuilder<Row> => "isRawBuilder" in q && q.isRawBuilder === true;
