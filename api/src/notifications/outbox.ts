import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";

export interface NotificationInput {
  userId: number;
  kind: string;
  title: string;
  body: string;
  /** in-app path opened from the inbox or the Zalo message */
  link: string | null;
  /** same (user, dedupeKey) twice is ignored: e.g. "announcement:12", "period:3:d7" */
  dedupeKey: string;
  /** for read/delivery figures, e.g. "announcement:12" */
  source?: string | null;
}

/**
 * Enqueues messages for the in-app inbox and the Zalo push worker. Call it inside the same
 * transaction as the change that causes it, so a message exists if and only if the change does.
 * Returns how many were new (duplicates by (user, dedupeKey) are skipped, never sent twice).
 */
export async function enqueueNotifications(db: Kysely<DB>, items: NotificationInput[], nowIso: string, pushEnabled = true): Promise<number> {
  let created = 0;
  for (let i = 0; i < items.length; i += 200) {
    const chunk = items.slice(i, i + 200);
    const res = await db
      .insertInto("notifications")
      .values(
        chunk.map((n) => ({
          user_id: n.userId,
          kind: n.kind,
          title: n.title,
          body: n.body,
          link: n.link,
          dedupe_key: n.dedupeKey,
          created_at: nowIso,
          read_at: null,
          push_status: pushEnabled ? ("pending" as const) : ("skipped" as const),
          push_attempts: 0,
          push_next_at: pushEnabled ? nowIso : null,
          push_claimed_until: null,
          push_sent_at: null,
          push_error: null,
          source: n.source ?? null,
        })),
      )
      .onConflict((oc) => oc.columns(["user_id", "dedupe_key"]).doNothing())
      .executeTakeFirst();
    created += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return created;
}

export interface DeliveryStats {
  /** recipients (rows) */
  total: number;
  /** pushes Zalo accepted */
  sent: number;
  /** refused, given up after retries, or of unknown outcome (never resent) */
  failed: number;
  /** waiting or being sent */
  pending: number;
  /** no push (no Zalo account, or inbox-only channel): the inbox copy only */
  skipped: number;
  /** opened in the in-app inbox */
  read: number;
}

/** Push and inbox figures for every message of one source, e.g. "announcement:12". */
export async function deliveryStats(db: Kysely<DB>, source: string): Promise<DeliveryStats> {
  const rows = await db
    .selectFrom("notifications")
    .select((eb) => [
      "push_status",
      eb.fn.countAll<number>().as("n"),
      eb.fn.count<number>("read_at").as("read"),
    ])
    .where("source", "=", source)
    .groupBy("push_status")
    .execute();
  const s: DeliveryStats = { total: 0, sent: 0, failed: 0, pending: 0, skipped: 0, read: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    s.total += n;
    s.read += Number(r.read);
    if (r.push_status === "sent") s.sent += n;
    else if (r.push_status === "failed") s.failed += n;
    else if (r.push_status === "skipped") s.skipped += n;
    else s.pending += n; // pending, sending
  }
  return s;
}
