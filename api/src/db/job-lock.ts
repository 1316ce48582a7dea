import { sql, type Kysely } from "kysely";
import type { Database, DialectName } from "./database.js";
import { dbClockIso } from "./dialect.js";
import type { DbMigration } from "./migrator.js";
import type { DB } from "./schema.js";

/**
 * Locks across API instances (several processes on one database).
 *
 * Job leases, on both databases: a background job runs only while its instance holds the job's row
 * in `job_leases`. Taking it is one atomic upsert that succeeds only when the lease has run out (or
 * was released), so of two instances ticking at the same moment exactly one runs the job. The holder
 * renews the lease while the job runs; if the process dies, the lease runs out by itself and another
 * instance takes over. Every acquisition increments `generation` (a fencing number: the log says which
 * run did what). Times are the database's clock, the one clock every instance shares.
 *
 * The jobs themselves stay idempotent underneath (unique keys, status guards, SKIP LOCKED claims):
 * the lease keeps them from running twice at once, their own keys keep an effect from happening twice.
 */

export interface JobLeasesTable {
  name: string;
  /** the process holding (or last holding) it: host:pid:random */
  holder: string;
  /** incremented by each acquisition */
  generation: number;
  acquired_at: string;
  /** the lease is free once this instant (database clock) has passed */
  locked_until: string;
}

export interface JobLeaseTables {
  job_leases: JobLeasesTable;
}

export const jobLeaseMigrations: DbMigration[] = [
  {
    name: "0050_job_leases",
    async up(db) {
      await db.schema
        .createTable("job_leases")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("holder", "text", (c) => c.notNull())
        .addColumn("generation", "integer", (c) => c.notNull())
        .addColumn("acquired_at", "text", (c) => c.notNull())
        .addColumn("locked_until", "text", (c) => c.notNull())
        .execute();
    },
  },
];

export interface Lease {
  name: string;
  holder: string;
  generation: number;
  acquiredAt: string;
}

type Db = Kysely<DB>;

/** Takes the lease `name` for `leaseMs` if it is free; null when another holder has it. */
export async function tryAcquireLease(db: Db, dialect: DialectName, name: string, holder: string, leaseMs: number): Promise<Lease | null> {
  const row = await db
    .insertInto("job_leases")
    .values({ name, holder, generation: 1, acquired_at: dbClockIso(dialect), locked_until: dbClockIso(dialect, leaseMs) })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet({
          holder: (eb) => eb.ref("excluded.holder"),
          generation: sql<number>`job_leases.generation + 1`,
          acquired_at: (eb) => eb.ref("excluded.acquired_at"),
          locked_until: (eb) => eb.ref("excluded.locked_until"),
        })
        // PostgreSQL locks the conflicting row and checks this against its latest version; SQLite
        // serialises writers: either way one of two racing instances gets the row, the other nothing.
        .whereRef("job_leases.locked_until", "<", "excluded.acquired_at"),
    )
    .returning(["holder", "generation", "acquired_at"])
    .executeTakeFirst();
  if (!row || row.holder !== holder) return null;
  return { name, holder, generation: Number(row.generation), acquiredAt: row.acquired_at };
}

/** Extends a held lease by `leaseMs` from now; false when it is no longer ours (it ran out and was taken). */
export async function renewLease(db: Db, dialect: DialectName, lease: Lease, leaseMs: number): Promise<boolean> {
  const res = await db
    .updateTable("job_leases")
    .set({ locked_until: dbClockIso(dialect, leaseMs) })
    .where("name", "=", lease.name)
    .where("holder", "=", lease.holder)
    .where("generation", "=", lease.generation)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Frees a held lease at once; returns the instant it was freed (null if it was no longer ours). */
export async function releaseLease(db: Db, dialect: DialectName, lease: Lease): Promise<string | null> {
  const row = await db
    .updateTable("job_leases")
    .set({ locked_until: dbClockIso(dialect) })
    .where("name", "=", lease.name)
    .where("holder", "=", lease.holder)
    .where("generation", "=", lease.generation)
    .returning("locked_until")
    .executeTakeFirst();
  return row?.locked_until ?? null;
}

/** A run under a lease: its outcome (`fn`'s value or error) and when the lease was given back. */
export type LeasedRun<T> = {
  lease: Lease;
  /** database clock; null if giving it back failed or it had been lost */
  releasedAt: string | null;
} & ({ ok: true; value: T } | { ok: false; error: unknown });

export interface LeaseHooks {
  /** the lease could not be renewed while `fn` ran (lost, or the database did not answer) */
  onRenewFailure?(lease: Lease, err: unknown): void;
  /** giving the lease back failed: it stays taken until it runs out */
  onReleaseFailure?(lease: Lease, err: unknown): void;
}

/**
 * Runs `fn` holding the lease `name`, renewed every third of `leaseMs`, and frees it afterwards.
 * Returns null without running `fn` when another holder has the lease; `fn`'s error is returned, not thrown.
 */
export async function withLease<T>(
  database: Database,
  name: string,
  holder: string,
  leaseMs: number,
  fn: () => Promise<T>,
  hooks: LeaseHooks = {},
): Promise<LeasedRun<T> | null> {
  const { db, dialect } = database;
  const lease = await tryAcquireLease(db, dialect, name, holder, leaseMs);
  if (!lease) return null;
  const beat = setInterval(() => {
    renewLease(db, dialect, lease, leaseMs).then(
      (ok) => (ok ? undefined : hooks.onRenewFailure?.(lease, new Error("lease lost"))),
      (err) => hooks.onRenewFailure?.(lease, err),
    );
  }, Math.max(10, Math.floor(leaseMs / 3)));
  beat.unref();
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await fn() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  clearInterval(beat);
  // also when `fn` failed: the next tick (here or elsewhere) may try again at once
  let releasedAt: string | null = null;
  try {
    releasedAt = await releaseLease(db, dialect, lease);
  } catch (err) {
    hooks.onReleaseFailure?.(lease, err);
  }
  return { lease, releasedAt, ...outcome };
}

/**
 * Start-up (migrations, then the idempotent seeds) one instance at a time: instances started together
 * on a fresh PostgreSQL database would otherwise seed the same rows at once and stop on a unique key.
 * A session advisory lock (waiting) on a connection held meanwhile; it is per schema, so installs or
 * test suites in other schemas do not wait. The lease table cannot serve: it does not exist before
 * the migrations. SQLite is one process on one file: nothing to wait for.
 */
export async function withStartupLock<T>(database: Database, fn: () => Promise<T>): Promise<T> {
  if (database.dialect !== "postgres") return fn();
  const key = sql`hashtext('thanh-nien-so:startup:' || coalesce(current_schema(), ''))`;
  return database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${key})`.execute(conn);
    try {
      return await fn();
    } finally {
      // if the connection died, PostgreSQL has released the lock already
      await sql`select pg_advisory_unlock(${key})`.execute(conn).catch(() => undefined);
    }
  });
}
