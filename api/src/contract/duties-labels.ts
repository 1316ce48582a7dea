// Vietnamese labels of the duties calendar. Kept free of zod so the mini app imports them at runtime.
import type { DutyKind, DutyUnitStatus } from "./duties";

export const DUTY_STATUS_LABELS: Record<DutyUnitStatus, string> = {
  not_started: "Chưa nộp",
  handed_in: "Đã nộp, chờ xem xét",
  accepted: "Đã chấp nhận",
  returned: "Bị trả lại",
};

export const DUTY_STATUS_TONE: Record<DutyUnitStatus, "ok" | "warn" | "bad" | ""> = {
  not_started: "warn",
  handed_in: "",
  accepted: "ok",
  returned: "bad",
};

export const DUTY_KIND_LABELS: Record<DutyKind, string> = {
  unit_plan: "Kế hoạch của đơn vị",
  training_plan: "Kế hoạch bồi dưỡng cán bộ",
  youth_month: "Tháng Thanh niên",
  dialogue: "Đối thoại với thanh niên",
  report: "Báo cáo Phụ lục 01, 02",
  custom: "Nhiệm vụ khác",
};

export const DUTY_LIMITS = { titleMax: 200, descriptionMax: 2000, textMin: 10, textMax: 2000, reasonMin: 5, reasonMax: 1000, files: 5 } as const;
