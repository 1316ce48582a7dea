import crypto from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { describeEachDb } from "./harness.js";
import { releaseLease, renewLease, tryAcquireLease, withLease } from "../src/db/job-lock.js";
import { startJobs } from "../src/job-runner.js";
import { bootstrap } from "../src/bootstrap.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/lib/logger.js";
import type { Job } from "../src/jobs.js";

const MINUTE = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachDb("job leases", (h) => {
  const db = () => h().ctx.database.db;
  const dialect = () => h().ctx.database.dialect;

  it("of several holders racing for a free lease, exactly one gets it", async () => {
    const holders = Array.from({ length: 8 }, (_, i) => `instance-${i}`);
    const got = await Promise.all(holders.map((holder) => tryAcquireLease(db(), dialect(), "race", holder, MINUTE)));
    const winners = got.filter((l) => l !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]!.generation).toBe(1);
    const row = await db().selectFrom("job_leases").selectAll().where("name", "=", "race").executeTakeFirstOrThrow();
    expect(row.holder).toBe(winners[0]!.holder);
  });

  it("a held lease is refused to others, even to its holder's next tick; released, the next one takes it", async () => {
    const a = await tryAcquireLease(db(), dialect(), "held", "A", MINUTE);
    expect(a).not.toBeNull();
    expect(await tryAcquireLease(db(), dialect(), "held", "B", MINUTE)).toBeNull();
    expect(await tryAcquireLease(db(), dialect(), "held", "A", MINUTE)).toBeNull();
    const releasedAt = await releaseLease(db(), dialect(), a!);
    expect(releasedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    let b = null;
    // the release instant must have passed (database clock, millisecond precision)
    for (let i = 0; i < 50 && !b; i++) {
      b = await tryAcquireLease(db(), dialect(), "held", "B", MINUTE);
      if (!b) await sleep(2);
    }
    expect(b).toMatchObject({ holder: "B", generation: 2 });
    expect(b!.acquiredAt > releasedAt!).toBe(true);
    // A's old lease can neither renew nor release B's
    expect(await renewLease(db(), dialect(), a!, MINUTE)).toBe(false);
    expect(await releaseLease(db(), dialect(), a!)).toBeNull();
    expect(await tryAcquireLease(db(), dialect(), "held", "C", MINUTE)).toBeNull();
    expect(await renewLease(db(), dialect(), b!, MINUTE)).toBe(true);
  });

  it("the lease of a holder that died runs out and another instance takes it over", async () => {
    await db().insertInto("job_leases").values({ name: "crashed", holder: "dead:1:abc", generation: 7, acquired_at: "2026-01-01T00:00:00.000Z", locked_until: "2026-01-01T00:02:00.000Z" }).execute();
    const l = await tryAcquireLease(db(), dialect(), "crashed", "alive", MINUTE);
    expect(l).toMatchObject({ holder: "alive", generation: 8 });
    // and one that is still valid (far in the future) is not taken
    await db().insertInto("job_leases").values({ name: "busy", holder: "other", generation: 1, acquired_at: "2026-01-01T00:00:00.000Z", locked_until: "2999-01-01T00:00:00.000Z" }).execute();
    expect(await tryAcquireLease(db(), dialect(), "busy", "alive", MINUTE)).toBeNull();
    expect(await withLease(h().ctx.database, "busy", "alive", MINUTE, async () => "ran")).toBeNull();
  });

  it("a job that outlasts its lease keeps it by renewal: nobody else runs it meanwhile", async () => {
    let otherRan = false;
    const run = await withLease(h().ctx.database, "long", "A", 60, async () => {
      for (let i = 0; i < 8; i++) {
        await sleep(30); // 240 ms in all: four times the lease
        const other = await withLease(h().ctx.database, "long", "B", 60, async () => (otherRan = true));
        if (other) break;
      }
      return "done";
    });
    expect(run).toMatchObject({ ok: true, value: "done" });
    expect(otherRan).toBe(false);
  });

  it("a run that fails gives its lease back: the next tick need not wait for it to run out", async () => {
    const run = await withLease(h().ctx.database, "failing", "A", MINUTE, async () => {
      throw new Error("database said no");
    });
    expect(run).toMatchObject({ ok: false, error: { message: "database said no" } });
    expect(run!.releasedAt).not.toBeNull();
    let next = null;
    for (let i = 0; i < 50 && !next; i++) {
      next = await tryAcquireLease(db(), dialect(), "failing", "B", MINUTE);
      if (!next) await sleep(2);
    }
    expect(next).toMatchObject({ holder: "B", generation: 2 });
  });

  it("two job runners on one database never run the same job at the same time, and both take turns", async () => {
    const spans: { job: string; holder: string; start: number; end: number }[] = [];
    const jobsOf = (holder: string): Job[] =>
      ["alpha", "beta"].map((name) => ({
        name,
        intervalMs: 3,
        async run() {
          const start = performance.now();
          await sleep(8);
          spans.push({ job: name, holder, start, end: performance.now() });
        },
      }));
    const a = startJobs(h().ctx, jobsOf("A"), { holder: "A", firstTickMs: 0, leaseMs: MINUTE });
    const b = startJobs(h().ctx, jobsOf("B"), { holder: "B", firstTickMs: 0, leaseMs: MINUTE });
    for (let i = 0; i < 400 && spans.length < 40; i++) await sleep(10);
    await Promise.all([a.stop(), b.stop()]);
    expect(spans.length).toBeGreaterThanOrEqual(40);
    for (const job of ["alpha", "beta"]) {
      const mine = spans.filter((s) => s.job === job).sort((x, y) => x.start - y.start);
      for (let i = 1; i < mine.length; i++) expect(mine[i].start).toBeGreaterThanOrEqual(mine[i - 1].end);
      expect(new Set(mine.map((s) => s.holder)).size).toBe(2);
    }
    const rows = await db().selectFrom("job_leases").selectAll().where("name", "in", ["alpha", "beta"]).execute();
    for (const r of rows) expect(Number(r.generation)).toBe(spans.filter((s) => s.job === r.name).length);
  });
});

describe.skipIf(!process.env.DATABASE_URL)("start-up of instances together [postgres]", () => {
  it("two instances starting at once on a fresh database migrate and seed once, both start", async () => {
    const schema = `t_${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    try {
      const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: schema, SEED_DEMO: "true" });
      const clock = { now: () => new Date("2026-11-20T03:00:00.000Z") };
      const started = await Promise.allSettled([0, 1].map(() => bootstrap(config, { clock, logger: createLogger("silent") })));
      for (const s of started) if (s.status === "fulfilled") await s.value.database.destroy();
      expect(started.map((s) => (s.status === "rejected" ? String(s.reason) : "ok"))).toEqual(["ok", "ok"]);
      // seeded once: no natural key twice (some have no unique index: only taking turns prevents doubles)
      const twice = async (table: string, key: string) =>
        (await admin.query(`SELECT ${key}, count(*) AS n FROM ${schema}.${table} WHERE ${key} IS NOT NULL GROUP BY ${key} HAVING count(*) > 1`)).rows;
      const count = async (table: string) => Number((await admin.query(`SELECT count(*) AS n FROM ${schema}.${table}`)).rows[0].n);
      expect(await count("announcements")).toBeGreaterThan(0);
      expect(await count("reports")).toBeGreaterThan(0);
      expect(await twice("units", "code")).toEqual([]);
      expect(await twice("announcements", "seed_key")).toEqual([]);
      expect(await twice("users", "username")).toEqual([]);
      expect(await twice("duties", "seed_key")).toEqual([]);
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  }, 60_000);
});
