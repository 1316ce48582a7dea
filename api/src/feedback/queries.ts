import { sql, type Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { parseJson, toBool } from "../db/dialect.js";
import type { FeedbackAnswer, FeedbackFile, FeedbackNote, FeedbackPhoto, FeedbackSummary, PublicFeedback } from "../contract/feedback.js";
import { FEEDBACK_OPEN_STATUSES } from "../contract/feedback-labels.js";
import type { FeedbackStatus } from "./tables.js";

/** An item with the names it refers to (category, sender, place, assigned unit). */
export function itemQuery(db: Kysely<DB>) {
  return db
    .selectFrom("feedback_items as f")
    .innerJoin("feedback_categories as c", "c.id", "f.category_id")
    .innerJoin("users as s", "s.id", "f.sender_id")
    .leftJoin("units as pu", "pu.id", "f.place_unit_id")
    .leftJoin("units as au", "au.id", "f.assigned_unit_id")
    .selectAll("f")
    .select(["c.name as category_name", "s.name as sender_name", "pu.name as place_name", "au.name as assigned_name"]);
}

export type ItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>["executeTakeFirstOrThrow"]>>;

export const isOpen = (status: FeedbackStatus) => FEEDBACK_OPEN_STATUSES.includes(status);
export const isOverdue = (row: Pick<ItemRow, "status" | "due_at">, nowIso: string) => isOpen(row.status) && row.due_at < nowIso;

export const photosOf = (row: Pick<ItemRow, "photos">) => parseJson<FeedbackFile[]>(row.photos, []);
export const hiddenPhotoIdsOf = (row: Pick<ItemRow, "hidden_photo_ids">) => parseJson<string[]>(row.hidden_photo_ids, []);

export function photoViews(row: ItemRow, includeHidden: boolean): FeedbackPhoto[] {
  const hidden = new Set(hiddenPhotoIdsOf(row));
  return photosOf(row)
    .map((p) => ({ ...p, hidden: hidden.has(p.id) }))
    .filter((p) => includeHidden || !p.hidden);
}

/** The row as the people handling it (and the sender) see it; `showSender` false hides the name. */
export function toSummary(row: ItemRow, nowIso: string, showSender: boolean): FeedbackSummary {
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    statusReason: row.status_reason,
    category: { id: row.category_id, name: row.category_name },
    content: row.content,
    senderName: showSender ? row.sender_name : null,
    anonymous: toBool(row.anonymous),
    allowPublic: toBool(row.allow_public),
    place: row.place_unit_id && row.place_name ? { id: row.place_unit_id, name: row.place_name } : null,
    assignedUnit: row.assigned_unit_id && row.assigned_name ? { id: row.assigned_unit_id, name: row.assigned_name } : null,
    dueAt: row.due_at,
    overdue: isOverdue(row, nowIso),
    hidden: toBool(row.hidden),
    flagsCount: Number(row.flags_count),
    supportsCount: Number(row.supports_count),
    photoCount: photosOf(row).length,
    createdAt: row.created_at,
    answeredAt: row.answered_at,
  };
}

/**
 * The sanitised public form: only what an answered, published item may show. Built field by field
 * (never by spreading the row) so that nothing about the sender leaks when they asked for anonymity.
 */
export function toPublic(row: ItemRow, answers: FeedbackAnswer[], mine: { supported: boolean; flagged: boolean }): PublicFeedback {
  return {
    id: row.id,
    code: row.code,
    category: { id: row.category_id, name: row.category_name },
    content: row.content,
    senderName: toBool(row.anonymous) ? null : row.sender_name,
    place: row.place_unit_id && row.place_name ? { id: row.place_unit_id, name: row.place_name } : null,
    photos: photoViews(row, false).map(({ id, name, size, mime, url }) => ({ id, name, size, mime, url })),
    answers: answers.filter((a) => a.isPublic),
    supportsCount: Number(row.supports_count),
    supported: mine.supported,
    flagged: mine.flagged,
    createdAt: row.created_at,
    answeredAt: row.answered_at,
  };
}

/** Answers of several items, oldest first, grouped by item id. */
export async function loadAnswers(db: Kysely<DB>, itemIds: number[], publicOnly: boolean): Promise<Map<number, FeedbackAnswer[]>> {
  const out = new Map<number, FeedbackAnswer[]>();
  if (itemIds.length === 0) return out;
  let q = db
    .selectFrom("feedback_answers as a")
    .innerJoin("users as u", "u.id", "a.author_id")
    .leftJoin("units as un", "un.id", "u.unit_id")
    .select(["a.id", "a.item_id", "a.text", "a.attachments", "a.is_public", "a.created_at", "u.name as author_name", "un.name as unit_name"])
    .where("a.item_id", "in", itemIds);
  if (publicOnly) q = q.where("a.is_public", "=", 1);
  const rows = await q.orderBy("a.id").execute();
  for (const r of rows) {
    const list = out.get(r.item_id) ?? [];
    list.push({
      id: r.id,
      text: r.text,
      attachments: parseJson<FeedbackFile[]>(r.attachments, []),
      isPublic: toBool(r.is_public),
      authorName: r.author_name,
      authorUnitName: r.unit_name ?? null,
      createdAt: r.created_at,
    });
    out.set(r.item_id, list);
  }
  return out;
}

export async function loadNotes(db: Kysely<DB>, itemId: number): Promise<FeedbackNote[]> {
  const rows = await db
    .selectFrom("feedback_notes as n")
    .innerJoin("users as u", "u.id", "n.author_id")
    .select(["n.id", "n.text", "n.created_at", "u.name as author_name"])
    .where("n.item_id", "=", itemId)
    .orderBy("n.id")
    .execute();
  return rows.map((r) => ({ id: r.id, text: r.text, authorName: r.author_name, createdAt: r.created_at }));
}

/** Which of these items the user supported / flagged. */
export async function loadMarks(db: Kysely<DB>, userId: number | null, itemIds: number[]): Promise<{ supported: Set<number>; flagged: Set<number> }> {
  if (!userId || itemIds.length === 0) return { supported: new Set(), flagged: new Set() };
  const [s, f] = await Promise.all([
    db.selectFrom("feedback_supports").select("item_id").where("user_id", "=", userId).where("item_id", "in", itemIds).execute(),
    db.selectFrom("feedback_flags").select("item_id").where("user_id", "=", userId).where("item_id", "in", itemIds).execute(),
  ]);
  return { supported: new Set(s.map((r) => r.item_id)), flagged: new Set(f.map((r) => r.item_id)) };
}

/** SQL condition: the item has at least one public answer. */
export const hasPublicAnswer = sql<boolean>`exists (select 1 from feedback_answers pa where pa.item_id = f.id and pa.is_public = 1)`;
