import type { WardSummary } from "../../contract/summary.js";
import { REPORT_STATUS_TEXT, TASK_STATUS_TEXT, formatTarget, onTrackText } from "../../contract/summary-labels.js";
import { ruleText } from "../../contract/catalog-labels.js";
import type { UnitDetail } from "../compute/detail.js";
import { unitLabel, type SummaryScope } from "../scope.js";
import { COUNT, PERCENT, fraction, rowWriter, sheet, type Book, type Column } from "./writer.js";

export const SHEET_INDICATORS = "Phụ lục 01 - Chỉ tiêu";
export const SHEET_TASKS = "Phụ lục 02 - Nhiệm vụ";

export interface SheetContext {
  wb: Book;
  summary: WardSummary;
  detail: UnitDetail;
  scope: SummaryScope;
  notes: string;
  /** "Toàn phường", or "Tổng cộng" for a part of the ward */
  totalLabel: string;
}

/** Appendix 01: a ward total per indicator (with its rule, coverage, milestone, verdict), then a row per unit. */
export function indicatorSheet({ wb, summary, detail, scope, notes, totalLabel }: SheetContext): void {
  const year = summary.period.year;
  const cols: Column[] = [
    { header: "STT", key: "stt", width: 6, center: true },
    { header: "Mã", key: "code", width: 7, center: true },
    { header: "Chỉ tiêu", key: "name", width: 48, wrap: true },
    { header: "Đơn vị tính", key: "unitLabel", width: 11, center: true },
    { header: "Đơn vị báo cáo", key: "unit", width: 28, wrap: true },
    { header: "Tình trạng báo cáo", key: "status", width: 16, wrap: true },
    { header: "Tử số", key: "numerator", width: 11 },
    { header: "Mẫu số", key: "denominator", width: 11 },
    { header: `Kết quả năm ${year}`, key: "value", width: 13 },
    { header: `Năm ${year - 1}`, key: "lastYear", width: 12 },
    { header: "Cách tổng hợp", key: "rule", width: 30, wrap: true },
    { header: `Lộ trình năm ${year}`, key: "milestone", width: 12 },
    { header: "Mục tiêu đến năm 2030", key: "target", width: 18, wrap: true },
    { header: "Đánh giá", key: "onTrack", width: 14, center: true },
    { header: "Ghi chú, giải thích", key: "comment", width: 36, wrap: true },
  ];
  const ws = sheet(wb, SHEET_INDICATORS, `PHỤ LỤC 01. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM ${year}`, notes, cols);
  const add = rowWriter(ws, cols);
  summary.indicators.forEach((ind, i) => {
    const percent = ind.measure === "percent";
    const formats = { numerator: COUNT, denominator: COUNT, value: percent ? PERCENT : COUNT, lastYear: percent ? PERCENT : COUNT, milestone: percent ? PERCENT : COUNT };
    const figure = (v: number | null) => (percent ? fraction(v) : v);
    const sum = ind.aggregation.rule === "sum";
    add(
      {
        stt: i + 1,
        code: ind.code,
        name: ind.name,
        unitLabel: ind.unitLabel,
        unit: `${totalLabel} (${ind.current.unitsReported}/${ind.unitsExpected} đơn vị báo cáo)`,
        status: ind.active ? "" : "Ngừng theo dõi",
        numerator: ind.current.numerator,
        denominator: ind.current.denominator,
        value: figure(ind.current.value),
        lastYear: figure(ind.lastYear?.value ?? null),
        rule: `${ruleText(ind.aggregation.rule, ind.aggregation.unitName)}${!sum && ind.current.sourceUnitName ? ` (số của ${ind.current.sourceUnitName})` : ""}. ${ind.aggregation.reason}`,
        milestone: figure(ind.milestone?.value ?? null),
        target: formatTarget(ind),
        onTrack: onTrackText(ind),
        comment: ind.basis === "target" ? "Chưa có lộ trình năm: so với mục tiêu 2030" : null,
      },
      formats,
      true,
    );
    for (const r of detail.indicators.get(ind.id) ?? []) {
      const hasValue = r.value !== null;
      const note = [r.flagged ? "Chênh lệch nhiều so với năm trước." : "", r.comment].filter(Boolean).join(" ");
      add(
        {
          stt: null,
          code: ind.code,
          name: null,
          unitLabel: ind.unitLabel,
          // the lead matters only where its figure stands for the ward
          unit: `${unitLabel(scope, r.unitId)}${r.lead && !sum ? " (chủ trì)" : ""}`,
          status: REPORT_STATUS_TEXT[r.reportStatus],
          numerator: percent ? r.numerator : null,
          denominator: percent ? r.denominator : null,
          value: figure(r.value),
          lastYear: figure(r.lastYear),
          rule: hasValue ? (r.inFigure ? "Tính vào số phường" : "Phần đóng góp (không cộng)") : null,
          milestone: null,
          target: null,
          onTrack: null,
          comment: note || null,
        },
        formats,
      );
    }
  });
  ws.commit();
}

/** Appendix 02: a ward total per task (its ward status and mean progress), then a row per unit. */
export function taskSheet({ wb, summary, detail, scope, notes, totalLabel }: SheetContext): void {
  const cols: Column[] = [
    { header: "STT", key: "stt", width: 6, center: true },
    { header: "Mã", key: "code", width: 7, center: true },
    { header: "Nhiệm vụ, giải pháp", key: "name", width: 44, wrap: true },
    { header: "Thời gian", key: "timing", width: 14, wrap: true },
    { header: "Đơn vị", key: "unit", width: 28, wrap: true },
    { header: "Vai trò", key: "role", width: 10, center: true },
    { header: "Tình trạng báo cáo", key: "reportStatus", width: 16, wrap: true },
    { header: "Tình hình thực hiện", key: "status", width: 24, wrap: true },
    { header: "Tiến độ", key: "progress", width: 10 },
    { header: "Kết quả thực hiện", key: "result", width: 50, wrap: true },
  ];
  const ws = sheet(wb, SHEET_TASKS, `PHỤ LỤC 02. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP NĂM ${summary.period.year}`, notes, cols);
  const add = rowWriter(ws, cols);
  summary.tasks.forEach((t, i) => {
    const ward = t.wardStatus ? TASK_STATUS_TEXT[t.wardStatus] : "Chưa có báo cáo";
    const how = t.completionRule === "lead" ? `theo đơn vị chủ trì${t.leadUnitName ? ` (${t.leadUnitName})` : ""}` : "khi mọi đơn vị được giao hoàn thành";
    add(
      {
        stt: i + 1,
        code: t.code,
        name: t.name,
        timing: t.timing,
        unit: `${totalLabel} (${t.unitsReported}/${t.unitsExpected} đơn vị báo cáo)`,
        role: null,
        reportStatus: null,
        status: `${ward} (${how}). Hoàn thành: ${t.done}; đang triển khai: ${t.inProgress}; chưa triển khai: ${t.notStarted}`,
        progress: fraction(t.meanProgress),
        result: null,
      },
      { progress: PERCENT },
      true,
    );
    for (const r of detail.tasks.get(t.id) ?? []) {
      add(
        {
          stt: null,
          code: t.code,
          name: null,
          timing: null,
          unit: unitLabel(scope, r.unitId),
          role: r.role === "lead" ? "Chủ trì" : r.role === "partner" ? "Phối hợp" : null,
          reportStatus: REPORT_STATUS_TEXT[r.reportStatus],
          status: r.status ? TASK_STATUS_TEXT[r.status] : null,
          progress: fraction(r.progress),
          result: r.result || null,
        },
        { progress: "0%" },
      );
    }
  });
  ws.commit();
}
