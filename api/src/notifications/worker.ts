import { sql } from "kysely";
import { supportsSkipLocked } from "../db/dialect.js";
import type { AppContext } from "../http/context.js";
import { pushChannelName } from "./channel-name.js";
import { sendPush, UNKNOWN_OUTCOME, type SendOutcome } from "./zalo-channel.js";

/**
 * The push worker, at most once per row:
 *
 * 1. claim a batch atomically (pending and due → `sending`, attempts + 1, a lease in
 *    `push_claimed_until`); on PostgreSQL with FOR UPDATE SKIP LOCKED so that several API
 *    instances never claim the same row; on SQLite the single UPDATE … RETURNING is atomic;
 * 2. send each row once, then record the outcome (sent / pending again with backoff / failed).
 *
 * A row still `sending` after its lease belongs to a worker that stopped between sending and
 * recording. Zalo has no idempotency key, so we cannot know whether the message went out:
 * resending could message the person twice, which the product forbids. Such rows are marked
 * `failed` with CRASH_ERROR instead (at-most-once; the inbox copy is there either way).
 * Likewise a time-out or a hang-up after the request left is "unknown", never retried; only
 * answers that prove nothing was delivered (no connection, HTTP 5xx/429, rate limits) are retried.
 *
 * Delivery is paced: at most PUSH_RATE_PER_SECOND messages a second, evenly spaced (Zalo limits
 * how fast an OA or mini app may send), and a job run sends at most what its interval allows at
 * that rate, so delivery flows steadily instead of in bursts and a run stays short (shutdown).
 */

export const CRASH_ERROR = "không rõ kết quả (máy chủ dừng giữa chừng)";
export const MAX_ATTEMPTS = 5;
/** Wait before attempt n+1 after attempt n failed (n = 1..4). */
export const BACKOFF_MS = [30_000, 2 * 60_000, 10 * 60_000, 60 * 60_000];

export interface OutboxOptions {
  batchSize?: number;
  /** messages sent at the same time within a batch */
  concurrency?: number;
  /** how long a claim lasts; by default longer than the worst case of a batch (3 bounded calls per row) */
  leaseMs?: number;
  /** batches per run (the job drains up to this many) */
  maxBatches?: number;
  /** messages sent (or tried) per run at most; rows skipped without a send do not count */
  maxSends?: number;
}

export interface OutboxRunResult {
  recovered: number;
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
}

export interface ClaimedRow {
  id: number;
  user_id: number;
  title: string;
  body: string;
  link: string | null;
  push_attempts: number;
}

function defaults(ctx: AppContext, opts: OutboxOptions) {
  const batchSize = opts.batchSize ?? 25;
  const concurrency = opts.concurrency ?? 4;
  const pacingMs = (batchSize * 1000) / ctx.config.pushRatePerSecond;
  const leaseMs = opts.leaseMs ?? Math.max(120_000, Math.ceil(batchSize / concurrency) * 3 * ctx.config.zalo.timeoutMs + pacingMs + 60_000);
  return { batchSize, concurrency, leaseMs, maxBatches: opts.maxBatches ?? 1, maxSends: opts.maxSends ?? Infinity };
}

/** What a job run may send at the configured rate within one worker interval. */
export function sendsPerRun(ctx: AppContext): number {
  return Math.max(1, Math.ceil((ctx.config.pushRatePerSecond * ctx.config.workerIntervalMs) / 1000));
}

/** The clock the pacer waits on (real time: pacing is about Zalo's rate, not a business rule). */
export interface PaceTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}
const realTime: PaceTime = { now: () => performance.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/** Evenly spaced slots, `perSecond` a second: a send waits for its slot; idle time is not saved up. */
export class Pacer {
  private next = -Infinity;
  constructor(
    private readonly perSecond: number,
    private readonly time: PaceTime = realTime,
  ) {}

  async slot(): Promise<void> {
    const now = this.time.now();
    const at = Math.max(now, this.next);
    this.next = at + 1000 / this.perSecond;
    if (at > now) await this.time.sleep(at - now);
  }
}

// One pacer per app: successive runs (and concurrent senders) share the same spacing.
const pacers = new WeakMap<AppContext, Pacer>();
function pacerFor(ctx: AppContext): Pacer {
  let p = pacers.get(ctx);
  if (!p) pacers.set(ctx, (p = new Pacer(ctx.config.pushRatePerSecond)));
  return p;
}

/** Marks rows whose lease ran out while `sending` as failed (never resent). Returns how many. */
export async function recoverAbandoned(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now().toISOString();
  const res = await ctx.database.db
    .updateTable("notifications")
    .set({ push_status: "failed", push_error: CRASH_ERROR, push_claimed_until: null, push_next_at: null })
    .where("push_status", "=", "sending")
    .where("push_claimed_until", "<", now)
    .executeTakeFirst();
  const n = Number(res.numUpdatedRows ?? 0);
  if (n) ctx.logger.warn({ rows: n }, "push outbox: rows abandoned mid-send marked failed (not resent)");
  return n;
}

/** Atomically claims up to `batchSize` due rows for this worker. */
export async function claimDue(ctx: AppContext, opts: OutboxOptions = {}): Promise<ClaimedRow[]> {
  const { batchSize, leaseMs } = defaults(ctx, opts);
  const { db, dialect } = ctx.database;
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  let due = db
    .selectFrom("notifications")
    .select("id")
    .where("push_status", "=", "pending")
    .where((eb) => eb.or([eb("push_next_at", "is", null), eb("push_next_at", "<=", nowIso)]))
    .orderBy("id")
    .limit(batchSize);
  if (supportsSkipLocked(dialect)) due = due.forUpdate().skipLocked();
  // SQLite: one statement in one transaction; writers are serialised, so no row can be claimed twice.
  // The ids are chosen once, in a materialised CTE: as a plain `IN (subquery)`, PostgreSQL may run
  // the subquery again for every row it updates, and SKIP LOCKED then skips the rows this very
  // statement just locked and keeps finding new ones — claiming far more than `batchSize`.
  return db.transaction().execute((trx) =>
    trx
      .with((cte) => cte("due").materialized(), () => due)
      .updateTable("notifications")
      .set({
        push_status: "sending",
        push_claimed_until: new Date(now.getTime() + leaseMs).toISOString(),
        push_attempts: sql<number>`push_attempts + 1`,
      })
      .where("id", "in", (eb) => eb.selectFrom("due").select("due.id"))
      .where("push_status", "=", "pending")
      .returning(["id", "user_id", "title", "body", "link", "push_attempts"])
      .execute(),
  );
}

type Decision = { status: "sent" } | { status: "skipped"; error: string } | { status: "pending"; error: string; nextAt: string } | { status: "failed"; error: string };

/** Sends claimed rows (without recording): returns the decision per row id. */
export async function deliverClaimed(ctx: AppContext, rows: ClaimedRow[], concurrency = 4): Promise<Map<number, Decision>> {
  const decisions = new Map<number, Decision>();
  if (rows.length === 0) return decisions;
  const channel = pushChannelName(ctx.config);
  const users = await ctx.database.db
    .selectFrom("users")
    .select(["id", "zalo_id", "disabled"])
    .where("id", "in", [...new Set(rows.map((r) => r.user_id))])
    .execute();
  const byId = new Map(users.map((u) => [u.id, u]));
  const pacer = pacerFor(ctx);
  const queue = [...rows];
  const workers = Array.from({ length: Math.min(concurrency, rows.length) }, async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const user = byId.get(row.user_id);
      if (channel === "inbox") {
        decisions.set(row.id, { status: "skipped", error: "Chưa cấu hình kênh Zalo: chỉ gửi vào hộp thư ứng dụng" });
        continue;
      }
      if (!user || !user.zalo_id) {
        decisions.set(row.id, { status: "skipped", error: "Người dùng chưa liên kết Zalo: chỉ có trong hộp thư ứng dụng" });
        continue;
      }
      if (Number(user.disabled) === 1) {
        decisions.set(row.id, { status: "skipped", error: "Tài khoản đã bị khoá" });
        continue;
      }
      let outcome: SendOutcome;
      try {
        await pacer.slot();
        outcome = await sendPush(ctx, { zaloId: user.zalo_id, title: row.title, body: row.body, link: row.link });
      } catch (err) {
        // A bug or a database error around the call: we cannot tell whether the message left.
        outcome = { kind: "failed", error: `${UNKNOWN_OUTCOME} (${(err as Error).message})` };
      }
      decisions.set(row.id, decide(ctx, row, outcome));
    }
  });
  await Promise.all(workers);
  return decisions;
}

function decide(ctx: AppContext, row: ClaimedRow, outcome: SendOutcome): Decision {
  if (outcome.kind === "sent") return { status: "sent" };
  if (outcome.kind === "failed") return { status: "failed", error: outcome.error };
  if (row.push_attempts >= MAX_ATTEMPTS) return { status: "failed", error: `Đã thử ${row.push_attempts} lần: ${outcome.error}` };
  const wait = BACKOFF_MS[Math.min(row.push_attempts, BACKOFF_MS.length) - 1];
  return { status: "pending", error: outcome.error, nextAt: new Date(ctx.clock.now().getTime() + wait).toISOString() };
}

/**
 * Records the outcomes. Only rows still claimed are touched — or rows the crash recovery gave up
 * on meanwhile, since the real outcome is better than "unknown".
 */
export async function recordDecisions(ctx: AppContext, decisions: Map<number, Decision>): Promise<void> {
  const nowIso = ctx.clock.now().toISOString();
  for (const [id, d] of decisions) {
    await ctx.database.db
      .updateTable("notifications")
      .set({
        push_status: d.status,
        push_claimed_until: null,
        push_sent_at: d.status === "sent" ? nowIso : null,
        push_error: d.status === "sent" ? null : d.error,
        push_next_at: d.status === "pending" ? d.nextAt : null,
      })
      .where("id", "=", id)
      .where((eb) => eb.or([eb("push_status", "=", "sending"), eb.and([eb("push_status", "=", "failed"), eb("push_error", "=", CRASH_ERROR)])]))
      .execute();
  }
}

/** One pass of the worker: recover abandoned rows, then claim, send and record up to `maxBatches` batches. */
export async function runOutboxOnce(ctx: AppContext, opts: OutboxOptions = {}): Promise<OutboxRunResult> {
  const o = defaults(ctx, opts);
  const result: OutboxRunResult = { recovered: await recoverAbandoned(ctx), claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0 };
  const sends = () => result.sent + result.retried + result.failed;
  for (let b = 0; b < o.maxBatches && sends() < o.maxSends; b++) {
    const wanted = Math.min(o.batchSize, o.maxSends - sends());
    const rows = await claimDue(ctx, { ...o, batchSize: wanted });
    if (rows.length === 0) break;
    result.claimed += rows.length;
    const decisions = await deliverClaimed(ctx, rows, o.concurrency);
    await recordDecisions(ctx, decisions);
    for (const d of decisions.values()) {
      if (d.status === "sent") result.sent++;
      else if (d.status === "pending") result.retried++;
      else if (d.status === "failed") result.failed++;
      else result.skipped++;
    }
    if (rows.length < wanted) break; // nothing more is due
  }
  if (result.claimed) ctx.logger.info(result, "push outbox pass");
  return result;
}
