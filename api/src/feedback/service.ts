import crypto from "node:crypto";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import { fromBool, isUniqueViolation, likeOp, toBool } from "../db/dialect.js";
import { AppError, badRequest, conflict, forbidden, notFound, unprocessable } from "../lib/errors.js";
import { escapeLike, foldVietnamese } from "../lib/text.js";
import { formatDateTimeVN, vnInstant, vnParts } from "../lib/time.js";
import { linkFiles, requireAttachable, signFiles } from "../files/access.js";
import { enqueueNotifications, type NotificationInput } from "../notifications/outbox.js";
import { pushChannelName } from "../notifications/channel-name.js";
import { assertWardWrite, seesWard, wardToRead, whereWard } from "../wards/scope.js";
import type {
  CreateAnswerSchema,
  CreateFeedbackSchema,
  FeedbackCreated,
  FeedbackDetail,
  FeedbackInbox,
  FeedbackInboxQuerySchema,
  FeedbackPublicQuerySchema,
  FeedbackStats,
  MyFeedbackPage,
  PublicFeedbackPage,
  UpdateFeedbackSchema,
} from "../contract/feedback.js";
import { FEEDBACK_LIMITS, FEEDBACK_OPEN_STATUSES, FEEDBACK_STATUSES_NEEDING_REASON, FEEDBACK_STATUS_LABELS } from "../contract/feedback-labels.js";
import type { z } from "zod";
import { computeDueAt } from "./due.js";
import { syncPhotoFiles } from "./photo-files.js";
import {
  hasPublicAnswer,
  hiddenPhotoIdsOf,
  itemQuery,
  loadAnswers,
  loadMarks,
  loadNotes,
  photosOf,
  photoViews,
  toPublic,
  toSummary,
  type ItemRow,
} from "./queries.js";

const HOUR = 3_600_000;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,100}$/;

/** Plain text as stored: Unix newlines, no control characters (tabs and newlines kept). */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
}

const itemNotFound = () => notFound("Không tìm thấy góp ý này.", "FEEDBACK_NOT_FOUND");

export function formatCode(year: number, seq: number): string {
  return `GY-${year}-${String(seq).padStart(6, "0")}`;
}

const pushEnabled = (ctx: AppContext) => pushChannelName(ctx.config) !== "inbox";

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

// ---------------------------------------------------------------- lists

function applySearch<Q extends { where: (...args: any[]) => Q }>(q: Q, ctx: AppContext, text: string | undefined): Q {
  const folded = foldVietnamese(text ?? "");
  if (!folded) return q;
  // ESCAPE is explicit: SQLite has no default escape character, so "50%" or "a_b" would not match literally.
  const pattern = `%${escapeLike(folded)}%`;
  return q.where(sql<boolean>`f.search_text ${sql.raw(likeOp(ctx.database.dialect))} ${pattern} escape '\\'`);
}

function page<T extends { id: number }>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  return { rows: slice, nextCursor: more ? String(slice[slice.length - 1].id) : null };
}

export async function listPublic(ctx: AppContext, user: AuthUser | null, query: z.output<typeof FeedbackPublicQuerySchema>): Promise<PublicFeedbackPage> {
  const { db } = ctx.database;
  let q = whereWard(itemQuery(db), "f.ward_id", await wardToRead(db, user, query.wardId))
    .where("f.allow_public", "=", 1)
    .where("f.status", "=", "answered")
    .where("f.hidden", "=", 0)
    .where(hasPublicAnswer);
  if (query.categoryId) q = q.where("f.category_id", "=", query.categoryId);
  if (query.cursor) q = q.where("f.id", "<", Number(query.cursor));
  q = applySearch(q, ctx, query.q);
  const { rows, nextCursor } = page(await q.orderBy("f.id", "desc").limit(query.limit + 1).execute(), query.limit);
  const ids = rows.map((r) => r.id);
  const [answers, marks] = await Promise.all([loadAnswers(db, ids, true), loadMarks(db, user?.id ?? null, ids)]);
  return {
    items: rows.map((r) => toPublic(r, answers.get(r.id) ?? [], { supported: marks.supported.has(r.id), flagged: marks.flagged.has(r.id) })),
    nextCursor,
  };
}

export async function listMine(ctx: AppContext, user: AuthUser, query: { cursor?: string; limit: number }): Promise<MyFeedbackPage> {
  const { db } = ctx.database;
  let q = itemQuery(db).where("f.sender_id", "=", user.id);
  if (query.cursor) q = q.where("f.id", "<", Number(query.cursor));
  const { rows, nextCursor } = page(await q.orderBy("f.id", "desc").limit(query.limit + 1).execute(), query.limit);
  const answers = await loadAnswers(db, rows.map((r) => r.id), false);
  const nowIso = ctx.clock.now().toISOString();
  return {
    items: rows.map((r) => {
      const list = answers.get(r.id) ?? [];
      const latest = list.length ? list[list.length - 1] : null;
      return { ...toSummary(r, nowIso, true), flagsCount: 0, latestAnswer: latest && { ...latest, attachments: signFiles(ctx, latest.attachments) } };
    }),
    nextCursor,
  };
}

export async function listInbox(ctx: AppContext, user: AuthUser, query: z.output<typeof FeedbackInboxQuerySchema>): Promise<FeedbackInbox> {
  const { db } = ctx.database;
  const nowIso = ctx.clock.now().toISOString();
  const ward = await wardToRead(db, user, query.wardId);
  const scope = <Q extends { where: (...args: any[]) => Q }>(q: Q): Q =>
    // The caller's ward (city staff: the one chosen, or every ward); a focal point only sees what is
    // assigned to their own unit.
    whereWard(user.role === "focal" ? q.where("f.assigned_unit_id", "=", user.unitId ?? -1) : q, "f.ward_id", ward);

  let q = scope(itemQuery(db));
  if (query.status) q = q.where("f.status", "=", query.status);
  if (query.categoryId) q = q.where("f.category_id", "=", query.categoryId);
  if (query.unitId) q = q.where("f.assigned_unit_id", "=", query.unitId);
  if (query.hidden !== undefined) q = q.where("f.hidden", "=", fromBool(query.hidden));
  if (query.overdue === true) q = q.where("f.status", "in", [...FEEDBACK_OPEN_STATUSES]).where("f.due_at", "<", nowIso);
  if (query.overdue === false)
    q = q.where((eb) => eb.or([eb("f.status", "not in", [...FEEDBACK_OPEN_STATUSES]), eb("f.due_at", ">=", nowIso)]));
  if (query.cursor) q = q.where("f.id", "<", Number(query.cursor));
  q = applySearch(q, ctx, query.q);
  const { rows, nextCursor } = page(await q.orderBy("f.id", "desc").limit(query.limit + 1).execute(), query.limit);

  const overdue = await scope(db.selectFrom("feedback_items as f"))
    .select((eb) => eb.fn.countAll().as("n"))
    .where("f.status", "in", [...FEEDBACK_OPEN_STATUSES])
    .where("f.due_at", "<", nowIso)
    .executeTakeFirstOrThrow();

  return { items: rows.map((r) => toSummary(r, nowIso, true)), nextCursor, overdueCount: Number(overdue.n) };
}

// ---------------------------------------------------------------- one item

async function loadItem(db: Kysely<DB>, id: number): Promise<ItemRow | undefined> {
  return itemQuery(db).where("f.id", "=", id).executeTakeFirst();
}

/**
 * The ward's staff and observer, and the focal point of the assigned unit, handle an item (and read
 * its notes); city staff read every ward's items the same way, without acting on them.
 */
export function handles(user: AuthUser | null, row: ItemRow): boolean {
  if (!user || !seesWard(user, row.ward_id)) return false;
  if (user.role === "staff" || user.role === "observer" || user.role === "city_staff") return true;
  return user.role === "focal" && row.assigned_unit_id !== null && user.unitId === row.assigned_unit_id;
}

function canWrite(user: AuthUser, row: ItemRow): boolean {
  if (user.role === "city_staff" || !seesWard(user, row.ward_id)) return false;
  return user.role === "staff" || (user.role === "focal" && row.assigned_unit_id !== null && user.unitId === row.assigned_unit_id);
}

/** A public item is public within its ward: a member of another ward finds nothing (anonymous callers see it). */
const publicFor = (user: AuthUser | null, row: { ward_id: number | null }) => !user || seesWard(user, row.ward_id);

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

// ---------------------------------------------------------------- public reactions

async function loadPublicVisible(db: Kysely<DB>, user: AuthUser, id: number) {
  const row = await db
    .selectFrom("feedback_items as f")
    .select(["f.id", "f.code", "f.ward_id", "f.sender_id", "f.hidden", "f.flags_count", "f.flags_reviewed"])
    .where("f.id", "=", id)
    .where("f.allow_public", "=", 1)
    .where("f.status", "=", "answered")
    .where("f.hidden", "=", 0)
    .where(hasPublicAnswer)
    .executeTakeFirst();
  if (!row || !publicFor(user, row)) throw itemNotFound();
  return row;
}

/** Support and flags speak for others: nobody counts towards (or against) their own item. */
function refuseOwnItem(user: AuthUser, item: { sender_id: number }, what: "support" | "flag"): void {
  if (item.sender_id !== user.id) return;
  throw forbidden(
    what === "support" ? "Bạn không thể tự ủng hộ góp ý của chính mình." : "Bạn không thể báo cáo vi phạm góp ý của chính mình.",
    "OWN_FEEDBACK",
  );
}

export async function supportFeedback(ctx: AppContext, user: AuthUser, id: number) {
  const { db } = ctx.database;
  const nowIso = ctx.clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    refuseOwnItem(user, await loadPublicVisible(trx, user, id), "support");
    const res = await trx
      .insertInto("feedback_supports")
      .values({ item_id: id, user_id: user.id, created_at: nowIso })
      .onConflict((oc) => oc.columns(["item_id", "user_id"]).doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) throw conflict("ALREADY_SUPPORTED", "Bạn đã ủng hộ góp ý này rồi.");
    const row = await trx
      .updateTable("feedback_items")
      .set((eb) => ({ supports_count: eb("supports_count", "+", 1) }))
      .where("id", "=", id)
      .returning("supports_count")
      .executeTakeFirstOrThrow();
    return { supported: true, supportsCount: Number(row.supports_count) };
  });
}

export async function flagFeedback(ctx: AppContext, user: AuthUser, id: number, reason: string | undefined) {
  const { db } = ctx.database;
  const nowIso = ctx.clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const item = await loadPublicVisible(trx, user, id);
    refuseOwnItem(user, item, "flag");
    const res = await trx
      .insertInto("feedback_flags")
      .values({ item_id: id, user_id: user.id, reason: reason || null, created_at: nowIso })
      .onConflict((oc) => oc.columns(["item_id", "user_id"]).doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) throw conflict("ALREADY_FLAGGED", "Bạn đã báo cáo vi phạm góp ý này rồi.");
    const row = await trx
      .updateTable("feedback_items")
      .set((eb) => ({ flags_count: eb("flags_count", "+", 1) }))
      .where("id", "=", id)
      .returning(["flags_count", "flags_reviewed"])
      .executeTakeFirstOrThrow();
    const unreviewed = Number(row.flags_count) - Number(row.flags_reviewed);
    let hidden = false;
    if (unreviewed >= FEEDBACK_LIMITS.flagsToHide) {
      hidden = true;
      await trx.updateTable("feedback_items").set({ hidden: 1, hidden_by: "flags", updated_at: nowIso }).where("id", "=", id).execute();
      const photos = await trx.selectFrom("feedback_items").select("photos").where("id", "=", id).executeTakeFirstOrThrow();
      await syncPhotoFiles(trx, photosOf(photos).map((p) => p.id));
      // the item's ward's staff review it
      const staff = await trx.selectFrom("users").select("id").where("role", "=", "staff").where("ward_id", "=", item.ward_id).where("disabled", "=", 0).execute();
      await enqueueNotifications(
        trx,
        staff.map((s) => ({
          userId: s.id,
          kind: "feedback_flagged",
          title: `Góp ý ${item.code} bị ẩn chờ xem xét`,
          body: `Góp ý đã bị báo cáo vi phạm ${Number(row.flags_count)} lần và tạm ẩn khỏi danh sách công khai.`,
          link: `/feedback/${id}`,
          dedupeKey: `feedback:${id}:flagged:${Number(row.flags_count)}`,
          source: `feedback:${id}`,
        })),
        nowIso,
        pushEnabled(ctx),
      );
    }
    return { flagged: true, hidden };
  });
}

// ---------------------------------------------------------------- categories and figures

export async function listCategories(ctx: AppContext) {
  const rows = await ctx.database.db
    .selectFrom("feedback_categories")
    .select(["id", "code", "name", "answer_days"])
    .where("active", "=", 1)
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, answerDays: Number(r.answer_days) }));
}

export async function updateCategory(ctx: AppContext, id: number, body: { name?: string; answerDays?: number }) {
  const { db } = ctx.database;
  if (body.name === undefined && body.answerDays === undefined) throw badRequest("NOTHING_TO_CHANGE", "Không có thay đổi nào được gửi lên.");
  const res = await db
    .updateTable("feedback_categories")
    .set({
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.answerDays !== undefined ? { answer_days: body.answerDays } : {}),
      updated_at: ctx.clock.now().toISOString(),
    })
    .where("id", "=", id)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw notFound("Không tìm thấy lĩnh vực góp ý.", "CATEGORY_NOT_FOUND");
  const row = await db.selectFrom("feedback_categories").select(["id", "code", "name", "answer_days"]).where("id", "=", id).executeTakeFirstOrThrow();
  return { id: row.id, code: row.code, name: row.name, answerDays: Number(row.answer_days) };
}

export async function feedbackStats(ctx: AppContext, user: AuthUser, periodId: number | undefined, wardId?: number): Promise<FeedbackStats> {
  const { db } = ctx.database;
  const ward = await wardToRead(db, user, wardId);
  const nowIso = ctx.clock.now().toISOString();
  let year: number | null = null;
  let from: string | null = null;
  let to: string | null = null;
  if (periodId) {
    const period = await db.selectFrom("periods").select("year").where("id", "=", periodId).executeTakeFirst();
    if (!period) throw notFound("Không tìm thấy kỳ báo cáo.", "PERIOD_NOT_FOUND");
    year = Number(period.year);
    from = vnInstant(year, 1, 1);
    to = vnInstant(year + 1, 1, 1);
  }
  const open = sql.join(FEEDBACK_OPEN_STATUSES.map((s) => sql.lit(s)));
  const closed = sql.join(FEEDBACK_STATUSES_NEEDING_REASON.map((s) => sql.lit(s)));
  let q = db
    .selectFrom("feedback_items as f")
    .select([
      "f.category_id",
      sql<string>`count(*)`.as("received"),
      sql<string>`sum(case when f.status = 'answered' then 1 else 0 end)`.as("answered"),
      sql<string>`sum(case when f.status = 'answered' and f.answered_at <= f.due_at then 1 else 0 end)`.as("on_time"),
      sql<string>`sum(case when f.status in (${closed}) then 1 else 0 end)`.as("closed"),
      sql<string>`sum(case when f.status in (${open}) then 1 else 0 end)`.as("open"),
      sql<string>`sum(case when f.status in (${open}) and f.due_at < ${nowIso} then 1 else 0 end)`.as("overdue"),
    ])
    .groupBy("f.category_id");
  q = whereWard(q, "f.ward_id", ward);
  if (from && to) q = q.where("f.created_at", ">=", from).where("f.created_at", "<", to);
  const rows = await q.execute();
  const cats = await db.selectFrom("feedback_categories").select(["id", "name"]).orderBy("sort_order").orderBy("id").execute();
  const byCat = new Map(rows.map((r) => [r.category_id, r]));
  const zero = { received: 0, answered: 0, answeredOnTime: 0, answeredLate: 0, closedWithReason: 0, open: 0, overdue: 0 };
  const byCategory = cats.map((c) => {
    const r = byCat.get(c.id);
    if (!r) return { categoryId: c.id, name: c.name, ...zero };
    const answered = Number(r.answered ?? 0);
    const onTime = Number(r.on_time ?? 0);
    return {
      categoryId: c.id,
      name: c.name,
      received: Number(r.received ?? 0),
      answered,
      answeredOnTime: onTime,
      answeredLate: answered - onTime,
      closedWithReason: Number(r.closed ?? 0),
      open: Number(r.open ?? 0),
      overdue: Number(r.overdue ?? 0),
    };
  });
  const total = { ...zero };
  for (const c of byCategory) for (const k of Object.keys(zero) as (keyof typeof zero)[]) total[k] += c[k];
  return {
    periodId: periodId ?? null,
    year,
    from,
    to,
    ...total,
    onTimeRate: total.answered ? Math.round((total.answeredOnTime / total.answered) * 1000) / 10 : null,
    byCategory,
  };
}
