import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";

/** Rows above the data: title, notes, column headers. They stay frozen while scrolling. */
export const HEADER_ROWS = 3;

export const PERCENT = "0.0%";
export const COUNT = "#,##0";
const TOTAL_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const HEAD_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFBDD7EE" } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin", color: { argb: "FF9CA3AF" } },
  left: { style: "thin", color: { argb: "FF9CA3AF" } },
  bottom: { style: "thin", color: { argb: "FF9CA3AF" } },
  right: { style: "thin", color: { argb: "FF9CA3AF" } },
};

export interface Column {
  header: string;
  key: string;
  width: number;
  wrap?: boolean;
  center?: boolean;
}

export type Book = ExcelJS.stream.xlsx.WorkbookWriter;

/** A sheet with a merged title row, a notes row and a frozen, filterable header row. */
export function sheet(wb: Book, name: string, title: string, notes: string, columns: Column[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: HEADER_ROWS, xSplit: 0, zoomScale: 100 }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROWS}:${HEADER_ROWS}` },
    // 15 is the default height that is not "custom": rows with wrapped text then grow to fit their text
    properties: { defaultRowHeight: 15 },
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
 * Adds a styled data row: font, borders, wrapping, number formats; bold and shaded for totals.
 * Cells share one style object per (column, number format, total): exceljs resolves a shared
 * object once (WeakMap), which keeps a city-sized export from re-rendering a style per cell.
 */
export function rowWriter(ws: ExcelJS.Worksheet, columns: Column[]) {
  const cache = new Map<string, Partial<ExcelJS.Style>>();
  return (values: Record<string, unknown>, formats: Record<string, string> = {}, total = false): void => {
    const row = ws.addRow(values);
    const lines = Math.max(1, ...columns.filter((c) => c.wrap).map((c) => linesOf(values[c.key], c.width, total)));
    if (lines > 1) row.height = lines * LINE_PT + 3;
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

/** Height of one line of 11 pt text, in points. */
const LINE_PT = 14.5;

/**
 * How many lines a wrapped cell takes in a column `width` characters wide. Viewers do not grow rows
 * to fit wrapped text on opening a file (LibreOffice, and Excel for streamed files), so the export
 * sets the height itself; bold text (totals) is a little wider.
 */
export function linesOf(value: unknown, width: number, bold = false): number {
  if (value === null || value === undefined || value === "") return 1;
  const perLine = Math.max(4, Math.floor(width * (bold ? 1.2 : 1.35)));
  return String(value)
    .split(/\r?\n/)
    .reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
}

/** A streaming workbook writing into memory; `done()` commits it and returns the file. */
export function streamingBook(rowCount: number, created: string): { wb: Book; done: () => Promise<Buffer> } {
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
  wb.created = new Date(created);
  return {
    wb,
    async done() {
      await wb.commit();
      await finished;
      return Buffer.concat(chunks);
    },
  };
}

/** A percentage (0–100) as the fraction Excel formats with "0.0%". */
export const fraction = (percent: number | null) => (percent === null ? null : percent / 100);
