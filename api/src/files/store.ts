import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext } from "../http/context.js";
import { badRequest } from "../lib/errors.js";
import { isImageMime } from "./sniff.js";
import { CONTROL_CHARS, stripBidi } from "../contract/text.js";

export interface FileMeta {
  id: string;
  name: string;
  size: number;
  mime: string;
  url: string;
}

export const fileUrl = (id: string) => `/api/files/${id}`;

const toMeta = (r: { id: string; name: string; size: number; mime: string }): FileMeta => ({
  id: r.id,
  name: r.name,
  size: Number(r.size),
  mime: r.mime,
  url: fileUrl(r.id),
});

/**
 * Checks that every referenced file exists (and is an image when asked) and returns them in order.
 * Throws 400 UNKNOWN_FILE / NOT_AN_IMAGE. Duplicated ids are kept once, in first-seen order.
 */
export async function requireFiles(db: Kysely<DB>, ids: string[], opts: { imagesOnly?: boolean } = {}): Promise<FileMeta[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await db
    .selectFrom("files")
    .select(["id", "name", "size", "mime"])
    .where("id", "in", unique)
    .where("hidden", "=", 0)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = unique.filter((id) => !byId.has(id));
  if (missing.length) {
    throw badRequest("UNKNOWN_FILE", "Có tệp đính kèm không tồn tại hoặc đã bị gỡ. Vui lòng tải lên lại.", { ids: missing });
  }
  if (opts.imagesOnly) {
    const notImages = unique.filter((id) => !isImageMime(byId.get(id)!.mime));
    if (notImages.length) {
      throw badRequest("NOT_AN_IMAGE", "Tệp được chọn không phải là ảnh (chỉ nhận JPG, PNG, WEBP, GIF).", { ids: notImages });
    }
  }
  return unique.map((id) => toMeta(byId.get(id)!));
}

/** A random, url-safe, unguessable id (128 bits). */
export const newFileId = () => crypto.randomBytes(16).toString("base64url");

/**
 * Stores an accepted upload: bytes first (to a temporary name, then renamed into place), then
 * the row. If the row cannot be written the bytes are removed, so nothing is left half-way.
 */
export async function storeFile(
  ctx: AppContext,
  input: { name: string; mime: string; bytes: Uint8Array; uploadedBy: number | null },
): Promise<FileMeta> {
  const id = newFileId();
  const rel = path.join(id.slice(0, 2), id);
  const abs = path.join(ctx.config.uploadDir, rel);
  const tmp = `${abs}.${process.pid}.tmp`;
  const sha256 = crypto.createHash("sha256").update(input.bytes).digest("hex");
  await fs.mkdir(path.dirname(abs), { recursive: true });
  try {
    await fs.writeFile(tmp, input.bytes, { flag: "wx" });
    await fs.rename(tmp, abs);
    await ctx.database.db
      .insertInto("files")
      .values({
        id,
        name: input.name,
        mime: input.mime,
        size: input.bytes.length,
        sha256,
        storage_path: rel,
        uploaded_by: input.uploadedBy,
        created_at: ctx.clock.now().toISOString(),
        hidden: 0,
      })
      .execute();
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => {});
    await fs.rm(abs, { force: true }).catch(() => {});
    throw err;
  }
  return toMeta({ id, name: input.name, size: input.bytes.length, mime: input.mime });
}

/**
 * Removes a stored file that nothing refers to yet (the row, then the bytes): what a caller does when
 * the change the file was stored for fails after all (e.g. a snapshot that lost a race).
 */
export async function discardFile(ctx: AppContext, id: string): Promise<void> {
  const row = await ctx.database.db.selectFrom("files").select("storage_path").where("id", "=", id).executeTakeFirst();
  if (!row) return;
  await ctx.database.db.deleteFrom("files").where("id", "=", id).execute();
  await fs.rm(path.join(ctx.config.uploadDir, row.storage_path), { force: true }).catch(() => {});
}

export interface StoredFile extends FileMeta {
  uploadedBy: number | null;
  sha256: string;
  absPath: string;
  createdAt: string;
}

/** A visible file with where its bytes are, or null. */
export async function findFile(ctx: AppContext, id: string): Promise<StoredFile | null> {
  const row = await ctx.database.db.selectFrom("files").selectAll().where("id", "=", id).where("hidden", "=", 0).executeTakeFirst();
  if (!row) return null;
  return {
    ...toMeta(row),
    uploadedBy: row.uploaded_by === null ? null : Number(row.uploaded_by),
    sha256: row.sha256,
    absPath: path.join(ctx.config.uploadDir, row.storage_path),
    createdAt: row.created_at,
  };
}

/**
 * A safe display name: no folders, no control, bidi or invisible characters (a U+202E would make
 * "hđp.exe" read as "exe.pdh"), NFC (Vietnamese typed on a Mac arrives decomposed), at most
 * 180 characters while keeping the extension.
 */
export function cleanFileName(raw: string): string {
  let name = stripBidi(raw.normalize("NFC")).replace(CONTROL_CHARS, "");
  name = name.split(/[\\/]/).pop() ?? "";
  name = name.replace(/^\.+/, "").trim();
  if (name.length > 180) {
    const dot = name.lastIndexOf(".");
    const ext = dot > 0 && name.length - dot <= 9 ? name.slice(dot) : "";
    name = name.slice(0, 180 - ext.length).trimEnd() + ext;
  }
  return name || "tep";
}
