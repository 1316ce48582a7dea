import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import { fromBool } from "../db/dialect.js";
import { badRequest } from "../lib/errors.js";
import { linkFiles, requireAttachable } from "../files/access.js";
import { enqueueNotifications, type NotificationInput } from "../notifications/outbox.js";
import { assertWardWrite } from "../wards/scope.js";
import type { CreateAnswerSchema, FeedbackDetail, UpdateFeedbackSchema } from "../contract/feedback.js";
import { FEEDBACK_STATUSES_NEEDING_REASON, FEEDBACK_STATUS_LABELS } from "../contract/feedback-labels.js";
import type { z } from "zod";
import { syncPhotoFiles } from "./photo-files.js";
import { hiddenPhotoIdsOf, photosOf, type ItemRow } from "./queries.js";
import { canWrite, itemNotFound, loadItem } from "./access.js";
import { getDetail } from "./detail.js";
import { cleanText, pushEnabled } from "./shared.js";

// ---------------------------------------------------------------- staff changes

async function focalUserIds(db: Kysely<DB>, unitId: number): Promise<number[]> {
  const rows = await db.selectFrom("users").select("id").where("role", "=", "focal").where("unit_id", "=", unitId).where("disabled", "=", 0).execute();
  return rows.map((r) => r.id);
}

export async function updateFeedback(ctx: AppContext, user: AuthUser, id: number, body: z.output<typeof UpdateFeedbackSchema>): Promise<FeedbackDetail> {
  const { db } = ctx.database;
  const nowIso = ctx.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const row = await loadItem(trx, id);
    if (!row) throw itemNotFound();
    assertWardWrite(user, row.ward_id, itemNotFound);
    const set: Partial<Record<keyof DB["feedback_items"], unknown>> = {};
    const notes: NotificationInput[] = [];

    if (body.categoryId !== undefined) {
      const cat = await trx.selectFrom("feedback_categories").select("id").where("id", "=", body.categoryId).executeTakeFirst();
      if (!cat) throw badRequest("UNKNOWN_CATEGORY", "Lĩnh vực góp ý không tồn tại.");
      set.category_id = body.categoryId;
    }
    if (body.assignedUnitId !== undefined) {
      if (body.assignedUnitId !== null) {
        const unit = await trx.selectFrom("units").select(["id", "name"]).where("id", "=", body.assignedUnitId).where("ward_id", "=", row.ward_id).executeTakeFirst();
        if (!unit) throw badRequest("UNKNOWN_UNIT", "Đơn vị được chọn không tồn tại.");
        if (unit.id !== row.assigned_unit_id) {
          for (const uid of await focalUserIds(trx, unit.id)) {
            notes.push({
              userId: uid,
              kind: "feedback_assigned",
              title: `Góp ý ${row.code} được giao cho đơn vị`,
              body: `${row.category_name}: ${row.content.slice(0, 120)}`,
              link: `/feedback/${row.id}`,
              dedupeKey: `feedback:${row.id}:assigned:${unit.id}`,
              source: `feedback:${row.id}`,
            });
          }
        }
        // Assigning a received item starts handling it.
        if (row.status === "received" && body.status === undefined) set.status = "in_progress";
      }
      set.assigned_unit_id = body.assignedUnitId;
    }
    if (body.status !== undefined) {
      const needsReason = FEEDBACK_STATUSES_NEEDING_REASON.includes(body.status);
      if (needsReason && !body.reason) {
        throw badRequest("REASON_REQUIRED", `Vui lòng nêu lý do khi chuyển sang "${FEEDBACK_STATUS_LABELS[body.status]}".`);
      }
      set.status = body.status;
      set.status_reason = needsReason ? body.reason! : null;
      if (needsReason && body.status !== row.status) {
        notes.push({
          userId: row.sender_id,
          kind: "feedback_closed",
          title: `Góp ý ${row.code}: ${FEEDBACK_STATUS_LABELS[body.status]}`,
          body: `Lý do: ${body.reason!.slice(0, 200)}`,
          link: `/feedback/${row.id}`,
          dedupeKey: `feedback:${row.id}:status:${body.status}:${nowIso}`,
          source: `feedback:${row.id}`,
        });
      }
    } else if (body.reason !== undefined) {
      throw badRequest("REASON_WITHOUT_STATUS", "Lý do chỉ đi kèm khi thay đổi trạng thái.");
    }
    if (body.hidden !== undefined) {
      set.hidden = fromBool(body.hidden);
      set.hidden_by = body.hidden ? "staff" : null;
      // Un-hiding is the review of the flags so far: three new flags are needed to hide it again.
      if (!body.hidden) set.flags_reviewed = row.flags_count;
    }
    if (body.hidePhotoId !== undefined || body.showPhotoId !== undefined) {
      const ids = new Set(photosOf(row).map((p) => p.id));
      const hidden = new Set(hiddenPhotoIdsOf(row));
      for (const pid of [body.hidePhotoId, body.showPhotoId]) {
        if (pid !== undefined && !ids.has(pid)) throw badRequest("UNKNOWN_PHOTO", "Ảnh này không thuộc góp ý.");
      }
      if (body.hidePhotoId) hidden.add(body.hidePhotoId);
      if (body.showPhotoId) hidden.delete(body.showPhotoId);
      set.hidden_photo_ids = JSON.stringify([...hidden]);
    }
    if (Object.keys(set).length === 0) throw badRequest("NOTHING_TO_CHANGE", "Không có thay đổi nào được gửi lên.");
    set.updated_at = nowIso;
    await trx.updateTable("feedback_items").set(set as never).where("id", "=", id).execute();
    // A hidden photo (or every photo of a hidden item) stops being served by /api/files/:id.
    if (body.hidden !== undefined || body.hidePhotoId !== undefined || body.showPhotoId !== undefined) {
      await syncPhotoFiles(trx, photosOf(row).map((p) => p.id));
    }
    if (notes.length) await enqueueNotifications(trx, notes, nowIso, pushEnabled(ctx));
  });
  return getDetail(ctx, user, id);
}

async function loadWritable(db: Kysely<DB>, user: AuthUser, id: number): Promise<ItemRow> {
  const row = await loadItem(db, id);
  // A focal point of another unit gets 404: the item is not theirs to know about.
  if (!row || !canWrite(user, row)) throw itemNotFound();
  return row;
}

export async function answerFeedback(ctx: AppContext, user: AuthUser, id: number, body: z.output<typeof CreateAnswerSchema>): Promise<FeedbackDetail> {
  const { db } = ctx.database;
  await loadWritable(db, user, id);
  const attachments = await requireAttachable(db, user, body.attachmentIds);
  const nowIso = ctx.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const row = await loadWritable(trx, user, id);
    const answer = await trx
      .insertInto("feedback_answers")
      .values({
        item_id: id,
        author_id: user.id,
        text: cleanText(body.text),
        attachments: JSON.stringify(attachments),
        is_public: fromBool(body.isPublic),
        created_at: nowIso,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await linkFiles(trx, "feedback_answer", answer.id, attachments.map((f) => f.id), nowIso);
    await trx
      .updateTable("feedback_items")
      .set({ status: "answered", status_reason: null, answered_at: row.answered_at ?? nowIso, updated_at: nowIso })
      .where("id", "=", id)
      .execute();
    await enqueueNotifications(
      trx,
      [
        {
          userId: row.sender_id,
          kind: "feedback_answered",
          title: `Góp ý ${row.code} đã được trả lời`,
          body: body.text.slice(0, 200),
          link: `/feedback/${id}`,
          dedupeKey: `feedback:${id}:answer:${answer.id}`,
          source: `feedback:${id}`,
        },
      ],
      nowIso,
      pushEnabled(ctx),
    );
  });
  return getDetail(ctx, user, id);
}

export async function addNote(ctx: AppContext, user: AuthUser, id: number, text: string) {
  const { db } = ctx.database;
  await loadWritable(db, user, id);
  const nowIso = ctx.clock.now().toISOString();
  const row = await db
    .insertInto("feedback_notes")
    .values({ item_id: id, author_id: user.id, text: cleanText(text), created_at: nowIso })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, text: cleanText(text), authorName: user.name, createdAt: nowIso };
}
