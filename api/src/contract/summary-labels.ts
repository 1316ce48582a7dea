// Vietnamese labels and number formats of the ward summary, shared by the API's exports (Excel,
// Word) and the mini app. Free of zod so the mini app imports it at runtime.
import type { Counted, IndicatorSummary, MilestoneKind, OnTrack, ReportingState, SectionKey } from "./summary";
import type { CommendationKind } from "./commendations";

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
 * no figure yet ("Chưa có số liệu") or nothing numeric to compare with ("Không xác định").
 */
export function onTrackText(i: { onTrack: OnTrack; current: { value: number | null } }): string {
  if (i.onTrack === "unknown" && i.current.value === null) return "Chưa có số liệu";
  return ON_TRACK_LABELS[i.onTrack];
}

export const COUNTED_LABELS: Record<Counted, string> = {
  submitted_and_approved: "Báo cáo đã nộp và đã duyệt",
  approved_only: "Chỉ báo cáo đã duyệt",
};

/** The sentence the exports use to say which reports the figures come from. */
export const COUNTED_SENTENCE: Record<Counted, string> = {
  submitted_and_approved: "Số liệu được tổng hợp từ các báo cáo đã nộp và đã duyệt",
  approved_only: "Số liệu chỉ tính các báo cáo đã được duyệt",
};

export const MILESTONE_KIND_LABELS: Record<MilestoneKind, string> = {
  plan: "theo kế hoạch",
  staff: "phường đặt",
  even_steps: "chia đều đến mục tiêu 2030",
  target: "mục tiêu 2030",
};

export const REPORTING_STATE_LABELS: Record<ReportingState, string> = {
  on_time: "Đúng hạn",
  on_time_extended: "Đúng hạn (được gia hạn)",
  late: "Nộp muộn",
  returned: "Bị trả lại để hoàn thiện",
  not_submitted: "Chưa gửi báo cáo",
};

export const SECTION_TITLES: Record<SectionKey, string> = {
  assessment: "Đánh giá chung (kết quả, tồn tại, hạn chế và nguyên nhân)",
  next_year: "Nhiệm vụ, giải pháp năm tới",
  proposals: "Đề xuất, kiến nghị với thành phố",
  commendations: "Đề nghị khen thưởng",
};

/** How many flagged values the summary lists (the Excel marks every one). */
export const FLAGGED_LISTED = 200;

/** The longest text a staff-written section of the report may have. */
export const SECTION_MAX = 20_000;

export const COMMENDATION_KIND_LABELS: Record<CommendationKind, string> = {
  collective: "Tập thể",
  person: "Cá nhân",
};

/** How many commendation candidates one report may carry. */
export const COMMENDATIONS_MAX_COUNT = 30;

/** The forms a ward usually proposes (the field stays free text). */
export const COMMENDATION_FORMS = [
  "Giấy khen của Chủ tịch UBND phường",
  "Bằng khen của Chủ tịch UBND thành phố",
  "Giấy khen của Ban Chấp hành Đoàn phường",
] as const;

/** Who signs the Word report unless staff name someone else (`?signer=`, 2–80 characters). */
export const DEFAULT_SIGNER_NAME = "Phương Quốc Luyện";
export const SIGNER_MAX = 80;

/** The statuses whose figures count in the summary and the exports, by the staff's choice. */
export const COUNTED_STATUSES: Record<Counted, readonly ("submitted" | "approved")[]> = {
  submitted_and_approved: ["submitted", "approved"],
  approved_only: ["approved"],
};

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

/** A milestone as people write it: "62%", "66,4%", "2" (no trailing ",0"). */
export function formatMilestone(value: number | null | undefined, measure: "percent" | "count" | "times"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return measure === "percent" ? `${upToOneDecimal.format(value)}%` : upToOneDecimal.format(value);
}

const lowerFirst = (s: string) => (s ? s.charAt(0).toLocaleLowerCase("vi") + s.slice(1) : s);

/**
 * One sentence of an indicator's road to 2030, the same on the screen and in the Word report:
 * "năm 2026 đạt 67,2%, lộ trình 2026 là 62%; năm 2027 đạt 70,1%, lộ trình 2027 là 66%, mục tiêu 2030 trên 70%".
 * Years after the period's have no figure and are left out.
 */
export function trajectorySentence(i: Pick<IndicatorSummary, "measure" | "target" | "targetText" | "trajectory">, upToYear: number): string {
  const parts = i.trajectory
    .filter((p) => p.year <= upToYear)
    .map((p) => {
      const got = p.value === null ? `năm ${p.year} chưa có số liệu` : `năm ${p.year} đạt ${formatFigure(p.value, i.measure)}`;
      return p.milestone === null ? got : `${got}, lộ trình ${p.year} là ${formatMilestone(p.milestone, i.measure)}`;
    });
  const target = i.target === null && !i.targetText ? "mục tiêu 2030 do phường giao" : `mục tiêu 2030 ${lowerFirst(formatTarget(i))}`;
  return parts.length ? `${parts.join("; ")}, ${target}` : target;
}
