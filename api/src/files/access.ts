import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import { badRequest } from "../lib/errors.js";
import { requireFiles, type FileMeta } from "./store.js";

/**
 * A file has the access of what it is attached to (file_links): a public notice's attachment is
 * public and cacheable; evidence of a report, a private feedback photo or an answer's attachment is
 * served only to those who may see the parent — with their token, or through a short-lived signed
 * link (`?exp=…&sig=…`) that an <img> or Zalo's webview can open without one. A file attached to
 * nothing yet is its uploader's (and their ward's staff's).
 */
export type FileParentKind = "announcement" | "feedback_photo" | "feedback_answer" | "report_evidence" | "duty_hand_in" | "ward_snapshot";
export type FileVisibility = "public" | "allowed" | "denied";

/** How a component answers "may this caller see files attached to these parents of mine?". */
export type FileParentAccess = (ctx: AppContext, user: AuthUser | null, parentIds: number[]) => Promise<FileVisibility>;
export type FileAccessRules = Record<FileParentKind, FileParentAccess>;

/** Makes `fileIds` exactly the files attached to this parent (in the same transaction as the parent). */
export async function linkFiles(trx: Kysely<DB>, kind: FileParentKind, parentId: number, fileIds: readonly string[], nowIso: string): Promise<void> {
  await trx.deleteFrom("file_links").where("parent_kind", "=", kind).where("parent_id", "=", parentId).execute();
  const ids = [...new Set(fileIds)];
  if (ids.length) {
    await trx
      .insertInto("file_links")
      .values(ids.map((file_id) => ({ file_id, parent_kind: kind, parent_id: parentId, created_at: nowIso })))
      .execute();
  }
}

/**
 * The files a user may attach: existing, visible, and uploaded by them — staff may also attach a
 * file already in the system (the plan's PDF in a second notice). Someone else's file id copied
 * from a public page is refused like an unknown one.
 */
export async function requireAttachable(db: Kysely<DB>, user: AuthUser, ids: string[], opts: { imagesOnly?: boolean } = {}): Promise<FileMeta[]> {
  const files = await requireFiles(db, ids, opts);
  if (files.length === 0) return files;
  const owners = await db
    .selectFrom("files")
    .leftJoin("users", "users.id", "files.uploaded_by")
    .select(["files.id", "files.uploaded_by", "users.ward_id"])
    .where("files.id", "in", files.map((f) => f.id))
    .execute();
  const foreign = owners.filter((o) => o.uploaded_by !== user.id && !staffOfUploader(user, o)).map((o) => o.id);
  if (foreign.length) {
    throw badRequest("UNKNOWN_FILE", "Có tệp không phải do bạn tải lên. Vui lòng chọn và tải tệp lên lại.", { ids: foreign });
  }
  return files;
}

/**
 * Staff may use a file of their own ward's people (another ward's is not theirs to see), city staff one
 * of a city account's; a file the system put in (no uploader: the plan's text) is anyone's to attach.
 */
function staffOfUploader(user: AuthUser, owner: { uploaded_by: number | null; ward_id: number | null }): boolean {
  if (user.role !== "staff" && user.role !== "city_staff") return false;
  if (owner.uploaded_by === null) return true;
  return user.role === "staff" ? owner.ward_id !== null && owner.ward_id === user.wardId : owner.ward_id === null;
}

/** Who may read this file: public, allowed for this caller, or denied (answered 404). */
export async function fileVisibility(ctx: AppContext, rules: FileAccessRules, user: AuthUser | null, file: { id: string; uploadedBy: number | null }): Promise<FileVisibility> {
  const { db } = ctx.database;
  const links = await db.selectFrom("file_links").select(["parent_kind", "parent_id"]).where("file_id", "=", file.id).execute();
  const uploaderWard =
    file.uploadedBy === null ? null : ((await db.selectFrom("users").select("ward_id").where("id", "=", file.uploadedBy).executeTakeFirst())?.ward_id ?? null);
  const mine = !!user && (user.id === file.uploadedBy || staffOfUploader(user, { uploaded_by: file.uploadedBy, ward_id: uploaderWard }));
  const byKind = new Map<FileParentKind, number[]>();
  for (const l of links) byKind.set(l.parent_kind as FileParentKind, [...(byKind.get(l.parent_kind as FileParentKind) ?? []), Number(l.parent_id)]);
  let allowed = mine;
  for (const [kind, ids] of byKind) {
    const rule = rules[kind];
    if (!rule) continue;
    const v = await rule(ctx, user, ids);
    if (v === "public") return "public";
    if (v === "allowed") allowed = true;
  }
  return allowed ? "allowed" : "denied";
}

// ---------------------------------------------------------------- signed links

/** A signed link lives 30 to 40 minutes: expiries are rounded up to 10 minutes so URLs repeat (image cache). */
const LINK_TTL_S = 30 * 60;
const LINK_ROUND_S = 10 * 60;

const keys = new WeakMap<object, Buffer>();

/** Loads (creating once) the key that signs file links; shared by every instance on one database. */
export async function initFileLinks(ctx: AppContext): Promise<void> {
  const { db } = ctx.database;
  await db
    .insertInto("server_secrets")
    .values({ name: "file_links", value: crypto.randomBytes(32).toString("base64"), created_at: ctx.clock.now().toISOString() })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await db.selectFrom("server_secrets").select("value").where("name", "=", "file_links").executeTakeFirstOrThrow();
  keys.set(ctx.database, Buffer.from(row.value, "base64"));
}

function keyOf(ctx: AppContext): Buffer {
  const key = keys.get(ctx.database);
  if (!key) throw new Error("file links are not initialised (initFileLinks runs at bootstrap)");
  return key;
}

const mac = (key: Buffer, id: string, exp: number) => crypto.createHmac("sha256", key).update(`${id}.${exp}`).digest("base64url").slice(0, 22);

/** "/api/files/<id>" → the same URL signed for about half an hour (for someone already allowed to see it). */
/** The window signed links are issued in: answers carrying them are cached per window (links repeat within it). */
export const signedLinkWindow = (ctx: AppContext): number => Math.floor(ctx.clock.now().getTime() / 1000 / LINK_ROUND_S);

export function signFileUrl(ctx: AppContext, url: string): string {
  const m = /^\/api\/files\/([A-Za-z0-9_-]+)$/.exec(url.split("?")[0]);
  if (!m) return url;
  const now = Math.floor(ctx.clock.now().getTime() / 1000);
  const exp = Math.ceil((now + LINK_TTL_S) / LINK_ROUND_S) * LINK_ROUND_S;
  return `/api/files/${m[1]}?exp=${exp}&sig=${mac(keyOf(ctx), m[1], exp)}`;
}

/** Signs the url of each file (attachments, photos, evidence) of an answer meant for an allowed viewer. */
export const signFiles = <T extends { url: string }>(ctx: AppContext, files: T[]): T[] => files.map((f) => ({ ...f, url: signFileUrl(ctx, f.url) }));

/** True when `exp`/`sig` are a valid, unexpired signature of this file id. */
export function checkSignedLink(ctx: AppContext, id: string, exp: unknown, sig: unknown): boolean {
  if (typeof exp !== "string" || typeof sig !== "string" || !/^\d{1,12}$/.test(exp)) return false;
  const e = Number(exp);
  if (e * 1000 <= ctx.clock.now().getTime()) return false;
  const want = Buffer.from(mac(keyOf(ctx), id, e));
  const got = Buffer.from(sig);
  return want.length === got.length && crypto.timingSafeEqual(want, got);
}
