import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext } from "../http/context.js";
import { enqueueNotifications, type NotificationInput } from "../notifications/outbox.js";
import { pushChannelName } from "../notifications/channel-name.js";
import { CITY_SENDER_SHORT } from "../contract/announcements-labels.js";
import type { AnnouncementsTable } from "./tables.js";
import { excerpt } from "./plain-text.js";
import { expectedUnitIds, sharePathOf } from "./queries.js";

export const sourceOf = (id: number) => `announcement:${id}`;

/**
 * Who gets the push when a notice goes out. A ward's notice: everyone → every enabled account of the
 * ward (the inbox reaches all; the worker pushes to those with a Zalo id); all_units → the focal
 * points of every unit of the ward; units → the focal points of the chosen units. A city notice:
 * everyone → every ward's accounts; all_units → every ward's staff and focal points. The author is
 * left out.
 */
async function recipientsOf(trx: Kysely<DB>, a: { id: number; ward_id: number | null; audience: string; created_by: number | null }): Promise<number[]> {
  let q = trx.selectFrom("users").select("users.id").where("users.disabled", "=", 0);
  if (a.ward_id === null) {
    q = q.where("users.ward_id", "is not", null);
    if (a.audience !== "everyone") q = q.where("users.role", "in", ["staff", "focal"]);
  } else if (a.audience === "everyone") {
    q = q.where("users.ward_id", "=", a.ward_id);
  } else {
    const units = await expectedUnitIds(trx, a);
    if (units.length === 0) return [];
    q = q.where("users.role", "=", "focal").where("users.unit_id", "in", units);
  }
  if (a.created_by) q = q.where("users.id", "!=", a.created_by);
  return (await q.execute()).map((r) => r.id);
}

/** Enqueues one message per recipient for a published notice; the dedupe key makes repeats no-ops. */
export async function enqueueAnnouncementPushes(
  trx: Kysely<DB>,
  ctx: AppContext,
  a: Pick<AnnouncementsTable, "ward_id" | "audience" | "created_by" | "title" | "body"> & { id: number },
  nowIso: string,
): Promise<number> {
  const users = await recipientsOf(trx, a);
  const items: NotificationInput[] = users.map((userId) => ({
    userId,
    kind: "announcement",
    title: a.ward_id === null ? `${CITY_SENDER_SHORT}: ${a.title}` : a.title,
    body: excerpt(a.body, 140),
    link: sharePathOf(a.id),
    dedupeKey: sourceOf(a.id),
    source: sourceOf(a.id),
  }));
  return enqueueNotifications(trx, items, nowIso, pushChannelName(ctx.config) !== "inbox");
}
