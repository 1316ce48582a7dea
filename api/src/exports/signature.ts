import { DEFAULT_SIGNER_NAME } from "../contract/summary-labels.js";

/**
 * The fixed parts of the ward's report that are not data: who signs and who receives it.
 * The plan was signed by a Vice Chairman on behalf of the People's Committee; staff can name
 * another signer per export (`?signer=`).
 */
export const REPORT_SIGNER = {
  /** "TM." = on behalf of the collective body; "KT." = signing in place of the Chairman */
  onBehalf: "TM. ỦY BAN NHÂN DÂN",
  inPlaceOf: "KT. CHỦ TỊCH",
  title: "PHÓ CHỦ TỊCH",
  name: DEFAULT_SIGNER_NAME,
} as const;

/** The issuing body's abbreviation in the document number ("Số: …/BC-UBND"). */
export const DOCUMENT_NUMBER = "Số: …/BC-UBND";

/** "Nơi nhận" of a ward report sent upwards (Decree 30/2020: each line "- …;", the last "- Lưu: VT, …."). */
export const RECIPIENTS = [
  "UBND thành phố (để báo cáo)",
  "Sở Nội vụ",
  "TT Đảng ủy",
  "TT HĐND phường",
  "Chủ tịch, các PCT UBND phường",
  "MTTQ và các tổ chức CT-XH phường",
  "Các ban, ngành, đơn vị liên quan",
] as const;

export const ARCHIVE_LINE = "- Lưu: VT, VHXH.";

/** The resolution the report is about (seed/ke-hoach-trien-khai-nq83.md). */
export const RESOLUTION = {
  ref: "Nghị quyết số 83/NQ-HĐND ngày 11/12/2025 của Hội đồng nhân dân thành phố",
  short: "Nghị quyết số 83/NQ-HĐND",
  subject: "về phát triển thanh niên thành phố Hải Phòng đến năm 2030",
} as const;
