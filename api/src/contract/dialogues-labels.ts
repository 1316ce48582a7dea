// Vietnamese labels of the chair's dialogue with youth (runtime, no zod).
import type { DialogueState } from "./dialogues";

export const DIALOGUE_STATE_LABELS: Record<DialogueState, string> = {
  upcoming: "Sắp nhận câu hỏi",
  collecting: "Đang nhận câu hỏi",
  closed: "Đã hết hạn gửi câu hỏi",
  held: "Đã đối thoại, chờ công bố trả lời",
  answered: "Đã công bố trả lời",
};

export const DIALOGUE_LIMITS = {
  /** the plan asks for the dialogue's plan to be published 30 days ahead (task 5) */
  noticeDays: 30,
  questionMin: 10,
  questionMax: 1000,
  answerMin: 10,
  answerMax: 5000,
  groupMax: 80,
} as const;
