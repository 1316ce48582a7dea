import { PLAN_YEARS } from "../../contract/plan.js";
import { COMMENDATION_KIND_LABELS, MILESTONE_KIND_LABELS, ON_TRACK_LABELS, REPORTING_STATE_LABELS, REPORT_STATUS_TEXT, formatTarget } from "../../contract/summary-labels.js";
import { formatDateTimeVN, formatDateVN } from "../../lib/time.js";
import { COUNT, PERCENT, fraction, rowWriter, sheet, type Column } from "./writer.js";
import type { SheetContext } from "./appendices.js";

export const SHEET_TRAJECTORY = "Lộ trình đến 2030";
export const SHEET_REPORTING = "Tình hình báo cáo";
export const SHEET_ISSUES = "Khó khăn - Đề xuất";
export const SHEET_COMMENDATIONS = "Đề nghị khen thưởng";

/** Each indicator's road to 2030: a column per plan year, rows for the ward figure, the milestone and the verdict. */
export function trajectorySheet({ wb, summary, notes }: SheetContext): void {
  const cols: Column[] = [
    { header: "STT", key: "stt", width: 6, center: true },
    { header: "Mã", key: "code", width: 7, center: true },
    { header: "Chỉ tiêu", key: "name", width: 44, wrap: true },
    { header: "Đơn vị tính", key: "unitLabel", width: 11, center: true },
    { header: "Nội dung", key: "what", width: 12 },
    ...PLAN_YEARS.map((y) => ({ header: `Năm ${y}`, key: `y${y}`, width: 11, center: true })),
    { header: "Mục tiêu đến năm 2030", key: "target", width: 18, wrap: true },
    { header: "Ghi chú", key: "note", width: 34, wrap: true },
  ];
  const ws = sheet(wb, SHEET_TRAJECTORY, "LỘ TRÌNH THỰC HIỆN CÁC CHỈ TIÊU ĐẾN NĂM 2030", notes, cols);
  const add = rowWriter(ws, cols);
  summary.indicators.forEach((ind, i) => {
    const percent = ind.measure === "percent";
    const fmt = Object.fromEntries(PLAN_YEARS.map((y) => [`y${y}`, percent ? PERCENT : COUNT]));
    const byYear = (pick: (p: (typeof ind.trajectory)[number]) => unknown) => Object.fromEntries(ind.trajectory.map((p) => [`y${p.year}`, pick(p)]));
    const kinds = [...new Set(ind.trajectory.filter((p) => p.milestoneKind && p.milestoneKind !== "target").map((p) => MILESTONE_KIND_LABELS[p.milestoneKind!]))];
    add(
      { stt: i + 1, code: ind.code, name: ind.name, unitLabel: ind.unitLabel, what: "Kết quả", ...byYear((p) => (percent ? fraction(p.value) : p.value)), target: formatTarget(ind), note: null },
      fmt,
      true,
    );
    add(
      {
        stt: null,
        code: ind.code,
        name: null,
        unitLabel: ind.unitLabel,
        what: "Lộ trình",
        ...byYear((p) => (percent ? fraction(p.milestone) : p.milestone)),
        target: null,
        note: kinds.length ? `Lộ trình: ${kinds.join(", ")}` : "Chưa đặt lộ trình các năm",
      },
      fmt,
    );
    add({ stt: null, code: ind.code, name: null, unitLabel: null, what: "Đánh giá", ...byYear((p) => (p.value === null ? null : ON_TRACK_LABELS[p.onTrack])), target: null, note: null });
  });
  ws.commit();
}

/** Every expected unit's reporting status in words, with the date, the extension and the reason. */
export function reportingSheet({ wb, summary, notes }: SheetContext): void {
  const cols: Column[] = [
    { header: "STT", key: "stt", width: 6, center: true },
    { header: "Đơn vị", key: "unit", width: 34, wrap: true },
    { header: "Tình trạng", key: "state", width: 24, wrap: true },
    { header: "Nộp lúc", key: "submittedAt", width: 18 },
    { header: "Được gia hạn đến", key: "extension", width: 16 },
    { header: "Trạng thái báo cáo", key: "status", width: 16 },
    { header: "Lý do trả lại", key: "reason", width: 40, wrap: true },
    { header: "Số liệu được tính", key: "counted", width: 12, center: true },
  ];
  const ws = sheet(wb, SHEET_REPORTING, `TÌNH HÌNH GỬI BÁO CÁO NĂM ${summary.period.year}`, notes, cols);
  const add = rowWriter(ws, cols);
  summary.reporting.forEach((r, i) =>
    add({
      stt: i + 1,
      unit: r.unitName,
      state: REPORTING_STATE_LABELS[r.state],
      submittedAt: r.submittedAt ? formatDateTimeVN(r.submittedAt) : null,
      extension: r.exceptionUntil ? formatDateVN(r.exceptionUntil) : null,
      status: REPORT_STATUS_TEXT[r.reportStatus],
      reason: r.returnReason,
      counted: r.counted ? "Có" : "Không",
    }),
  );
  if (!summary.reporting.length) add({ stt: null, unit: "Kỳ báo cáo chưa giao đơn vị nào." });
  ws.commit();
}

export function issuesSheet({ wb, summary, notes }: SheetContext): void {
  const cols: Column[] = [
    { header: "STT", key: "stt", width: 6, center: true },
    { header: "Đơn vị", key: "unit", width: 30, wrap: true },
    { header: "Khó khăn, vướng mắc", key: "difficulties", width: 60, wrap: true },
    { header: "Đề xuất, kiến nghị", key: "proposals", width: 60, wrap: true },
  ];
  const ws = sheet(wb, SHEET_ISSUES, `KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ CỦA CÁC ĐƠN VỊ NĂM ${summary.period.year}`, notes, cols);
  const add = rowWriter(ws, cols);
  if (summary.issues.length === 0) add({ stt: null, unit: "Không có đơn vị nào phản ánh khó khăn hoặc đề xuất.", difficulties: null, proposals: null });
  summary.issues.forEach((u, i) => add({ stt: i + 1, unit: u.unitName, difficulties: u.difficulties || null, proposals: u.proposals || null }));
  ws.commit();
}

/** The commendation candidates in the usual table (STT, Tập thể / cá nhân, Chức vụ – đơn vị, Thành tích, Hình thức đề nghị). */
export function commendationsSheet({ wb, summary, notes }: SheetContext): void {
  const cols: Column[] = [
    { header: "STT", key: "stt", width: 6, center: true },
    { header: "Tập thể / cá nhân", key: "name", width: 30, wrap: true },
    { header: "Chức vụ – đơn vị", key: "position", width: 30, wrap: true },
    { header: "Thành tích", key: "achievement", width: 50, wrap: true },
    { header: "Hình thức đề nghị", key: "form", width: 26, wrap: true },
    { header: "Loại", key: "kind", width: 10, center: true },
    { header: "Đơn vị đề nghị", key: "unit", width: 24, wrap: true },
  ];
  const ws = sheet(wb, SHEET_COMMENDATIONS, `DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM ${summary.period.year}`, notes, cols);
  const add = rowWriter(ws, cols);
  if (!summary.commendations.length) add({ stt: null, name: "Các đơn vị chưa đề nghị khen thưởng." });
  summary.commendations.forEach((c, i) =>
    add({ stt: i + 1, name: c.name, position: c.position || null, achievement: c.achievement || null, form: c.form || null, kind: COMMENDATION_KIND_LABELS[c.kind], unit: c.unitName }),
  );
  ws.commit();
}
