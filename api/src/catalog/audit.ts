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

/**
 * Writes one audit row per changed field (values already as the text people read). `wardId`: the ward
 * whose settings changed, or null for the city's definition.
 */
export async function writeCatalogAudit(
  db: Kysely<DB>,
  entity: CatalogEntity,
  entityId: number,
  wardId: number | null,
  userId: number | null,
  at: string,
  changes: CatalogChangeRow[],
): Promise<void> {
  if (!changes.length) return;
  await db
    .insertInto("catalog_audit")
    .values(changes.map((c) => ({ entity, entity_id: entityId, ward_id: wardId, user_id: userId, at, field: c.field, old_value: c.old, new_value: c.next })))
    .execute();
}

/**
 * The change history of one catalog item, newest first: the city's changes of its definition and the
 * changes one ward made to its settings (`wardId` null: the city's only).
 */
export async function catalogHistory(db: Kysely<DB>, entity: CatalogEntity, entityId: number, wardId: number | null): Promise<CatalogChange[]> {
  const rows = await db
    .selectFrom("catalog_audit as a")
    .leftJoin("users as u", "u.id", "a.user_id")
    .select(["a.id", "a.at", "a.field", "a.old_value", "a.new_value", "u.name"])
    .where("a.entity", "=", entity)
    .where("a.entity_id", "=", entityId)
    .where((eb) => (wardId === null ? eb("a.ward_id", "is", null) : eb.or([eb("a.ward_id", "is", null), eb("a.ward_id", "=", wardId)])))
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
