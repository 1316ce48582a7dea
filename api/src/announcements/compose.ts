import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import { fromBool, parseJson } from "../db/dialect.js";
import { badRequest, conflict, forbidden, notFound } from "../lib/errors.js";
import { requireFiles } from "../files/store.js";
import { linkFiles } from "../files/access.js";
import type { AnnouncementFile, AnnouncementPatchSchema, NewAnnouncementSchema } from "../contract/announcements.js";
import type { z } from "zod";
import type { AnnouncementAudience, AnnouncementStatus } from "./tables.js";
import { searchTextOf } from "./search-text.js";
import { enqueueAnnouncementPushes } from "./pushes.js";
import { writableNotice } from "./write-access.js";

type NewInput = z.output<typeof NewAnnouncementSchema>;
type PatchInput = z.output<typeof AnnouncementPatchSchema>;

async function requireCategory(db: Kysely<DB>, id: number): Promise<void> {
  const row = await db.selectFrom("announcement_categories").select("id").where("id", "=", id).executeTakeFirst();
  if (!row) throw badRequest("UNKNOWN_CATEGORY", "Chuyên mục không tồn tại.");
}

/**
 * The chosen units of an audience "units": units of the notice's ward (not the ward itself). A city
 * notice goes to every ward (everyone, or the wards' staff and focal points), never to one ward's units.
 */
async function requireUnits(db: Kysely<DB>, wardId: number | null, audience: AnnouncementAudience, unitIds: number[]): Promise<number[]> {
  if (audience !== "units") return [];
  if (wardId === null) {
    throw forbidden(
      "Thông báo của thành phố gửi tới tất cả phường, xã (mọi người, hoặc cán bộ và đầu mối các phường); không chọn được đơn vị của một phường.",
      "CITY_NOTICE_UNITS",
    );
  }
  const ids = [...new Set(unitIds)];
  if (ids.length === 0) throw badRequest("UNITS_REQUIRED", "Vui lòng chọn ít nhất một đơn vị nhận thông báo.");
  // another ward's unit is as unknown here as a unit that does not exist
  const rows = await db.selectFrom("units").select("id").where("id", "in", ids).where("ward_id", "=", wardId).where("id", "!=", wardId).execute();
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw badRequest("UNKNOWN_UNIT", "Đơn vị nhận thông báo không tồn tại.", { unitIds: missing });
  return ids;
}

/** The ward a new notice belongs to: its author's; city staff publish the city's (null). */
function authorWard(user: AuthUser): number | null {
  if (user.role === "city_staff") return null;
  if (user.wardId === null) throw forbidden("Tài khoản của bạn chưa thuộc phường, xã nào.", "WARD_REQUIRED");
  return user.wardId;
}

async function resolveFiles(db: Kysely<DB>, coverId: string | null, attachmentIds: string[]): Promise<{ cover: AnnouncementFile | null; attachments: AnnouncementFile[] }> {
  const ids = [...new Set(attachmentIds)];
  const attachments = ids.length ? await requireFiles(db, ids) : [];
  const cover = coverId ? (await requireFiles(db, [coverId], { imagesOnly: true }))[0] : null;
  const pick = (f: AnnouncementFile) => ({ id: f.id, url: f.url, name: f.name, size: Number(f.size), mime: f.mime });
  return { cover: cover ? pick(cover) : null, attachments: attachments.map(pick) };
}

/** The files a notice shows (its attachments and cover), which take the notice's access. */
const noticeFileIds = (files: { cover: AnnouncementFile | null; attachments: AnnouncementFile[] }) => [
  ...files.attachments.map((f) => f.id),
  ...(files.cover ? [files.cover.id] : []),
];

/** Checks the schedule: a future publishAt for scheduled notices, an expiry after publication. */
function checkTimes(status: AnnouncementStatus, publishAt: string | null, expiresAt: string | null, nowIso: string, publishedAt: string | null): void {
  if (status === "scheduled") {
    if (!publishAt) throw badRequest("PUBLISH_AT_REQUIRED", "Vui lòng chọn thời điểm đăng thông báo.");
    if (Date.parse(publishAt) <= Date.parse(nowIso)) throw badRequest("PUBLISH_AT_IN_PAST", "Thời điểm đăng phải ở tương lai.");
  }
  const start = status === "scheduled" ? publishAt! : publishedAt ?? nowIso;
  if (expiresAt && Date.parse(expiresAt) <= Date.parse(start)) {
    throw badRequest("EXPIRES_BEFORE_PUBLISH", "Thời điểm hết hạn phải sau thời điểm đăng.");
  }
}

const iso = (v: string | null | undefined) => (v ? new Date(v).toISOString() : null);

export async function createAnnouncement(ctx: AppContext, user: AuthUser, input: NewInput): Promise<number> {
  const now = ctx.clock.now().toISOString();
  const publishAt = input.status === "published" ? now : iso(input.publishAt);
  const expiresAt = iso(input.expiresAt);
  if (input.status === "draft" && publishAt && Date.parse(publishAt) <= Date.parse(now)) {
    throw badRequest("PUBLISH_AT_IN_PAST", "Thời điểm đăng phải ở tương lai.");
  }
  checkTimes(input.status, publishAt, expiresAt, now, input.status === "published" ? now : null);
  const wardId = authorWard(user);
  return ctx.database.db.transaction().execute(async (trx) => {
    await requireCategory(trx, input.categoryId);
    const unitIds = await requireUnits(trx, wardId, input.audience, input.unitIds);
    const files = await resolveFiles(trx, input.coverFileId ?? null, input.attachmentIds);
    const publishedAt = input.status === "published" ? now : null;
    const row = await trx
      .insertInto("announcements")
      .values({
        ward_id: wardId,
        title: input.title,
        body: input.body,
        category_id: input.categoryId,
        cover_json: files.cover ? JSON.stringify(files.cover) : null,
        attachments_json: JSON.stringify(files.attachments),
        audience: input.audience,
        pinned: fromBool(input.pinned),
        status: input.status,
        publish_at: publishAt,
        published_at: publishedAt,
        expires_at: expiresAt,
        requires_ack: fromBool(input.requiresAck),
        edited_at: null,
        archived_at: null,
        sort_at: publishedAt ?? publishAt ?? now,
        search_text: searchTextOf(input.title, input.body),
        view_count: 0,
        last_reminded_at: null,
        seed_key: null,
        created_by: user.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (unitIds.length) {
      await trx.insertInto("announcement_units").values(unitIds.map((unit_id) => ({ announcement_id: row.id, unit_id }))).execute();
    }
    await linkFiles(trx, "announcement", row.id, noticeFileIds(files), now);
    if (input.status === "published") {
      await enqueueAnnouncementPushes(trx, ctx, { id: row.id, ward_id: wardId, audience: input.audience, created_by: user.id, title: input.title, body: input.body }, now);
    }
    return row.id;
  });
}

export async function updateAnnouncement(ctx: AppContext, user: AuthUser, id: number, patch: PatchInput): Promise<void> {
  const now = ctx.clock.now().toISOString();
  await writableNotice(ctx.database.db, user, id);
  await ctx.database.db.transaction().execute(async (trx) => {
    const cur = await trx.selectFrom("announcements").selectAll().where("id", "=", id).executeTakeFirst();
    if (!cur) throw notFound("Không tìm thấy thông báo.", "ANNOUNCEMENT_NOT_FOUND");
    if (cur.status === "archived") throw conflict("ANNOUNCEMENT_ARCHIVED", "Thông báo đã được lưu trữ, không thể sửa.");
    const status = patch.status ?? (cur.status as Exclude<AnnouncementStatus, "archived">);
    if (cur.status === "published" && status !== "published") {
      throw conflict("ALREADY_PUBLISHED", "Thông báo đã đăng, không thể chuyển về bản nháp hoặc hẹn giờ.");
    }
    const publishingNow = cur.status !== "published" && status === "published";
    // A published notice keeps the moment it went out: a new publishAt would be silently meaningless.
    if (cur.status === "published" && patch.publishAt !== undefined && iso(patch.publishAt) !== cur.publish_at) {
      throw conflict("ALREADY_PUBLISHED", "Thông báo đã đăng, không thể đổi thời điểm đăng.");
    }
    let publishAt = patch.publishAt !== undefined ? iso(patch.publishAt) : cur.publish_at;
    // The same rule as at creation: a draft may remember a future time only.
    if (status === "draft" && patch.publishAt && Date.parse(publishAt!) <= Date.parse(now)) {
      throw badRequest("PUBLISH_AT_IN_PAST", "Thời điểm đăng phải ở tương lai.");
    }
    if (publishingNow) publishAt = now;
    const expiresAt = patch.expiresAt !== undefined ? iso(patch.expiresAt) : cur.expires_at;
    const scheduleTouched = patch.status !== undefined || patch.publishAt !== undefined;
    if (status === "scheduled" && scheduleTouched) checkTimes(status, publishAt, expiresAt, now, null);
    else if (status !== "draft" && (patch.expiresAt !== undefined || publishingNow)) {
      checkTimes(status, publishAt, expiresAt, now, publishingNow ? now : cur.published_at);
    }
    if (patch.categoryId !== undefined) await requireCategory(trx, patch.categoryId);
    const audience = patch.audience ?? cur.audience;
    let unitIds: number[] | null = null;
    let audienceChanged = false;
    if (patch.audience !== undefined || patch.unitIds !== undefined) {
      const before = (await trx.selectFrom("announcement_units").select("unit_id").where("announcement_id", "=", id).execute()).map((r) => r.unit_id);
      unitIds = await requireUnits(trx, cur.ward_id, audience, patch.unitIds ?? before);
      const key = (ids: number[]) => [...ids].sort((a, b) => a - b).join(",");
      audienceChanged = audience !== cur.audience || key(unitIds) !== key(audience === "units" ? before : []);
    }
    const curCover = parseJson<AnnouncementFile | null>(cur.cover_json, null);
    const curAttachments = parseJson<AnnouncementFile[]>(cur.attachments_json, []);
    let coverJson = cur.cover_json;
    let attachmentsJson = cur.attachments_json;
    if (patch.coverFileId !== undefined || patch.attachmentIds !== undefined) {
      const files = await resolveFiles(
        trx,
        patch.coverFileId !== undefined ? patch.coverFileId : curCover?.id ?? null,
        patch.attachmentIds ?? curAttachments.map((f) => f.id),
      );
      coverJson = files.cover ? JSON.stringify(files.cover) : null;
      attachmentsJson = JSON.stringify(files.attachments);
      await linkFiles(trx, "announcement", id, noticeFileIds(files), now);
    }
    const title = patch.title ?? cur.title;
    const body = patch.body ?? cur.body;
    // Files compare by id (the stored JSON may list the same files with keys in another order).
    const fileIds = (json: string | null) => JSON.stringify(parseJson<AnnouncementFile[] | AnnouncementFile | null>(json, null) ?? null, ["id"]);
    const contentChanged =
      title !== cur.title ||
      body !== cur.body ||
      fileIds(attachmentsJson) !== fileIds(cur.attachments_json) ||
      fileIds(coverJson) !== fileIds(cur.cover_json) ||
      (patch.categoryId !== undefined && patch.categoryId !== cur.category_id);
    const publishedAt = publishingNow ? now : cur.published_at;
    const sortAt = status === "published" ? publishedAt! : status === "scheduled" ? publishAt! : cur.created_at;
    await trx
      .updateTable("announcements")
      .set({
        title,
        body,
        category_id: patch.categoryId ?? cur.category_id,
        cover_json: coverJson,
        attachments_json: attachmentsJson,
        audience,
        pinned: patch.pinned !== undefined ? fromBool(patch.pinned) : cur.pinned,
        requires_ack: patch.requiresAck !== undefined ? fromBool(patch.requiresAck) : cur.requires_ack,
        status,
        publish_at: publishAt,
        published_at: publishedAt,
        expires_at: expiresAt,
        edited_at: cur.status === "published" && contentChanged ? now : cur.edited_at,
        sort_at: sortAt,
        search_text: searchTextOf(title, body),
        updated_at: now,
      })
      .where("id", "=", id)
      .execute();
    if (unitIds) {
      await trx.deleteFrom("announcement_units").where("announcement_id", "=", id).execute();
      if (unitIds.length) await trx.insertInto("announcement_units").values(unitIds.map((unit_id) => ({ announcement_id: id, unit_id }))).execute();
    }
    // Publishing, or widening the audience of a published notice: new recipients get it once;
    // people who already got it are skipped by the dedupe key. Saving the same audience (the edit
    // screen sends every field) pushes nothing, even to accounts created since publication.
    if (status === "published" && (publishingNow || audienceChanged)) {
      await enqueueAnnouncementPushes(trx, ctx, { id, ward_id: cur.ward_id, audience, created_by: cur.created_by, title, body }, now);
    }
  });
}
