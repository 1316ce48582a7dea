import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";

/** Failed passwords in a row, from one place, before that place is locked out, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/**
 * Lock-outs after wrong passwords count per account AND per source (the caller's address, as
 * TRUST_PROXY lets Express see it). Someone guessing from elsewhere locks only their own place:
 * the staff member signing in from the office with the right password is never locked out by them.
 */
export async function lockedUntil(db: Kysely<DB>, userId: number, source: string, nowIso: string): Promise<string | null> {
  const row = await db
    .selectFrom("login_failures")
    .select("locked_until")
    .where("user_id", "=", userId)
    .where("source", "=", source)
    .executeTakeFirst();
  return row?.locked_until && row.locked_until > nowIso ? row.locked_until : null;
}

/** Counts one wrong password from this source; returns the end of the lock-out it starts, if any. */
export async function recordFailure(db: Kysely<DB>, userId: number, source: string, now: Date): Promise<string | null> {
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto("login_failures")
      .values({ user_id: userId, source, failures: 1, locked_until: null, updated_at: nowIso })
      .onConflict((oc) => oc.columns(["user_id", "source"]).doUpdateSet((eb) => ({ failures: eb("login_failures.failures", "+", 1), updated_at: nowIso })))
      .execute();
    const row = await trx
      .selectFrom("login_failures")
      .select("failures")
      .where("user_id", "=", userId)
      .where("source", "=", source)
      .executeTakeFirstOrThrow();
    if (Number(row.failures) < MAX_FAILED_LOGINS) return null;
    const until = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
    await trx.updateTable("login_failures").set({ failures: 0, locked_until: until }).where("user_id", "=", userId).where("source", "=", source).execute();
    return until;
  });
}

/** Forgets the failures of one source (after a right password), or of every source (unlock). */
export async function clearFailures(db: Kysely<DB>, userId: number, source?: string): Promise<number> {
  let q = db.deleteFrom("login_failures").where("user_id", "=", userId);
  if (source !== undefined) q = q.where("source", "=", source);
  const res = await q.executeTakeFirst();
  return Number(res.numDeletedRows);
}
