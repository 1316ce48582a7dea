import type { ExpressionBuilder, Expression, SqlBool } from "kysely";
import type { DB } from "../db/schema.js";
import type { AuthUser } from "../http/context.js";

type Eb = ExpressionBuilder<DB, "announcements">;

/**
 * Who may see which notice — the one rule used by the feed, the detail, acknowledgements and
 * the unread count:
 * - anonymous and youth: published, not expired, audience "everyone";
 * - a focal point: the same plus "all_units" and "units" naming their unit;
 * - observer: every published notice (expired ones too);
 * - staff: everything but archived notices (drafts and scheduled included); `withArchived` adds them.
 */
export function visibleTo(user: AuthUser | null, nowIso: string, opts: { withArchived?: boolean } = {}) {
  return (eb: Eb): Expression<SqlBool> => {
    if (user?.role === "staff") return opts.withArchived ? eb.lit(true) : eb("announcements.status", "!=", "archived");
    const published = eb("announcements.status", "=", "published");
    if (user?.role === "observer") return published;
    const live = eb.and([published, eb.or([eb("announcements.expires_at", "is", null), eb("announcements.expires_at", ">", nowIso)])]);
    if (user?.role === "focal" && user.unitId) {
      return eb.and([
        live,
        eb.or([
          eb("announcements.audience", "in", ["everyone", "all_units"]),
          eb.and([
            eb("announcements.audience", "=", "units"),
            eb.exists(
              eb
                .selectFrom("announcement_units")
                .select("announcement_units.unit_id")
                .whereRef("announcement_units.announcement_id", "=", "announcements.id")
                .where("announcement_units.unit_id", "=", user.unitId),
            ),
          ]),
        ]),
      ]);
    }
    return eb.and([live, eb("announcements.audience", "=", "everyone")]);
  };
}
