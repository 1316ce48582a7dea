// Vietnamese labels and number formats of the ward summary, shared by the API's exports (Excel,
// Word) and the mini app. Free of zod so the mini app imports it at runtime.
import type { OnTrack } from "./summary";

export const ON_TRACK_LABELS: Record<OnTrack, string> = {
  on_track: "Đạt",
  off_track: "Chưa đạt",
  unknown: "Không xác định",
};

export const TASK_STATUS_TEXT: Record<"not_started" | "in_progress" | "done", string> = {
  not_started: "Chưa triển khai",
  in_progress: "Đang triển khai",
  done: "Hoàn thành",
};

export const REPORT_STATUS_TEXT: Record<"draft" | "submitted" | "approved" | "returned" | "missing", string> = {
  missing: "Chưa nhập",
  draft: "Đang nhập (nháp)",
  submitted: "Đã nộp",
  approved: "Đã duyệt",
  returned: "Bị trả lại",
};

/**
 * The verdict shown next to an indicator: "Đạt" / "Chưa đạt", and for "unknown" whether the ward has
 * no figure yet ("Chưa có số liệu") or no numeric 2030 target to compare with ("Không xác định").
 */
export function onTrackText(i: { onTrack: OnTrack; current: { value: number | null } }): string {
  if (i.onTrack === "unknown" && i.current.value === null) return "Chưa có số liệu";
  return ON_TRACK_LABELS[i.onTrack];
}

/** Who signs the Word report unless staff name someone else (`?signer=`, 2–80 characters). */
export const DEFAULT_SIGNER_NAME = "Phương Quốc Luyện";
export const SIGNER_MAX = 80;

/** The statuses whose figures count in the summary and the exports. */
export const COUNTED_STATUSES = ["submitted", "approved"] as const;

const oneDecimal = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const upToOneDecimal = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

/** "70,1%" for a percentage, "1.234" for counts and times; "—" without a value. */
export function formatFigure(value: number | null | undefined, measure: "percent" | "count" | "times"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return measure === "percent" ? `${oneDecimal.format(value)}%` : upToOneDecimal.format(value);
}

/** A plain number with Vietnamese separators ("1.234,5"). */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return upToOneDecimal.format(value);
}

/** The 2030 target as shown next to a figure: the catalog's text when there is one. */
export function formatTarget(i: { target: number | null; targetText: string; measure: "percent" | "count" | "times" }): string {
  if (i.targetText) return i.targetText;
  return i.target === null ? "Phường giao" : formatFigure(i.target, i.measure);
}
