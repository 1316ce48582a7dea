import type { WardSummary } from "../contract/summary.js";
import { COUNTED_SENTENCE } from "../contract/summary-labels.js";
import { formatDateTimeVN } from "../lib/time.js";
import type { UnitDetail } from "./compute/detail.js";
import type { SummaryScope } from "./scope.js";
import { streamingBook } from "./xlsx/writer.js";
import { indicatorSheet, taskSheet, type SheetContext } from "./xlsx/appendices.js";
import { commendationsSheet, issuesSheet, reportingSheet, trajectorySheet } from "./xlsx/other-sheets.js";

export { SHEET_INDICATORS, SHEET_TASKS } from "./xlsx/appendices.js";
export { SHEET_COMMENDATIONS, SHEET_ISSUES, SHEET_REPORTING, SHEET_TRAJECTORY } from "./xlsx/other-sheets.js";

/**
 * The ward's Excel workbook, written with exceljs's streaming writer (rows leave memory as they are
 * committed, so a city-sized export stays lean): Appendix 01 and 02 (a ward total per item, then a
 * row per unit), the road to 2030, the reporting status, the units' difficulties and proposals, and
 * the commendation candidates. Figures are plain values (no formulas) so any viewer shows them.
 */
export async function buildWorkbook(summary: WardSummary, detail: UnitDetail, scope: SummaryScope, wardName: string): Promise<Buffer> {
  const rowCount = [...detail.indicators.values(), ...detail.tasks.values()].reduce((n, rows) => n + rows.length, 0);
  const { wb, done } = streamingBook(rowCount, summary.generatedAt);
  const c = summary.completeness;
  const place = scope.root ? scope.root.name : wardName;
  const notes =
    `${summary.period.title} — ${place}. Tổng hợp lúc ${formatDateTimeVN(summary.generatedAt)}: ` +
    `${c.submitted}/${c.expected} đơn vị đã nộp (${c.approved} đã duyệt). ` +
    `${COUNTED_SENTENCE[summary.counted]}; cách tổng hợp từng chỉ tiêu ghi ở cột "Cách tổng hợp".`;
  const ctx: SheetContext = { wb, summary, detail, scope, notes, totalLabel: !scope.root || scope.root.kind === "ward" ? "Toàn phường" : "Tổng cộng" };
  indicatorSheet(ctx);
  taskSheet(ctx);
  trajectorySheet(ctx);
  reportingSheet(ctx);
  issuesSheet(ctx);
  commendationsSheet(ctx);
  return done();
}
