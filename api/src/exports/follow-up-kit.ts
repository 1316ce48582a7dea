import { AlignmentType, BorderStyle, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType, type IBorderOptions } from "docx";

/**
 * How the follow-up sections (duties, difficulties, supervision, dialogues) are drawn in the ward's
 * Word report. The sections only need a heading, a body paragraph and a bordered table, so they take
 * these three from a kit: the Word report can pass its own helpers; this default follows the same
 * Decree 30/2020 styles (Times New Roman, body 14 pt justified with a 1.27 cm first-line indent,
 * tables with thin black borders and a 12 pt repeated header row).
 */
export interface DocxKit {
  heading(text: string): Paragraph;
  body(text: string, opts?: { lead?: string; italicLead?: boolean }): Paragraph;
  table(columns: { header: string; width: number; center?: boolean }[], rows: string[][]): Table;
  /** the space after a table */
  spacer(): Paragraph;
}

const FONT = "Times New Roman";
const FIRST_LINE = Math.round((12.7 * 1440) / 25.4);
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const GRID = { top: LINE, bottom: LINE, left: LINE, right: LINE };
const text = (t: string, size: number, o: { bold?: boolean; italics?: boolean } = {}) => new TextRun({ text: t, font: FONT, size: size * 2, ...o });

export const defaultDocxKit: DocxKit = {
  spacer: () => new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
  heading: (t) =>
    new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: FIRST_LINE }, spacing: { before: 120, after: 120, line: 276 }, keepNext: true, children: [text(t, 14, { bold: true })] }),
  body: (t, opts = {}) =>
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: FIRST_LINE },
      spacing: { before: 0, after: 120, line: 276 },
      children: [...(opts.lead ? [text(opts.lead, 14, { italics: opts.italicLead !== false })] : []), text(t, 14)],
    }),
  table: (columns, rows) =>
    new Table({
      width: { size: columns.reduce((s, c) => s + c.width, 0), type: WidthType.DXA },
      columnWidths: columns.map((c) => c.width),
      layout: TableLayoutType.FIXED,
      rows: [columns.map((c) => c.header), ...rows].map(
        (r, i) =>
          new TableRow({
            tableHeader: i === 0,
            cantSplit: true,
            children: r.map(
              (v, k) =>
                new TableCell({
                  width: { size: columns[k].width, type: WidthType.DXA },
                  borders: GRID,
                  verticalAlign: i === 0 ? VerticalAlign.CENTER : VerticalAlign.TOP,
                  margins: { top: 40, bottom: 40, left: 80, right: 80 },
                  children: v.split("\n").map(
                    (line) =>
                      new Paragraph({ alignment: i === 0 || columns[k].center ? AlignmentType.CENTER : AlignmentType.LEFT, spacing: { before: 0, after: 0 }, children: [text(line, 12, { bold: i === 0 })] }),
                  ),
                }),
            ),
          }),
      ),
    }),
};
