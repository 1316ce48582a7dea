import { sql, type RawBuilder } from "kysely";
import type { Database } from "../db/database.js";
import type { AuthUser } from "../http/context.js";
import { hotQuery } from "../db/hot-query.js";
import type { NoticeWard } from "./visibility.js";

/** What a feed answer depends on besides who asks (feed.ts): read in one cheap query, before any page. */
export interface FeedState {
  epoch: string;
  revision: number;
  /** the latest expiry instant already passed: it moves whenever a notice expires */
  expiredThrough: string | null;
  /** how many notices the reader has opened (0 anonymous) */
  readCount: number;
}


// Every feed request, 304s included, pays for this one round trip of primary-key reads: the state
// row, the ward's and the city's revision rows, the reader's row. A ward's revision is the sum of
// its own counter, the city's (key 0) and the categories' (the state row): each only grows, so the
// sum moves whenever one of them does, and a notice of another ward leaves it alone.
type StateRow = { epoch: string; revision: number | string; read_count: number | null };
const wardState = hotQuery((_db, ward: number, userId: number) =>
  sql<StateRow>`select s.epoch, s.revision + (select coalesce(sum(r.revision), 0) from announcement_feed_revisions r where r.ward_key in (${ward}, 0)) as revision,
      (select r.read_count from announcement_reader_state r where r.user_id = ${userId}) as read_count
    from announcement_feed_state s where s.id = 1`,
);
const cityState = hotQuery((_db, userId: number) =>
  sql<StateRow>`select s.epoch, s.revision + (select coalesce(sum(r.revision), 0) from announcement_feed_revisions r) as revision,
      (select r.read_count from announcement_reader_state r where r.user_id = ${userId}) as read_count
    from announcement_feed_state s where s.id = 1`,
);

export async function readFeedState(database: Database, user: AuthUser | null, ward: NoticeWard, nowIso: string): Promise<FeedState> {
  const userId = user?.id ?? -1;
  const [row] =
    ward === "all"
      ? (cityState.now(database, userId) ?? (await cityState(database, userId)))
      : (wardState.now(database, ward, userId) ?? (await wardState(database, ward, userId)));
  const revision = Number(row.revision);
  const expiredThrough = await expiryMark(database, ward, `${row.epoch}.${revision}`, nowIso);
  return { epoch: row.epoch, revision, expiredThrough, readCount: Number(row.read_count ?? 0) };
}

/** The expiry mark of a ward's feed at one revision, and the instants between which it holds. */
interface ExpiryMark {
  revision: string;
  mark: string | null;
  /** the latest expiry already passed (the mark holds from it) and the next one to come (until it) */
  from: string | null;
  until: string | null;
}
const expiryMarks = new WeakMap<Database, Map<string, ExpiryMark>>();

/**
 * The latest expiry instant already passed, which moves whenever a notice expires. Within one
 * revision the notices' expiry instants are fixed, so the mark only changes when the clock crosses
 * one of them: it is asked once per revision and kept until the next expiry comes (or the clock is
 * set back before the last one, as tests do).
 */
async function expiryMark(database: Database, ward: NoticeWard, revision: string, nowIso: string): Promise<string | null> {
  let marks = expiryMarks.get(database);
  if (!marks) expiryMarks.set(database, (marks = new Map()));
  const key = String(ward);
  const kept = marks.get(key);
  if (kept && kept.revision === revision && (kept.from === null || kept.from <= nowIso) && (kept.until === null || nowIso < kept.until)) return kept.mark;

  const past = (where: RawBuilder<unknown>) => sql`(select max(a.expires_at) from announcements a where ${where} and a.expires_at <= ${nowIso})`;
  const next = (where: RawBuilder<unknown>) => sql`(select min(a.expires_at) from announcements a where ${where} and a.expires_at > ${nowIso})`;
  let found: ExpiryMark;
  if (ward === "all") {
    const all = sql`a.expires_at is not null`;
    const { rows } = await sql<{ past: string | null; next: string | null }>`select ${past(all)} as past, ${next(all)} as next`.execute(database.db);
    found = { revision, mark: rows[0].past ?? null, from: rows[0].past ?? null, until: rows[0].next ?? null };
  } else {
    const own = sql`a.ward_id = ${ward}`;
    const city = sql`a.ward_id is null`;
    const { rows } = await sql<{ own_past: string | null; own_next: string | null; city_past: string | null; city_next: string | null }>`
      select ${past(own)} as own_past, ${next(own)} as own_next, ${past(city)} as city_past, ${next(city)} as city_next`.execute(database.db);
    const r = rows[0];
    const latest = [r.own_past, r.city_past].filter((v): v is string => !!v).sort().pop() ?? null;
    const soonest = [r.own_next, r.city_next].filter((v): v is string => !!v).sort()[0] ?? null;
    found = { revision, mark: `${r.own_past ?? "-"}|${r.city_past ?? "-"}`, from: latest, until: soonest };
  }
  marks.set(key, found);
  return found.mark;
}

export const stateKey = (s: FeedState) => `${s.epoch}.${s.revision}.${s.expiredThrough ?? "-"}`;
