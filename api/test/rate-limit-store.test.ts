import supertest from "supertest";
import { expect, it } from "vitest";
import { describeEachDb } from "./harness.js";
import { buildApp } from "../src/app.js";
import { databaseRateLimitStore } from "../src/db/rate-limit-store.js";

describeEachDb(
  "rate limits shared by every instance",
  (h) => {
    it("password attempts from one address count on every instance (two apps on one database)", async () => {
      const instances = [h().app, buildApp(h().ctx).app];
      const attempt = (i: number) => supertest(instances[i % 2]).post("/api/auth/password").send({ username: "khong-co", password: "sai-mat-khau" });
      for (let i = 0; i < 4; i++) expect((await attempt(i)).status).toBe(401);
      // an in-memory store per instance would allow 4 on each: the fifth is refused wherever it lands
      const refused = await attempt(4);
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe("TOO_MANY_REQUESTS");
      expect((await attempt(5)).status).toBe(429);
    });

    it("a window that has ended starts again at one; hits race without losing any", async () => {
      const store = databaseRateLimitStore(h().ctx.database, "test:");
      store.init?.({ windowMs: 60_000 } as never);
      const results = await Promise.all(Array.from({ length: 10 }, () => store.increment("203.0.113.9")));
      expect(results.map((r) => r.totalHits).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect((await store.get!("203.0.113.9"))?.totalHits).toBe(10);
      await store.decrement("203.0.113.9");
      expect((await store.get!("203.0.113.9"))?.totalHits).toBe(9);
      await h().ctx.database.db.updateTable("rate_limits").set({ reset_at: "2020-01-01T00:00:00.000Z" }).where("key", "=", "test:203.0.113.9").execute();
      expect(await store.get!("203.0.113.9")).toBeUndefined();
      expect((await store.increment("203.0.113.9")).totalHits).toBe(1);
      await store.resetKey("203.0.113.9");
      expect(await store.get!("203.0.113.9")).toBeUndefined();
    });
  },
  { env: { PASSWORD_RATE_LIMIT: "4" } },
);
