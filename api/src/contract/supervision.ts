import { z } from "zod";
import { DbId, IsoInstant, WardQuery } from "./common.js";
import { RowId, oneLine, plainText } from "./plain-text.js";
import { SUPERVISION_LIMITS as L } from "./supervision-labels.js";

export const RecommendationStateSchema = z
  .enum(["open", "overdue", "answered", "answered_late"])
  .meta({ id: "RecommendationState", description: "open Chờ trả lời, overdue Quá hạn, answered Đã trả lời, answered_late Trả lời muộn" });
export type RecommendationState = z.infer<typeof RecommendationStateSchema>;

const Ref = z.object({ id: z.number().int(), name: z.string() });

export const RecommendationSchema = z
  .object({
    id: z.number().int(),
    supervisionId: z.number().int(),
    supervisionTitle: z.string(),
    text: z.string(),
    unit: Ref.extend({ isWard: z.boolean().meta({ description: "Addressed to the ward (UBND): ward staff answer it" }) }),
    dueAt: z.string(),
    state: RecommendationStateSchema,
    answer: z.string().nullable(),
    answeredAt: z.string().nullable(),
    answeredBy: z.string().nullable(),
    canAnswer: z.boolean(),
  })
  .meta({ id: "Recommendation" });
export type Recommendation = z.infer<typeof RecommendationSchema>;

export const SupervisionSchema = z
  .object({
    id: z.number().int(),
    year: z.number().int(),
    heldOn: z.string(),
    title: z.string(),
    findings: z.string(),
    units: z.array(Ref),
    recommendations: z.array(RecommendationSchema),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "Supervision" });
export type Supervision = z.infer<typeof SupervisionSchema>;

export const SupervisionListSchema = z
  .object({
    year: z.number().int(),
    items: z.array(SupervisionSchema),
    overdue: z.number().int().meta({ description: "Recommendations past due without an answer (in what the caller sees)" }),
  })
  .meta({ id: "SupervisionList" });
export type SupervisionList = z.infer<typeof SupervisionListSchema>;

export const SupervisionQuery = WardQuery.extend({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const RecommendationQuery = WardQuery.extend({ state: RecommendationStateSchema.optional() });
export const RecommendationParams = z.object({ id: DbId, recId: DbId });

export const NewRecommendationSchema = z.object({
  text: plainText("Kiến nghị", L.recommendationMin, L.recommendationMax),
  unitId: RowId.meta({ description: "The unit that must answer (the ward: the UBND unit)" }),
  dueAt: IsoInstant,
});

export const NewSupervisionSchema = z
  .object({
    heldOn: IsoInstant.meta({ description: "When the supervision took place" }),
    title: oneLine("Tên cuộc giám sát", 5, L.titleMax),
    unitIds: z.array(RowId).min(1, "Vui lòng chọn ít nhất một đơn vị được giám sát.").max(100),
    findings: plainText("Kết quả giám sát", L.findingsMin, L.findingsMax),
    recommendations: z.array(NewRecommendationSchema).min(1, "Vui lòng ghi ít nhất một kiến nghị.").max(L.recommendations),
  })
  .meta({ id: "NewSupervision" });
export type NewSupervision = z.input<typeof NewSupervisionSchema>;

export const AnswerRecommendationSchema = z.object({ text: plainText("Nội dung trả lời", L.answerMin, L.answerMax) }).meta({ id: "RecommendationAnswer" });
