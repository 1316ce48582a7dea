import { z } from "zod";
import { DbId, NameText } from "./common.js";
import { FEEDBACK_LIMITS as L } from "./feedback-labels.js";

export const FeedbackStatusSchema = z
  .enum(["received", "in_progress", "answered", "not_competent", "duplicate", "rejected"])
  .meta({ id: "FeedbackStatus", description: "received Đã tiếp nhận, in_progress Đang xử lý, answered Đã trả lời, not_competent Không thuộc thẩm quyền, duplicate Trùng lặp, rejected Từ chối" });
export type FeedbackStatus = z.infer<typeof FeedbackStatusSchema>;

const queryBool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const idOrEmpty = DbId;

export const FeedbackCategorySchema = z
  .object({ id: z.number().int(), code: z.string(), name: z.string(), answerDays: z.number().int() })
  .meta({ id: "FeedbackCategory" });
export type FeedbackCategory = z.infer<typeof FeedbackCategorySchema>;

export const UpdateFeedbackCategorySchema = z.object({
  name: NameText(2, 100).optional(),
  answerDays: z.number().int().min(1).max(60).optional(),
});

export const FeedbackFileSchema = z
  .object({ id: z.string(), name: z.string(), size: z.number(), mime: z.string(), url: z.string() })
  .meta({ id: "FeedbackFile" });
export type FeedbackFile = z.infer<typeof FeedbackFileSchema>;

export const FeedbackPhotoSchema = FeedbackFileSchema.extend({ hidden: z.boolean() }).meta({ id: "FeedbackPhoto" });
export type FeedbackPhoto = z.infer<typeof FeedbackPhotoSchema>;

const Ref = z.object({ id: z.number().int(), name: z.string() });

export const FeedbackPhotoParams = z.object({ id: DbId, photoId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) });

const IdempotencyKey = z
  .string()
  .trim()
  .min(8)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, "Khóa chống gửi trùng chỉ gồm chữ, số và . _ : -");

export const CreateFeedbackSchema = z
  .object({
    categoryId: z.number().int().positive(),
    content: z.string().trim().min(L.contentMin).max(L.contentMax),
    photoIds: z.array(z.string().min(1).max(100)).max(L.maxPhotos).default([]),
    placeUnitId: z.number().int().positive().nullable().optional(),
    allowPublic: z.boolean().default(false),
    anonymous: z.boolean().default(false),
    /** also accepted as the Idempotency-Key header */
    idempotencyKey: IdempotencyKey.optional(),
  })
  .meta({ id: "CreateFeedback" });
export type CreateFeedback = z.input<typeof CreateFeedbackSchema>;

export const FeedbackCreatedSchema = z
  .object({ id: z.number().int(), code: z.string(), status: FeedbackStatusSchema, dueAt: z.string() })
  .meta({ id: "FeedbackCreated" });
export type FeedbackCreated = z.infer<typeof FeedbackCreatedSchema>;

export const FeedbackAnswerSchema = z
  .object({
    id: z.number().int(),
    text: z.string(),
    attachments: z.array(FeedbackFileSchema),
    isPublic: z.boolean(),
    authorName: z.string(),
    authorUnitName: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "FeedbackAnswer" });
export type FeedbackAnswer = z.infer<typeof FeedbackAnswerSchema>;

export const FeedbackNoteSchema = z
  .object({ id: z.number().int(), text: z.string(), authorName: z.string(), createdAt: z.string() })
  .meta({ id: "FeedbackNote" });
export type FeedbackNote = z.infer<typeof FeedbackNoteSchema>;

/** One row of the staff inbox and of "Góp ý của tôi". */
export const FeedbackSummarySchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    status: FeedbackStatusSchema,
    statusReason: z.string().nullable(),
    category: Ref,
    content: z.string(),
    /** staff, observer and the assigned focal point see the name even when anonymous to the public */
    senderName: z.string().nullable(),
    anonymous: z.boolean(),
    allowPublic: z.boolean(),
    place: Ref.nullable(),
    assignedUnit: Ref.nullable(),
    dueAt: z.string(),
    overdue: z.boolean(),
    hidden: z.boolean(),
    flagsCount: z.number().int(),
    supportsCount: z.number().int(),
    photoCount: z.number().int(),
    createdAt: z.string(),
    answeredAt: z.string().nullable(),
  })
  .meta({ id: "FeedbackSummary" });
export type FeedbackSummary = z.infer<typeof FeedbackSummarySchema>;

export const MyFeedbackSchema = FeedbackSummarySchema.extend({ latestAnswer: FeedbackAnswerSchema.nullable() }).meta({ id: "MyFeedback" });
export type MyFeedback = z.infer<typeof MyFeedbackSchema>;

/** An answered public item as anyone sees it: never the sender's id or Zalo id; no name when anonymous. */
export const PublicFeedbackSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    category: Ref,
    content: z.string(),
    senderName: z.string().nullable(),
    place: Ref.nullable(),
    photos: z.array(FeedbackFileSchema),
    answers: z.array(FeedbackAnswerSchema),
    supportsCount: z.number().int(),
    supported: z.boolean(),
    flagged: z.boolean(),
    createdAt: z.string(),
    answeredAt: z.string().nullable(),
  })
  .meta({ id: "PublicFeedback" });
export type PublicFeedback = z.infer<typeof PublicFeedbackSchema>;

export const FeedbackViewerSchema = z.object({
  isSender: z.boolean(),
  canManage: z.boolean(),
  canAnswer: z.boolean(),
  canNote: z.boolean(),
  supported: z.boolean(),
  flagged: z.boolean(),
});

/** GET /api/feedback/:id: "full" for the sender and the people handling it, "public" (sanitised) for others. */
export const FeedbackDetailSchema = z
  .object({
    scope: z.enum(["full", "public"]),
    item: FeedbackSummarySchema.omit({ senderName: true }).extend({ senderName: z.string().nullable() }),
    photos: z.array(FeedbackPhotoSchema),
    answers: z.array(FeedbackAnswerSchema),
    /** null when the viewer may not read internal notes */
    notes: z.array(FeedbackNoteSchema).nullable(),
    viewer: FeedbackViewerSchema,
  })
  .meta({ id: "FeedbackDetail" });
export type FeedbackDetail = z.infer<typeof FeedbackDetailSchema>;

const Cursor = z.string().regex(/^\d+$/).optional();
const Limit = z.coerce.number().int().min(1).max(50).default(20);

/** city staff: one ward's feedback (everyone else reads their own ward's, anonymous callers the default ward's) */
const WardQuery = idOrEmpty.optional();

export const FeedbackInboxQuerySchema = z.object({
  wardId: WardQuery,
  status: FeedbackStatusSchema.optional(),
  categoryId: idOrEmpty.optional(),
  unitId: idOrEmpty.optional(),
  overdue: queryBool.optional(),
  hidden: queryBool.optional(),
  q: z.string().trim().max(100).optional(),
  cursor: Cursor,
  limit: Limit,
});

export const FeedbackInboxSchema = z
  .object({ items: z.array(FeedbackSummarySchema), nextCursor: z.string().nullable(), overdueCount: z.number().int() })
  .meta({ id: "FeedbackInbox" });
export type FeedbackInbox = z.infer<typeof FeedbackInboxSchema>;

export const FeedbackPublicQuerySchema = z.object({
  wardId: WardQuery,
  categoryId: idOrEmpty.optional(),
  q: z.string().trim().max(100).optional(),
  cursor: Cursor,
  limit: Limit,
});
export const PublicFeedbackPageSchema = z
  .object({ items: z.array(PublicFeedbackSchema), nextCursor: z.string().nullable() })
  .meta({ id: "PublicFeedbackPage" });
export type PublicFeedbackPage = z.infer<typeof PublicFeedbackPageSchema>;

export const MineQuerySchema = z.object({ cursor: Cursor, limit: Limit });
export const MyFeedbackPageSchema = z
  .object({ items: z.array(MyFeedbackSchema), nextCursor: z.string().nullable() })
  .meta({ id: "MyFeedbackPage" });
export type MyFeedbackPage = z.infer<typeof MyFeedbackPageSchema>;

export const UpdateFeedbackSchema = z
  .object({
    status: FeedbackStatusSchema.exclude(["answered"]).optional(),
    /** required with not_competent, duplicate, rejected */
    reason: z.string().trim().min(L.reasonMin).max(L.reasonMax).optional(),
    assignedUnitId: z.number().int().positive().nullable().optional(),
    categoryId: z.number().int().positive().optional(),
    hidden: z.boolean().optional(),
    hidePhotoId: z.string().min(1).max(100).optional(),
    showPhotoId: z.string().min(1).max(100).optional(),
  })
  .meta({ id: "UpdateFeedback" });
export type UpdateFeedback = z.infer<typeof UpdateFeedbackSchema>;

export const CreateAnswerSchema = z
  .object({
    text: z.string().trim().min(L.answerMin).max(L.answerMax),
    attachmentIds: z.array(z.string().min(1).max(100)).max(L.maxAttachments).default([]),
    isPublic: z.boolean().default(true),
  })
  .meta({ id: "CreateFeedbackAnswer" });
export type CreateAnswer = z.input<typeof CreateAnswerSchema>;

export const CreateNoteSchema = z.object({ text: z.string().trim().min(1).max(L.noteMax) }).meta({ id: "CreateFeedbackNote" });

export const FlagSchema = z.object({ reason: z.string().trim().max(500).optional() });

export const SupportResultSchema = z.object({ supported: z.boolean(), supportsCount: z.number().int() }).meta({ id: "FeedbackSupportResult" });
export const FlagResultSchema = z.object({ flagged: z.boolean(), hidden: z.boolean() }).meta({ id: "FeedbackFlagResult" });

export const FeedbackStatsQuerySchema = z.object({ periodId: idOrEmpty.optional(), wardId: WardQuery });

const StatsRow = z.object({
  received: z.number().int(),
  answered: z.number().int(),
  answeredOnTime: z.number().int(),
  answeredLate: z.number().int(),
  closedWithReason: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
});
export const FeedbackStatsSchema = z
  .object({
    periodId: z.number().int().nullable(),
    year: z.number().int().nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    ...StatsRow.shape,
    /** answeredOnTime / answered, 0–100 (one decimal), null when nothing was answered */
    onTimeRate: z.number().nullable(),
    byCategory: z.array(StatsRow.extend({ categoryId: z.number().int(), name: z.string() })),
  })
  .meta({ id: "FeedbackStats" });
export type FeedbackStats = z.infer<typeof FeedbackStatsSchema>;
