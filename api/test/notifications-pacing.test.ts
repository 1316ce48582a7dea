import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, DIALECTS, type Harness } from "./harness.js";
import { fakeOaEnv, startFakeServer, type FakeServer } from "./fakes/fake-server.js";
import { enqueueNotifications } from "../src/notifications/outbox.js";
import { runOutboxOnce } from "../src/notifications/jobs.js";
import { claimDue, Pacer, sendsPerRun, type PaceTime } from "../src/notifications/worker.js";

/** A clock that moves only when told (or, `sleepMoves`, when the pacer sleeps): records every wait. */
function fakeTime(sleepMoves: boolean): PaceTime & { t: number; waits: number[] } {
  const time = {
    t: 1000,
    waits: [] as number[],
    now: () => time.t,
    async sleep(ms: number) {
      time.waits.push(ms);
      if (sleepMoves) time.t += ms;
    },
  };
  return time;
}

describe("push pacing", () => {
  it("spaces sends evenly at the configured rate, also when they ask at once", async () => {
    const time = fakeTime(false);
    const pacer = new Pacer(4, time);
    await Promise.all(Array.from({ length: 5 }, () => pacer.slot()));
    // Concurrent callers take the next free slots: 0, 250, 500, 750, 1000 ms from the start.
    expect(time.waits).toEqual([250, 500, 750, 1000]);
  });

  it("does not save idle time up for a burst", async () => {
    const time = fakeTime(true);
    const pacer = new Pacer(10, time);
    await pacer.slot();
    time.t += 5000; // nothing to send for five seconds
    for (let i = 0; i < 3; i++) await pacer.slot();
    expect(time.waits).toEqual([100, 100]);
  });
});

for (const dialect of DIALECTS) {
  describe(`push worker at a capped rate [${dialect}]`, () => {
    let fake: FakeServer;
    let h: Harness;
    beforeAll(async () => {
      fake = await startFakeServer(() => ({ json: { error: 0, message: "Success", data: { message_id: "m" } } }));
      h = await createHarness(dialect, {
        env: { ...fakeOaEnv(fake.url), PUSH_RATE_PER_SECOND: "400", WORKER_INTERVAL_MS: "10" },
      });
    });
    afterAll(async () => {
      await h?.close();
      await fake?.close();
    });

    async function enqueueFor(n: number, key: string): Promise<void> {
      const now = h.clock.now().toISOString();
      const users = await h.ctx.database.db
        .insertInto("users")
        .values(Array.from({ length: n }, (_, i) => ({ zalo_id: `z-${key}-${i}`, name: `Đoàn viên ${i}`, role: "youth" as const, source: "zalo", created_at: now, updated_at: now }) as never))
        .returning("id")
        .execute();
      await h.ctx.database.db.transaction().execute((trx) =>
        enqueueNotifications(trx, users.map((u) => ({ userId: u.id, kind: "announcement", title: "Tin", body: "Nội dung", link: null, dedupeKey: key })), now, true),
      );
    }

    it("a claim takes the batch asked for, never more (its lease is sized for that batch)", async () => {
      await enqueueFor(10, "claim");
      expect(await claimDue(h.ctx, { batchSize: 4 })).toHaveLength(4);
      await h.ctx.database.db.updateTable("notifications").set({ push_status: "skipped" }).where("dedupe_key", "=", "claim").execute();
    });

    it("a run sends what its interval allows at the rate; the rest waits for the next runs", async () => {
      expect(sendsPerRun(h.ctx)).toBe(4); // 400 a second × 10 ms
      await enqueueFor(10, "pace");
      const runs: number[] = [];
      for (let i = 0; i < 4; i++) runs.push((await runOutboxOnce(h.ctx, { maxBatches: 40, maxSends: sendsPerRun(h.ctx) })).sent);
      expect(runs).toEqual([4, 4, 2, 0]);
      expect(fake.requests).toHaveLength(10);
    });
  });
}
