import type { Response } from "express";
import { foldVietnamese } from "../lib/text.js";
import type { SummaryScope } from "./scope.js";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** "Tổng hợp báo cáo NQ83 năm 2026" (+ the period for ad hoc ones, + the unit code for a sub-scope). */
export function exportBaseName(kind: "xlsx" | "docx", scope: SummaryScope): string {
  const lead = kind === "xlsx" ? "Tổng hợp báo cáo NQ83" : "Báo cáo kết quả thực hiện NQ83";
  const when = scope.period.kind === "annual" ? `năm ${scope.period.year}` : `kỳ đột xuất số ${scope.period.id} năm ${scope.period.year}`;
  const where = scope.root ? ` - ${scope.root.code}` : "";
  return `${lead} ${when}${where}`;
}

/**
 * Content-Disposition with an ASCII fallback (diacritics folded) and the real Vietnamese name in
 * `filename*` (RFC 6266 / RFC 5987), which every current browser prefers.
 */
export function contentDisposition(fileName: string): string {
  const ascii = foldVietnamese(fileName.replace(/\.[^.]+$/, ""))
    .replace(/[^a-z0-9]+/gi, "-")
    .replace(/^-+|-+$/g, "");
  const ext = fileName.match(/\.[^.]+$/)?.[0] ?? "";
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii || "bao-cao"}${ext}"; filename*=UTF-8''${encoded}`;
}

export function sendFile(res: Response, buffer: Uint8Array, mime: string, fileName: string): void {
  res.status(200);
  res.setHeader("Content-Type", mime);
  res.setHeader("Content-Length", String(buffer.length));
  res.setHeader("Content-Disposition", contentDisposition(fileName));
  res.setHeader("Cache-Control", "private, no-store");
  res.end(buffer);
}

/** JSON already serialised (by an export worker), sent as it is (compressed on the way like any JSON answer). */
export function sendJson(res: Response, bytes: Uint8Array): void {
  res.status(200);
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Content-Length", String(bytes.byteLength));
  res.end(bytes);
}
