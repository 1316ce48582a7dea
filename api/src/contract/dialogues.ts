import { z } from "zod";
import { DbId, IsoInstant, WardQuery } from "./common.js";
import { oneLine, plainText } from "./plain-text.js";
import { DIALOGUE_LIMITS as L } from "./dialogues-labels.js";

export const DialogueStateSchema = z
  .enum(["upcoming", "collecting", "closed", "held", "answered"])
  .meta({ id: "DialogueState", description: "upcoming, collecting (questions open), closed, held (date passed), answered (answers published)" });
export type DialogueState = z.infer<typeof DialogueStateSchema>;

export const DialogueSchema = z
  .object({
    id: z.number().int(),
    year: z.number().int(),
    title: z.string(),
    heldAt: z.string(),
    place: z.string(),
    presidedBy: z.string(),
    questionsOpenAt: z.string(),
    questionsCloseAt: z.string(),
    announcedAt: z.string(),
    noticeDays: z.number().int().meta({ description: "Days between the announcement and the dialogue (the plan asks ≥ 30)" }),
    shortNotice: z.boolean(),
    state: DialogueStateSchema,
    announcementId: z.number().int().nullable().meta({ description: "The notice in the youth's feed" }),
    questionCount: z.number().int(),
    answeredCount: z.number().int(),
    attendees: z.number().int().nullable(),
    summary: z.string(),
    answersPublishedAt: z.string().nullable(),
    canAsk: z.boolean(),
  })
  .meta({ id: "Dialogue" });
export type Dialogue = z.infer<typeof DialogueSchema>;

export const DialogueQuestionSchema = z
  .object({
    id: z.number().int(),
    code: z.string().meta({ description: "Tracking code, e.g. DT-2026-1-0007" }),
    text: z.string(),
    senderName: z.string().nullable().meta({ description: "Null for anonymous questions (staff still see the name)" }),
    anonymous: z.boolean(),
    supportsCount: z.number().int(),
    supported: z.boolean(),
    flagged: z.boolean(),
    mine: z.boolean(),
    hidden: z.boolean().meta({ description: "Hidden by moderation (shown only to staff and the asker)" }),
    flagsCount: z.number().int().meta({ description: "Staff only (0 for others)" }),
    group: z.string().nullable(),
    position: z.number().int().nullable(),
    answer: z.string().nullable().meta({ description: "The published answer (staff also see the draft in draftAnswer)" }),
    draftAnswer: z.string().nullable(),
    answeredAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "DialogueQuestion" });
export type DialogueQuestion = z.infer<typeof DialogueQuestionSchema>;

export const QuestionListSchema = z.object({ items: z.array(DialogueQuestionSchema) }).meta({ id: "DialogueQuestionList" });

export const DialogueQuery = WardQuery.extend({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const QuestionListQuery = z.object({ order: z.enum(["popular", "agenda"]).default("popular").meta({ description: "agenda: by staff's groups and order" }) });
export const QuestionParams = z.object({ id: DbId, questionId: DbId });

export const NewDialogueSchema = z
  .object({
    title: oneLine("Tên buổi đối thoại", 5, 200),
    heldAt: IsoInstant,
    place: oneLine("Địa điểm", 3, 200),
    presidedBy: oneLine("Người chủ trì", 3, 200),
    questionsOpenAt: IsoInstant.optional().meta({ description: "Default: now" }),
    questionsCloseAt: IsoInstant,
    acknowledgeShortNotice: z.boolean().default(false).meta({ description: "Announce although fewer than 30 days are left" }),
  })
  .meta({ id: "NewDialogue" });
export type NewDialogue = z.input<typeof NewDialogueSchema>;

export const NewQuestionSchema = z
  .object({ text: plainText("Câu hỏi", L.questionMin, L.questionMax), anonymous: z.boolean().default(false) })
  .meta({ id: "NewDialogueQuestion" });
export const QuestionCreatedSchema = z.object({ id: z.number().int(), code: z.string() }).meta({ id: "DialogueQuestionCreated" });

export const QuestionPatchSchema = z
  .object({
    group: oneLine("Nhóm câu hỏi", 1, L.groupMax).nullable(),
    position: z.number().int().min(0).max(10_000).nullable(),
    hidden: z.boolean(),
    answer: plainText("Câu trả lời", L.answerMin, L.answerMax).nullable(),
  })
  .partial()
  .meta({ id: "DialogueQuestionPatch" });

export const PublishAnswersSchema = z
  .object({ attendees: z.number().int().min(0).max(100_000).optional(), summary: plainText("Tóm tắt kết quả", 0, 5000).optional() })
  .meta({ id: "DialoguePublish" });

export const QuestionSupportResult = z.object({ supported: z.boolean(), supportsCount: z.number().int() });
export const QuestionFlagSchema = z.object({ reason: plainText("Lý do", 0, 500).optional() });
export const QuestionFlagResult = z.object({ flagged: z.boolean(), hidden: z.boolean() });
