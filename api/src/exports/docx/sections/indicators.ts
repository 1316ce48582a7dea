import { AlignmentType } from "docx";
import type { IndicatorSummary } from "../../../contract/summary.js";
import { formatFigure, formatMilestone, formatNumber, formatTarget, onTrackText, trajectorySentence } from "../../../contract/summary-labels.js";
import { body, dataTable, run, spacer, type CellLine } from "../primitives.js";
import { textWidth } from "../text-width.js";
import type { WordSection } from "../sections.js";

/** Flagged values written out in the report; the Excel marks every one. */
const FLAGGED_IN_WORD = 100;

/** A fraction wider than this goes on two lines, broken after the slash (never inside a number). */
const FRACTION_MAX = 1500;

/** A figure to show: the ward's (whose figure it is when not a sum), or the city's (a sum, no source). */
type Shown = Pick<IndicatorSummary, "measure"> & { current: Pick<IndicatorSummary["current"], "value" | "numerator" | "denominator"> & Partial<Pick<IndicatorSummary["current"], "sourceUnitName" | "unitsReported">> };

/** The ward figure, its fraction, and whose figure it is when it is not a sum. */
export function figureLines(i: Shown): CellLine[] {
  const f = i.current;
  const lines: CellLine[] = [{ text: formatFigure(f.value, i.measure) }];
  if (i.measure === "percent" && f.numerator !== null && f.denominator !== null) {
    const a = formatNumber(f.numerator);
    const b = formatNumber(f.denominator);
    const whole = `(${a}/${b})`;
    if (textWidth(whole, 10) <= FRACTION_MAX) lines.push({ text: whole, size: 10, italics: true });
    else lines.push({ text: `(${a}/`, size: 10, italics: true }, { text: `${b})`, size: 10, italics: true });
  }
  // whose figure stands, where more than one unit reported it
  if (f.sourceUnitName && (f.unitsReported ?? 0) > 1) lines.push({ text: `số của ${f.sourceUnitName}`, size: 10, italics: true });
  return lines;
}

export const indicatorsSection: WordSection = {
  key: "indicators",
  build({ summary, heading }) {
    const year = summary.period.year;
    const list = summary.indicators;
    const count = (t: IndicatorSummary["onTrack"]) => list.filter((i) => i.onTrack === t).length;
    const table = dataTable(
      [
        { header: "STT", align: AlignmentType.CENTER },
        { header: "Chỉ tiêu", flex: true },
        { header: "Đơn vị tính", align: AlignmentType.CENTER },
        { header: `Kết quả năm ${year}`, align: AlignmentType.CENTER },
        // floors so that short headers wrap in two or three lines, not one word a line
        { header: "Số đơn vị báo cáo", align: AlignmentType.CENTER, min: 640 },
        { header: `Lộ trình năm ${year}`, align: AlignmentType.CENTER, min: 640 },
        { header: "Mục tiêu đến năm 2030", align: AlignmentType.CENTER },
        { header: "Đánh giá", align: AlignmentType.CENTER, min: 680 },
      ],
      list.map((i, n) => [
        String(n + 1),
        i.name,
        i.unitLabel,
        figureLines(i),
        `${i.current.unitsReported}/${i.unitsExpected}`,
        i.milestone ? formatMilestone(i.milestone.value, i.measure) : "—",
        formatTarget(i),
        onTrackText(i),
      ]),
    );
    const out = [
      heading("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU (Phụ lục 01)"),
      body(
        `Trong ${list.length} chỉ tiêu, có ${count("on_track")} chỉ tiêu đạt lộ trình năm ${year}, ${count("off_track")} chỉ tiêu chưa đạt ` +
          `và ${count("unknown")} chỉ tiêu chưa xác định được (chưa có số liệu hoặc chưa có mục tiêu bằng số); chỉ tiêu chưa có lộ trình năm được so với mục tiêu đến năm 2030. ` +
          "Số liệu toàn phường là tổng số của các đơn vị khi các đơn vị chia nhau địa bàn hoặc đếm những việc khác nhau; khi nhiều đơn vị cùng báo cáo trên toàn bộ " +
          "thanh niên của phường, số liệu toàn phường là số của đơn vị chủ trì hoặc số lớn nhất (ghi dưới kết quả) để không tính trùng. Kết quả cụ thể như sau:",
      ),
      table,
      spacer(),
      body([run("Lộ trình đến năm 2030 của từng chỉ tiêu:", { bold: true, italics: true })]),
      ...list.map((i) => body(`- ${i.code}: ${trajectorySentence(i, year)}.`)),
    ];
    if (summary.flagged.length) {
      out.push(body([run("Số liệu chênh lệch nhiều so với năm trước và giải thích của đơn vị:", { bold: true, italics: true })]));
      for (const f of summary.flagged.slice(0, FLAGGED_IN_WORD)) {
        const why = f.comment ? `Giải thích: ${f.comment.replace(/\s+/g, " ")}` : "Đơn vị chưa giải thích.";
        out.push(body(`- ${f.code}, ${f.unitName}: ${formatFigure(f.value, f.measure)} (năm trước ${formatFigure(f.lastYear, f.measure)}). ${why}`));
      }
      const more = summary.flaggedTotal - Math.min(summary.flagged.length, FLAGGED_IN_WORD);
      if (more > 0) out.push(body(`- Và ${more} số liệu khác (đánh dấu trong Phụ lục 01 của tệp Excel tổng hợp).`));
    }
    return out;
  },
};
