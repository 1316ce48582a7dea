import { beforeAll, expect, it } from "vitest";
import { sql } from "kysely";
import { bearer, describeEachDb } from "./harness.js";
import { categoryId, feedIds, publish } from "./announcements-helpers.js";
import { publishDue } from "../src/announcements/publishing.js";
import { searchTextOf } from "../src/announcements/search-text.js";
import { visibleTo } from "../src/announcements/visibility.js";
import type { AuthUser } from "../src/http/context.js";

/**
 * The feed decides a 304 from a cheap revision (api/src/announcements/feed.ts): every input of the
 * answer must move it — a change, time passing an expiry, scheduled publishing, the reader's own
 * read marks — and nothing else may (someone else's read, a view count).
 */
describeEachDb("announcements feed: the revision behind ETag and 304", (h) => {
  let staff: string;
  let youth: string;

  beforeAll(async () => {
    staff = await h().signIn("staff");
    youth = await h().signIn("youth", { name: "Bạn đọc" });
    await publish(h(), staff, { title: "Thông báo nền" });
  });

  async function etag(token: string | null): Promise<string> {
    let req = h().http().get("/api/announcements");
    if (token) req = req.set(bearer(token));
    const res = await req.expect(200);
    return res.headers.etag as string;
  }
  async function revalidate(token: string | null, tag: string): Promise<number> {
    let req = h().http().get("/api/announcements").set("If-None-Match", tag);
    if (token) req = req.set(bearer(token));
    return (await req).status;
  }

  it("stays 304 when only someone else's reading or a view count changed", async () => {
    const a = await publish(h(), staff, { title: "Tin để đọc" });
    const mine = await etag(youth);
    const anon = await etag(null);
    const other = await h().signIn("youth", { name: "Người khác" });
    await h().http().get(`/api/announcements/${a.id}`).set(bearer(other)).expect(200);
    await h().http().get(`/api/announcements/${a.id}`).expect(200);
    expect(await revalidate(youth, mine)).toBe(304);
    expect(await revalidate(null, anon)).toBe(304);
  });

  it("moves with the reader's own read marks (read flag and unread count)", async () => {
    const a = await publish(h(), staff, { title: "Tin chưa đọc" });
    const before = await h().http().get("/api/announcements").set(bearer(youth));
    await h().http().get(`/api/announcements/${a.id}`).set(bearer(youth)).expect(200);
    const after = await h().http().get("/api/announcements").set(bearer(youth)).set("If-None-Match", before.headers.etag);
    expect(after.status).toBe(200);
    expect(after.body.unreadCount).toBe(before.body.unreadCount - 1);
    expect(after.body.items.find((i: { id: number }) => i.id === a.id).read).toBe(true);
    // Opening it again changes nothing the reader sees.
    await h().http().get(`/api/announcements/${a.id}`).set(bearer(youth)).expect(200);
    expect(await revalidate(youth, after.headers.etag)).toBe(304);
  });

  it("moves when a notice expires, with no write at all", async () => {
    const a = await publish(h(), staff, { title: "Tin sắp hết hạn", expiresAt: new Date(h().clock.now().getTime() + 60_000).toISOString() });
    const tag = await etag(null);
    expect(await feedIds(h(), null)).toContain(a.id);
    h().clock.advance(61_000);
    expect(await revalidate(null, tag)).toBe(200);
    expect(await feedIds(h(), null)).not.toContain(a.id);
  });

  it("follows the clock both ways past an expiry (the expiry mark is kept between requests)", async () => {
    const a = await publish(h(), staff, { title: "Tin hết hạn rồi quay lại", expiresAt: new Date(h().clock.now().getTime() + 120_000).toISOString() });
    const live = await etag(null);
    expect(await revalidate(null, live)).toBe(304);
    h().clock.advance(121_000);
    const gone = await etag(null);
    expect(gone).not.toBe(live);
    expect(await revalidate(null, gone)).toBe(304);
    expect(await feedIds(h(), null)).not.toContain(a.id);
    h().clock.advance(-2_000); // set back before the expiry (as a test clock can be)
    expect(await revalidate(null, gone)).toBe(200);
    expect(await revalidate(null, live)).toBe(304);
    expect(await feedIds(h(), null)).toContain(a.id);
    h().clock.advance(2_000);
  });

  it("moves when a scheduled notice is published by the job, not before", async () => {
    const a = await publish(h(), staff, { title: "Tin hẹn giờ", status: "scheduled", publishAt: new Date(h().clock.now().getTime() + 3_600_000).toISOString() });
    const tag = await etag(youth);
    h().clock.advance(2 * 3_600_000);
    expect(await revalidate(youth, tag)).toBe(304); // the job has not run: the notice is not out yet
    expect(await publishDue(h().ctx)).toBe(1);
    expect(await revalidate(youth, tag)).toBe(200);
    expect(await feedIds(h(), youth)).toContain(a.id);
  });

  it("moves with edits, audience changes and archiving, for each audience", async () => {
    const a = await publish(h(), staff, { title: "Tin sẽ được sửa" });
    const focal = await h().signIn("focal", { unitId: await h().unitId("DOAN") });
    for (const change of [
      { title: "Tin đã được sửa" },
      { audience: "units", unitIds: [await h().unitId("DOAN")] },
      { pinned: true },
    ]) {
      const tags = [await etag(null), await etag(focal), await etag(staff)];
      await h().http().patch(`/api/announcements/${a.id}`).set(bearer(staff)).send(change).expect(200);
      expect([await revalidate(null, tags[0]), await revalidate(focal, tags[1]), await revalidate(staff, tags[2])], JSON.stringify(change)).toEqual([200, 200, 200]);
    }
    expect(await feedIds(h(), focal)).toContain(a.id);
    expect(await feedIds(h(), null)).not.toContain(a.id);
    const tag = await etag(focal);
    await h().http().delete(`/api/announcements/${a.id}`).set(bearer(staff)).expect(204);
    expect(await revalidate(focal, tag)).toBe(200);
    expect(await feedIds(h(), focal)).not.toContain(a.id);
  });

  it("keeps the unread count equal to counting the notices one by one", async () => {
    const doan = await h().unitId("DOAN");
    const focal = await h().signIn("focal", { unitId: doan, name: "Đầu mối đếm" });
    const me = (await h().http().get("/api/me").set(bearer(focal))).body as { id: number; ward: { id: number } };
    const notices = [
      await publish(h(), staff, { title: "Cho tất cả đơn vị", audience: "all_units" }),
      await publish(h(), staff, { title: "Riêng Đoàn", audience: "units", unitIds: [doan] }),
      await publish(h(), staff, { title: "Riêng Công an", audience: "units", unitIds: [await h().unitId("CA")] }),
      await publish(h(), staff, { title: "Chung, hết hạn sớm", expiresAt: new Date(h().clock.now().getTime() + 30_000).toISOString() }),
    ];
    const user: AuthUser = { id: me.id, name: "", role: "focal", unitId: doan, wardId: me.ward.id, sessionId: 0 };
    const naive = async () => {
      const now = h().clock.now().toISOString();
      const row = await h()
        .ctx.database.db.selectFrom("announcements")
        .where(visibleTo(user, now))
        .where("announcements.status", "=", "published")
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom("announcement_reads").select("user_id").whereRef("announcement_reads.announcement_id", "=", "announcements.id").where("announcement_reads.user_id", "=", me.id))),
        )
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const count = async () => (await h().http().get("/api/announcements").set(bearer(focal))).body.unreadCount as number;
    expect(await count()).toBe(await naive());
    await h().http().get(`/api/announcements/${notices[0].id}`).set(bearer(focal)).expect(200);
    await h().http().get(`/api/announcements/${notices[3].id}`).set(bearer(focal)).expect(200);
    expect(await count()).toBe(await naive());
    h().clock.advance(31_000); // the read notice expires: it no longer counts either way
    expect(await count()).toBe(await naive());
    await h().http().patch(`/api/announcements/${notices[1].id}`).set(bearer(staff)).send({ audience: "units", unitIds: [await h().unitId("CA")] }).expect(200);
    expect(await count()).toBe(await naive());
  });
});

describeEachDb("announcements feed: search by index", (h) => {
  let staff: string;
  beforeAll(async () => {
    staff = await h().signIn("staff");
    // Many notices share a common phrase (more than the SQLite index hands over as a list), a few
    // carry a rare code, one a two-letter word: every path of the search (db/dialect.ts).
    const cat = await categoryId(h());
    const base = h().clock.now().getTime();
    const rows = Array.from({ length: 520 }, (_, i) => {
      const at = new Date(base - (520 - i) * 60_000).toISOString();
      const title = i % 100 === 7 ? `Hồ sơ mã HS${i}Q được duyệt` : `Phổ biến rộng rãi kế hoạch số ${i}`;
      const body = i === 300 ? "Ghi chú: ưu tiên nhóm A1 và nhóm B2." : "Nội dung phổ biến rộng rãi đến đoàn viên.";
      return {
        title,
        body,
        category_id: cat,
        attachments_json: "[]",
        audience: "everyone" as const,
        pinned: 0,
        status: "published" as const,
        publish_at: at,
        published_at: at,
        sort_at: at,
        search_text: searchTextOf(title, body),
        requires_ack: 0,
        view_count: 0,
        created_at: at,
        updated_at: at,
      };
    });
    for (let i = 0; i < rows.length; i += 100) await h().ctx.database.db.insertInto("announcements").values(rows.slice(i, i + 100)).execute();
  });

  /** What a plain LIKE scan finds, in feed order: the reference every indexed path must equal. */
  async function byScan(words: string[], limit = 50): Promise<number[]> {
    let q = h().ctx.database.db.selectFrom("announcements").select("id").where("status", "=", "published").where("audience", "=", "everyone");
    for (const w of words) q = q.where(sql<boolean>`search_text like ${`%${w}%`}`);
    const rows = await q.orderBy("pinned", "desc").orderBy("sort_at", "desc").orderBy("id", "desc").limit(limit).execute();
    return rows.map((r) => r.id);
  }

  it("finds a rare word, a common phrase, a short word and a mix the same way a scan does", async () => {
    for (const [q, words] of [
      ["hs207q", ["hs207q"]],
      ["Phổ biến", ["pho", "bien"]],
      ["rong rai ke hoach so 51", ["rong", "rai", "ke", "hoach", "so", "51"]],
      ["a1", ["a1"]],
      ["nhom a1", ["nhom", "a1"]],
      ["hồ sơ HS", ["ho", "so", "hs"]],
      ["không có đâu", ["khong", "co", "dau"]],
    ] as const) {
      const found = await feedIds(h(), null, { q });
      expect(found, q).toEqual(await byScan([...words]));
    }
    expect(await feedIds(h(), null, { q: "hs207q" })).toHaveLength(1);
    expect(await feedIds(h(), null, { q: "pho bien" })).toHaveLength(50);
  });

  it("keeps the index in step with edits and archiving", async () => {
    const a = await publish(h(), staff, { title: "Tuyển chọn tình nguyện viên mùa hè xanh" });
    expect(await feedIds(h(), null, { q: "mua he xanh" })).toEqual([a.id]);
    await h().http().patch(`/api/announcements/${a.id}`).set(bearer(staff)).send({ title: "Tuyển chọn tình nguyện viên tiếp sức mùa thi" }).expect(200);
    expect(await feedIds(h(), null, { q: "mua he xanh" })).toEqual([]);
    expect(await feedIds(h(), null, { q: "tiep suc mua thi" })).toEqual([a.id]);
    await h().http().delete(`/api/announcements/${a.id}`).set(bearer(staff)).expect(204);
    expect(await feedIds(h(), null, { q: "tiep suc mua thi" })).toEqual([]);
  });

  it("takes quotes and LIKE wildcards in a search word literally", async () => {
    for (const q of ['"pho', "pho%bien", "ke_hoach", "%%%", '"""']) {
      expect(await feedIds(h(), null, { q }), q).toEqual([]);
    }
  });
});
