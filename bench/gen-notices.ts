// Fills a fresh database with a city-sized announcements feed for bench/feed.ts: N notices (100 000 by
// default) over five years, of every audience and status, some expired, a few pinned, and RARE_WORDS
// codes that each appear in exactly one public notice (for the search figure).
// The database is migrated and seeded by the API's own bootstrap, then filled with direct inserts.
import type { Insertable } from "kysely";
import { bootstrap } from "../api/src/bootstrap.js";
import type { Config } from "../api/src/config.js";
import type { AnnouncementsTable } from "../api/src/announcements/tables.js";
import { searchTextOf } from "../api/src/announcements/search-text.js";
import { createLogger } from "../api/src/lib/logger.js";

export const RARE_WORDS = 60;
/** The rare code of notice k (searchable, in one notice only). */
export const rareWord = (k: number) => `HS${700000 + k * 37}Q`;

const WORDS = ["Nghị quyết", "thanh niên", "việc làm", "tình nguyện", "chuyển đổi số", "báo cáo", "hội nghị", "tập huấn", "khởi nghiệp", "văn hóa", "thể thao", "an toàn giao thông", "hiến máu", "học bổng", "kỹ năng số"];

let seed = 13;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];

/** Creates the notices; returns the ids of the live public ones (for read marks). */
export async function generateNotices(config: Config, count: number, nowIso: string): Promise<{ publicLive: number[] }> {
  const ctx = await bootstrap(config, { logger: createLogger("silent") });
  const { db } = ctx.database;
  try {
    const categories = (await db.selectFrom("announcement_categories").select("id").execute()).map((r) => r.id);
    const units = (await db.selectFrom("units").select("id").where("parent_id", "is not", null).execute()).map((r) => r.id);
    const staff = await db.selectFrom("users").select(["id", "ward_id"]).where("role", "=", "staff").executeTakeFirst();
    // one ward's feed (the seeded ward, its staff's), as a ward's phones read it
    const ward = await db.selectFrom("units").select("id").where("kind", "=", "ward").orderBy("sort_order").orderBy("id").executeTakeFirstOrThrow();
    const now = Date.parse(nowIso);
    const FIVE_YEARS = 5 * 365 * 86_400_000;
    const rareAt = new Map<number, number>(Array.from({ length: RARE_WORDS }, (_, k) => [Math.floor(((k + 0.5) * count) / RARE_WORDS), k]));
    const publicLive: number[] = [];
    const BATCH = 500;
    for (let start = 0; start < count; start += BATCH) {
      const rows: Insertable<AnnouncementsTable>[] = [];
      const unitPicks: number[][] = [];
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const rare = rareAt.get(i);
        const r = rand();
        const audience = rare !== undefined ? "everyone" : r < 0.6 ? "everyone" : r < 0.8 ? "all_units" : "units";
        const s = rand();
        const status = rare !== undefined ? "published" : s < 0.96 ? "published" : s < 0.98 ? "draft" : s < 0.99 ? "scheduled" : "archived";
        const at = new Date(now - FIVE_YEARS + ((i + rand()) / count) * FIVE_YEARS).toISOString();
        const e = rand();
        const expires = rare !== undefined ? null : e < 0.05 ? new Date(Date.parse(at) + 30 * 86_400_000).toISOString() : e < 0.15 ? new Date(now + 90 * 86_400_000).toISOString() : null;
        const word = pick(WORDS);
        const title = `Thông báo số ${i + 1}/TB-UBND về ${word} năm ${new Date(at).getUTCFullYear()}`;
        const body =
          `Ủy ban nhân dân phường thông báo về **${word}** và ${pick(WORDS)} đến toàn thể đoàn viên, thanh niên.\n\n` +
          `- Thời gian: theo kế hoạch của phường\n- Địa điểm: hội trường Ủy ban nhân dân phường\n\n` +
          `Đề nghị các đơn vị phổ biến rộng rãi; chi tiết xem tại [cổng thông tin](https://example.gov.vn/tb/${i}).` +
          (rare !== undefined ? `\n\nMã hồ sơ ${rareWord(rare)}.` : "");
        const published = status === "published" || status === "archived";
        rows.push({
          ward_id: staff?.ward_id ?? ward.id,
          title,
          body,
          category_id: pick(categories),
          cover_json: null,
          attachments_json: "[]",
          audience,
          pinned: i % 5000 === 0 ? 1 : 0,
          status,
          publish_at: status === "scheduled" ? new Date(now + 86_400_000).toISOString() : published ? at : null,
          published_at: published ? at : null,
          expires_at: expires,
          requires_ack: audience !== "everyone" && i % 3 === 0 ? 1 : 0,
          edited_at: null,
          archived_at: status === "archived" ? at : null,
          sort_at: status === "scheduled" ? new Date(now + 86_400_000).toISOString() : at,
          search_text: searchTextOf(title, body),
          view_count: Math.floor(rand() * 200),
          last_reminded_at: null,
          seed_key: null,
          created_by: staff?.id ?? null,
          created_at: at,
          updated_at: at,
        });
        unitPicks.push(audience === "units" ? [...new Set([pick(units), pick(units)])] : []);
      }
      const ids = await db.insertInto("announcements").values(rows).returning("id").execute();
      const links = ids.flatMap((row, k) => unitPicks[k].map((unit_id) => ({ announcement_id: row.id, unit_id })));
      if (links.length) await db.insertInto("announcement_units").values(links).execute();
      ids.forEach((row, k) => {
        const a = rows[k];
        if (a.status === "published" && a.audience === "everyone" && (!a.expires_at || a.expires_at > nowIso)) publicLive.push(row.id);
      });
    }
    return { publicLive };
  } finally {
    await ctx.database.destroy();
  }
}
