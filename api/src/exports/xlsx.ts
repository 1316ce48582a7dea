import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { WardSummary } from "../contract/summary.js";
import { REPORT_STATUS_TEXT, onTrackText, TASK_STATUS_TEXT, formatTarget } from "../contract/summary-labels.js";
import { formatDateTimeVN } from "../lib/time.js";
import type { UnitDetail } from "./detail.js";
import { unitLabel, type SummaryScope } from "./scope.js";

export const SHEET_INDICATORS = "Phụ lục 01 - Chỉ tiêu";
export const SHEET_TASKS = "Phụ lục 02 - Nhiệm vụ";
export const SHEET_ISSUES = "Khó khăn - Đề xuất";

/** Rows above the data: title, notes, column headers. They stay frozen while scrolling. */
const HEADER_ROWS = 3;

const PERCENT = "0.0%";
const COUNT = "#,##0";
const TOTAL_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const HEAD_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFBDD7EE" } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin", color: { argb: "FF9CA3AF" } },
  left: { style: "thin", color: { argb: "FF9CA3AF" } },
  bottom: { style: "thin", color: { argb: "FF9CA3AF" } },
  right: { style: "thin", color: { argb: "FF9CA3AF" } },
};

interface Column {
  header: string;
  key: string;
  width: number;
  wrap?: boolean;
  center?: boolean;
}

function sheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, title: string, notes: string, columns: Column[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: HEADER_ROWS, xSplit: 0, zoomScale: 100 }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROWS}:${HEADER_ROWS}` },
    properties: { defaultRowHeight: 18 },
  });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  const last = columns.length;
  ws.mergeCells(1, 1, 1, last);
  ws.mergeCells(2, 1, 2, last);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { name: "Times New Roman", size: 14, bold: true };
  t.alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(1).height = 24;
  const n = ws.getCell(2, 1);
  n.value = notes;
  n.font = { name: "Times New Roman", size: 11, italic: true };
  n.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  ws.getRow(2).height = 32;
  const head = ws.getRow(HEADER_ROWS);
  columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: "Times New Roman", size: 11, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = HEAD_FILL;
    cell.border = THIN;
  });
  head.height = 36;
  ws.autoFilter = { from: { row: HEADER_ROWS, column: 1 }, to: { row: HEADER_ROWS, column: last } };
  for (let r = 1; r <= HEADER_ROWS; r++) ws.getRow(r).commit();
  return ws;
}

/**
 * Styles a data row: font, borders, wrapping, number formats; bold and shaded for totals.
 * Cells share one style object per (column, number format, total): exceljs resolves a shared
 * object once (WeakMap), which keeps a city-sized export from re-rendering a style per cell.
 */
function rowStyler(columns: Column[]) {
  const cache = new Map<string, Partial<ExcelJS.Style>>();
  return (row: ExcelJS.Row, formats: Record<string, string>, total: boolean): void => {
    columns.forEach((c, i) => {
      const numFmt = formats[c.key];
      const key = `${i}|${numFmt ?? ""}|${total ? 1 : 0}`;
      let shared = cache.get(key);
      if (!shared) {
        shared = {
          font: { name: "Times New Roman", size: 11, bold: total },
          border: THIN,
          alignment: { vertical: "top", wrapText: !!c.wrap, horizontal: c.center ? "center" : undefined },
          ...(numFmt ? { numFmt } : {}),
          ...(total ? { fill: TOTAL_FILL } : {}),
        };
        cache.set(key, shared);
      }
      row.getCell(i + 1).style = shared;
    });
    // Streaming: a finished row is written out and dropped from memory.
    row.commit();
  };
}

const fraction = (percent: number | null) => (percent === null ? null : percent / 100);

/**
 * The ward's Excel workbook, written with exceljs's streaming writer (rows leave memory as they
 * are committed, so a city-sized export stays lean): Appendix 01 (a row per unit × indicator and a ward total per
 * indicator), Appendix 02 (a row per unit × task and a ward total per task), and the units'
 * difficulties and proposals. Figures are plain values (no formulas) so any viewer shows them.
 */
export async function buildWorkbook(summary: WardSummary, detail: UnitDetail, scope: SummaryScope, wardName: string): Promise<Buffer> {
  const rowCount = [...detail.indicators.values(), ...detail.tasks.values()].reduce((n, rows) => n + rows.length, 0);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: true,
    // Deflate dominates the time of city-sized workbooks: trade a little size for speed there.
    zip: { zlib: { level: rowCount > 20_000 ? 1 : 6 } },
  } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  wb.creator = "Thanh niên số";
  wb.created = new Date(summary.generatedAt);
  const c = summary.completeness;
  const year = summary.period.year;
  const place = scope.root ? scope.root.name : wardName;
  const totalLabel = !scope.root || scope.root.kind === "ward" ? "Toàn phường" : "Tổng cộng";
  const notes =
    `${summary.period.title} — ${place}. Tổng hợp lúc ${formatDateTimeVN(summary.generatedAt)}: ` +
    `${c.submitted}/${c.expected} đơn vị đã nộp (${c.approved} đã duyệt). ` +
    "Chỉ tính báo cáo đã nộp và đã duyệt; tỷ lệ % = tổng tử số / tổng mẫu số.";

  // Appendix 01
  const indicatorCols: Column[] = [
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
    { header: "Mục tiêu đến năm 2030", key: "target", width: 18, wrap: true },
    { header: "Đánh giá", key: "onTrack", width: 14, center: true },
    { header: "Ghi chú, giải thích", key: "comment", width: 36, wrap: true },
  ];
  const style1 = rowStyler(indicatorCols);
  const ws1 = sheet(wb, SHEET_INDICATORS, `PHỤ LỤC 01. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM ${year}`, notes, indicatorCols);
  summary.indicators.forEach((ind, i) => {
    const percent = ind.measure === "percent";
    const formats = { numerator: COUNT, denominator: COUNT, value: percent ? PERCENT : COUNT, lastYear: percent ? PERCENT : COUNT };
    const figure = (v: number | null) => (percent ? fraction(v) : v);
    const total = ws1.addRow({
      stt: i + 1,
      code: ind.code,
      name: ind.name,
      unitLabel: ind.unitLabel,
      unit: `${totalLabel} (${ind.current.unitsReported}/${ind.unitsExpected} đơn vị báo cáo)`,
      status: "",
      numerator: ind.current.numerator,
      denominator: ind.current.denominator,
      value: figure(ind.current.value),
      lastYear: figure(ind.lastYear?.value ?? null),
      target: formatTarget(ind),
      onTrack: onTrackText(ind),
      comment: "",
    });
    style1(total, formats, true);
    for (const r of detail.indicators.get(ind.id) ?? []) {
      const row = ws1.addRow({
        stt: null,
        code: ind.code,
        name: null,
        unitLabel: ind.unitLabel,
        unit: unitLabel(scope, r.unitId),
        status: REPORT_STATUS_TEXT[r.reportStatus],
        numerator: percent ? r.numerator : null,
        denominator: percent ? r.denominator : null,
        value: figure(r.value),
        lastYear: figure(r.lastYear),
        target: null,
        onTrack: null,
        comment: r.comment || null,
      });
      style1(row, formats, false);
    }
  });

  // Appendix 02
  const taskCols: Column[] = [
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
  const style2 = rowStyler(taskCols);
  const ws2 = sheet(wb, SHEET_TASKS, `PHỤ LỤC 02. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP NĂM ${year}`, notes, taskCols);
  summary.tasks.forEach((t, i) => {
    const total = ws2.addRow({
      stt: i + 1,
      code: t.code,
      name: t.name,
      timing: t.timing,
      unit: `${totalLabel} (${t.unitsReported}/${t.unitsExpected} đơn vị báo cáo)`,
      role: null,
      reportStatus: null,
      status: `Hoàn thành: ${t.done}; đang triển khai: ${t.inProgress}; chưa triển khai: ${t.notStarted}`,
      progress: fraction(t.meanProgress),
      result: null,
    });
    style2(total, { progress: PERCENT }, true);
    for (const r of detail.tasks.get(t.id) ?? []) {
      const row = ws2.addRow({
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
      });
      style2(row, { progress: "0%" }, false);
    }
  });

  // Difficulties and proposals, by unit
  const issueCols: Column[] = [
    { header: "STT", key: "stt", width: 6, center: true },
    { header: "Đơn vị", key: "unit", width: 30, wrap: true },
    { header: "Khó khăn, vướng mắc", key: "difficulties", width: 60, wrap: true },
    { header: "Đề xuất, kiến nghị", key: "proposals", width: 60, wrap: true },
  ];
  const style3 = rowStyler(issueCols);
  const ws3 = sheet(wb, SHEET_ISSUES, `KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ CỦA CÁC ĐƠN VỊ NĂM ${year}`, notes, issueCols);
  if (summary.issues.length === 0) {
    const row = ws3.addRow({ stt: null, unit: "Không có đơn vị nào phản ánh khó khăn hoặc đề xuất.", difficulties: null, proposals: null });
    style3(row, {}, false);
  }
  summary.issues.forEach((u, i) => {
    const row = ws3.addRow({ stt: i + 1, unit: u.unitName, difficulties: u.difficulties || null, proposals: u.proposals || null });
    style3(row, {}, false);
  });

  ws1.commit();
  ws2.commit();
  ws3.commit();
  await wb.commit();
  await finished;
  return Buffer.concat(chunks);
}
