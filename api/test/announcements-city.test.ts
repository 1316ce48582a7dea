import { beforeAll, expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { setUpWards, type Side, type Wards } from "./tenancy-fixtures.js";
import { noticeBody, noticeOf } from "./tenancy-notice-fixtures.js";
import { upload, PDF_BYTES } from "./announcements-helpers.js";
import { publishDue } from "../src/announcements/publishing.js";
import { CITY_SENDER } from "../src/contract/announcements-labels.js";

/**
 * Notices per ward and the city's notices (issue 14): a ward's feed holds its own notices and the
 * city's, never another ward's; a city notice goes to every ward's people (everyone) or to every
 * ward's staff and focal points (all_units), with the city as sender; the feed's 304 moves with the
 * ward's and the city's notices only; the city's receipts are per ward, acknowledged by each ward's staff.
 */
describeEachDb("announcements: a ward's notices and the city's", (h) => {
  let w: Wards;
  beforeAll(async () => {
    w = await setUpWards(h());
  });

  const feed = async (token: string | null, query: Record<string, string | number> = {}) => {
    let req = h().http().get("/api/announcements").query({ limit: 50, ...query });
    if (token) req = req.set(bearer(token));
    const res = await req;
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { items: { id: number; title: string; sender: { level: string; wardId: number | null; name: string } }[]; unreadCount: number };
  };
  const ids = async (token: string | null, query: Record<string, string | number> = {}) => (await feed(token, query)).items.map((i) => i.id);
  const cityNotice = async (body: Record<string, unknown> = {}) => {
    const res = await h().http().post("/api/announcements").set(bearer(w.city)).send(await noticeBody(w, { title: "Thông báo của Sở Nội vụ", ...body }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: number; title: string; sender: { level: string; name: string } };
  };
  const people = (s: Side) => [s.staff, s.focal, s.observer, s.youth];
  const meId = async (token: string) => (await h().http().get("/api/me").set(bearer(token))).body.id as number;

  it("a ward's feed shows its own notices and the city's, never another ward's, with the sender", async () => {
    const a = await noticeOf(w, w.a);
    const b = await noticeOf(w, w.b);
    const c = await cityNotice();
    expect(c.sender).toEqual({ level: "city", wardId: null, name: CITY_SENDER });
    for (const token of people(w.a)) {
      const seen = await ids(token);
      expect(seen).toEqual(expect.arrayContaining([a.id, c.id]));
      expect(seen).not.toContain(b.id);
    }
    for (const token of people(w.b)) {
      const seen = await ids(token);
      expect(seen).toEqual(expect.arrayContaining([b.id, c.id]));
      expect(seen).not.toContain(a.id);
    }
    // anonymous: the first ward's feed, or the ward named (a ward's QR poster)
    expect(await ids(null)).toEqual(expect.arrayContaining([a.id, c.id]));
    expect(await ids(null)).not.toContain(b.id);
    expect(await ids(null, { wardId: w.b.ward })).toEqual(expect.arrayContaining([b.id, c.id]));
    const items = (await feed(w.b.youth)).items;
    expect(items.find((i) => i.id === b.id)!.sender).toEqual({ level: "ward", wardId: w.b.ward, name: "Phường Hồng Bàng" });
    expect(items.find((i) => i.id === c.id)!.sender.level).toBe("city");
    // a ward's people name only their own ward
    const other = await h().http().get("/api/announcements").query({ wardId: w.a.ward }).set(bearer(w.b.youth));
    expect([other.status, other.body.error?.code]).toEqual([403, "WARD_FORBIDDEN"]);
    // another ward's notice by id is as missing as one that does not exist
    const detail = await h().http().get(`/api/announcements/${b.id}`).set(bearer(w.a.youth));
    expect([detail.status, detail.body.error?.code]).toEqual([404, "ANNOUNCEMENT_NOT_FOUND"]);
    expect((await h().http().get(`/api/announcements/${c.id}`).set(bearer(w.a.youth))).body.sender.name).toBe(CITY_SENDER);

    // city staff: every ward and the city, one ward with ?wardId=, the city's own with origin=city
    expect(await ids(w.city)).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
    const onlyB = await ids(w.city, { wardId: w.b.ward });
    expect(onlyB).toEqual(expect.arrayContaining([b.id, c.id]));
    expect(onlyB).not.toContain(a.id);
    const own = await ids(w.city, { origin: "city" });
    expect(own).toContain(c.id);
    expect(own).not.toContain(a.id);
    expect(own).not.toContain(b.id);
    expect(await ids(w.a.staff, { origin: "ward" })).not.toContain(c.id);
  });

  it("a city notice reaches every ward's people (everyone) or every ward's staff and focal points (all_units)", async () => {
    const outbox = async (id: number) =>
      (await h().ctx.database.db.selectFrom("notifications").select("user_id").where("source", "=", `announcement:${id}`).execute()).map((r) => r.user_id);
    const everyone = await cityNotice({ title: "Gửi thanh niên toàn thành phố" });
    const staffAndFocal = await cityNotice({ title: "Gửi cán bộ và đầu mối các phường", audience: "all_units" });
    for (const s of [w.a, w.b]) {
      for (const token of people(s)) expect(await ids(token)).toContain(everyone.id);
      for (const token of [s.staff, s.focal, s.observer]) expect(await ids(token)).toContain(staffAndFocal.id);
      expect(await ids(s.youth)).not.toContain(staffAndFocal.id);
      expect((await h().http().get(`/api/announcements/${staffAndFocal.id}`).set(bearer(s.youth))).status).toBe(404);
    }
    expect(await ids(null, { wardId: w.b.ward })).not.toContain(staffAndFocal.id);

    // pushes follow the audience: every ward's accounts, or the wards' staff and focal points only
    const sent = await outbox(everyone.id);
    for (const s of [w.a, w.b]) for (const token of people(s)) expect(sent).toContain(await meId(token));
    expect(sent).not.toContain(await meId(w.city));
    const narrow = await outbox(staffAndFocal.id);
    for (const s of [w.a, w.b]) {
      expect(narrow).toEqual(expect.arrayContaining([await meId(s.staff), await meId(s.focal)]));
      expect(narrow).not.toContain(await meId(s.youth));
      expect(narrow).not.toContain(await meId(s.observer));
    }
    const title = (await h().ctx.database.db.selectFrom("notifications").select("title").where("source", "=", `announcement:${everyone.id}`).executeTakeFirstOrThrow()).title;
    expect(title).toBe("Thành phố: Gửi thanh niên toàn thành phố");

    // a city notice goes to every ward, never to one ward's units
    const units = await h().http().post("/api/announcements").set(bearer(w.city)).send(await noticeBody(w, { audience: "units", unitIds: [await w.a.unit("DOAN")] }));
    expect([units.status, units.body.error?.code]).toEqual([403, "CITY_NOTICE_UNITS"]);
  });

  it("each level writes its own notices only: a ward's staff read the city's, city staff read a ward's", async () => {
    const c = await cityNotice({ title: "Thông báo thành phố để sửa" });
    const a = await noticeOf(w, w.a);
    for (const [method, path, body] of [
      ["patch", `/api/announcements/${c.id}`, { title: "Phường sửa thử" }],
      ["delete", `/api/announcements/${c.id}`, undefined],
    ] as const) {
      const res = await h().http()[method](path).set(bearer(w.a.staff)).send(body);
      expect([res.status, res.body.error?.code]).toEqual([403, "CITY_NOTICE_READ_ONLY"]);
    }
    const byCity = await h().http().patch(`/api/announcements/${a.id}`).set(bearer(w.city)).send({ title: "Thành phố sửa thử" });
    expect([byCity.status, byCity.body.error?.code]).toEqual([403, "CITY_READ_ONLY"]);
    const edited = await h().http().patch(`/api/announcements/${c.id}`).set(bearer(w.city)).send({ title: "Thông báo thành phố đã sửa" });
    expect(edited.status).toBe(200);
    expect(edited.body.edited).toBe(true);

    // the city's drafts are the city's: no ward sees them, city staff find them under "unpublished"
    const draft = await cityNotice({ title: "Nháp của Sở Nội vụ", status: "draft" });
    expect((await h().http().get(`/api/announcements/${draft.id}`).set(bearer(w.a.staff))).status).toBe(404);
    expect((await h().http().patch(`/api/announcements/${draft.id}`).set(bearer(w.a.staff)).send({ title: "Sửa nháp" })).status).toBe(404);
    expect(await ids(w.a.staff, { status: "unpublished" })).not.toContain(draft.id);
    expect(await ids(w.city, { status: "unpublished" })).toContain(draft.id);
    // a ward's drafts are the ward's
    const wardDraft = await noticeOf(w, w.b, { status: "draft" });
    expect(await ids(w.city, { status: "unpublished" })).not.toContain(wardDraft.id);
    expect(await ids(w.b.staff, { status: "unpublished" })).toContain(wardDraft.id);

    // scheduled by the city: out through the job, to every ward
    const later = new Date(h().clock.now().getTime() + 3_600_000).toISOString();
    const scheduled = await cityNotice({ title: "Thông báo hẹn giờ của thành phố", status: "scheduled", publishAt: later });
    expect(await ids(w.b.youth)).not.toContain(scheduled.id);
    h().clock.advance(2 * 3_600_000);
    expect(await publishDue(h().ctx)).toBeGreaterThanOrEqual(1);
    expect(await ids(w.b.youth)).toContain(scheduled.id);
    const pushed = (await h().ctx.database.db.selectFrom("notifications").select("user_id").where("source", "=", `announcement:${scheduled.id}`).execute()).map((r) => r.user_id);
    expect(pushed).toEqual(expect.arrayContaining([await meId(w.a.youth), await meId(w.b.youth)]));
  });

  it("the 304 of a ward's feed moves with the ward's and the city's notices, not with another ward's", async () => {
    const tagOf = async (token: string | null, query: Record<string, string | number> = {}) => {
      let req = h().http().get("/api/announcements").query(query);
      if (token) req = req.set(bearer(token));
      return (await req.expect(200)).headers.etag as string;
    };
    const revalidate = async (token: string | null, tag: string, query: Record<string, string | number> = {}) => {
      let req = h().http().get("/api/announcements").query(query).set("If-None-Match", tag);
      if (token) req = req.set(bearer(token));
      return (await req).status;
    };
    const youthA = await tagOf(w.a.youth);
    const anonA = await tagOf(null);
    const staffA = await tagOf(w.a.staff);
    await noticeOf(w, w.b, { title: "Tin riêng của Hồng Bàng" });
    await noticeOf(w, w.b, { title: "Tin riêng cho đơn vị của Hồng Bàng", audience: "all_units" });
    expect([await revalidate(w.a.youth, youthA), await revalidate(null, anonA), await revalidate(w.a.staff, staffA)]).toEqual([304, 304, 304]);

    const youthB = await tagOf(w.b.youth);
    const anonB = await tagOf(null, { wardId: w.b.ward });
    const c = await cityNotice({ title: "Thành phố thông báo mới" });
    expect([await revalidate(w.a.youth, youthA), await revalidate(null, anonA), await revalidate(w.a.staff, staffA)]).toEqual([200, 200, 200]);
    expect([await revalidate(w.b.youth, youthB), await revalidate(null, anonB, { wardId: w.b.ward })]).toEqual([200, 200]);
    const after = await feed(w.a.youth);
    expect(after.items[0].id).toBe(c.id);

    // a ward's own notice moves its feed; the city staff's view of every ward moves with any
    const tag = await tagOf(w.a.youth);
    const cityAll = await tagOf(w.city);
    const cityB = await tagOf(w.city, { wardId: w.b.ward });
    await noticeOf(w, w.a, { title: "Tin mới của Lê Đại Hành" });
    expect(await revalidate(w.a.youth, tag)).toBe(200);
    expect(await revalidate(w.city, cityAll)).toBe(200);
    expect(await revalidate(w.city, cityB, { wardId: w.b.ward })).toBe(304);
    // a city notice expiring moves every ward's feed with no write at all
    await cityNotice({ title: "Thành phố: tin sắp hết hạn", expiresAt: new Date(h().clock.now().getTime() + 60_000).toISOString() });
    const beforeExpiry = await tagOf(w.b.youth);
    h().clock.advance(61_000);
    expect(await revalidate(w.b.youth, beforeExpiry)).toBe(200);
  });

  it("acknowledgements of a city notice: each ward's staff for their ward; receipts for city staff, reminders to the wards that have not", async () => {
    const c = await cityNotice({ title: "Đề nghị các phường xác nhận", audience: "all_units", requiresAck: true });
    const d = await h().http().get(`/api/announcements/${c.id}`).set(bearer(w.a.staff));
    expect(d.body.canAck).toBe(true);
    const focal = await h().http().post(`/api/announcements/${c.id}/ack`).set(bearer(w.a.focal));
    expect([focal.status, focal.body.error?.code]).toEqual([403, "ACK_NOT_ALLOWED"]);
    const ack = await h().http().post(`/api/announcements/${c.id}/ack`).set(bearer(w.a.staff));
    expect(ack.status).toBe(200);
    expect(ack.body.ack).toMatchObject({ scope: "unit", unitId: w.a.ward, userName: "Cán bộ Lê Đại Hành" });
    expect((await h().http().get(`/api/announcements/${c.id}`).set(bearer(w.a.staff))).body.myAck.userName).toBe("Cán bộ Lê Đại Hành");
    expect((await h().http().get(`/api/announcements/${c.id}`).set(bearer(w.b.staff))).body.myAck).toBeNull();

    const rec = await h().http().get(`/api/announcements/${c.id}/receipts`).set(bearer(w.city));
    expect(rec.status).toBe(200);
    expect(rec.body.sender.level).toBe("city");
    const wards = await h().ctx.database.db.selectFrom("units").select("id").where("kind", "=", "ward").execute();
    expect(rec.body.units.map((u: { unitId: number }) => u.unitId).sort()).toEqual(wards.map((x) => x.id).sort());
    expect(rec.body.units[0]).toMatchObject({ unitId: w.a.ward, name: "Phường Lê Đại Hành", acknowledged: true, ackedBy: "Cán bộ Lê Đại Hành" });
    expect(rec.body.units.find((u: { unitId: number }) => u.unitId === w.b.ward)).toMatchObject({ name: "Phường Hồng Bàng", acknowledged: false });
    expect(rec.body.missingUnitIds).toEqual([w.b.ward]);
    // the wards' people are the audience: a ward's staff opening it counts
    expect(rec.body.figures.uniqueReaders).toBeGreaterThanOrEqual(2);
    for (const token of [w.a.staff, w.a.observer]) {
      const res = await h().http().get(`/api/announcements/${c.id}/receipts`).set(bearer(token));
      expect([res.status, res.body.error?.code]).toEqual([403, "CITY_NOTICE_RECEIPTS"]);
    }

    const r = await h().http().post(`/api/announcements/${c.id}/remind`).set(bearer(w.city));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ missingUnits: 1, sent: r.body.recipients, alreadyRemindedToday: false });
    const reminded = (await h().ctx.database.db.selectFrom("notifications").select("user_id").where("source", "=", `announcement:${c.id}:remind`).execute()).map((x) => x.user_id);
    expect(reminded).toContain(await meId(w.b.staff));
    expect(reminded).not.toContain(await meId(w.a.staff));
    expect(reminded).not.toContain(await meId(w.b.focal));
    const remindByWard = await h().http().post(`/api/announcements/${c.id}/remind`).set(bearer(w.b.staff));
    expect([remindByWard.status, remindByWard.body.error?.code]).toEqual([403, "CITY_NOTICE_READ_ONLY"]);

    // a city notice to everyone asking for an acknowledgement: each person for themselves, in any ward
    const all = await cityNotice({ title: "Xác nhận đã đọc", requiresAck: true });
    expect((await h().http().post(`/api/announcements/${all.id}/ack`).set(bearer(w.b.youth))).body.ack.scope).toBe("user");
    const personal = await h().http().get(`/api/announcements/${all.id}/receipts`).set(bearer(w.city));
    expect(personal.body.personalAcks.map((p: { userName: string }) => p.userName)).toContain("Thanh niên Hồng Bàng");
  });

  it("the files of a notice follow it: a ward's files stay in the ward, a city notice's reach its audience", async () => {
    const fileOf = async (staff: string, audience: Record<string, unknown>, who: "ward" | "city") => {
      const file = await upload(h(), staff, "ke-hoach.pdf", PDF_BYTES, "application/pdf");
      const body = await noticeBody(w, { attachmentIds: [file], ...audience });
      const res = await h().http().post("/api/announcements").set(bearer(staff)).send(body);
      expect(res.status, `${who} ${JSON.stringify(res.body)}`).toBe(201);
      return file;
    };
    const get = (file: string, token: string | null) => {
      const req = h().http().get(`/api/files/${file}`);
      return (token ? req.set(bearer(token)) : req).then((r) => r.status);
    };
    const wardFile = await fileOf(w.b.staff, { audience: "all_units" }, "ward");
    expect(await get(wardFile, w.b.focal)).toBe(200);
    expect(await get(wardFile, w.a.focal)).toBe(404);
    expect(await get(wardFile, w.a.staff)).toBe(404);
    const cityFile = await fileOf(w.city, { audience: "all_units" }, "city");
    for (const token of [w.a.staff, w.b.focal]) expect(await get(cityFile, token)).toBe(200);
    expect(await get(cityFile, w.a.youth)).toBe(404);
    expect(await get(cityFile, null)).toBe(404);
    const publicFile = await fileOf(w.city, {}, "city");
    expect(await get(publicFile, null)).toBe(200);
  });
});
