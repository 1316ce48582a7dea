import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
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
import { longestToken } from "./text-width.js";

/**
 * The building blocks of the ward's Word report in the format of Decree 30/2020/NĐ-CP, Appendix I
 * (shared/domain.md §5): Times New Roman, body 14 pt justified with a 1.27 cm first-line indent,
 * thin-bordered data tables with a repeated header row, borderless layout tables.
 */

export const FONT = "Times New Roman";
/** Millimetres to twips, rounded (A4 = 11906 × 16838, as Word writes it). */
export const mm = (v: number) => Math.round((v * 1440) / 25.4);
/** A4 width minus the left (30 mm) and right (15 mm) margins, in twips. */
export const TEXT_WIDTH = mm(210 - 30 - 15);
const FIRST_LINE = mm(12.7);
/** Left and right padding of a data-table cell, in twips. */
const CELL_PAD = 80;

const half = (pt: number) => pt * 2;

export interface RunStyle {
  size?: number;
  bold?: boolean;
  italics?: boolean;
}

export const run = (text: string, s: RunStyle = {}) => new TextRun({ text, font: FONT, size: half(s.size ?? 14), bold: s.bold, italics: s.italics });

/** Multi-line text in a table cell: runs separated by line breaks (cells are left-aligned). */
export function runs(text: string, s: RunStyle = {}): TextRun[] {
  return text
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ text: line, font: FONT, size: half(s.size ?? 14), bold: s.bold, italics: s.italics, break: i > 0 ? 1 : undefined }));
}

export function centred(text: string, s: RunStyle & { before?: number; after?: number } = {}) {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: s.before ?? 0, after: s.after ?? 0 }, children: [run(text, s)] });
}

/** A body paragraph: justified, first-line indent 1.27 cm, 6 pt after. */
export function body(children: TextRun[] | string, opts: { indent?: boolean } = {}) {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: FIRST_LINE },
    spacing: { before: 0, after: 120, line: 276 },
    children: typeof children === "string" ? [run(children)] : children,
  });
}

/**
 * Multi-line text as body paragraphs, the first one led by `lead` (e.g. "- Công an phường: ").
 * Separate paragraphs, not line breaks: a justified line before a break would be stretched.
 */
export function leadParagraphs(lead: TextRun[], text: string): Paragraph[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length) return [body(lead)];
  return lines.map((line, i) => body(i === 0 ? [...lead, run(line)] : [run(line)]));
}

/** Staff-written text: one paragraph per line; a line like "1. Kết quả đạt được" is an italic bold sub-heading. */
export function writtenText(text: string): Paragraph[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => (/^\d+\.\s+\S/.test(line) && line.length < 120 ? subheading(line) : body(line)));
}

/** An italic bold sub-heading kept with the paragraph after it. */
function subheading(text: string) {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE },
    spacing: { before: 0, after: 120, line: 276 },
    keepNext: true,
    children: [run(text, { bold: true, italics: true })],
  });
}

export function heading(text: string) {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE },
    spacing: { before: 120, after: 120, line: 276 },
    keepNext: true,
    children: [run(text, { bold: true })],
  });
}

export const spacer = (after = 120) => new Paragraph({ spacing: { before: 0, after }, children: [] });

/** A short horizontal rule of `width` twips centred in a space of `span` twips. */
export function rule(width: number, span: number) {
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
export function layoutTable(widths: [number, number], rows: [Paragraph[], Paragraph[]][]) {
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

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

/** A line of a data cell: its text and size (a fraction under a figure is smaller and italic). */
export interface CellLine {
  text: string;
  size?: number;
  italics?: boolean;
  bold?: boolean;
}
export type CellContent = string | CellLine[];

export interface GridColumn {
  header: string;
  align?: Align;
  /** the column takes the width left by the others (exactly one column should) */
  flex?: boolean;
  /** a width floor in twips */
  min?: number;
}

const BODY_PT = 12;
const linesOf = (c: CellContent): CellLine[] => (typeof c === "string" ? c.split(/\r?\n/).map((text) => ({ text })) : c);

/**
 * Column widths from the content: each column is as wide as its widest unbreakable piece (a number,
 * "(2.100/3.050)", "người/năm", a header word) so no number ever wraps; the flex column takes the rest.
 */
export function fitColumns(columns: GridColumn[], rows: CellContent[][], total = TEXT_WIDTH): number[] {
  const need = columns.map((col, i) => {
    const head = longestToken(col.header, BODY_PT, true);
    const cells = rows.map((r) => Math.max(0, ...linesOf(r[i]).map((l) => longestToken(l.text, l.size ?? BODY_PT, l.bold))));
    return Math.max(col.min ?? 0, head, ...cells) + 2 * CELL_PAD + 40;
  });
  const flex = columns.findIndex((c) => c.flex);
  if (flex < 0) return need;
  const rest = total - need.reduce((s, w, i) => (i === flex ? s : s + w), 0);
  return need.map((w, i) => (i === flex ? Math.max(w, rest) : w));
}

/** A data table with thin black borders, a bold header row repeated on each page, 12 pt text. */
export function dataTable(columns: GridColumn[], rows: CellContent[][], total = TEXT_WIDTH) {
  const widths = fitColumns(columns, rows, total);
  const cell = (content: CellContent, i: number, header = false) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      borders: GRID,
      verticalAlign: header ? VerticalAlign.CENTER : VerticalAlign.TOP,
      margins: { top: 40, bottom: 40, left: CELL_PAD, right: CELL_PAD },
      children: linesOf(content).map(
        (l) =>
          new Paragraph({
            alignment: header ? AlignmentType.CENTER : (columns[i].align ?? AlignmentType.LEFT),
            spacing: { before: 0, after: 0 },
            children: [run(l.text, { size: l.size ?? BODY_PT, bold: header || l.bold, italics: l.italics })],
          }),
      ),
    });
  return new Table({
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.header, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i)) })),
    ],
  });
}
