// Vietnamese labels and limits of the feedback feature. Kept free of zod so the mini app imports them
// at runtime without bundling the schema library (contract *.ts files are imported with `import type` only).
import type { FeedbackStatus } from "./feedback";

export const FEEDBACK_STATUS_LABELS: Record<FeedbackStatus, string> = {
  received: "Đã tiếp nhận",
  in_progress: "Đang xử lý",
  answered: "Đã trả lời",
  not_competent: "Không thuộc thẩm quyền",
  duplicate: "Trùng lặp",
  rejected: "Từ chối",
};

/** Statuses that close an item without an answer: a reason is required and shown to the sender. */
export const FEEDBACK_STATUSES_NEEDING_REASON: readonly FeedbackStatus[] = ["not_competent", "duplicate", "rejected"];

/** Statuses still waiting for the ward: these can become overdue. */
export const FEEDBACK_OPEN_STATUSES: readonly FeedbackStatus[] = ["received", "in_progress"];

/** The order staff see statuses in (filters, status changes). */
export const FEEDBACK_STATUS_ORDER: readonly FeedbackStatus[] = ["received", "in_progress", "answered", "not_competent", "duplicate", "rejected"];

export const FEEDBACK_LIMITS = {
  contentMin: 10,
  contentMax: 5000,
  maxPhotos: 5,
  answerMin: 10,
  answerMax: 5000,
  noteMax: 2000,
  reasonMin: 5,
  reasonMax: 1000,
  maxAttachments: 5,
  /** items one person may send per rolling hour */
  perHour: 5,
  flagsToHide: 3,
} as const;
