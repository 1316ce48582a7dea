import type { AppContext } from "../http/context.js";
import type { AnnouncementDetail, AnnouncementItem } from "../contract/announcements.js";
import { signFileUrl, signFiles, type FileParentAccess } from "../files/access.js";
import { visibleTo } from "./visibility.js";

/**
 * Files of a notice have the notice's audience: those of a published notice for everyone are public
 * (and cacheable); those of a notice for units, a draft or a scheduled one only reach whoever may
 * read the notice, through signed links.
 */
export const announcementFileAccess: FileParentAccess = async (ctx, user, ids) => {
  const { db } = ctx.database;
  const now = ctx.clock.now().toISOString();
  const q = () => db.selectFrom("announcements").select("announcements.id").where("announcements.id", "in", ids);
  if (await q().where(visibleTo(null, now)).executeTakeFirst()) return "public";
  if (user && (await q().where(visibleTo(user, now)).executeTakeFirst())) return "allowed";
  return "denied";
};

const isPublicNotice = (a: Pick<AnnouncementItem, "status" | "audience" | "expiresAt">, nowIso: string) =>
  a.status === "published" && a.audience === "everyone" && (!a.expiresAt || a.expiresAt > nowIso);

/** A feed item or a detail as sent: the file URLs of a notice that is not public are signed. */
export function withFileLinks<T extends AnnouncementItem | AnnouncementDetail>(ctx: AppContext, a: T): T {
  if (isPublicNotice(a, ctx.clock.now().toISOString())) return a;
  const out = { ...a, coverUrl: a.coverUrl ? signFileUrl(ctx, a.coverUrl) : null };
  if ("attachments" in a) {
    const d = out as AnnouncementDetail;
    d.attachments = signFiles(ctx, a.attachments);
    d.cover = a.cover ? { ...a.cover, url: signFileUrl(ctx, a.cover.url) } : null;
  }
  return out;
}
