import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import { fromBool, isUniqueViolation } from "../db/dialect.js";
import { AppError, badRequest, unprocessable } from "../lib/errors.js";
import { foldVietnamese } from "../lib/text.js";
import { formatDateTimeVN, vnParts } from "../lib/time.js";
import { linkFiles, requireAttachable } from "../files/access.js";
import type { CreateFeedbackSchema, FeedbackCreated } from "../contract/feedback.js";
import { FEEDBACK_LIMITS } from "../contract/feedback-labels.js";
import type { z } from "zod";
import { computeDueAt } from "./due.js";
import type { ItemRow } from "./queries.js";
import { cleanText } from "./shared.js";

const HOUR = 3_600_000;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,100}$/;

export function formatCode(year: number, seq: number): string {
  return `GY-${year}-${String(seq).padStart(6, "0")}`;
}

/** Hands out the next sequence of a year: the UPDATE locks the counter row until the transaction ends. */
export async function nextSequence(trx: Kysely<DB>, year: number): Promise<number> {
  await trx
    .insertInto("feedback_counters")
    .values({ year, last_seq: 0 })
    .onConflict((oc) => oc.column("year").doNothing())
    .execute();
  const row = await trx
    .updateTable("feedback_counters")
    .set((eb) => ({ last_seq: eb("last_seq", "+", 1) }))
    .where("year", "=", year)
    .returning("last_seq")
    .executeTakeFirstOrThrow();
  return Number(row.last_seq);
}

/**
 * A replay of the sending this key was first used for, or 422 when the key now comes with another
 * feedback: returning the first item as if it were this one would silently lose what was just written.
 */
async function findByKey(db: Kysely<DB>, senderId: number, key: string, requestHash: string) {
  const row = await db
    .selectFrom("feedback_items")
    .select(["id", "code", "status", "due_at", "request_hash"])
    .where("sender_id", "=", senderId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
  if (row?.request_hash && row.request_hash !== requestHash) {
    throw unprocessable(
      "IDEMPOTENCY_KEY_REUSED",
      "Khóa chống gửi trùng (Idempotency-Key) này đã dùng cho một góp ý khác. Nội dung đang soạn vẫn được giữ; vui lòng gửi lại để tạo góp ý mới.",
      { existingCode: row.code },
    );
  }
  return row;
}

/** What identifies one sending (everything but the key itself), for the replay check. */
function requestHashOf(body: z.output<typeof CreateFeedbackSchema>): string {
  const { idempotencyKey: _key, ...rest } = body;
  const canonical = JSON.stringify(Object.keys(rest).sort().map((k) => [k, (rest as Record<string, unknown>)[k]]));
  return crypto.createHash("sha256").update(canonical).digest("hex");
}

const created = (r: { id: number; code: string; status: ItemRow["status"]; due_at: string }): FeedbackCreated => ({
  id: r.id,
  code: r.code,
  status: r.status,
  dueAt: r.due_at,
});

// ---------------------------------------------------------------- send

export async function createFeedback(
  ctx: AppContext,
  user: AuthUser,
  body: z.output<typeof CreateFeedbackSchema>,
  headerKey: string | undefined,
  onRateLimited?: (retryAt: string) => void,
): Promise<{ created: FeedbackCreated; replay: boolean }> {
  const { db, dialect } = ctx.database;
  const rawKey = (headerKey ?? "").trim() || body.idempotencyKey || null;
  if (rawKey !== null && !IDEMPOTENCY_KEY.test(rawKey)) {
    throw badRequest("BAD_IDEMPOTENCY_KEY", "Khóa chống gửi trùng (Idempotency-Key) không hợp lệ.");
  }
  const key = rawKey;
  const requestHash = requestHashOf(body);
  if (key) {
    const existing = await findByKey(db, user.id, key, requestHash);
    if (existing) return { created: created(existing), replay: true };
  }

  const category = await db
    .selectFrom("feedback_categories")
    .select(["id", "answer_days"])
    .where("id", "=", body.categoryId)
    .where("active", "=", 1)
    .executeTakeFirst();
  if (!category) throw badRequest("UNKNOWN_CATEGORY", "Lĩnh vực góp ý không tồn tại. Vui lòng chọn lại.");
  // feedback goes to the sender's ward; a place must be one of its residential groups
  const wardId = user.wardId;
  if (wardId === null) throw badRequest("WARD_REQUIRED", "Tài khoản của bạn chưa thuộc phường, xã nào: vui lòng chọn phường, xã trong mục Cá nhân.");
  if (body.placeUnitId) {
    const place = await db.selectFrom("units").select(["kind", "ward_id"]).where("id", "=", body.placeUnitId).executeTakeFirst();
    if (!place || place.kind !== "residential_group" || place.ward_id !== wardId) throw badRequest("UNKNOWN_PLACE", "Tổ dân phố được chọn không tồn tại.");
  }
  // Only one's own uploads (or staff's): a photo id copied from someone else's public item is refused.
  const photos = await requireAttachable(db, user, body.photoIds, { imagesOnly: true });
  if (photos.length > FEEDBACK_LIMITS.maxPhotos) throw badRequest("TOO_MANY_PHOTOS", `Mỗi góp ý có tối đa ${FEEDBACK_LIMITS.maxPhotos} ảnh.`);

  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const dueAt = await computeDueAt(db, nowIso, category.answer_days);
  const year = vnParts(now).year;
  const content = cleanText(body.content);
  if (content.trim().length < FEEDBACK_LIMITS.contentMin) {
    throw badRequest("CONTENT_TOO_SHORT", `Nội dung góp ý cần ít nhất ${FEEDBACK_LIMITS.contentMin} ký tự.`);
  }

  try {
    const row = await db.transaction().execute(async (trx) => {
      // One submission at a time per person (PostgreSQL row lock; SQLite serialises writers anyway),
      // so the rate limit and the idempotency check below cannot be raced.
      if (dialect === "postgres") await trx.selectFrom("users").select("id").where("id", "=", user.id).forUpdate().execute();
      if (key) {
        const existing = await findByKey(trx, user.id, key, requestHash);
        if (existing) return { ...existing, replay: true };
      }
      const recent = await trx
        .selectFrom("feedback_items")
        .select("created_at")
        .where("sender_id", "=", user.id)
        .where("created_at", ">", new Date(now.getTime() - HOUR).toISOString())
        .orderBy("created_at", "asc")
        .execute();
      if (recent.length >= FEEDBACK_LIMITS.perHour) {
        const retryAt = new Date(Date.parse(recent[recent.length - FEEDBACK_LIMITS.perHour].created_at) + HOUR).toISOString();
        onRateLimited?.(retryAt);
        throw new AppError(
          429,
          "FEEDBACK_RATE_LIMITED",
          `Bạn đã gửi ${FEEDBACK_LIMITS.perHour} góp ý trong vòng 1 giờ qua. Bạn có thể gửi tiếp từ ${formatDateTimeVN(retryAt)}. Nội dung đang soạn vẫn được giữ lại.`,
          { retryAt },
        );
      }
      const seq = await nextSequence(trx, year);
      const code = formatCode(year, seq);
      const inserted = await trx
        .insertInto("feedback_items")
        .values({
          code,
          ward_id: wardId,
          sender_id: user.id,
          category_id: category.id,
          content,
          search_text: foldVietnamese(`${code} ${content}`),
          photos: JSON.stringify(photos),
          hidden_photo_ids: "[]",
          place_unit_id: body.placeUnitId ?? null,
          allow_public: fromBool(body.allowPublic),
          anonymous: fromBool(body.anonymous),
          status: "received",
          status_reason: null,
          assigned_unit_id: null,
          due_at: dueAt,
          answered_at: null,
          hidden: 0,
          hidden_by: null,
          flags_count: 0,
          flags_reviewed: 0,
          supports_count: 0,
          idempotency_key: key,
          request_hash: key ? requestHash : null,
          created_at: nowIso,
          updated_at: nowIso,
        })
        .returning(["id", "code", "status", "due_at"])
        .executeTakeFirstOrThrow();
      await linkFiles(trx, "feedback_photo", inserted.id, photos.map((p) => p.id), nowIso);
      return { ...inserted, replay: false };
    });
    return { created: created(row), replay: row.replay };
  } catch (err) {
    // A double tap that raced past the first check: the unique (sender, key) kept one item; return it.
    if (key && isUniqueViolation(err)) {
      const existing = await findByKey(db, user.id, key, requestHash);
      if (existing) return { created: created(existing), replay: true };
    }
    throw err;
  }
}
