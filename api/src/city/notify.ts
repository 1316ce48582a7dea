import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext } from "../http/context.js";
import { enqueueNotifications } from "../notifications/outbox.js";
import { pushEnabled } from "../notifications/channel-name.js";

export interface CityMessage {
  title: string;
  body: string;
  link: string;
  /** per recipient: the same key twice is never sent twice */
  dedupeKey: string;
}

const KIND = "city_report";

async function send(ctx: AppContext, db: Kysely<DB>, userIds: number[], msg: CityMessage): Promise<number> {
  if (!userIds.length) return 0;
  return enqueueNotifications(
    db,
    userIds.map((userId) => ({ userId, kind: KIND, title: msg.title, body: msg.body, link: msg.link, dedupeKey: msg.dedupeKey, source: msg.dedupeKey.split(":").slice(0, 2).join(":") })),
    ctx.clock.now().toISOString(),
    pushEnabled(ctx.config),
  );
}

/** The enabled staff accounts of each ward (who send the report and get the city's answers and reminders). */
export async function wardStaffIds(db: Kysely<DB>, wardIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!wardIds.length) return out;
  const rows = await db.selectFrom("users").select(["id", "ward_id"]).where("role", "=", "staff").where("disabled", "=", 0).where("ward_id", "in", wardIds).execute();
  for (const r of rows) if (r.ward_id !== null) out.set(r.ward_id, [...(out.get(r.ward_id) ?? []), r.id]);
  return out;
}

/** To one ward's staff, in the transaction of the change that causes it. */
export async function notifyWardStaff(ctx: AppContext, db: Kysely<DB>, wardId: number, msg: CityMessage): Promise<number> {
  return send(ctx, db, (await wardStaffIds(db, [wardId])).get(wardId) ?? [], msg);
}

/** To every city staff account (Sở Nội vụ). */
export async function notifyCityStaff(ctx: AppContext, db: Kysely<DB>, msg: CityMessage): Promise<number> {
  const rows = await db.selectFrom("users").select("id").where("role", "=", "city_staff").where("disabled", "=", 0).execute();
  return send(ctx, db, rows.map((r) => r.id), msg);
}
