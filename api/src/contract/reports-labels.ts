// Vietnamese labels for report values. Kept free of zod so the mini app imports them at runtime.
import type { ReportStatus, SubmissionTiming, TaskStatus } from "./reports";

export type ReportListStatus = ReportStatus | "missing";

export const REPORT_STATUS_LABELS: Record<ReportListStatus, string> = {
  missing: "Chưa nhập",
  draft: "Đang nhập (nháp)",
  submitted: "Đã nộp",
  approved: "Đã duyệt",
  returned: "Bị trả lại",
};

/** Which shared pill colour a status gets. */
export const REPORT_STATUS_TONE: Record<ReportListStatus, "ok" | "warn" | "bad" | "muted" | ""> = {
  missing: "bad",
  draft: "warn",
  submitted: "",
  approved: "ok",
  returned: "bad",
};

export const SUBMISSION_TIMING_LABELS: Record<SubmissionTiming, string> = {
  on_time: "Đúng hạn",
  on_time_extended: "Đúng hạn (được gia hạn)",
  late: "Nộp muộn",
};

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  not_started: "Chưa triển khai",
  in_progress: "Đang triển khai",
  done: "Hoàn thành",
};

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  create: "Tạo báo cáo",
  save: "Cập nhật",
  submit: "Nộp báo cáo",
  approve: "Duyệt",
  return: "Trả lại",
  reopen: "Mở lại",
};

export const VALUE_FIELD_LABELS: Record<string, string> = {
  numerator: "Tử số",
  denominator: "Mẫu số",
  value: "Giá trị",
  comment: "Giải thích",
  status: "Trạng thái",
  progress: "Tiến độ (%)",
  result: "Kết quả",
  difficulties: "Khó khăn, vướng mắc",
  proposals: "Đề xuất, kiến nghị",
  evidence: "Minh chứng",
  commendations: "Đề nghị khen thưởng",
};
