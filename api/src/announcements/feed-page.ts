import zlib from "node:zlib";
import type { AppContext, AuthUser } from "../http/context.js";
import { substringMatch } from "../db/dialect.js";
import { badRequest } from "../lib/errors.js";
import { foldVietnamese } from "../lib/text.js";
import type { AnnouncementItem, FeedQuery } from "../contract/announcements.js";
import { baseQuery, toItem, type Row } from "./queries.js";
import type { NoticeWard } from "./visibility.js";
import { withFileLinks } from "./file-access.js";

/** Everyone in a scope sees the same notices (see visibility.ts): a role's rule within one ward (or every ward). */
export function scopeOf(user: AuthUser | null, ward: NoticeWard): string {
  if (user?.role === "staff" || user?.role === "observer" || user?.role === "city_staff") return `${user.role}:${ward}`;
  if (user?.role === "focal" && user.unitId) return `unit:${user.unitId}:${ward}`;
  return `public:${ward}`;
}

export const searchWords = (q: string | undefined) => (q ? foldVietnamese(q).split(" ").filter(Boolean).slice(0, 8) : []);

export interface Page {
  items: AnnouncementItem[];
  nextCursor: string | null;
  /** some item's file link is signed (it runs out: the page holds within one signing window) */
  signedLinks: boolean;
  /** the anonymous answer, serialised (and encoded as UTF-8) once, and compressed once per coding asked for */
  json?: Buffer;
  encoded?: Partial<Record<"br" | "gzip", Buffer>>;
  /** each item serialised and encoded once, unread and read: a signed-in answer is these bytes joined */
  itemJson?: { unread: Buffer[]; read: Buffer[]; tail: Buffer };
}

/** Compresses a shared answer once (brotli at a high quality: it is paid once for everyone). */
export function encodeOnce(page: Page, json: Buffer, coding: "br" | "gzip"): Buffer {
  page.encoded ??= {};
  return (page.encoded[coding] ??=
    coding === "br" ? zlib.brotliCompressSync(json, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }) : zlib.gzipSync(json, { level: 6 }));
}

/**
 * Compresses one person's answer now, in one call, at the fastest setting (brotli quality 1 with a
 * 64 kB window, a page being a few kB; gzip level 1). A 14 kB page takes about 25 µs and comes out
 * 9× smaller; quality 4 would shrink it 12 % more for three times the work, paid on every 200 of
 * every person. There is no per-response stream, native handle or thread-pool round trip as in the
 * compression middleware. It matters right after a notice is pushed, when every phone that opens
 * the app gets its 200 at once.
 */
export function encodeNow(json: Buffer, coding: "br" | "gzip"): Buffer {
  return coding === "br"
    ? zlib.brotliCompressSync(json, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1, [zlib.constants.BROTLI_PARAM_LGWIN]: 16, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: json.length } })
    : zlib.gzipSync(json, { level: 1 });
}

/** Cursor = the feed order key of the last item: (pinned, sort_at, id), opaque to clients. */
function encodeCursor(r: Row): string {
  return Buffer.from(JSON.stringify([Number(r.pinned), r.sort_at, r.id])).toString("base64url");
}

function decodeCursor(cursor: string): [number, string, number] {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && v.length === 3 && (v[0] === 0 || v[0] === 1) && typeof v[1] === "string" && Number.isInteger(v[2])) {
      return v as [number, string, number];
    }
  } catch {
    /* fall through */
  }
  throw badRequest("BAD_CURSOR", "Con trỏ phân trang không hợp lệ. Vui lòng tải lại danh sách.");
}

/** One page as everyone in the user's scope sees it (read marks not applied). */
export async function buildPage(ctx: AppContext, user: AuthUser | null, ward: NoticeWard, query: FeedQuery, nowIso: string): Promise<Page> {
  let q = baseQuery(ctx.database.db, user, nowIso, { ward });
  if (query.category) q = q.where("announcements.category_id", "=", query.category);
  if (query.origin) q = q.where("announcements.ward_id", query.origin === "city" ? "is" : "is not", null);
  // Only staff can see unpublished notices at all; for anyone else this filter finds nothing.
  if (query.status === "unpublished") q = q.where("announcements.status", "in", ["draft", "scheduled"]);
  const words = searchWords(query.q);
  if (words.length) q = q.where(await substringMatch(ctx.database.db, ctx.database.dialect, "announcements", "search_text", words));
  if (query.cursor) {
    const [p, s, id] = decodeCursor(query.cursor);
    q = q.where((eb) =>
      eb.or([
        eb("announcements.pinned", "<", p),
        eb.and([eb("announcements.pinned", "=", p), eb("announcements.sort_at", "<", s)]),
        eb.and([eb("announcements.pinned", "=", p), eb("announcements.sort_at", "=", s), eb("announcements.id", "<", id)]),
      ]),
    );
  }
  const rows = (await q
    .orderBy("announcements.pinned", "desc")
    .orderBy("announcements.sort_at", "desc")
    .orderBy("announcements.id", "desc")
    .limit(query.limit + 1)
    .execute()) as Row[];
  const page = rows.slice(0, query.limit);
  // the file links of a notice that is not public are signed for those who may see it
  let signedLinks = false;
  const items = page.map((r) => {
    const item = toItem(r, false);
    const sent = withFileLinks(ctx, item);
    // compared whole: whatever withFileLinks signs (today the cover) counts
    signedLinks ||= sent !== item && JSON.stringify(sent) !== JSON.stringify(item);
    return sent;
  });
  return { items, signedLinks, nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]) : null };
}

