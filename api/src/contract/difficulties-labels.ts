// Vietnamese labels of the difficulties-and-proposals register (runtime, no zod).
import type { DifficultyKind, DifficultyState } from "./difficulties";

export const DIFFICULTY_KIND_LABELS: Record<DifficultyKind, string> = { difficulty: "Khó khăn, vướng mắc", proposal: "Đề xuất, kiến nghị" };

export const DIFFICULTY_STATE_LABELS: Record<DifficultyState, string> = {
  new: "Mới tiếp nhận",
  forwarded: "Đã chuyển cấp có thẩm quyền",
  resolved: "Đã giải quyết",
};

export const DIFFICULTY_STATE_TONE: Record<DifficultyState, "ok" | "warn" | ""> = { new: "warn", forwarded: "", resolved: "ok" };

/** The themes every installation starts with (staff add more). */
export const DEFAULT_DIFFICULTY_THEMES = [
  "Kinh phí",
  "Nhân lực, cán bộ",
  "Cơ sở vật chất",
  "Cơ chế, chính sách",
  "Phối hợp giữa các đơn vị",
  "Số liệu, thống kê",
  "Khác",
] as const;

export const NO_THEME_LABEL = "Chưa phân loại";
