import type { ExpressionBuilder, Expression, SqlBool } from "kysely";
import type { DB } from "../db/schema.js";
import type { AuthUser } from "../http/context.js";

type Eb = ExpressionBuilder<DB, "announcements">;

/** Whose notices a reader sees: one ward's (with the city's) or every ward's (city staff, a notice opened by id anonymously). */
export type NoticeWard = number | "all";

/** The ward a signed-in reader reads in when nothing else is asked: their own; city staff every ward. */
export const ownNoticeWard = (user: AuthUser | null): NoticeWard =>
  !user || user.role === "city_staff" ? "all" : (user.wardId ?? -1);

/**
 * Who may see which notice — the one rule used by the feed, the detail, acknowledgements and
 * the unread count. First the ward: a ward's people read their ward's notices and the city's
 * (ward_id null); city staff read every ward's. Then the role:
 * - anonymous and youth: published, not expired, audience "everyone";
 * - a focal point: the same plus "all_units" and "units" naming their unit (a city notice to
 *   "all_units" reaches every ward's staff and focal points);
 * - observer: every published notice (expired ones too);
 * - staff: everything of their ward but archived notices (drafts and scheduled included;
 *   `withArchived` adds them), and the city's published notices;
 * - city staff: the same for the city's notices, and every ward's published ones (read only).
 */
export function visibleTo(user: AuthUser | null, nowIso: string, opts: { withArchived?: boolean; ward?: NoticeWard } = {}) {
  return (eb: Eb): Expression<SqlBool> => {
    const ward = opts.ward ?? ownNoticeWard(user);
    const isCity = eb("announcements.ward_id", "is", null);
    const inWard = ward === "all" ? null : eb.or([eb("announcements.ward_id", "=", ward), isCity]);
    const scoped = (rule: Expression<SqlBool>) => (inWard ? eb.and([inWard, rule]) : rule);
    const published = eb("announcements.status", "=", "published");
    const notArchived = opts.withArchived ? null : eb("announcements.status", "!=", "archived");

    if (user?.role === "staff" || user?.role === "city_staff") {
      // the author's level sees its own work (drafts, scheduled); the other level only what is out
      const own = user.role === "staff" ? eb("announcements.ward_id", "=", user.wardId ?? -1) : isCity;
      return scoped(eb.or([notArchived ? eb.and([own, notArchived]) : own, published]));
    }
    if (user?.role === "observer") return scoped(published);
    const live = eb.and([published, eb.or([eb("announcements.expires_at", "is", null), eb("announcements.expires_at", ">", nowIso)])]);
    if (user?.role === "focal" && user.unitId) {
      return scoped(
        eb.and([
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
        ]),
      );
    }
    return scoped(eb.and([live, eb("announcements.audience", "=", "everyone")]));
  };
}
