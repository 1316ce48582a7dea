import { toBool } from "../db/dialect.js";
import type { AuthUser } from "../http/context.js";
import type { FileParentAccess, FileVisibility } from "../files/access.js";
import { hasPublicAnswer, itemQuery, type ItemRow } from "./queries.js";
import { handles } from "./access.js";

/**
 * Photos and answer attachments follow their item: public once the item is answered publicly (a
 * public answer's attachments with it), otherwise only for the sender and the people handling it.
 */
const isPublicItem = (row: ItemRow) => toBool(row.allow_public) && row.status === "answered" && !toBool(row.hidden);

function verdict(user: AuthUser | null, rows: { row: ItemRow; isPublic: boolean }[]): FileVisibility {
  if (rows.some((r) => r.isPublic)) return "public";
  return rows.some((r) => user && (user.id === r.row.sender_id || handles(user, r.row))) ? "allowed" : "denied";
}

export const feedbackPhotoAccess: FileParentAccess = async (ctx, user, itemIds) => {
  const { db } = ctx.database;
  const rows = await itemQuery(db).where("f.id", "in", itemIds).execute();
  const published = new Set((await itemQuery(db).where("f.id", "in", itemIds).where(hasPublicAnswer).execute()).map((r) => r.id));
  return verdict(user, rows.map((row) => ({ row, isPublic: isPublicItem(row) && published.has(row.id) })));
};

export const feedbackAnswerAccess: FileParentAccess = async (ctx, user, answerIds) => {
  const { db } = ctx.database;
  const answers = await db.selectFrom("feedback_answers").select(["id", "item_id", "is_public"]).where("id", "in", answerIds).execute();
  if (answers.length === 0) return "denied";
  const items = new Map((await itemQuery(db).where("f.id", "in", answers.map((a) => a.item_id)).execute()).map((r) => [r.id, r]));
  return verdict(
    user,
    answers.filter((a) => items.has(a.item_id)).map((a) => ({ row: items.get(a.item_id)!, isPublic: toBool(a.is_public) && isPublicItem(items.get(a.item_id)!) })),
  );
};
