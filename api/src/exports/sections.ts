import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import type { SectionKey } from "../contract/summary.js";
import type { SummaryScope } from "./scope.js";

/** Sections are kept per scope: 0 for every unit, else the root unit of the summary. */
export const scopeKey = (scope: Pick<SummaryScope, "root">): number => scope.root?.id ?? 0;

export async function loadSections(db: Kysely<DB>, periodId: number, scopeUnitId: number) {
  const rows = await db
    .selectFrom("summary_sections as s")
    .leftJoin("users as u", "u.id", "s.updated_by")
    .select(["s.key", "s.text", "s.updated_at", "u.name"])
    .where("s.period_id", "=", periodId)
    .where("s.scope_unit_id", "=", scopeUnitId)
    .execute();
  return rows.map((r) => ({ key: r.key, text: r.text, updatedAt: r.updated_at, updatedBy: r.name ?? null }));
}

/** Saves staff's text of a section; null removes it (the report goes back to the draft). */
export async function saveSection(ctx: AppContext, user: AuthUser, periodId: number, scopeUnitId: number, key: SectionKey, text: string | null): Promise<void> {
  const { db } = ctx.database;
  if (text === null) {
    await db.deleteFrom("summary_sections").where("period_id", "=", periodId).where("scope_unit_id", "=", scopeUnitId).where("key", "=", key).execute();
    return;
  }
  const row = { text, updated_at: ctx.clock.now().toISOString(), updated_by: user.id };
  await db
    .insertInto("summary_sections")
    .values({ period_id: periodId, scope_unit_id: scopeUnitId, key, ...row })
    .onConflict((oc) => oc.columns(["period_id", "scope_unit_id", "key"]).doUpdateSet(row))
    .execute();
}
