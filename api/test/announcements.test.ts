import { beforeAll, expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { categoryId, countRows, feedIds, PDF_BYTES, PNG_BYTES, publish, upload } from "./announcements-helpers.js";

describeEachDb("announcements: audience, feed, search, pagination, ETag", (h) => {
  let staff: string;
  let youth: string;
  let focalDoan: string;
  let focalCa: string;
  let observer: string;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    staff = await h().signIn("staff");
    youth = await h().signIn("youth");
    observer = await h().signIn("observer");
    focalDoan = await h().signIn("focal", { unitId: await h().unitId("DOAN") });
    focalCa = await h().signIn("focal", { unitId: await h().unitId("CA") });
    ids.everyone = (await publish(h(), staff, { title: "Thông báo chung về Nghị quyết số 83/NQ-HĐND", audience: "everyone" })).id;
    ids.allUnits = (await publish(h(), staff, { title: "Gửi tất cả đơn vị", audience: "all_units" })).id;
    ids.doan = (await publish(h(), staff, { title: "Riêng Đoàn phường", audience: "units", unitIds: [await h().unitId("DOAN")] })).id;
    ids.ca = (await publish(h(), staff, { title: "Riêng Công an phường", audience: "units", unitIds: [await h().unitId("CA")] })).id;
    ids.draft = (await publish(h(), staff, { title: "Bản nháp chưa đăng", status: "draft" })).id;
    ids.scheduled = (
      await publish(h(), staff, { title: "Hẹn giờ đăng sau", status: "scheduled", publishAt: new Date(h().clock.now().getTime() + 3_600_000).toISOString() })
    ).id;
    ids.expired = (
      await publish(h(), staff, { title: "Đã hết hạn", expiresAt: new Date(h().clock.now().getTime() + 60_000).toISOString() })
    ).id;
    h().clock.advance(120_000);
  });

  it("youth and anonymous see only published 'everyone' notices, and get 404 for any other", async () => {
    for (const token of [youth, null]) {
      const seen = await feedIds(h(), token);
      expect(seen).toEqual([ids.everyone]);
      for (const key of ["allUnits", "doan", "ca", "draft", "scheduled", "expired"]) {
        let req = h().http().get(`/api/announcements/${ids[key]}`);
        if (token) req = req.set(bearer(token));
        const res = await req;
        expect(res.status, key).toBe(404);
        expect(res.body.error.code).toBe("ANNOUNCEMENT_NOT_FOUND");
      }
      // Searching for a hidden notice's words finds nothing either.
      expect(await feedIds(h(), token, { q: "cong an" })).toEqual([]);
    }
  });

  it("a focal point sees everyone + all units + notices naming their unit, not another unit's", async () => {
    const seen = await feedIds(h(), focalDoan);
    expect(new Set(seen)).toEqual(new Set([ids.everyone, ids.allUnits, ids.doan]));
    expect((await h().http().get(`/api/announcements/${ids.ca}`).set(bearer(focalDoan))).status).toBe(404);
    expect((await h().http().get(`/api/announcements/${ids.doan}`).set(bearer(focalCa))).status).toBe(404);
    expect((await h().http().get(`/api/announcements/${ids.doan}`).set(bearer(focalDoan))).status).toBe(200);
  });

  it("observers see every published notice; staff also see drafts and scheduled ones", async () => {
    const obs = await feedIds(h(), observer);
    expect(new Set(obs)).toEqual(new Set([ids.everyone, ids.allUnits, ids.doan, ids.ca, ids.expired]));
    const st = await feedIds(h(), staff);
    expect(new Set(st)).toEqual(new Set(Object.values(ids)));
    expect((await h().http().get(`/api/announcements/${ids.draft}`).set(bearer(observer))).status).toBe(404);
  });

  it("search ignores diacritics and case", async () => {
    for (const q of ["nghi quyet", "Nghị quyết", "NGHI QUYET 83", "quyết  nghị"]) {
      expect(await feedIds(h(), youth, { q }), q).toEqual([ids.everyone]);
    }
    expect(await feedIds(h(), youth, { q: "%" })).toEqual([]);
    expect(await feedIds(h(), youth, { q: "khong co gi" })).toEqual([]);
  });

  it("filters by category", async () => {
    const jobs = await categoryId(h(), "Việc làm - Học nghề");
    const n = await publish(h(), staff, { title: "Ngày hội việc làm", categoryId: jobs });
    expect(await feedIds(h(), youth, { category: jobs })).toEqual([n.id]);
    expect(await feedIds(h(), youth, { category: await categoryId(h(), "Tin tức") })).not.toContain(n.id);
  });

  it("read marks and unread count follow what the user opened", async () => {
    const reader = await h().signIn("youth", { name: "Người đọc" });
    const before = await h().http().get("/api/announcements").set(bearer(reader));
    expect(before.body.unreadCount).toBe(before.body.items.length);
    expect(before.body.items.every((i: { read: boolean }) => !i.read)).toBe(true);
    await h().http().get(`/api/announcements/${ids.everyone}`).set(bearer(reader)).expect(200);
    const after = await h().http().get("/api/announcements").set(bearer(reader));
    expect(after.body.unreadCount).toBe(before.body.unreadCount - 1);
    expect(after.body.items.find((i: { id: number }) => i.id === ids.everyone).read).toBe(true);
    const anon = await h().http().get("/api/announcements");
    expect(anon.body.unreadCount).toBe(0);
  });

  it("answers with an ETag and 304 for If-None-Match until something changes", async () => {
    const first = await h().http().get("/api/announcements").set(bearer(youth));
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await h().http().get("/api/announcements").set(bearer(youth)).set("If-None-Match", etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    const other = await h().http().get("/api/announcements").set(bearer(youth)).set("If-None-Match", 'W/"nope"');
    expect(other.status).toBe(200);
    // If-None-Match compares weakly (RFC 9110): a list naming it, the tag without W/, or "*"
    for (const sent of [`W/"nope", ${etag}`, etag.slice(2), "*"]) {
      expect((await h().http().get("/api/announcements").set(bearer(youth)).set("If-None-Match", sent)).status, sent).toBe(304);
    }
    await publish(h(), staff, { title: "Tin mới làm đổi bảng tin" });
    const changed = await h().http().get("/api/announcements").set(bearer(youth)).set("If-None-Match", etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });
});

describeEachDb("announcements: the feed's ETag and signed file links", (h) => {
  const revalidate = async (token: string, etag: string) => h().http().get("/api/announcements").set(bearer(token)).set("If-None-Match", etag);

  it("holds past the links' signing window when the page signs nothing, and moves with it when it does", async () => {
    const staff = await h().signIn("staff");
    const doan = await h().unitId("DOAN");
    const focal = await h().signIn("focal", { unitId: doan });
    // a notice for the unit only (not public) with no cover: nothing on the page is signed
    await publish(h(), staff, { title: "Riêng Đoàn phường, không ảnh", audience: "units", unitIds: [doan] });
    const first = await h().http().get("/api/announcements").set(bearer(focal)).expect(200);
    const etag = first.headers.etag as string;
    expect((await revalidate(focal, etag)).status).toBe(304);
    h().clock.advance(25 * 60_000); // past two 10-minute signing windows
    expect((await revalidate(focal, etag)).status).toBe(304);

    // a cover on a notice for the unit is a signed link: that page holds within its window only
    const cover = await upload(h(), staff, "anh.png", PNG_BYTES, "image/png");
    const covered = await publish(h(), staff, { title: "Riêng Đoàn phường, có ảnh", audience: "units", unitIds: [doan], coverFileId: cover });
    const withCover = await revalidate(focal, etag);
    expect(withCover.status).toBe(200);
    const coverUrl = (r: { body: { items: { id: number; coverUrl: string | null }[] } }) => r.body.items.find((i) => i.id === covered.id)!.coverUrl!;
    expect(coverUrl(withCover)).toMatch(new RegExp(`^/api/files/${cover}\\?exp=\\d+&sig=`));
    expect((await revalidate(focal, withCover.headers.etag as string)).status).toBe(304);
    h().clock.advance(25 * 60_000);
    const resigned = await revalidate(focal, withCover.headers.etag as string);
    expect(resigned.status).toBe(200);
    expect(coverUrl(resigned)).not.toBe(coverUrl(withCover));
    const file = await h().http().get(coverUrl(resigned));
    expect(file.status).toBe(200);
  });
});

describeEachDb("announcements: pagination", (h) => {
  it("walks every page once, pinned first then newest, and refuses a forged cursor", async () => {
    const staff = await h().signIn("staff");
    const created: number[] = [];
    for (let i = 0; i < 23; i++) {
      created.push((await publish(h(), staff, { title: `Thông báo số ${i + 1}`, pinned: i === 3 })).id);
      h().clock.advance(60_000);
    }
    const youth = await h().signIn("youth");
    const seen: number[] = [];
    const pinnedFlags: boolean[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: Record<string, string | number> = { limit: 10 };
      if (cursor) q.cursor = cursor;
      const res = await h().http().get("/api/announcements").query(q).set(bearer(youth)).expect(200);
      seen.push(...res.body.items.map((i: { id: number }) => i.id));
      pinnedFlags.push(...res.body.items.map((i: { pinned: boolean }) => i.pinned));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.length).toBe(23);
    expect(new Set(seen).size).toBe(23);
    expect(seen[0]).toBe(created[3]);
    expect(pinnedFlags[0]).toBe(true);
    const rest = created.filter((_, i) => i !== 3).reverse();
    expect(seen.slice(1)).toEqual(rest);
    const bad = await h().http().get("/api/announcements").query({ cursor: "not-a-cursor" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("BAD_CURSOR");
  });
});

describeEachDb("announcements: safety and bad input", (h) => {
  it("keeps <script> in titles and bodies as plain text", async () => {
    const staff = await h().signIn("staff");
    const title = `<script>alert("x")</script> Thông báo <b>đậm</b>`;
    const body = `Xin chào <img src=x onerror=alert(1)>\n\n<script>alert(2)</script>`;
    const a = await publish(h(), staff, { title, body });
    const res = await h().http().get(`/api/announcements/${a.id}`);
    expect(res.headers["content-type"]).toMatch(/application\/json/);
    expect(res.body.title).toBe(title);
    expect(res.body.body).toBe(body);
  });

  it("refuses bad input with clear codes and stores nothing half-way", async () => {
    const staff = await h().signIn("staff");
    const cat = await categoryId(h());
    const before = { a: await countRows(h(), "announcements"), n: await countRows(h(), "notifications"), u: await countRows(h(), "announcement_units") };
    const base = { title: "Tiêu đề hợp lệ", body: "Nội dung", categoryId: cat, audience: "everyone", status: "published" };
    const pdf = await upload(h(), staff, "van-ban.pdf", PDF_BYTES, "application/pdf");
    const cases: [Record<string, unknown>, number, string][] = [
      [{ categoryId: 99999 }, 400, "UNKNOWN_CATEGORY"],
      [{ status: "scheduled", publishAt: new Date(h().clock.now().getTime() - 60_000).toISOString() }, 400, "PUBLISH_AT_IN_PAST"],
      [{ status: "scheduled" }, 400, "PUBLISH_AT_REQUIRED"],
      [{ audience: "units", unitIds: [await h().unitId("DOAN"), 987654] }, 400, "UNKNOWN_UNIT"],
      [{ audience: "units", unitIds: [] }, 400, "UNITS_REQUIRED"],
      [{ attachmentIds: [pdf, "doesNotExist123"] }, 400, "UNKNOWN_FILE"],
      [{ coverFileId: pdf }, 400, "NOT_AN_IMAGE"],
      [{ title: "x".repeat(201) }, 400, "VALIDATION_FAILED"],
      [{ title: "Tiêu đề\u0000ẩn" }, 400, "VALIDATION_FAILED"],
      [{ title: "Hai\ndòng" }, 400, "VALIDATION_FAILED"],
      [{ body: "" }, 400, "VALIDATION_FAILED"],
      [{ body: "a".repeat(20_001) }, 400, "VALIDATION_FAILED"],
      [{ expiresAt: new Date(h().clock.now().getTime() - 1000).toISOString() }, 400, "EXPIRES_BEFORE_PUBLISH"],
      [{ audience: "nobody" }, 400, "VALIDATION_FAILED"],
    ];
    for (const [patch, status, code] of cases) {
      const res = await h().http().post("/api/announcements").set(bearer(staff)).send({ ...base, ...patch });
      expect(res.status, code).toBe(status);
      expect(res.body.error.code, JSON.stringify(patch).slice(0, 80)).toBe(code);
      expect(res.body.error.message).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵệềếểễộồốổỗơớờợởỡưứừựửữđ]/i);
    }
    expect(await countRows(h(), "announcements")).toBe(before.a);
    expect(await countRows(h(), "notifications")).toBe(before.n);
    expect(await countRows(h(), "announcement_units")).toBe(before.u);
  });

  it("only staff write; focal points and youth are refused", async () => {
    const cat = await categoryId(h());
    const body = { title: "Không được", body: "x", categoryId: cat, audience: "everyone", status: "published" };
    expect((await h().http().post("/api/announcements").send(body)).status).toBe(401);
    for (const role of ["youth", "focal", "observer"] as const) {
      const t = await h().signIn(role, role === "focal" ? { unitId: await h().unitId("DOAN") } : {});
      const res = await h().http().post("/api/announcements").set(bearer(t)).send(body);
      expect(res.status, role).toBe(403);
    }
  });

  it("categories: defaults, staff add one, duplicates refused ignoring diacritics", async () => {
    const list = (await h().http().get("/api/announcement-categories")).body.map((c: { name: string }) => c.name);
    expect(list).toEqual(["Tin tức", "Văn bản chỉ đạo", "Sự kiện - Hoạt động", "Việc làm - Học nghề"]);
    const staff = await h().signIn("staff");
    const added = await h().http().post("/api/announcement-categories").set(bearer(staff)).send({ name: "Chuyển đổi số" });
    expect(added.status).toBe(201);
    const dup = await h().http().post("/api/announcement-categories").set(bearer(staff)).send({ name: "chuyen doi so" });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("CATEGORY_EXISTS");
    const youth = await h().signIn("youth");
    expect((await h().http().post("/api/announcement-categories").set(bearer(youth)).send({ name: "Khác" })).status).toBe(403);
  });

  it("stores attachments in order with a cover image", async () => {
    const staff = await h().signIn("staff");
    const a1 = await upload(h(), staff, "Kế hoạch 83.pdf", PDF_BYTES, "application/pdf");
    const a2 = await upload(h(), staff, "phu-luc.pdf", PDF_BYTES, "application/pdf");
    const cover = await upload(h(), staff, "anh.png", PNG_BYTES, "image/png");
    const a = await publish(h(), staff, { title: "Có đính kèm", attachmentIds: [a2, a1], coverFileId: cover });
    const res = await h().http().get(`/api/announcements/${a.id}`).expect(200);
    expect(res.body.attachments.map((f: { id: string }) => f.id)).toEqual([a2, a1]);
    expect(res.body.attachments[1].name).toBe("Kế hoạch 83.pdf");
    expect(res.body.attachments[0].url).toBe(`/api/files/${a2}`);
    expect(res.body.cover.id).toBe(cover);
    expect(res.body.coverUrl).toBe(`/api/files/${cover}`);
    expect(res.body.attachmentCount).toBe(2);
  });
});
