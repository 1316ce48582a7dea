import { z } from "zod";
import { DbId, IsoInstant } from "./common.js";
import { stripBidi } from "./text.js";
import { ANNOUNCEMENT_LIMITS } from "./announcements-labels.js";

export const AudienceSchema = z.enum(["everyone", "all_units", "units"]).meta({ id: "AnnouncementAudience" });
export type Audience = z.infer<typeof AudienceSchema>;

export const AnnouncementStatusSchema = z.enum(["draft", "scheduled", "published", "archived"]).meta({ id: "AnnouncementStatus" });
export type AnnouncementStatus = z.infer<typeof AnnouncementStatusSchema>;

/** Limits shared with the mini app (checked there before sending). */
export const TITLE_MAX = ANNOUNCEMENT_LIMITS.title;
export const BODY_MAX = ANNOUNCEMENT_LIMITS.body;
export const ATTACHMENTS_MAX = ANNOUNCEMENT_LIMITS.attachments;
export const CATEGORY_NAME_MAX = 60;
/** Row ids are 32-bit integers in PostgreSQL: a bigger number is refused here rather than failing in the database. */
const rowId = z.number().int().positive().max(2_147_483_647);

// Control characters are refused (a title is one line; a body keeps tabs and newlines).
// "<script>" and other markup are stored as typed: clients render them as text, never as HTML.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const BODY_CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const AnnouncementFileSchema = z
  .object({ id: z.string(), url: z.string(), name: z.string(), size: z.number().int(), mime: z.string() })
  .meta({ id: "AnnouncementFile" });
export type AnnouncementFile = z.infer<typeof AnnouncementFileSchema>;

export const AnnouncementCategorySchema = z.object({ id: z.number().int(), name: z.string() }).meta({ id: "AnnouncementCategory" });
export type AnnouncementCategory = z.infer<typeof AnnouncementCategorySchema>;

export const NewCategorySchema = z.object({
  name: z.string().overwrite(stripBidi).trim().min(2, "Tên chuyên mục cần ít nhất 2 ký tự.").max(CATEGORY_NAME_MAX, `Tên chuyên mục tối đa ${CATEGORY_NAME_MAX} ký tự.`).refine((s) => !CONTROL_CHARS.test(s), "Tên chuyên mục chứa ký tự không hợp lệ."),
});

/**
 * Who published a notice: a ward's staff (its ward) or the city (Sở Nội vụ, shown in every ward's
 * feed). `name` is the ward's name ("Phường Lê Đại Hành") or the city's sender (CITY_SENDER).
 */
export const AnnouncementSenderSchema = z
  .object({ level: z.enum(["ward", "city"]), wardId: z.number().int().nullable(), name: z.string() })
  .meta({ id: "AnnouncementSender" });
export type AnnouncementSender = z.infer<typeof AnnouncementSenderSchema>;

/** One notice in the feed (no body). */
export const AnnouncementItemSchema = z
  .object({
    id: z.number().int(),
    title: z.string().meta({ description: "Plain text: shown as text, never as HTML" }),
    excerpt: z.string().meta({ description: "The first words of the body as plain text" }),
    category: AnnouncementCategorySchema,
    coverUrl: z.string().nullable(),
    audience: AudienceSchema,
    pinned: z.boolean(),
    status: AnnouncementStatusSchema,
    publishAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    requiresAck: z.boolean(),
    edited: z.boolean(),
    editedAt: z.string().nullable(),
    attachmentCount: z.number().int(),
    sender: AnnouncementSenderSchema,
    read: z.boolean().meta({ description: "Whether the signed-in user has opened it (false when anonymous)" }),
  })
  .meta({ id: "AnnouncementItem" });
export type AnnouncementItem = z.infer<typeof AnnouncementItemSchema>;

export const AnnouncementFeedSchema = z
  .object({
    items: z.array(AnnouncementItemSchema),
    nextCursor: z.string().nullable(),
    unreadCount: z.number().int().meta({ description: "Published notices meant for the caller that they have not opened" }),
  })
  .meta({ id: "AnnouncementFeed" });
export type AnnouncementFeed = z.infer<typeof AnnouncementFeedSchema>;

export const FeedQuerySchema = z.object({
  category: DbId.optional(),
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** Staff: only drafts and scheduled notices ("unpublished"), to find their work again. */
  status: z.enum(["unpublished"]).optional(),
  /**
   * The ward whose feed is read: city staff choose one (without it: every ward's notices and the
   * city's), an anonymous caller names theirs (default: the first ward); a ward's people may only name
   * their own (403 WARD_FORBIDDEN).
   */
  wardId: DbId.optional(),
  /** Only the city's notices (city) or only the ward's own (ward). */
  origin: z.enum(["city", "ward"]).optional(),
});
export type FeedQuery = z.infer<typeof FeedQuerySchema>;

export const AckSchema = z
  .object({
    scope: z.enum(["unit", "user"]),
    unitId: z.number().int().nullable(),
    unitName: z.string().nullable(),
    userName: z.string(),
    ackedAt: z.string(),
  })
  .meta({ id: "AnnouncementAck" });
export type Ack = z.infer<typeof AckSchema>;

export const AnnouncementDetailSchema = AnnouncementItemSchema.extend({
  body: z.string().meta({ description: "Markdown source (paragraphs, **bold**, *italic*, lists, headings, http(s) links)" }),
  cover: AnnouncementFileSchema.nullable(),
  attachments: z.array(AnnouncementFileSchema),
  units: z.array(z.object({ id: z.number().int(), name: z.string() })).meta({ description: "Chosen units when audience is 'units'" }),
  myAck: AckSchema.nullable().meta({ description: "The caller's (or their unit's) acknowledgement" }),
  canAck: z.boolean().meta({ description: "The caller may press 'Đã tiếp nhận' now" }),
  sharePath: z.string().meta({ description: "Deep link path into the mini app" }),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: "AnnouncementDetail" });
export type AnnouncementDetail = z.infer<typeof AnnouncementDetailSchema>;

const title = z
  .string()
  .overwrite(stripBidi)
  .trim()
  .min(3, "Tiêu đề cần ít nhất 3 ký tự.")
  .max(TITLE_MAX, `Tiêu đề tối đa ${TITLE_MAX} ký tự.`)
  .refine((s) => !CONTROL_CHARS.test(s), "Tiêu đề chứa ký tự điều khiển không hợp lệ.");
const body = z
  .string()
  .trim()
  .min(1, "Nội dung không được để trống.")
  .max(BODY_MAX, `Nội dung tối đa ${BODY_MAX} ký tự.`)
  .refine((s) => !BODY_CONTROL_CHARS.test(s), "Nội dung chứa ký tự điều khiển không hợp lệ.");
const fileId = z.string().min(1).max(64);

/** What staff send to create a notice: publish now, schedule (publishAt) or keep as draft. */
export const NewAnnouncementSchema = z
  .object({
    title,
    body,
    categoryId: rowId,
    coverFileId: fileId.nullable().optional(),
    attachmentIds: z.array(fileId).max(ATTACHMENTS_MAX, `Tối đa ${ATTACHMENTS_MAX} tệp đính kèm.`).default([]),
    audience: AudienceSchema,
    unitIds: z.array(rowId).max(200).default([]),
    pinned: z.boolean().default(false),
    requiresAck: z.boolean().default(false),
    status: z.enum(["draft", "scheduled", "published"]).meta({ description: "published = publish now" }),
    publishAt: IsoInstant.nullable().optional(),
    expiresAt: IsoInstant.nullable().optional(),
  })
  .meta({ id: "NewAnnouncement" });
export type NewAnnouncement = z.input<typeof NewAnnouncementSchema>;

export const AnnouncementPatchSchema = z
  .object({
    title,
    body,
    categoryId: rowId,
    coverFileId: fileId.nullable(),
    attachmentIds: z.array(fileId).max(ATTACHMENTS_MAX, `Tối đa ${ATTACHMENTS_MAX} tệp đính kèm.`),
    audience: AudienceSchema,
    unitIds: z.array(rowId).max(200),
    pinned: z.boolean(),
    requiresAck: z.boolean(),
    status: z.enum(["draft", "scheduled", "published"]),
    publishAt: IsoInstant.nullable(),
    expiresAt: IsoInstant.nullable(),
  })
  .partial()
  .meta({ id: "AnnouncementPatch" });
export type AnnouncementPatch = z.input<typeof AnnouncementPatchSchema>;

export const AckResultSchema = z.object({ ack: AckSchema, alreadyAcknowledged: z.boolean() }).meta({ id: "AnnouncementAckResult" });
export type AckResult = z.infer<typeof AckResultSchema>;

export const ReceiptUnitSchema = z.object({
  unitId: z.number().int(),
  code: z.string(),
  name: z.string(),
  acknowledged: z.boolean(),
  ackedAt: z.string().nullable(),
  ackedBy: z.string().nullable(),
  focalCount: z.number().int().meta({ description: "Who can be reminded: the unit's focal points (a ward of a city notice: its staff)" }),
});
export type ReceiptUnit = z.infer<typeof ReceiptUnitSchema>;

export const ReceiptsSchema = z
  .object({
    announcementId: z.number().int(),
    title: z.string(),
    status: AnnouncementStatusSchema,
    audience: AudienceSchema,
    requiresAck: z.boolean(),
    sender: AnnouncementSenderSchema,
    units: z.array(ReceiptUnitSchema).meta({
      description: "Every expected unit (all_units / units), acknowledged first; for a city notice to all_units, every ward (acknowledged by its staff)",
    }),
    missingUnitIds: z.array(z.number().int()),
    personalAcks: z.array(z.object({ userName: z.string(), ackedAt: z.string() })).meta({ description: "People acknowledging an 'everyone' notice (latest 100)" }),
    figures: z.object({
      views: z.number().int(),
      uniqueReaders: z.number().int(),
      acknowledgements: z.number().int(),
      expectedUnits: z.number().int(),
      pushes: z.object({
        total: z.number().int(),
        delivered: z.number().int(),
        failed: z.number().int(),
        pending: z.number().int(),
        inboxOnly: z.number().int(),
      }),
    }),
    lastRemindedAt: z.string().nullable(),
  })
  .meta({ id: "AnnouncementReceipts" });
export type Receipts = z.infer<typeof ReceiptsSchema>;

export const RemindResultSchema = z
  .object({
    missingUnits: z.number().int(),
    recipients: z.number().int(),
    sent: z.number().int().meta({ description: "New reminders (0 when already reminded today)" }),
    alreadyRemindedToday: z.boolean(),
  })
  .meta({ id: "AnnouncementRemindResult" });
export type RemindResult = z.infer<typeof RemindResultSchema>;
