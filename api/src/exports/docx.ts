import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IBorderOptions,
} from "docx";
import type { WardSummary } from "../contract/summary.js";
import { TASK_STATUS_TEXT, onTrackText, formatFigure, formatNumber, formatTarget } from "../contract/summary-labels.js";
import { formatDateVN, vnParts } from "../lib/time.js";
import { ARCHIVE_LINE, DOCUMENT_NUMBER, RECIPIENTS, REPORT_SIGNER, RESOLUTION } from "./signature.js";

/**
 * The ward's report in the format of Decree 30/2020/NĐ-CP, Appendix I (shared/domain.md §5):
 * A4 portrait, margins 20/20/30/15 mm, Times New Roman, body 14 pt justified with a 1.27 cm
 * first-line indent, the two-column header and signature blocks as borderless tables, page
 * numbers centred in the top margin from page 2 on.
 */

const FONT = "Times New Roman";
/** Millimetres to twips, rounded (A4 = 11906 × 16838, as Word writes it). */
const mm = (v: number) => Math.round((v * 1440) / 25.4);
/** A4 width minus the left (30 mm) and right (15 mm) margins, in twips. */
const TEXT_WIDTH = mm(210 - 30 - 15);
const FIRST_LINE = mm(12.7);
/** Results listed per task in the Word report; the Excel file has every row. */
const MAX_RESULTS_PER_TASK = 100;

const half = (pt: number) => pt * 2;

interface RunStyle {
  size?: number;
  bold?: boolean;
  italics?: boolean;
}

const run = (text: string, s: RunStyle = {}) => new TextRun({ text, font: FONT, size: half(s.size ?? 14), bold: s.bold, italics: s.italics });

/** Multi-line text in a table cell: runs separated by line breaks (cells are left-aligned). */
function runs(text: string, s: RunStyle = {}): TextRun[] {
  return text
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ text: line, font: FONT, size: half(s.size ?? 14), bold: s.bold, italics: s.italics, break: i > 0 ? 1 : undefined }));
}

function centred(text: string, s: RunStyle & { before?: number; after?: number } = {}) {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: s.before ?? 0, after: s.after ?? 0 }, children: [run(text, s)] });
}

/** A body paragraph: justified, first-line indent 1.27 cm, 6 pt after. */
function body(children: TextRun[] | string, opts: { indent?: boolean } = {}) {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: FIRST_LINE },
    spacing: { before: 0, after: 120, line: 276 },
    children: typeof children === "string" ? [run(children)] : children,
  });
}

/**
 * A unit's multi-line text as body paragraphs, the first one led by `lead` (e.g. "- Công an phường: ").
 * Separate paragraphs, not line breaks: a justified line before a break would be stretched.
 */
function leadParagraphs(lead: TextRun[], text: string): Paragraph[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length) return [body(lead)];
  return lines.map((line, i) => body(i === 0 ? [...lead, run(line)] : [run(line)]));
}

function heading(text: string) {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE },
    spacing: { before: 120, after: 120, line: 276 },
    keepNext: true,
    children: [run(text, { bold: true })],
  });
}

/** A short horizontal rule of `width` twips centred in a space of `span` twips. */
function rule(width: number, span: number) {
  const side = Math.max(0, Math.round((span - width) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 40, after: 0, line: 40, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } },
    children: [],
  });
}

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const GRID = { top: LINE, bottom: LINE, left: LINE, right: LINE };

/** A borderless two-column layout table (header block, signature block). */
function layoutTable(widths: [number, number], rows: [Paragraph[], Paragraph[]][]) {
  return new Table({
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: rows.map(
      ([left, right]) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({ width: { size: widths[0], type: WidthType.DXA }, borders: NO_BORDERS, margins: { left: 0, right: 0 }, children: left }),
            new TableCell({ width: { size: widths[1], type: WidthType.DXA }, borders: NO_BORDERS, margins: { left: 0, right: 0 }, children: right }),
          ],
        }),
    ),
  });
}

interface GridColumn {
  header: string;
  width: number;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
}

/** A data table with thin black borders, a bold header row repeated on each page, 12 pt text. */
function dataTable(columns: GridColumn[], rows: (string | Paragraph[])[][]) {
  const cell = (content: string | Paragraph[], col: GridColumn, header = false) =>
    new TableCell({
      width: { size: col.width, type: WidthType.DXA },
      borders: GRID,
      verticalAlign: header ? VerticalAlign.CENTER : VerticalAlign.TOP,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children:
        typeof content === "string"
          ? [
              new Paragraph({
                alignment: header ? AlignmentType.CENTER : (col.align ?? AlignmentType.LEFT),
                spacing: { before: 0, after: 0 },
                children: runs(content, { size: 12, bold: header }),
              }),
            ]
          : content,
    });
  return new Table({
    width: { size: columns.reduce((s, c) => s + c.width, 0), type: WidthType.DXA },
    columnWidths: columns.map((c) => c.width),
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c) => cell(c.header, c, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, columns[i])) })),
    ],
  });
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * "Lê Đại Hành, ngày 05 tháng 11 năm 2026" in Vietnam time. Decree 30: days below 10 and the
 * months 1 and 2 take a leading zero (so no month is mistaken for 11 or 12 when filled in by hand).
 */
export function placeAndDate(place: string, instant: Date): string {
  const p = vnParts(instant);
  const month = p.month < 3 ? pad2(p.month) : String(p.month);
  return `${place}, ngày ${pad2(p.day)} tháng ${month} năm ${p.year}`;
}

/** "Phường Lê Đại Hành" → issuer line "PHƯỜNG LÊ ĐẠI HÀNH" and place name "Lê Đại Hành". */
export function wardNames(wardName: string): { upper: string; place: string; full: string } {
  const trimmed = wardName.trim().replace(/^Ủy ban nhân dân\s+/i, "");
  const place = trimmed.replace(/^(phường|xã|thị trấn|đặc khu)\s+/i, "");
  const kind = trimmed.slice(0, trimmed.length - place.length).trim().toLowerCase() || "phường";
  return { upper: `${kind} ${place}`.toLocaleUpperCase("vi-VN"), place, full: `${kind} ${place}` };
}

export interface WordReportInput {
  summary: WardSummary;
  wardName: string;
  now: Date;
  signer: string;
  /** names of expected units without a submitted or approved report */
  missingUnits: string[];
  /** the plan's other duties (exports/follow-up-sections.ts), after section IV */
  followUp?: (Paragraph | Table)[];
}

export async function buildWordReport(input: WordReportInput): Promise<Buffer> {
  const { summary, now } = input;
  const ward = wardNames(input.wardName);
  const year = summary.period.year;
  const c = summary.completeness;
  const adhoc = summary.period.kind === "adhoc";
  // An ad hoc period (e.g. "Báo cáo 6 tháng đầu năm") keeps its own title next to the year.
  const when = adhoc ? `năm ${year} (${summary.period.title.replace(/\.$/, "")})` : `năm ${year}`;

  // Header block: issuer (left) and national title (right); number (left) and place/date (right).
  const LEFT = mm(62);
  const RIGHT = TEXT_WIDTH - LEFT;
  const header = layoutTable(
    [LEFT, RIGHT],
    [
      [
        [centred("ỦY BAN NHÂN DÂN", { size: 13, bold: true }), centred(ward.upper, { size: 13, bold: true }), rule(mm(16), LEFT)],
        [
          centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { size: 13, bold: true }),
          centred("Độc lập - Tự do - Hạnh phúc", { size: 14, bold: true }),
          rule(mm(61), RIGHT),
        ],
      ],
      [
        [centred(DOCUMENT_NUMBER, { size: 13, before: 120 })],
        [centred(placeAndDate(ward.place, now), { size: 14, italics: true, before: 120 })],
      ],
    ],
  );

  const title = [
    centred("BÁO CÁO", { bold: true, before: 360 }),
    centred(`Kết quả thực hiện ${RESOLUTION.short} ${RESOLUTION.subject}, ${when}`, { bold: true }),
    rule(mm(40), TEXT_WIDTH),
    new Paragraph({ spacing: { before: 0, after: 240 }, children: [] }),
  ];

  const intro = [
    body(
      `Thực hiện Kế hoạch của Ủy ban nhân dân ${ward.full} triển khai thực hiện ${RESOLUTION.ref} ${RESOLUTION.subject}; ` +
        `trên cơ sở báo cáo của các cơ quan, đơn vị theo Phụ lục 01, 02 kèm theo Kế hoạch, Ủy ban nhân dân ${ward.full} báo cáo kết quả thực hiện ${when} như sau:`,
    ),
    body(
      `Tính đến ngày ${formatDateVN(now)}, ${c.submitted}/${c.expected} cơ quan, đơn vị đã gửi báo cáo ` +
        `(${c.approved} báo cáo đã được duyệt; ${c.onTime} đơn vị nộp đúng hạn, ${c.late} đơn vị nộp muộn). ` +
        "Số liệu dưới đây được tổng hợp từ các báo cáo đã nộp và đã duyệt; tỷ lệ phần trăm của toàn phường được tính bằng tổng tử số trên tổng mẫu số của các đơn vị.",
    ),
  ];
  if (input.missingUnits.length) {
    const shown = input.missingUnits.slice(0, 40);
    const more = input.missingUnits.length - shown.length;
    intro.push(body(`Các đơn vị chưa gửi báo cáo: ${shown.join("; ")}${more > 0 ? ` và ${more} đơn vị khác` : ""}.`));
  }

  // I. Indicators (Appendix 01)
  const counts = { on_track: 0, off_track: 0, unknown: 0 };
  for (const i of summary.indicators) counts[i.onTrack]++;
  const figureCell = (i: WardSummary["indicators"][number], f: { value: number | null; numerator: number | null; denominator: number | null }) => {
    const lines = [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(formatFigure(f.value, i.measure), { size: 12 })] })];
    if (i.measure === "percent" && f.numerator !== null && f.denominator !== null) {
      lines.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [run(`(${formatNumber(f.numerator)}/${formatNumber(f.denominator)})`, { size: 10, italics: true })],
        }),
      );
    }
    return lines;
  };
  const indicatorTable = dataTable(
    [
      { header: "STT", width: 680, align: AlignmentType.CENTER },
      { header: "Chỉ tiêu", width: 3124 },
      { header: "Đơn vị tính", width: 900, align: AlignmentType.CENTER },
      { header: `Kết quả năm ${year}`, width: 1150, align: AlignmentType.CENTER },
      { header: `Năm ${year - 1}`, width: 1100, align: AlignmentType.CENTER },
      { header: "Mục tiêu đến năm 2030", width: 1300, align: AlignmentType.CENTER },
      { header: "Đánh giá", width: TEXT_WIDTH - 680 - 3124 - 900 - 1150 - 1100 - 1300, align: AlignmentType.CENTER },
    ],
    summary.indicators.map((i, n) => [
      String(n + 1),
      i.name,
      i.unitLabel,
      figureCell(i, i.current),
      i.lastYear ? figureCell(i, i.lastYear) : "—",
      formatTarget(i),
      onTrackText(i),
    ]),
  );

  // II. Tasks (Appendix 02)
  const tasksDone = summary.tasks.filter((t) => t.unitsReported > 0 && t.done === t.unitsReported).length;
  const taskTable = dataTable(
    [
      { header: "STT", width: 680, align: AlignmentType.CENTER },
      { header: "Nhiệm vụ, giải pháp", width: 3474 },
      { header: "Số đơn vị báo cáo", width: 1100, align: AlignmentType.CENTER },
      { header: "Hoàn thành", width: 1000, align: AlignmentType.CENTER },
      { header: "Đang triển khai", width: 1050, align: AlignmentType.CENTER },
      { header: "Chưa triển khai", width: 1000, align: AlignmentType.CENTER },
      { header: "Tiến độ bình quân", width: TEXT_WIDTH - 680 - 3474 - 1100 - 1000 - 1050 - 1000, align: AlignmentType.CENTER },
    ],
    summary.tasks.map((t, n) => [
      String(n + 1),
      t.name,
      `${t.unitsReported}/${t.unitsExpected}`,
      String(t.done),
      String(t.inProgress),
      String(t.notStarted),
      t.meanProgress === null ? "—" : `${formatNumber(t.meanProgress)}%`,
    ]),
  );
  const taskResults: Paragraph[] = [];
  summary.tasks.forEach((t, n) => {
    const withText = t.results.filter((r) => r.result.trim() || r.status);
    if (!withText.length) return;
    taskResults.push(body([run(`${n + 1}. ${t.name}:`, { italics: true })]));
    for (const r of withText.slice(0, MAX_RESULTS_PER_TASK)) {
      const state = [r.status ? TASK_STATUS_TEXT[r.status].toLowerCase() : null, r.progress !== null ? `${r.progress}%` : null].filter(Boolean).join(", ");
      taskResults.push(...leadParagraphs([run(`- ${r.unitName}${state ? ` (${state})` : ""}${r.result.trim() ? ": " : "."}`)], r.result));
    }
    if (withText.length > MAX_RESULTS_PER_TASK) {
      taskResults.push(body(`- Và ${withText.length - MAX_RESULTS_PER_TASK} đơn vị khác (chi tiết tại Phụ lục 02 trong tệp Excel tổng hợp).`));
    }
  });

  // III, IV. Difficulties and proposals by unit
  const byUnit = (field: "difficulties" | "proposals", none: string) => {
    const items = summary.issues.filter((u) => u[field].trim());
    if (!items.length) return [body(none)];
    return items.flatMap((u) => leadParagraphs([run(`- ${u.unitName}: `, { italics: true })], u[field]));
  };

  const closing = body(
    `Trên đây là báo cáo kết quả thực hiện ${RESOLUTION.short} ${when} của Ủy ban nhân dân ${ward.full}./.`,
  );

  // Signature block: recipients (left), signature (right).
  const SIG_LEFT = mm(75);
  const SIG_RIGHT = TEXT_WIDTH - SIG_LEFT;
  const recipientLine = (text: string) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(text, { size: 11 })] });
  const signature = layoutTable(
    [SIG_LEFT, SIG_RIGHT],
    [
      [
        [
          new Paragraph({ spacing: { before: 0, after: 0 }, children: [run("Nơi nhận:", { size: 12, bold: true, italics: true })] }),
          ...RECIPIENTS.map((r) => recipientLine(`- ${r};`)),
          recipientLine(ARCHIVE_LINE),
        ],
        [
          centred(REPORT_SIGNER.onBehalf, { bold: true }),
          centred(REPORT_SIGNER.inPlaceOf, { bold: true }),
          centred(REPORT_SIGNER.title, { bold: true }),
          centred(input.signer, { bold: true, before: 1700 }),
        ],
      ],
    ],
  );

  const pageNumberHeader = new Header({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ font: FONT, size: half(14), children: [PageNumber.CURRENT] })] })],
  });

  const doc = new Document({
    creator: "Thanh niên số",
    title: `Báo cáo kết quả thực hiện ${RESOLUTION.short} ${when}`,
    description: `Ủy ban nhân dân ${ward.full}`,
    styles: { default: { document: { run: { font: FONT, size: half(14) }, paragraph: { spacing: { before: 0, after: 0 } } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: mm(210), height: mm(297), orientation: PageOrientation.PORTRAIT },
            margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10), footer: mm(10) },
          },
        },
        headers: { default: pageNumberHeader, first: new Header({ children: [new Paragraph({ children: [] })] }) },
        children: [
          header,
          ...title,
          ...intro,
          heading("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU (Phụ lục 01)"),
          body(
            `Trong ${summary.indicators.length} chỉ tiêu, có ${counts.on_track} chỉ tiêu đạt mục tiêu đến năm 2030, ${counts.off_track} chỉ tiêu chưa đạt ` +
              `và ${counts.unknown} chỉ tiêu chưa xác định được (chưa có số liệu hoặc mục tiêu do phường giao). Kết quả cụ thể như sau:`,
          ),
          indicatorTable,
          new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
          heading("II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ (Phụ lục 02)"),
          body(
            `Trong ${summary.tasks.length} nhiệm vụ, giải pháp, có ${tasksDone} nhiệm vụ được tất cả các đơn vị báo cáo hoàn thành; ` +
              "tình hình thực hiện của các đơn vị như sau:",
          ),
          taskTable,
          new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
          ...(taskResults.length ? [body([run("Kết quả cụ thể của các đơn vị:", { bold: true, italics: true })]), ...taskResults] : []),
          heading("III. KHÓ KHĂN, VƯỚNG MẮC"),
          ...byUnit("difficulties", "Các cơ quan, đơn vị không phản ánh khó khăn, vướng mắc."),
          heading("IV. ĐỀ XUẤT, KIẾN NGHỊ"),
          ...byUnit("proposals", "Các cơ quan, đơn vị không có đề xuất, kiến nghị."),
          ...(input.followUp ?? []),
          closing,
          new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
          signature,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
