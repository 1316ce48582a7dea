// Vietnamese labels of the Fatherland Front's supervision (runtime, no zod).
import type { RecommendationState } from "./supervision";

export const RECOMMENDATION_STATE_LABELS: Record<RecommendationState, string> = {
  open: "Chờ trả lời",
  overdue: "Quá hạn trả lời",
  answered: "Đã trả lời",
  answered_late: "Trả lời muộn",
};

export const RECOMMENDATION_STATE_TONE: Record<RecommendationState, "ok" | "warn" | "bad" | ""> = { open: "", overdue: "bad", answered: "ok", answered_late: "warn" };

export const SUPERVISION_LIMITS = { titleMax: 200, findingsMin: 10, findingsMax: 5000, recommendationMin: 10, recommendationMax: 2000, answerMin: 10, answerMax: 3000, recommendations: 30 } as const;
