import path from "node:path";
import type { AppContext, AuthUser } from "../http/context.js";
import { toBool } from "../db/dialect.js";
import { notFound } from "../lib/errors.js";
import { signFiles } from "../files/access.js";
import type { FeedbackDetail } from "../contract/feedback.js";
import { loadAnswers, loadMarks, loadNotes, photosOf, photoViews, toPublic, toSummary } from "./queries.js";
import { canWrite, handles, itemNotFound, loadItem, publicFor } from "./access.js";

// ---------------------------------------------------------------- one item

export async function getDetail(ctx: AppContext, user: AuthUser | null, id: number): Promise<FeedbackDetail> {
  const { db } = ctx.database;
  const row = await loadItem(db, id);
  if (!row) throw itemNotFound();
  const nowIso = ctx.clock.now().toISOString();
  const isSender = !!user && user.id === row.sender_id;
  const handler = handles(user, row);
  const answers = (await loadAnswers(db, [row.id], false)).get(row.id) ?? [];
  const marks = await loadMarks(db, user?.id ?? null, [row.id]);
  const viewerMarks = { supported: marks.supported.has(row.id), flagged: marks.flagged.has(row.id) };

  if (isSender || handler) {
    return {
      scope: "full",
      // The sender does not learn how many people flagged their item.
      item: handler ? toSummary(row, nowIso, true) : { ...toSummary(row, nowIso, true), flagsCount: 0 },
      // the sender's and handlers' view may show private files: signed links for <img> and the webview
      photos: signFiles(ctx, photoViews(row, true)),
      answers: answers.map((a) => ({ ...a, attachments: signFiles(ctx, a.attachments) })),
      notes: handler ? await loadNotes(db, row.id) : null,
      viewer: {
        isSender,
        canManage: user!.role === "staff" && canWrite(user!, row),
        canAnswer: canWrite(user!, row),
        canNote: canWrite(user!, row),
        ...viewerMarks,
      },
    };
  }
  const publicAnswers = answers.filter((a) => a.isPublic);
  const visible = toBool(row.allow_public) && row.status === "answered" && !toBool(row.hidden) && publicAnswers.length > 0;
  // Someone else's private item answers 404, exactly like a missing one: its existence is not leaked.
  if (!visible || !publicFor(user, row)) throw itemNotFound();
  const pub = toPublic(row, publicAnswers, viewerMarks);
  return {
    scope: "public",
    item: {
      id: pub.id,
      code: pub.code,
      status: "answered",
      statusReason: null,
      category: pub.category,
      content: pub.content,
      senderName: pub.senderName,
      anonymous: toBool(row.anonymous),
      allowPublic: true,
      place: pub.place,
      assignedUnit: row.assigned_unit_id && row.assigned_name ? { id: row.assigned_unit_id, name: row.assigned_name } : null,
      dueAt: row.due_at,
      overdue: false,
      hidden: false,
      flagsCount: 0,
      supportsCount: pub.supportsCount,
      photoCount: pub.photos.length,
      createdAt: pub.createdAt,
      answeredAt: pub.answeredAt,
    },
    photos: pub.photos.map((p) => ({ ...p, hidden: false })),
    answers: publicAnswers,
    notes: null,
    viewer: { isSender: false, canManage: false, canAnswer: false, canNote: false, ...viewerMarks },
  };
}

/**
 * A photo of an item for its sender and the people handling it, even while moderation hides it
 * (the public file URL then answers 404): staff must still see what they are reviewing.
 */
export async function photoForReview(ctx: AppContext, user: AuthUser, id: number, photoId: string) {
  const { db } = ctx.database;
  const row = await loadItem(db, id);
  if (!row || !(user.id === row.sender_id || handles(user, row))) throw itemNotFound();
  if (!photosOf(row).some((p) => p.id === photoId)) throw notFound("Ảnh này không thuộc góp ý.", "PHOTO_NOT_FOUND");
  const file = await db.selectFrom("files").select(["name", "mime", "storage_path"]).where("id", "=", photoId).executeTakeFirst();
  if (!file) throw notFound("Không tìm thấy tệp ảnh.", "PHOTO_NOT_FOUND");
  return { name: file.name, mime: file.mime, absPath: path.join(ctx.config.uploadDir, file.storage_path) };
}
