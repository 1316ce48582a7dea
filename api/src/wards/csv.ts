import { badRequest } from "../lib/errors.js";
import { foldVietnamese } from "../lib/text.js";
import { cleanName } from "../contract/text.js";
import type { CsvProblem } from "../contract/wards.js";
import { UNIT_KIND_LABELS, type WardUnitKind } from "../contract/wards-labels.js";
import type { WardUnitDraft } from "./template.js";

/** Rows beyond this are refused: a ward has tens of units, not thousands. */
export const CSV_MAX_ROWS = 1000;
const MAX_PROBLEMS = 20;

/**
 * Splits CSV text into lines of fields: RFC 4180 quoting ("a, b" and "" inside quotes), CRLF or LF,
 * a UTF-8 BOM, and the separator of the header line (a comma, or the semicolon a Vietnamese Excel
 * writes, or a tab). Each line keeps its number in the file, so problems can name it.
 */
export function parseCsv(text: string): { line: number; fields: string[] }[] | { problem: CsvProblem } {
  const src = text.replace(/^\uFEFF/, "");
  const firstLine = src.split(/\r?\n/, 1)[0] ?? "";
  const sep = [";", "\t", ","].map((s) => [s, firstLine.split(s).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      quoteLine = line;
    } else if (ch === sep) {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      fields.push(field);
      rows.push({ line: rowLine, fields });
      fields = [];
      field = "";
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (quoted) return { problem: { row: quoteLine, column: null, message: "Dấu ngoặc kép mở mà không đóng." } };
  if (field !== "" || fields.length) {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  // blank lines (an Excel export often ends with some) carry nothing
  return rows.filter((r) => r.fields.some((f) => f.trim() !== ""));
}

/** Header names accepted for each column (folded: no diacritics, lower case, underscores). */
const COLUMN_ALIASES: Record<string, string[]> = {
  code: ["code", "ma", "ma_don_vi"],
  name: ["name", "ten", "ten_don_vi"],
  short_name: ["short_name", "ten_ngan", "ten_viet_tat", "ten_goi_tat"],
  kind: ["kind", "loai", "loai_don_vi"],
  parent_code: ["parent_code", "parent", "ma_cap_tren", "don_vi_cap_tren", "cap_tren"],
};
const REQUIRED = ["code", "name", "kind"];
const foldHeader = (h: string) => foldVietnamese(h).trim().replace(/[\s-]+/g, "_");

const KIND_BY_FOLDED = new Map<string, WardUnitKind>(
  (Object.entries(UNIT_KIND_LABELS) as [WardUnitKind, string][]).flatMap(([kind, label]) => [
    [kind, kind],
    [foldVietnamese(label), kind],
  ]),
);
const KIND_LIST = Object.keys(UNIT_KIND_LABELS).join(", ");

const LOCAL_CODE = /^[A-Z0-9_]{1,20}$/;

/**
 * The units of a ward from its CSV, with codes local to the ward (the caller prefixes them), in file
 * order. Every problem is collected (up to 20) and the whole file is refused with them: nothing is
 * imported from a file with a broken row. `wardCode` lets a code already written "HB-DOAN" stand.
 */
export function unitsFromCsv(text: string, wardCode: string): WardUnitDraft[] {
  const parsed = parseCsv(text);
  if ("problem" in parsed) throw csvInvalid([parsed.problem]);
  if (parsed.length === 0) throw badRequest("CSV_EMPTY", "Tệp CSV trống: dòng đầu là tên các cột (code, name, short_name, kind, parent_code), mỗi dòng sau là một đơn vị.");
  const [header, ...rows] = parsed;
  const problems: CsvProblem[] = [];
  const columns = new Map<string, number>();
  header.fields.forEach((raw, i) => {
    const folded = foldHeader(raw);
    const column = Object.keys(COLUMN_ALIASES).find((c) => COLUMN_ALIASES[c].includes(folded));
    if (!column) problems.push({ row: header.line, column: raw.trim(), message: `Cột “${raw.trim()}” không được hỗ trợ (các cột: ${Object.keys(COLUMN_ALIASES).join(", ")}).` });
    else if (columns.has(column)) problems.push({ row: header.line, column: raw.trim(), message: `Cột “${column}” xuất hiện hai lần.` });
    else columns.set(column, i);
  });
  for (const c of REQUIRED) if (!columns.has(c)) problems.push({ row: header.line, column: c, message: `Thiếu cột bắt buộc “${c}”.` });
  if (problems.length) throw csvInvalid(problems);
  if (rows.length === 0) throw badRequest("CSV_EMPTY", "Tệp CSV chưa có đơn vị nào (chỉ có dòng tên cột).");
  if (rows.length > CSV_MAX_ROWS) throw badRequest("CSV_TOO_LARGE", `Tệp CSV có ${rows.length} đơn vị, vượt quá ${CSV_MAX_ROWS}.`);

  const get = (fields: string[], column: string) => {
    const i = columns.get(column);
    return i === undefined ? "" : cleanName(fields[i] ?? "");
  };
  const prefix = `${wardCode}-`;
  const seen = new Map<string, number>();
  const units: WardUnitDraft[] = [];
  for (const { line, fields } of rows) {
    const problem = (column: string | null, message: string) => problems.push({ row: line, column, message });
    if (fields.length > header.fields.length) problem(null, `Dòng có ${fields.length} ô, nhiều hơn ${header.fields.length} cột của dòng tiêu đề (thiếu dấu ngoặc kép quanh một ô có dấu phân cách?).`);
    let code = get(fields, "code").toUpperCase();
    if (code.startsWith(prefix)) code = code.slice(prefix.length);
    const name = get(fields, "name");
    const shortName = get(fields, "short_name") || name;
    const kindText = get(fields, "kind");
    let parent: string | null = get(fields, "parent_code").toUpperCase() || null;
    if (parent?.startsWith(prefix)) parent = parent.slice(prefix.length);
    if (!code) problem("code", "Thiếu mã đơn vị.");
    else if (!LOCAL_CODE.test(code)) problem("code", `Mã “${code}” chỉ được gồm chữ cái không dấu, chữ số và dấu gạch dưới (tối đa 20 ký tự).`);
    else if (seen.has(code)) problem("code", `Mã “${code}” trùng với dòng ${seen.get(code)}.`);
    if (!name) problem("name", "Thiếu tên đơn vị.");
    else if (name.length > 200) problem("name", "Tên đơn vị dài quá 200 ký tự.");
    if (shortName.length > 80) problem("short_name", "Tên ngắn dài quá 80 ký tự.");
    const kind = KIND_BY_FOLDED.get(foldVietnamese(kindText).trim());
    if (!kindText) problem("kind", `Thiếu loại đơn vị (một trong: ${KIND_LIST}).`);
    else if (!kind) problem("kind", `Loại đơn vị “${kindText}” không hợp lệ (một trong: ${KIND_LIST}).`);
    if (parent && !seen.has(parent)) {
      problem("parent_code", parent === code ? "Đơn vị không thể là cấp trên của chính nó." : `Đơn vị cấp trên “${parent}” phải có ở một dòng phía trên (để trống: trực thuộc UBND phường, xã).`);
    }
    if (code && LOCAL_CODE.test(code) && !seen.has(code)) seen.set(code, line);
    if (kind) units.push({ code, name, shortName, kind, parent, line });
    if (problems.length >= MAX_PROBLEMS) break;
  }
  if (problems.length) throw csvInvalid(problems);
  return units;
}

/** The whole import is refused; the message names the first problem, the details list them all. */
export function csvInvalid(problems: CsvProblem[]) {
  const first = problems[0];
  const where = `dòng ${first.row}${first.column ? `, cột “${first.column}”` : ""}`;
  const more = problems.length > 1 ? ` (và ${problems.length - 1} lỗi khác)` : "";
  return badRequest("CSV_INVALID", `Tệp CSV có lỗi ở ${where}: ${first.message}${more} Chưa nhập đơn vị nào; hãy sửa tệp rồi gửi lại.`, { problems });
}
