import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { CatalogChange } from "../contract/catalog.js";
import { catalogFieldLabel } from "../contract/catalog-labels.js";

export type CatalogEntity = "indicator" | "task" | "plan";

export interface CatalogChangeRow {
  field: string;
  old: string | null;
  next: string | null;
}

/** Writes one audit row per changed field (values already as the text people read). */
export async function writeCatalogAudit(
  db: Kysely<DB>,
  entity: CatalogEntity,
  entityId: number,
  userId: number | null,
  at: string,
  changes: CatalogChangeRow[],
): Promise<void> {
  if (!changes.length) return;
  await db
    .insertInto("catalog_audit")
    .values(changes.map((c) => ({ entity, entity_id: entityId, user_id: userId, at, field: c.field, old_value: c.old, new_value: c.next })))
    .execute();
}

/** The change history of one catalog item, newest first. */
export async function catalogHistory(db: Kysely<DB>, entity: CatalogEntity, entityId: number): Promise<CatalogChange[]> {
  const rows = await db
    .selectFrom("catalog_audit as a")
    .leftJoin("users as u", "u.id", "a.user_id")
    .select(["a.id", "a.at", "a.field", "a.old_value", "a.new_value", "u.name"])
    .where("a.entity", "=", entity)
    .where("a.entity_id", "=", entityId)
    .orderBy("a.id", "desc")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    userName: r.name ?? null,
    field: r.field,
    label: catalogFieldLabel(r.field),
    oldValue: r.old_value,
    newValue: r.new_value,
  }));
}
