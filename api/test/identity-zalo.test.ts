import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bearer, createHarness, DIALECTS, type Harness } from "./harness.js";
import { startFakeZaloGraph, type FakeZaloGraph } from "./fakes/fake-zalo-graph.js";

const SECRET = "app-secret-for-tests";
const TIMEOUT_MS = 300;

for (const dialect of DIALECTS) {
  describe(`identity: Zalo sign-in [${dialect}]`, () => {
    let graph: FakeZaloGraph;
    let h: Harness;
    const userCount = async () => Number((await h.ctx.database.db.selectFrom("users").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

    beforeAll(async () => {
      graph = await startFakeZaloGraph();
      h = await createHarness(dialect, { env: { ZALO_GRAPH_URL: graph.url, ZALO_APP_SECRET: SECRET, ZALO_TIMEOUT_MS: String(TIMEOUT_MS) } });
    });
    afterAll(async () => {
      await h?.close();
      await graph?.close();
    });
    beforeEach(() => {
      graph.override = null;
      graph.server.requests.length = 0;
    });

    it("signs in with a valid token: a youth account with a neutral name, keyed by the Zalo id", async () => {
      graph.accounts.set("tok-an", { id: "zalo-1001", name: "Nguyễn Văn An", avatar: "https://s120.avatar.talk.zdn.vn/an.jpg" });
      const res = await h.http().post("/api/auth/zalo").send({ accessToken: "tok-an" });
      expect(res.status).toBe(200);
      expect(res.body.token).toEqual(expect.any(String));
      expect(res.body.user).toMatchObject({ role: "youth", name: "Thanh niên", avatarUrl: null, consented: false, hasPhone: false, unit: null });

      // the Graph call: the right path and fields, the token header and the appsecret_proof
      const call = graph.server.requests.at(-1)!;
      expect(call.path).toBe("/v2.0/me");
      expect(call.query.fields).toBe("id,name,picture");
      expect(call.headers["access_token"]).toBe("tok-an");
      expect(call.headers["appsecret_proof"]).toBe(crypto.createHmac("sha256", SECRET).update("tok-an").digest("hex"));

      // signing in again (a new Zalo token for the same account) reuses the account
      graph.accounts.set("tok-an-2", graph.accounts.get("tok-an")!);
      const again = await h.http().post("/api/auth/zalo").send({ accessToken: "tok-an-2" });
      expect(again.body.user.id).toBe(res.body.user.id);
      const row = await h.ctx.database.db.selectFrom("users").selectAll().where("zalo_id", "=", "zalo-1001").execute();
      expect(row).toHaveLength(1);
      expect(row[0].name).toBe("Thanh niên"); // the Zalo name is not stored without consent

      const me = await h.http().get("/api/me").set(bearer(again.body.token));
      expect(me.body.id).toBe(res.body.user.id);
    });

    it("stores name and avatar only after consent, and forgets them when consent is withdrawn", async () => {
      graph.accounts.set("tok-binh", { id: "zalo-1002", name: "Trần Thị Bình", avatar: "https://s120.avatar.talk.zdn.vn/binh.jpg" });
      const { token } = (await h.http().post("/api/auth/zalo").send({ accessToken: "tok-binh" })).body;

      const noConsent = await h.http().patch("/api/me").set(bearer(token)).send({ name: "Trần Thị Bình" });
      expect(noConsent.status).toBe(400);
      expect(noConsent.body.error.code).toBe("CONSENT_REQUIRED");

      // the name staff will see is Zalo's: a typed name (e.g. "Cán bộ phường") is refused, not kept
      const typed = await h.http().patch("/api/me").set(bearer(token)).send({ consent: true, name: "Cán bộ phường" });
      expect(typed.status).toBe(400);
      expect(typed.body.error.code).toBe("PROFILE_FROM_ZALO");
      // and someone else's Zalo token does not lend its name
      graph.accounts.set("tok-someone", { id: "zalo-9999", name: "Cán bộ phường", avatar: "https://s120.avatar.talk.zdn.vn/x.jpg" });
      const mismatch = await h.http().patch("/api/me").set(bearer(token)).send({ consent: true, accessToken: "tok-someone" });
      expect(mismatch.status).toBe(403);
      expect(mismatch.body.error.code).toBe("ZALO_ACCOUNT_MISMATCH");

      const yes = await h.http().patch("/api/me").set(bearer(token)).send({ consent: true, accessToken: "tok-binh" });
      expect(yes.status).toBe(200);
      expect(yes.body).toMatchObject({ name: "Trần Thị Bình", avatarUrl: "https://s120.avatar.talk.zdn.vn/binh.jpg", consented: true });
      const staff = await h.signIn("staff");
      const listed = (await h.http().get("/api/users").set(bearer(staff)).query({ q: "Bình" })).body.items;
      expect(listed.map((u: { name: string; source: string }) => [u.name, u.source])).toContainEqual(["Trần Thị Bình", "zalo"]);

      // with consent, a later sign-in keeps the Zalo name current
      graph.accounts.set("tok-binh-2", { id: "zalo-1002", name: "Trần Thị Bình (Đoàn)", avatar: "https://s120.avatar.talk.zdn.vn/binh2.jpg" });
      const later = await h.http().post("/api/auth/zalo").send({ accessToken: "tok-binh-2" });
      expect(later.body.user).toMatchObject({ name: "Trần Thị Bình (Đoàn)", avatarUrl: "https://s120.avatar.talk.zdn.vn/binh2.jpg" });

      const no = await h.http().patch("/api/me").set(bearer(token)).send({ consent: false });
      expect(no.body).toMatchObject({ name: "Thanh niên", avatarUrl: null, consented: false });

      const badUrl = await h.http().patch("/api/me").set(bearer(token)).send({ consent: true, avatarUrl: "javascript:alert(1)" });
      expect(badUrl.status).toBe(400);
    });

    it("refuses an invalid token (Graph error body with HTTP 200) with 401 and creates nothing", async () => {
      const before = await userCount();
      const res = await h.http().post("/api/auth/zalo").send({ accessToken: "not-a-token" });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("ZALO_TOKEN_INVALID");
      expect(res.body.error.message).toMatch(/Zalo/);
      graph.override = () => ({ status: 400, json: { error: { code: 190, message: "bad" } } });
      expect((await h.http().post("/api/auth/zalo").send({ accessToken: "x" })).body.error.code).toBe("ZALO_TOKEN_INVALID");
      expect(await userCount()).toBe(before);
    });

    it("answers 503 when the Graph API fails (5xx, hang-up, not JSON) and creates nothing", async () => {
      graph.accounts.set("tok-chi", { id: "zalo-1003", name: "Lê Chi", avatar: "https://x.zdn.vn/c.jpg" });
      const before = await userCount();
      graph.override = () => ({ status: 502, text: "Bad gateway" });
      let res = await h.http().post("/api/auth/zalo").send({ accessToken: "tok-chi" });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe("ZALO_UNAVAILABLE");
      graph.override = () => ({ hangUp: true });
      res = await h.http().post("/api/auth/zalo").send({ accessToken: "tok-chi" });
      expect(res.status).toBe(503);
      expect(await userCount()).toBe(before);
      expect(await h.ctx.database.db.selectFrom("users").select("id").where("zalo_id", "=", "zalo-1003").executeTakeFirst()).toBeUndefined();
    });

    it("gives up after ZALO_TIMEOUT_MS when Zalo is slow: 503 well before Zalo answers, nothing created", async () => {
      graph.accounts.set("tok-dung", { id: "zalo-1004", name: "Phạm Dũng", avatar: "https://x.zdn.vn/d.jpg" });
      const before = await userCount();
      // Zalo would answer (successfully) only after 20 × the limit: the API must not wait for it.
      graph.override = () => ({ delayMs: TIMEOUT_MS * 20, json: { id: "zalo-1004", name: "Phạm Dũng", error: 0 } });
      const res = await h.http().post("/api/auth/zalo").send({ accessToken: "tok-dung" }).timeout(TIMEOUT_MS * 10);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe("ZALO_UNAVAILABLE");
      expect(await userCount()).toBe(before);
    });

    it("refuses a disabled account at Zalo sign-in", async () => {
      graph.accounts.set("tok-em", { id: "zalo-1005", name: "Em", avatar: "https://x.zdn.vn/e.jpg" });
      const first = await h.http().post("/api/auth/zalo").send({ accessToken: "tok-em" });
      await h.ctx.database.db.updateTable("users").set({ disabled: 1 }).where("id", "=", first.body.user.id).execute();
      const res = await h.http().post("/api/auth/zalo").send({ accessToken: "tok-em" });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("ACCOUNT_DISABLED");
      const me = await h.http().get("/api/me").set(bearer(first.body.token));
      expect(me.status).toBe(401);
      expect(me.body.error.code).toBe("ACCOUNT_DISABLED");
    });

    it("exchanges the one-time phone token server-side and stores the number", async () => {
      graph.accounts.set("tok-giang", { id: "zalo-1006", name: "Giang", avatar: "https://x.zdn.vn/g.jpg" });
      graph.phoneTokens.set("phone-once", "84912345678");
      const { token } = (await h.http().post("/api/auth/zalo").send({ accessToken: "tok-giang" })).body;

      const res = await h.http().post("/api/me/phone").set(bearer(token)).send({ token: "phone-once", accessToken: "tok-giang" });
      expect(res.status).toBe(200);
      expect(res.body.hasPhone).toBe(true);
      const info = graph.server.requests.find((r) => r.path === "/v2.0/me/info")!;
      expect(info.headers).toMatchObject({ access_token: "tok-giang", code: "phone-once", secret_key: SECRET });
      const row = await h.ctx.database.db.selectFrom("users").select("phone").where("zalo_id", "=", "zalo-1006").executeTakeFirstOrThrow();
      expect(row.phone).toBe("0912345678");

      const bad = await h.http().post("/api/me/phone").set(bearer(token)).send({ token: "used-or-wrong", accessToken: "tok-giang" });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe("PHONE_TOKEN_INVALID");

      // someone else's Zalo token cannot attach their number to this account
      graph.accounts.set("tok-other", { id: "zalo-9999", name: "Khác", avatar: "https://x.zdn.vn/o.jpg" });
      const other = await h.http().post("/api/me/phone").set(bearer(token)).send({ token: "phone-once", accessToken: "tok-other" });
      expect(other.status).toBe(403);
      expect(other.body.error.code).toBe("ZALO_ACCOUNT_MISMATCH");

      graph.override = () => ({ status: 500, text: "down" });
      const down = await h.http().post("/api/me/phone").set(bearer(token)).send({ token: "phone-once", accessToken: "tok-giang" });
      expect(down.status).toBe(503);
      graph.override = null;

      const forget = await h.http().patch("/api/me").set(bearer(token)).send({ phone: null });
      expect(forget.body.hasPhone).toBe(false);

      // a dev account is not a Zalo account
      const dev = await h.signIn("youth");
      const notZalo = await h.http().post("/api/me/phone").set(bearer(dev)).send({ token: "phone-once", accessToken: "tok-giang" });
      expect(notZalo.body.error.code).toBe("NOT_A_ZALO_ACCOUNT");
    });
  });

  describe(`identity: Zalo without an app secret [${dialect}]`, () => {
    let graph: FakeZaloGraph;
    let h: Harness;
    beforeAll(async () => {
      graph = await startFakeZaloGraph();
      h = await createHarness(dialect, { env: { ZALO_GRAPH_URL: graph.url } });
    });
    afterAll(async () => {
      await h?.close();
      await graph?.close();
    });

    it("sends no appsecret_proof, and explains that the phone exchange is not configured", async () => {
      graph.accounts.set("tok-h", { id: "zalo-2001", name: "Hà", avatar: "https://x.zdn.vn/h.jpg" });
      const res = await h.http().post("/api/auth/zalo").send({ accessToken: "tok-h" });
      expect(res.status).toBe(200);
      expect(graph.server.requests.at(-1)!.headers["appsecret_proof"]).toBeUndefined();
      const phone = await h.http().post("/api/me/phone").set(bearer(res.body.token)).send({ token: "t", accessToken: "tok-h" });
      expect(phone.status).toBe(503);
      expect(phone.body.error.code).toBe("ZALO_NOT_CONFIGURED");
    });

    it("answers 503 when nothing listens at the Graph URL", async () => {
      // Nothing listens on the discard port of loopback.
      const saved = h.ctx.config.zalo.graphUrl;
      h.ctx.config.zalo.graphUrl = "http://127.0.0.1:9";
      try {
        const res = await h.http().post("/api/auth/zalo").send({ accessToken: "whatever" });
        expect(res.status).toBe(503);
        expect(res.body.error.code).toBe("ZALO_UNAVAILABLE");
      } finally {
        h.ctx.config.zalo.graphUrl = saved;
      }
    });
  });
}
