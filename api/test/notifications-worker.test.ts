import { afterAll, afterEach, beforeAll, expect, it, describe } from "vitest";
import { createHarness, DIALECTS, type Harness } from "./harness.js";
import { fakeOaEnv, startFakeServer, type FakeServer, type FakeReply } from "./fakes/fake-server.js";
import { enqueueNotifications, deliveryStats } from "../src/notifications/outbox.js";
import { pushEnabled, pushChannelName } from "../src/notifications/channel-name.js";
import { runOutboxOnce } from "../src/notifications/jobs.js";
import { claimDue, deliverClaimed, recordDecisions, recoverAbandoned, CRASH_ERROR, MAX_ATTEMPTS } from "../src/notifications/worker.js";
import { createDatabase } from "../src/db/database.js";
import { loadConfig } from "../src/config.js";
import type { AppContext } from "../src/http/context.js";

const ok: FakeReply = { json: { error: 0, message: "Success", data: { message_id: "m1" } } };

let seq = 0;
async function makeUsers(h: Harness, n: number, withZalo = true): Promise<number[]> {
  const now = h.clock.now().toISOString();
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    seq++;
    const row = await h.ctx.database.db
      .insertInto("users")
      .values({
        zalo_id: withZalo ? `zalo-${seq}` : null,
        username: null,
        password_hash: null,
        name: `Đoàn viên ${seq}`,
        avatar_url: null,
        phone: null,
        role: "youth",
        unit_id: null,
        disabled: 0,
        consent_at: null,
        failed_logins: 0,
        locked_until: null,
        source: withZalo ? "zalo" : "dev",
        created_at: now,
        updated_at: now,
      } as any)
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

async function enqueue(h: Harness, userIds: number[], source: string) {
  return h.ctx.database.db.transaction().execute((trx) =>
    enqueueNotifications(
      trx,
      userIds.map((userId) => ({ userId, kind: "announcement", title: "Thông báo mới", body: "Nghị quyết 83 đã được ban hành.", link: "/announcements/1", dedupeKey: source, source })),
      h.clock.now().toISOString(),
      pushEnabled(h.ctx.config),
    ),
  );
}

async function statusOf(h: Harness, userId: number, source: string) {
  return h.ctx.database.db.selectFrom("notifications").selectAll().where("user_id", "=", userId).where("source", "=", source).executeTakeFirstOrThrow();
}

const zaloIdOf = (r: { body: unknown }) => (r.body as any)?.recipient?.user_id as string;

for (const dialect of DIALECTS) {
  describe(`push worker, OA channel [${dialect}]`, () => {
    let fake: FakeServer;
    let h: Harness;
    beforeAll(async () => {
      fake = await startFakeServer(() => ok);
      h = await createHarness(dialect, {
        env: { ...fakeOaEnv(fake.url), ZALO_TIMEOUT_MS: "400" },
      });
    });
    afterAll(async () => {
      await h?.close();
      await fake?.close();
    });
    afterEach(() => {
      fake.requests.length = 0;
      fake.setHandler(() => ok);
    });

    it("uses the OA channel and sends one message per recipient", async () => {
      expect(pushChannelName(h.ctx.config)).toBe("zalo_oa");
      const users = await makeUsers(h, 3);
      expect(await enqueue(h, users, "announcement:1")).toBe(3);
      const r = await runOutboxOnce(h.ctx);
      expect(r).toMatchObject({ claimed: 3, sent: 3, failed: 0 });
      expect(fake.requests).toHaveLength(3);
      const req = fake.requests[0];
      expect(req.path).toBe("/v3.0/oa/message/cs");
      expect(req.headers["access_token"]).toBe("access-1");
      expect((req.body as any).message.text).toContain("Thông báo mới");
      expect((req.body as any).message.text).toContain("https://zalo.me/s/1234567890/announcements/1");
      const row = await statusOf(h, users[0], "announcement:1");
      expect(row).toMatchObject({ push_status: "sent", push_attempts: 1, push_error: null, push_claimed_until: null });
      expect(row.push_sent_at).toBe(h.clock.now().toISOString());
      // a second pass sends nothing more
      await runOutboxOnce(h.ctx);
      expect(fake.requests).toHaveLength(3);
      expect(await deliveryStats(h.ctx.database.db, "announcement:1")).toEqual({ total: 3, sent: 3, failed: 0, pending: 0, skipped: 0, read: 0 });
    });

    it("enqueuing the same message twice keeps one row and one push", async () => {
      const [u] = await makeUsers(h, 1);
      expect(await enqueue(h, [u], "announcement:2")).toBe(1);
      expect(await enqueue(h, [u], "announcement:2")).toBe(0);
      await runOutboxOnce(h.ctx);
      expect(await enqueue(h, [u], "announcement:2")).toBe(0);
      await runOutboxOnce(h.ctx);
      expect(fake.requests.filter((r) => zaloIdOf(r) !== undefined)).toHaveLength(1);
    });

    it("retries after a 5xx with backoff, then succeeds", async () => {
      const [u] = await makeUsers(h, 1);
      await enqueue(h, [u], "announcement:3");
      fake.setHandler(() => ({ status: 503, text: "busy" }));
      expect(await runOutboxOnce(h.ctx)).toMatchObject({ retried: 1 });
      let row = await statusOf(h, u, "announcement:3");
      expect(row.push_status).toBe("pending");
      expect(row.push_error).toContain("503");
      expect(row.push_next_at).toBe(new Date(h.clock.now().getTime() + 30_000).toISOString());

      fake.setHandler(() => ok);
      await runOutboxOnce(h.ctx); // not due yet
      expect(fake.requests).toHaveLength(1);
      h.clock.advance(30_000);
      expect(await runOutboxOnce(h.ctx)).toMatchObject({ sent: 1 });
      row = await statusOf(h, u, "announcement:3");
      expect(row).toMatchObject({ push_status: "sent", push_attempts: 2 });
      expect(fake.requests).toHaveLength(2);
    });

    it("gives up after the last attempt", async () => {
      const [u] = await makeUsers(h, 1);
      await enqueue(h, [u], "announcement:4");
      fake.setHandler(() => ({ status: 500, text: "down" }));
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        await runOutboxOnce(h.ctx);
        h.clock.advance(2 * 60 * 60_000);
      }
      const row = await statusOf(h, u, "announcement:4");
      expect(row).toMatchObject({ push_status: "failed", push_attempts: MAX_ATTEMPTS });
      expect(row.push_error).toContain(`Đã thử ${MAX_ATTEMPTS} lần`);
      await runOutboxOnce(h.ctx);
      expect(fake.requests).toHaveLength(MAX_ATTEMPTS);
    });

    it("a time-out after sending is an unknown outcome: failed, never resent", async () => {
      const [u] = await makeUsers(h, 1);
      await enqueue(h, [u], "announcement:5");
      fake.setHandler(() => ({ ...ok, delayMs: 1500 }));
      expect(await runOutboxOnce(h.ctx)).toMatchObject({ failed: 1 });
      const row = await statusOf(h, u, "announcement:5");
      expect(row.push_status).toBe("failed");
      expect(row.push_error).toContain("không rõ kết quả");
      expect(row.push_error).toContain("quá thời gian chờ");
      h.clock.advance(2 * 60 * 60_000);
      fake.setHandler(() => ok);
      await runOutboxOnce(h.ctx);
      expect(fake.requests).toHaveLength(1);
    });

    it("a Zalo refusal (user not following the OA) fails without retry", async () => {
      const [u] = await makeUsers(h, 1);
      await enqueue(h, [u], "announcement:6");
      fake.setHandler(() => ({ json: { error: -213, message: "User has not followed OA" } }));
      await runOutboxOnce(h.ctx);
      const row = await statusOf(h, u, "announcement:6");
      expect(row.push_status).toBe("failed");
      expect(row.push_error).toContain("-213");
    });

    it("refreshes an expired access token once, retries, and keeps the new single-use refresh token", async () => {
      const [u1, u2] = await makeUsers(h, 2);
      await enqueue(h, [u1, u2], "announcement:7");
      let refreshes = 0;
      fake.setHandler((req) => {
        if (req.path === "/v4/oa/access_token") {
          refreshes++;
          return { json: { access_token: `access-${refreshes + 1}`, refresh_token: `refresh-${refreshes + 1}`, expires_in: "90000" } };
        }
        return req.headers["access_token"] === "access-2" ? ok : { json: { error: -216, message: "Access token is invalid" } };
      });
      const r = await runOutboxOnce(h.ctx, { concurrency: 2 });
      expect(r).toMatchObject({ sent: 2 });
      expect(refreshes).toBe(1);
      const refreshReq = fake.requests.find((x) => x.path === "/v4/oa/access_token")!;
      expect(refreshReq.headers["secret_key"]).toBe("secret");
      expect(refreshReq.body).toEqual({ refresh_token: "refresh-1", app_id: "1234567890", grant_type: "refresh_token" });
      const stored = await h.ctx.database.db.selectFrom("zalo_tokens").selectAll().where("kind", "=", "oa").executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ access_token: "access-2", refresh_token: "refresh-2" });
      expect(stored.expires_at).toBe(new Date(h.clock.now().getTime() + 90_000_000).toISOString());
      // every recipient got exactly one accepted message
      const accepted = fake.requests.filter((x) => x.path === "/v3.0/oa/message/cs" && x.headers["access_token"] === "access-2");
      expect(accepted.map(zaloIdOf).sort()).toHaveLength(2);
      expect(new Set(accepted.map(zaloIdOf)).size).toBe(2);

      // The stored pair now wins over the environment's spent tokens.
      fake.requests.length = 0;
      const [u3] = await makeUsers(h, 1);
      await enqueue(h, [u3], "announcement:7");
      await runOutboxOnce(h.ctx);
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0].headers["access_token"]).toBe("access-2");
    });

    it("a failed refresh leaves the message pending for a later attempt", async () => {
      await h.ctx.database.db.updateTable("zalo_tokens").set({ access_token: "old" }).execute();
      const [u] = await makeUsers(h, 1);
      await enqueue(h, [u], "announcement:8");
      fake.setHandler((req) =>
        req.path === "/v4/oa/access_token" ? { json: { error: -14014, error_description: "Invalid refresh token" } } : { json: { error: -216, message: "invalid" } },
      );
      await runOutboxOnce(h.ctx);
      const row = await statusOf(h, u, "announcement:8");
      expect(row.push_status).toBe("pending");
      expect(row.push_error).toContain("-14014");
      expect(fake.requests.filter((x) => x.path === "/v3.0/oa/message/cs")).toHaveLength(1);
    });

    it("a crash between send and record: after the lease the row is failed, not resent", async () => {
      await h.ctx.database.db.updateTable("zalo_tokens").set({ access_token: "access-2" }).execute();
      const [u] = await makeUsers(h, 1);
      await enqueue(h, [u], "announcement:9");
      const claimed = await claimDue(h.ctx, { leaseMs: 60_000 });
      expect(claimed.map((c) => c.user_id)).toEqual([u]);
      await deliverClaimed(h.ctx, claimed); // sent… and the process dies before recording
      const zaloId = zaloIdOf(fake.requests[0]);
      const toUser = () => fake.requests.filter((r) => zaloIdOf(r) === zaloId);
      expect(fake.requests).toHaveLength(1);
      expect((await statusOf(h, u, "announcement:9")).push_status).toBe("sending");

      // Another pass before the lease ends leaves it alone.
      await runOutboxOnce(h.ctx);
      expect((await statusOf(h, u, "announcement:9")).push_status).toBe("sending");
      h.clock.advance(61_000);
      expect(await runOutboxOnce(h.ctx)).toMatchObject({ recovered: 1 });
      const row = await statusOf(h, u, "announcement:9");
      expect(row).toMatchObject({ push_status: "failed", push_error: CRASH_ERROR });
      h.clock.advance(2 * 60 * 60_000);
      await runOutboxOnce(h.ctx);
      expect(toUser()).toHaveLength(1);
    });

    it("a slow worker that records after the recovery gave up keeps the real outcome", async () => {
      const [u] = await makeUsers(h, 1);
      await enqueue(h, [u], "announcement:15");
      const claimed = await claimDue(h.ctx, { leaseMs: 1000 });
      const decisions = await deliverClaimed(h.ctx, claimed);
      h.clock.advance(2000);
      expect(await recoverAbandoned(h.ctx)).toBe(1);
      await recordDecisions(h.ctx, decisions);
      expect(await statusOf(h, u, "announcement:15")).toMatchObject({ push_status: "sent", push_error: null });
    });

    it("disabled accounts get no push", async () => {
      const [u] = await makeUsers(h, 1);
      await h.ctx.database.db.updateTable("users").set({ disabled: 1 }).where("id", "=", u).execute();
      await enqueue(h, [u], "announcement:16");
      expect(await runOutboxOnce(h.ctx)).toMatchObject({ skipped: 1 });
      expect(fake.requests).toHaveLength(0);
    });

    it("connection refused is retried (nothing reached Zalo)", async () => {
      const closed = await startFakeServer(() => ok);
      const url = closed.url;
      await closed.close();
      const ctx: AppContext = { ...h.ctx, config: { ...h.ctx.config, zalo: { ...h.ctx.config.zalo, oaApiUrl: url } } };
      const [u] = await makeUsers(h, 1);
      await enqueue(h, [u], "announcement:10");
      expect(await runOutboxOnce(ctx)).toMatchObject({ retried: 1 });
      expect((await statusOf(h, u, "announcement:10")).push_error).toContain("Không kết nối được Zalo");
      h.clock.advance(30_000);
      expect(await runOutboxOnce(h.ctx)).toMatchObject({ sent: 1 });
    });

    it("users without a Zalo account are skipped (the inbox has the message)", async () => {
      const [u] = await makeUsers(h, 1, false);
      await enqueue(h, [u], "announcement:11");
      expect(await runOutboxOnce(h.ctx)).toMatchObject({ skipped: 1 });
      expect(fake.requests).toHaveLength(0);
      expect((await statusOf(h, u, "announcement:11")).push_status).toBe("skipped");
      expect(await deliveryStats(h.ctx.database.db, "announcement:11")).toMatchObject({ total: 1, skipped: 1 });
    });

    it("refreshes ahead of time when the stored access token has expired", async () => {
      await h.ctx.database.db
        .updateTable("zalo_tokens")
        .set({ access_token: "access-old", refresh_token: "refresh-9", expires_at: new Date(h.clock.now().getTime() - 1000).toISOString() })
        .execute();
      fake.setHandler((req) =>
        req.path === "/v4/oa/access_token" ? { json: { access_token: "access-10", refresh_token: "refresh-10", expires_in: 3600 } } : ok,
      );
      const [u] = await makeUsers(h, 1);
      await enqueue(h, [u], "announcement:13");
      expect(await runOutboxOnce(h.ctx)).toMatchObject({ sent: 1 });
      expect(fake.requests.map((r) => r.path)).toEqual(["/v4/oa/access_token", "/v3.0/oa/message/cs"]);
      expect((fake.requests[0].body as any).refresh_token).toBe("refresh-9");
      expect(fake.requests[1].headers["access_token"]).toBe("access-10");
    });

    it("new tokens put in the environment replace the stored pair", async () => {
      const ctx: AppContext = { ...h.ctx, config: { ...h.ctx.config, zalo: { ...h.ctx.config.zalo, oaAccessToken: "access-env2", oaRefreshToken: "refresh-env2" } } };
      const [u] = await makeUsers(h, 1);
      await enqueue(h, [u], "announcement:14");
      await runOutboxOnce(ctx);
      expect(fake.requests[0].headers["access_token"]).toBe("access-env2");
    });

    it("two workers at once never send the same row twice", async () => {
      await h.ctx.database.db.updateTable("zalo_tokens").set({ access_token: "access-2" }).execute();
      const users = await makeUsers(h, 40);
      await enqueue(h, users, "announcement:12");
      fake.setHandler(() => ({ ...ok, delayMs: 5 }));
      let second: { ctx: AppContext; close: () => Promise<void> };
      if (dialect === "postgres") {
        const schema = await currentSchema(h);
        const db2 = createDatabase({ kind: "postgres", url: process.env.DATABASE_URL! }, { searchPath: schema, poolSize: 4 });
        second = { ctx: { ...h.ctx, database: db2 }, close: () => db2.destroy() };
      } else {
        second = { ctx: h.ctx, close: async () => {} };
      }
      try {
        const opts = { batchSize: 5, maxBatches: 20, concurrency: 2 };
        const runs = await Promise.all([runOutboxOnce(h.ctx, opts), runOutboxOnce(second.ctx, opts), runOutboxOnce(second.ctx, opts)]);
        expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(40);
        expect(runs.reduce((n, r) => n + r.claimed, 0)).toBe(40);
      } finally {
        await second.close();
      }
      const ids = fake.requests.map(zaloIdOf);
      expect(ids).toHaveLength(40);
      expect(new Set(ids).size).toBe(40);
      expect(await deliveryStats(h.ctx.database.db, "announcement:12")).toMatchObject({ total: 40, sent: 40, pending: 0 });
    });
  });

  describe(`push worker, mini app channel [${dialect}]`, () => {
    let fake: FakeServer;
    let h: Harness;
    beforeAll(async () => {
      fake = await startFakeServer(() => ({ json: { error: 0, message: "Success" } }));
      h = await createHarness(dialect, {
        env: { ZALO_MINIAPP_API_URL: fake.url, ZALO_MINIAPP_API_KEY: "key-1", ZALO_NOTIFICATION_TEMPLATE_ID: "tpl-9", ZALO_APP_ID: "1234567890" },
      });
    });
    afterAll(async () => {
      await h?.close();
      await fake?.close();
    });

    it("sends a template notification with the mini app headers", async () => {
      expect(pushChannelName(h.ctx.config)).toBe("zalo_miniapp");
      const [u] = await makeUsers(h, 1);
      await enqueue(h, [u], "announcement:1");
      expect(await runOutboxOnce(h.ctx)).toMatchObject({ sent: 1 });
      const req = fake.requests[0];
      expect(req.path).toBe("/notification/template");
      expect(req.headers["x-api-key"]).toBe("Bearer key-1");
      expect(req.headers["x-miniapp-id"]).toBe("1234567890");
      expect(String(req.headers["x-user-id"])).toMatch(/^zalo-/);
      expect(req.body).toMatchObject({ templateId: "tpl-9", templateData: { title: "Thông báo mới", buttonUrl: "/announcements/1" } });
    });
  });

  describe(`push worker, no credentials [${dialect}]`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await createHarness(dialect);
    });
    afterAll(async () => h?.close());

    it("the channel is the inbox alone: rows are skipped at once, pending leftovers too", async () => {
      expect(pushChannelName(h.ctx.config)).toBe("inbox");
      expect(pushEnabled(h.ctx.config)).toBe(false);
      const [u1, u2] = await makeUsers(h, 2);
      await enqueue(h, [u1], "announcement:1");
      expect((await statusOf(h, u1, "announcement:1")).push_status).toBe("skipped");
      // rows enqueued while credentials existed, then removed
      await h.ctx.database.db.transaction().execute((trx) =>
        enqueueNotifications(trx, [{ userId: u2, kind: "x", title: "t", body: "b", link: null, dedupeKey: "k" }], h.clock.now().toISOString(), true),
      );
      expect(await runOutboxOnce(h.ctx)).toMatchObject({ skipped: 1 });
      const row = await h.ctx.database.db.selectFrom("notifications").selectAll().where("user_id", "=", u2).executeTakeFirstOrThrow();
      expect(row.push_status).toBe("skipped");
      expect(loadConfig({ ZALO_MINIAPP_API_KEY: "k" }).zalo.miniAppApiKey).toBe("k");
      expect(pushChannelName(loadConfig({ ZALO_MINIAPP_API_KEY: "k" }))).toBe("inbox"); // no template id
    });
  });
}

async function currentSchema(h: Harness): Promise<string> {
  const { sql } = await import("kysely");
  const r = await sql<{ s: string }>`select current_schema() as s`.execute(h.ctx.database.db);
  return r.rows[0].s;
}
