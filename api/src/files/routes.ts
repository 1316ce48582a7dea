import type { Request, Response } from "express";
import multer from "multer";
import type { RouteBuilder } from "../http/route.js";
import { FILE_MAX_BYTES, FileIdParams, FileLinkQuery, FileMetaSchema } from "../contract/files.js";
import { AppError, badRequest, notFound } from "../lib/errors.js";
import { classify, extensionOf, isImageMime, type FileKind } from "./sniff.js";
import { cleanFileName, findFile, storeFile } from "./store.js";
import { checkSignedLink, fileVisibility, signFileUrl, type FileAccessRules } from "./access.js";

const TAG = "Tệp đính kèm";

// In memory: at most 10 MB per request, and the bytes must be sniffed before anything is written.
const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: FILE_MAX_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
  // Browsers send the file name as raw UTF-8: "Nghị quyết 83.pdf" must not turn into mojibake.
  defParamCharset: "utf8",
});

function receiveFile(req: Request, res: Response): Promise<Express.Multer.File | undefined> {
  return new Promise((resolve, reject) => {
    upload.single("file")(req, res, (err: unknown) => {
      if (!err) return resolve(req.file);
      if (err instanceof multer.MulterError) {
        if (err.code === "LIMIT_FILE_SIZE") {
          return reject(new AppError(413, "FILE_TOO_LARGE", "Tệp quá lớn: mỗi tệp tối đa 10 MB."));
        }
        if (err.code === "LIMIT_UNEXPECTED_FILE" || err.code === "LIMIT_FILE_COUNT") {
          return reject(badRequest("FILE_REQUIRED", 'Mỗi lần chỉ gửi một tệp, trong trường "file".'));
        }
        return reject(badRequest("UPLOAD_INVALID", "Dữ liệu tải lên không hợp lệ."));
      }
      reject(badRequest("UPLOAD_INVALID", "Dữ liệu tải lên không hợp lệ hoặc bị gián đoạn."));
    });
  });
}

const EXT_FOR: Record<FileKind, string> = { pdf: "pdf", doc: "doc", docx: "docx", xls: "xls", xlsx: "xlsx", jpeg: "jpg", png: "png", webp: "webp", gif: "gif" };

/** `rules`: how each component that attaches files decides who may see them (composed in app.ts). */
export function registerFilesRoutes(r: RouteBuilder, rules: FileAccessRules): void {
  r.add(
    {
      method: "post",
      path: "/api/files",
      tag: TAG,
      summary: "Tải lên một tệp (PDF, Word, Excel, ảnh; tối đa 10 MB)",
      multipartField: "file",
      response: FileMetaSchema,
      status: 201,
    },
    async ({ req, res, user, ctx }) => {
      const file = await receiveFile(req, res);
      if (!file || file.size === 0) {
        throw badRequest("FILE_REQUIRED", 'Chưa có tệp nào được gửi (trường "file"), hoặc tệp rỗng.');
      }
      let name = cleanFileName(file.originalname ?? "");
      const verdict = classify(name, file.mimetype ?? "", file.buffer);
      if (!verdict.ok) throw new AppError(415, verdict.code, verdict.message);
      if (!extensionOf(name)) name = `${name}.${EXT_FOR[verdict.kind]}`;
      const meta = await storeFile(ctx, { name, mime: verdict.mime, bytes: file.buffer, uploadedBy: user?.id ?? null });
      // Attached to nothing yet, the file is its uploader's: the preview needs a signed link.
      return { ...meta, url: signFileUrl(ctx, meta.url) };
    },
  );

  r.add(
    {
      method: "get",
      path: "/api/files/:id",
      tag: TAG,
      summary: "Mở hoặc tải về một tệp (theo quyền xem của nơi đính kèm: công khai, hoặc kèm mã đăng nhập / đường dẫn có chữ ký ngắn hạn)",
      params: FileIdParams,
      query: FileLinkQuery,
      produces: "application/octet-stream",
    },
    async ({ params, query, req, res, user, ctx }) => {
      const f = await findFile(ctx, params.id);
      const missing = () => notFound("Không tìm thấy tệp, hoặc tệp đã bị gỡ.", "FILE_NOT_FOUND");
      if (!f) throw missing();
      const visibility = checkSignedLink(ctx, f.id, query.exp, query.sig) ? "allowed" : await fileVisibility(ctx, rules, user, f);
      // Someone else's private file reads as missing: its existence is not leaked.
      if (visibility === "denied") throw missing();
      const inline = f.mime === "application/pdf" || isImageMime(f.mime);
      res.setHeader("Content-Type", f.mime);
      res.setHeader("Content-Disposition", contentDisposition(inline ? "inline" : "attachment", f.name));
      res.setHeader("X-Content-Type-Options", "nosniff");
      if (visibility === "public") {
        // Public and cacheable, revalidated every time (a cheap 304 thanks to the ETag): a file
        // hidden by moderation must stop showing at once, not after a cached day.
        res.setHeader("Cache-Control", "public, no-cache");
        res.setHeader("ETag", `"${f.sha256}"`);
        res.setHeader("Last-Modified", new Date(f.createdAt).toUTCString());
        if (req.headers["if-none-match"]?.split(/\s*,\s*/).some((t) => t.replace(/^W\//, "") === `"${f.sha256}"`)) {
          res.status(304).end();
          return;
        }
      } else {
        res.setHeader("Cache-Control", "private, no-store");
      }
      await new Promise<void>((resolve, reject) => {
        res.sendFile(f.absPath, { etag: false, lastModified: false, cacheControl: false, acceptRanges: true, dotfiles: "allow" }, (err) => {
          if (!err) return resolve();
          if (res.headersSent) return resolve(); // the client went away mid-stream
          reject((err as NodeJS.ErrnoException).code === "ENOENT" ? notFound("Không tìm thấy nội dung tệp.", "FILE_NOT_FOUND") : err);
        });
      });
    },
  );
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name in filename* (Vietnamese names). */
export function contentDisposition(type: "inline" | "attachment", name: string): string {
  const fallback = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\%]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
