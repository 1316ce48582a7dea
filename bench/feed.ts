// The announcements feed at city scale, against Express 5's own hello world measured side by side.
// A fresh database gets BENCH_NOTICES notices (100 000 by default, bench/gen-notices.ts); the real
// API (compiled, as production runs it) serves it. Each feed line is loaded right after a hello
// world line (50 connections each), so the ratio compares the two under the same machine load.
// Figures (issue 13): first page anonymous and signed in ≥ 0.5× hello; the 304 path ≥ 0.8×;
// p99 < 25 ms; a rare word searched at 100 000 notices < 5 ms. Nothing is asserted. Each line is
// measured plain and as a phone asks (compressed: shared pages once, personal ones per answer).
// SQLite in a temp folder, or PostgreSQL (DATABASE_URL) in the schema bench_feed (recreated).
// Before its pairs, each line and the hello world are loaded BENCH_WARMUP seconds unmeasured: the
// hello world stays hot from line to line, a feed variant is new to the JIT when its line starts.
// Env: BENCH_SECONDS (default 5 per line), BENCH_ROUNDS (5 pairs per line, medians), BENCH_WARMUP
// (2 s), BENCH_NOTICES (default 100000), BENCH_CONNECTIONS (50).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { loadConfig } from "../api/src/config.js";
import { createDatabase } from "../api/src/db/database.js";
import { feedFor } from "../api/src/announcements/feed.js";
import type { AppContext } from "../api/src/http/context.js";
import { systemClock } from "../api/src/lib/clock.js";
import { createLogger } from "../api/src/lib/logger.js";
import { generateNotices, RARE_WORDS, rareWord } from "./gen-notices.js";
import { load, median, percentile, report, startServer, warm } from "./lib.mjs";

const NOTICES = Number(process.env.BENCH_NOTICES ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const SCHEMA = "bench_feed";
const pgUrl = process.env.DATABASE_URL;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tns-bench-feed-"));
const dbEnv: Record<string, string> = pgUrl ? { DATABASE_URL: pgUrl, DATABASE_SCHEMA: SCHEMA } : { SQLITE_PATH: path.join(dir, "feed.sqlite"), DATABASE_URL: "" };

async function helloServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = String(5000 + Math.floor(Math.random() * 1000));
  const child = spawn(process.execPath, ["bench/fixtures/express-hello.mjs"], { env: { ...process.env, PORT: port }, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((r) => child.stdout!.once("data", r));
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

async function main() {
  if (pgUrl) {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await admin.query(`CREATE SCHEMA ${SCHEMA}`);
    await admin.end();
  }
  const config = loadConfig({ NODE_ENV: "development", LOG_LEVEL: "silent", SEED_DEMO: "false", ...dbEnv });
  const t0 = performance.now();
  const { publicLive } = await generateNotices(config, NOTICES, new Date().toISOString());
  console.log(`Feed of ${NOTICES.toLocaleString("en")} notices on ${pgUrl ? `PostgreSQL (schema ${SCHEMA})` : "SQLite"}, generated in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${CONNECTIONS} connections, ${process.env.BENCH_SECONDS ?? 5} s per line`);

  const server = await startServer({ ...dbEnv, SEED_DEMO: "false", DEV_SIGNIN: "true", LOG_LEVEL: "error" });
  const hello = await helloServer();
  const database = createDatabase(config.database, pgUrl ? { searchPath: SCHEMA } : {});
  try {
    const post = async (p: string, body: unknown) => (await fetch(`${server.url}${p}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json();
    const doan = (await database.db.selectFrom("units").select("id").where("code", "=", "DOAN").executeTakeFirstOrThrow()).id;
    const session = (await post("/api/auth/dev", { role: "focal", unitId: doan, name: "Bench focal" })) as { token: string; user: { id: number } };
    const auth = { Authorization: `Bearer ${session.token}` };
    // The focal point has read 2 000 notices (direct inserts, as if over the years).
    const read = publicLive.filter((_, i) => i % Math.max(1, Math.floor(publicLive.length / 2000)) === 0).slice(0, 2000);
    for (let i = 0; i < read.length; i += 500) {
      const at = new Date().toISOString();
      await database.db
        .insertInto("announcement_reads")
        .values(read.slice(i, i + 500).map((announcement_id) => ({ announcement_id, user_id: session.user.id, first_read_at: at, last_read_at: at, views: 1 })))
        .execute();
    }

    const feed = `${server.url}/api/announcements`;
    const etagOf = async (headers: Record<string, string>) => {
      const res = await fetch(feed, { headers });
      await res.arrayBuffer();
      return res.headers.get("etag") ?? "";
    };
    const opts = { connections: CONNECTIONS };
    // A 304 line asks with the ETag the feed gives right before each round, as a phone revalidates:
    // a signed-in ETag names the 10-minute window of its signed file links, so one taken minutes
    // earlier would get 200s. Each round checks it got what its line names (only 304s, or no 304).
    type Headers = Record<string, string>;
    const revalidate = (who: Headers) => async (): Promise<Headers> => ({ ...who, "If-None-Match": await etagOf(who) });
    // Each line twice: as the load generator asks (no coding, comparable with the hello world's
    // plain text) and as a phone in Zalo asks (Accept-Encoding: gzip, deflate, br).
    const PHONE = { "Accept-Encoding": "gzip, deflate, br" };
    const plainLines: [string, () => Promise<Headers>, number][] = [
      ["feed, anonymous, first page", async () => ({}), 0.5],
      ["feed, anonymous, If-None-Match (304)", revalidate({}), 0.8],
      ["feed, signed in (focal point), first page", async () => auth, 0.5],
      ["feed, signed in (focal point), If-None-Match (304)", revalidate(auth), 0.8],
    ];
    const lines = [
      ...plainLines,
      ...plainLines.map(([name, headers, target]): (typeof plainLines)[number] => [`${name}, as a phone asks (br)`, async () => ({ ...(await headers()), ...PHONE }), target]),
    ];
    for (const who of [{}, auth]) {
      const res = await fetch(feed, { headers: { ...who, ...PHONE } });
      await res.arrayBuffer();
      if (res.headers.get("content-encoding") !== "br") throw new Error(`a phone's feed came back ${res.headers.get("content-encoding") ?? "uncompressed"}, not br`);
    }
    // Each line: ROUNDS pairs (hello, then the line), the median ratio; the median p99.
    const pairs = async (name: string, url: string, headersNow: () => Promise<Headers>) => {
      const notModified = name.includes("(304)");
      const ratios: number[] = [];
      const p99s: number[] = [];
      const helloP99s: number[] = [];
      const rps: number[] = [];
      let clean = true;
      if (WARMUP > 0) {
        await warm(hello.url, { connections: CONNECTIONS }, WARMUP);
        await warm(url, { connections: CONNECTIONS, headers: await headersNow() }, WARMUP);
      }
      for (let k = 0; k < ROUNDS; k++) {
        const base = await load("  Express hello world", hello.url, opts);
        const r = await load(`  ${name}`, url, { ...opts, headers: await headersNow() });
        ratios.push(r.rps / base.rps);
        p99s.push(r.p99);
        helloP99s.push(base.p99);
        rps.push(r.rps);
        const answered = notModified ? r["2xx"] === 0 && r["304"] > 0 : r["304"] === 0;
        if (!answered) console.log(`  ✗ this round did not get what its line measures (${r["2xx"]} 2xx, ${r["304"]} 304)`);
        clean &&= r.errors === 0 && r.other === 0 && answered;
      }
      return { ratio: median(ratios), p99: median(p99s), helloP99: median(helloP99s), rps: median(rps), clean };
    };
    const floor = await pairs("reference: GET /api/config (no database)", `${server.url}/api/config`, async () => ({}));
    report({ figure: "API floor: the shared middleware on a route with no work (GET /api/config)", value: floor.rps, unit: "req/s", ratio: floor.ratio, reference: "hello" });
    for (const [name, headers, target] of lines) {
      const r = await pairs(name, feed, headers);
      report({ figure: `Feed at ${NOTICES.toLocaleString("en")}: ${name}`, value: r.rps, unit: "req/s", ratio: r.ratio, reference: "hello", target: `≥ ${target}× hello`, ok: r.ratio >= target && r.clean });
      // The hello world's own p99 beside it: on a shared machine it can exceed the target by itself.
      report({ figure: `Feed at ${NOTICES.toLocaleString("en")}: ${name}, p99`, value: r.p99, unit: "ms", ratio: r.p99 / r.helloP99, reference: `hello's p99 (${r.helloP99} ms)`, target: "< 25 ms", ok: r.p99 < 25 && r.clean });
    }

    // A rare word: each of RARE_WORDS codes is in one notice only; sequential requests, each word once.
    const searchMs: number[] = [];
    let found = 0;
    for (let k = 0; k < RARE_WORDS; k++) {
      const t = performance.now();
      const res = await fetch(`${feed}?q=${encodeURIComponent(rareWord(k).toLowerCase())}`);
      const body = (await res.json()) as { items: unknown[] };
      searchMs.push(performance.now() - t);
      found += body.items.length;
    }
    console.log(`  search: ${RARE_WORDS} rare words, ${found} notices found, median ${median(searchMs).toFixed(1)} ms, p95 ${percentile(searchMs, 95).toFixed(1)} ms (whole HTTP request)`);
    // The same searches as the server does them (the feed code on this database, in this process):
    // the work the issue measured at 105 ms, without HTTP and the machine's other load in between.
    const ctx: AppContext = { config, database, logger: createLogger("silent"), clock: systemClock };
    const workMs: number[] = [];
    for (let k = 0; k < RARE_WORDS; k++) {
      const t = performance.now();
      const { json } = await feedFor(ctx, null, { q: rareWord(k).toLowerCase(), limit: 20 }, undefined);
      workMs.push(performance.now() - t);
      if ((JSON.parse(String(json ?? "{}")) as { items?: unknown[] }).items?.length !== 1) throw new Error(`search for ${rareWord(k)} did not find its one notice`);
    }
    console.log(`  search, server-side work: median ${median(workMs).toFixed(2)} ms, p95 ${percentile(workMs, 95).toFixed(2)} ms`);
    report({ figure: `Feed at ${NOTICES.toLocaleString("en")}: a rare word searched (server-side, median)`, value: median(workMs), unit: "ms", target: "< 5 ms", ok: median(workMs) < 5 && found === RARE_WORDS });
    report({ figure: `Feed at ${NOTICES.toLocaleString("en")}: a rare word searched (whole HTTP request, median)`, value: median(searchMs), unit: "ms" });

    // After a new read mark the signed-in feed cannot be a 304: its unread count moves by one.
    const afterRead: number[] = [];
    for (let k = 0; k < 30; k++) {
      await (await fetch(`${feed}/${publicLive[publicLive.length - 1 - k]}`, { headers: auth })).arrayBuffer();
      const t = performance.now();
      const res = await fetch(feed, { headers: auth });
      const body = (await res.json()) as { unreadCount: number };
      afterRead.push(performance.now() - t);
      if (k === 29) console.log(`  unread count after 30 more reads: ${body.unreadCount}`);
    }
    report({ figure: `Feed at ${NOTICES.toLocaleString("en")}: signed in, first page right after a new read mark (median request)`, value: median(afterRead), unit: "ms" });
  } finally {
    await database.destroy();
    await hello.stop();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
