import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import type { PlanReference } from "../contract/catalog.js";
import { badRequest } from "../lib/errors.js";
import { formatDateVN, vnDateKey } from "../lib/time.js";
import { writeCatalogAudit } from "./audit.js";

/** The resolution the ward's plan implements was adopted on 11/12/2025: the plan cannot be older. */
const RESOLUTION_DATE = "2025-12-11";
const KEYS = { number: "plan_number", date: "plan_date" } as const;

/** A ward plan's number and date, entered once by its staff and cited in every report of the ward. */
export async function getPlanReference(db: Kysely<DB>, wardId: number | null): Promise<PlanReference> {
  if (wardId === null) return { number: null, date: null, updatedAt: null };
  const rows = await db.selectFrom("plan_settings").selectAll().where("ward_id", "=", wardId).where("key", "in", [KEYS.number, KEYS.date]).execute();
  const of = (k: string) => rows.find((r) => r.key === k);
  const updated = rows.map((r) => r.updated_at).sort().pop() ?? null;
  return { number: of(KEYS.number)?.value ?? null, date: of(KEYS.date)?.value ?? null, updatedAt: updated };
}

export async function setPlanReference(ctx: AppContext, user: AuthUser, wardId: number, input: { number: string; date: string }): Promise<PlanReference> {
  const now = ctx.clock.now();
  const today = vnDateKey(now);
  if (input.date > today) throw badRequest("PLAN_DATE_IN_FUTURE", `Ngày ban hành kế hoạch (${formatDateVN(`${input.date}T05:00:00Z`)}) chưa tới.`);
  if (input.date < RESOLUTION_DATE) throw badRequest("PLAN_DATE_BEFORE_RESOLUTION", "Kế hoạch của phường ban hành sau Nghị quyết số 83/NQ-HĐND (11/12/2025).");
  const nowIso = now.toISOString();
  return ctx.database.db.transaction().execute(async (trx) => {
    const cur = await getPlanReference(trx, wardId);
    for (const [key, value] of [
      [KEYS.number, input.number],
      [KEYS.date, input.date],
    ] as const) {
      const row = { value, updated_at: nowIso, updated_by: user.id };
      await trx
        .insertInto("plan_settings")
        .values({ ward_id: wardId, key, ...row })
        .onConflict((oc) => oc.columns(["ward_id", "key"]).doUpdateSet(row))
        .execute();
    }
    await writeCatalogAudit(
      trx,
      "plan",
      wardId,
      wardId,
      user.id,
      nowIso,
      [
        { field: "planNumber", old: cur.number, next: input.number },
        { field: "planDate", old: cur.date, next: input.date },
      ].filter((c) => c.old !== c.next),
    );
    return getPlanReference(trx, wardId);
  });
}
