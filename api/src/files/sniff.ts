/**
 * File types we accept, recognised from their first bytes (never from what the client claims):
 * a text file renamed ".pdf" or an executable renamed ".jpg" is refused.
 */
export type FileKind = "pdf" | "doc" | "docx" | "xls" | "xlsx" | "jpeg" | "png" | "webp" | "gif";

export const KIND_MIME: Record<FileKind, string> = {
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
};

export const IMAGE_KINDS: ReadonlySet<FileKind> = new Set(["jpeg", "png", "webp", "gif"]);

const EXT_KIND: Record<string, FileKind> = {
  pdf: "pdf",
  doc: "doc",
  docx: "docx",
  xls: "xls",
  xlsx: "xlsx",
  jpg: "jpeg",
  jpeg: "jpeg",
  jfif: "jpeg",
  png: "png",
  webp: "webp",
  gif: "gif",
};

const MIME_KIND: Record<string, FileKind> = {
  ...Object.fromEntries(Object.entries(KIND_MIME).map(([k, m]) => [m, k as FileKind])),
  "image/jpg": "jpeg",
  "image/pjpeg": "jpeg",
  "application/x-pdf": "pdf",
};

/** Generic types that say nothing about the content (sent by some phones and pickers). */
const GENERIC_MIMES = new Set(["", "application/octet-stream", "binary/octet-stream", "application/x-download"]);

export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1].toLowerCase() : "";
}

export const kindOfExtension = (ext: string): FileKind | null => EXT_KIND[ext] ?? null;

/** The kind the bytes show, or null when none of the accepted formats matches. */
export function sniffKind(buf: Buffer): FileKind | null {
  const starts = (sig: number[], at = 0) => buf.length >= at + sig.length && sig.every((b, i) => buf[at + i] === b);
  const ascii = (s: string, at = 0) => buf.length >= at + s.length && buf.toString("latin1", at, at + s.length) === s;
  // PDF: "%PDF-" (tolerate a few junk bytes before it, as readers do)
  if (buf.subarray(0, 1024).includes("%PDF-")) return "pdf";
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (starts([0xff, 0xd8, 0xff])) return "jpeg";
  if (ascii("GIF87a") || ascii("GIF89a")) return "gif";
  if (ascii("RIFF") && ascii("WEBP", 8)) return "webp";
  // Legacy Office: an OLE2 compound file; Word and Excel differ in their stream names (UTF-16).
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (buf.includes(Buffer.from("WordDocument", "utf16le"))) return "doc";
    if (buf.includes(Buffer.from("Workbook", "utf16le")) || buf.includes(Buffer.from("Book", "utf16le"))) return "xls";
    return null;
  }
  // OOXML: a zip whose entry names (stored uncompressed in the headers) tell Word from Excel.
  if (starts([0x50, 0x4b, 0x03, 0x04])) {
    if (buf.includes("word/document") || buf.includes("word/_rels")) return "docx";
    if (buf.includes("xl/workbook") || buf.includes("xl/_rels")) return "xlsx";
    return null;
  }
  return null;
}

export type Verdict =
  | { ok: true; kind: FileKind; mime: string }
  | { ok: false; code: "FILE_TYPE_NOT_ALLOWED" | "FILE_TYPE_MISMATCH"; message: string };

const ALLOWED_TEXT = "PDF, Word (.doc, .docx), Excel (.xls, .xlsx) hoặc ảnh (.jpg, .png, .webp, .gif)";

/**
 * Decides whether an upload is accepted: the extension (or, without one, the declared type)
 * must be an accepted type, and the bytes must be that very type.
 */
export function classify(name: string, declaredMime: string, buf: Buffer): Verdict {
  const ext = extensionOf(name);
  const declared = declaredMime.split(";")[0].trim().toLowerCase();
  const byExt = ext ? kindOfExtension(ext) : null;
  const byMime = MIME_KIND[declared] ?? null;
  const sniffed = sniffKind(buf);
  if (ext && !byExt) {
    return { ok: false, code: "FILE_TYPE_NOT_ALLOWED", message: `Không chấp nhận tệp .${ext}. Chỉ nhận ${ALLOWED_TEXT}.` };
  }
  if (!ext && !byMime && !GENERIC_MIMES.has(declared)) {
    return { ok: false, code: "FILE_TYPE_NOT_ALLOWED", message: `Không chấp nhận loại tệp này. Chỉ nhận ${ALLOWED_TEXT}.` };
  }
  const claimed = byExt ?? byMime ?? sniffed;
  if (!claimed) {
    return { ok: false, code: "FILE_TYPE_NOT_ALLOWED", message: `Không nhận ra loại tệp. Chỉ nhận ${ALLOWED_TEXT}.` };
  }
  // A declared type of another accepted kind (e.g. "image/png" for a ".pdf") is a mismatch too.
  const declaredConflicts = byExt && byMime && !sameFamily(byExt, byMime);
  if (sniffed !== claimed || declaredConflicts) {
    return {
      ok: false,
      code: "FILE_TYPE_MISMATCH",
      message: "Nội dung tệp không khớp với loại tệp (phần mở rộng). Tệp có thể bị đổi tên hoặc bị hỏng.",
    };
  }
  return { ok: true, kind: sniffed, mime: KIND_MIME[sniffed] };
}

/** Browsers mislabel old and new Office formats between each other; the bytes decide those. */
function sameFamily(a: FileKind, b: FileKind): boolean {
  if (a === b) return true;
  const family = (k: FileKind) => (k === "doc" || k === "docx" ? "word" : k === "xls" || k === "xlsx" ? "excel" : k);
  return family(a) === family(b);
}

export const isImageMime = (mime: string) => mime.startsWith("image/");
