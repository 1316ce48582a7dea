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
