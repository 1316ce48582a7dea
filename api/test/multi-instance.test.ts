import { spawn } from "node:child_process";
import { apiServerCommand } from "../../scripts/api-process.mjs";
import { REPO_ROOT, freePort } from "./server-process.js";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeServer, type FakeServer } from "./fakes/fake-server.js";
import { startFakeZaloGraph, type FakeZaloGraph } from "./fakes/fake-zalo-graph.js";
import { listenerName } from "../src/db/hot-reads.js";

/**
 * Two real API processes behind "one address" on one PostgreSQL database, every job ticking fast on
 * both: a session opened on one works on the other (so do the password attempts' limit and uploads),
 * every job runs on one instance at a time (from the lease records the runners log), every job effect
 * happens once and every push reaches Zalo exactly once (a fake OA server counts them), also across
 * a token refresh.
 */
const DATABASE_URL = process.env.DATABASE_URL;
const REQUIRED = process.env.REQUIRE_MULTI_INSTANCE_TEST === "1";
if (!DATABASE_URL) {
  console.warn(`multi-instance test ${REQUIRED ? "REQUIRED but" : "skipped:"} DATABASE_URL is not set (two API instances need one PostgreSQL)`);
}

// ---------------------------------------------------------------- one way to start the real API process

interface Api {
  name: string;
  base: string;
  /** every JSON line the process logged */
  logs: Record<string, any>[];
  stop(): Promise<number | null>;
}


/** Starts the API as production runs it (scripts/api-process.mjs) and resolves once /api/health answers. */
async function startApi(name: string, env: Record<string, string>): Promise<Api> {
  const port = await freePort();
  const cmd = await apiServerCommand();
  const child = spawn(cmd.command, cmd.args, {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "development", HOST: "127.0.0.1", ...env, PORT: String(port) },
  });
  const logs: Record<string, any>[] = [];
  let rest = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => {
    const lines = (rest + d.toString("utf8")).split("\n");
    rest = lines.pop()!;
    for (const l of lines) {
      try {
        logs.push(JSON.parse(l));
      } catch {
        /* not a log line */
      }
    }
  });
  child.stderr!.on("data", (d: Buffer) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const api: Api = {
    name,
    base: `http://127.0.0.1:${port}`,
    logs,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      return exited;
    },
  };
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start (${child.exitCode}): ${stderr}\n${logs.map((l) => l.msg).join("\n")}`);
    try {
      if ((await fetch(`${api.base}/api/health`)).ok) return api;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await api.stop();
  throw new Error(`${name} did not start`);
}

// ---------------------------------------------------------------- helpers

async function call(api: Api, method: string, p: string, token?: string, body?: unknown) {
  const r = await fetch(`${api.base}${p}`, {
    method,
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json().catch(() => null)) as any };
}

async function ok(api: Api, method: string, p: string, token?: string, body?: unknown) {
  const r = await call(api, method, p, token, body);
  if (r.status >= 300) throw new Error(`${method} ${p} on ${api.name}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

async function waitFor(what: string, cond: () => Promise<boolean> | boolean, tries = 900): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`still waiting for: ${what}`);
}

const JOBS = ["notification-outbox", "announcements.publish-scheduled", "yearly-periods", "report-reminders", "duty-years", "duty-reminders", "city-reminders"];
const STAFF_PASSWORD = "HaiMay@2026";

describe.skipIf(!DATABASE_URL && !REQUIRED)("two API instances on one PostgreSQL", () => {
  const schema = `mi_${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tns-multi-"));
  let db: pg.Client;
  let graph: FakeZaloGraph;
  let oaServer: FakeServer;
  let a: Api;
  let b: Api;
  // The fake Official Account: the messages it accepted, and refresh tokens spent (each valid once).
  const oa = { access: "access-1", refresh: "refresh-1", n: 1, delivered: [] as { to: string; text: string }[], refreshUses: [] as string[] };

  const q = async <T = any>(text: string, values: unknown[] = []) => (await db.query(text, values)).rows as T[];
  const allLogs = () => [...a.logs, ...b.logs];
  const runs = (job?: string) => allLogs().filter((l) => l.msg === "job run" && (!job || l.job === job));
  /** what a job logged it did, summed over both instances */
  const logged = (msg: string, field: string) => allLogs().filter((l) => l.msg === msg).map((l) => l[field]);
  const setClocks = async (now: string) => {
    for (const api of [a, b]) await ok(api, "PUT", "/api/test/clock", undefined, { now });
  };
  /** After a state is reached: every job runs a few more times on the instances, which must change nothing. */
  const settle = async () => {
    const before = Object.fromEntries(JOBS.map((j) => [j, runs(j).length]));
    await waitFor("more job runs", () => JOBS.every((j) => runs(j).length >= before[j] + 4));
  };
  /** the instances' listening connections for their kept hot reads (db/hot-reads.ts) */
  const listeners = async () => Number((await q(`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1`, [listenerName(schema)]))[0].n);
  const pending = async () => Number((await q(`SELECT count(*) AS n FROM notifications WHERE push_status IN ('pending', 'sending')`))[0].n);

  beforeAll(async () => {
    if (!DATABASE_URL) throw new Error("REQUIRE_MULTI_INSTANCE_TEST=1: set DATABASE_URL to a PostgreSQL database");
    db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
    await db.query(`CREATE SCHEMA ${schema}`);
    await db.query(`SET search_path TO ${schema}`);
    graph = await startFakeZaloGraph();
    oaServer = await startFakeServer((req) => {
      if (req.path === "/v3.0/oa/message/cs") {
        if (req.headers["access_token"] !== oa.access) return { json: { error: -216, message: "Access token is invalid" } };
        const body = req.body as { recipient: { user_id: string }; message: { text: string } };
        oa.delivered.push({ to: body.recipient.user_id, text: body.message.text });
        return { delayMs: 15, json: { error: 0, message: "Success", data: { message_id: `m${oa.delivered.length}` } } };
      }
      if (req.path === "/v4/oa/access_token") {
        const token = (req.body as { refresh_token: string }).refresh_token;
        oa.refreshUses.push(token);
        if (token !== oa.refresh) return { status: 400, json: { error: -14014, error_description: "Invalid refresh token" } };
        oa.n++;
        oa.access = `access-${oa.n}`;
        oa.refresh = `refresh-${oa.n}`;
        return { json: { access_token: oa.access, refresh_token: oa.refresh, expires_in: "9000000" } };
      }
      return { status: 404, json: { error: 404 } };
    });
    const env = {
      DATABASE_URL: DATABASE_URL!,
      DATABASE_SCHEMA: schema,
      // one shared folder for uploads, as the deployment needs (README)
      UPLOAD_DIR: path.join(dataDir, "uploads"),
      WEB_DIR: "/nonexistent",
      SEED_DEMO: "false",
      DEV_SIGNIN: "true",
      STAFF_PASSWORD,
      PASSWORD_RATE_LIMIT: "6",
      LOG_LEVEL: "debug",
      TEST_CLOCK: "2026-11-20T10:00:00+07:00",
      WORKER_INTERVAL_MS: "100",
      JOB_INTERVAL_MS: "150",
      ZALO_GRAPH_URL: graph.url,
      ZALO_APP_ID: "1234567890",
      ZALO_APP_SECRET: "secret",
      ZALO_OA_API_URL: oaServer.url,
      ZALO_OA_OAUTH_URL: oaServer.url,
      ZALO_OA_ACCESS_TOKEN: "access-1",
      ZALO_OA_REFRESH_TOKEN: "refresh-1",
    };
    // both at once on the empty schema: migrations and seeds take turns
    [a, b] = await Promise.all([startApi("A", env), startApi("B", env)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await graph?.close();
    await oaServer?.close();
    if (db) {
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("sessions, jobs and pushes: everything once, whichever instance does it", async () => {
    const instances = [a, b];
    const other = (api: Api) => (api === a ? b : a);

    // ---- sessions opened on one instance work on the other; a sign-out on one counts on both
    const staff = (await ok(a, "POST", "/api/auth/password", undefined, { username: "canbo", password: STAFF_PASSWORD })).token;
    expect((await ok(b, "GET", "/api/me", staff)).role).toBe("staff");
    const throwaway = (await ok(b, "POST", "/api/auth/dev", undefined, { role: "youth", name: "Tạm" })).token;
    expect((await call(a, "GET", "/api/me", throwaway)).status).toBe(200);
    // B keeps the session's answer in memory (db/hot-reads.ts) once it has read it
    await waitFor("B keeps its hot reads", async () => (await call(b, "GET", "/api/me", throwaway)).status === 200 && (await listeners()) === 2, 100);
    expect((await call(b, "GET", "/api/me", throwaway)).status).toBe(200);
    await ok(a, "POST", "/api/auth/logout", throwaway);
    // refused at once on A (its own write), and on B as soon as PostgreSQL's notice reaches it
    expect((await call(a, "GET", "/api/me", throwaway)).status).toBe(401);
    await waitFor("the sign-out reaches B", async () => (await call(b, "GET", "/api/me", throwaway)).status === 401, 50);
    // password attempts from one address count on both (PASSWORD_RATE_LIMIT=6, the staff sign-in was one)
    const guess = (api: Api) => call(api, "POST", "/api/auth/password", undefined, { username: "khong-co", password: "doan-bua-mat-khau" });
    for (let i = 0; i < 5; i++) expect((await guess(instances[i % 2])).status).toBe(401);
    expect((await guess(b)).status).toBe(429);
    expect((await guess(a)).status).toBe(429);

    const youthTokens: string[] = [];
    for (let i = 0; i < 4; i++) {
      graph.accounts.set(`youth-token-${i}`, { id: `zalo-youth-${i}`, name: `Đoàn viên ${i}`, avatar: "https://example.test/a.png" });
      const api = instances[i % 2];
      const token = (await ok(api, "POST", "/api/auth/zalo", undefined, { accessToken: `youth-token-${i}` })).token;
      expect((await ok(other(api), "GET", "/api/me", token)).role).toBe("youth");
      youthTokens.push(token);
    }

    // focal points: invited by staff on A, accepted on B by a Zalo user signed in on A
    const period2026 = (await q(`SELECT id FROM periods WHERE kind = 'annual' AND year = 2026`))[0].id;
    const expected = (await q(`SELECT unit_id FROM period_units WHERE period_id = $1 ORDER BY unit_id LIMIT 4`, [period2026])).map((r) => Number(r.unit_id));
    expect(expected).toHaveLength(4);
    for (const [i, unitId] of expected.entries()) {
      const invitation = await ok(a, "POST", "/api/invitations", staff, { unitId, role: "focal" });
      graph.accounts.set(`focal-token-${i}`, { id: `zalo-focal-${i}`, name: `Đầu mối ${i}`, avatar: "https://example.test/f.png" });
      const token = (await ok(a, "POST", "/api/auth/zalo", undefined, { accessToken: `focal-token-${i}` })).token;
      await ok(b, "POST", `/api/invitations/${invitation.code}/accept`, token);
      expect((await ok(a, "GET", "/api/me", token)).role).toBe("focal");
    }

    // an upload on A is there on B (UPLOAD_DIR shared)
    const pdf = Buffer.from("%PDF-1.4\n% Kế hoạch\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    const form = new FormData();
    form.append("file", new Blob([pdf], { type: "application/pdf" }), "ke-hoach.pdf");
    const up = await fetch(`${a.base}/api/files`, { method: "POST", headers: { Authorization: `Bearer ${staff}` }, body: form });
    expect(up.status).toBe(201);
    const file = (await up.json()) as { id: string };
    const down = await fetch(`${b.base}/api/files/${file.id}`, { headers: { Authorization: `Bearer ${staff}` } });
    expect(down.status).toBe(200);
    expect(Buffer.from(await down.arrayBuffer()).equals(pdf)).toBe(true);

    // ---- 20/11/2026: a notice now, three scheduled for 11:00, a duty due 25/11 (its 7-day reminder is due),
    // and the yearly report's 14-day reminder for the new focal points
    const categoryId = (await ok(b, "GET", "/api/announcement-categories", staff))[0].id;
    const notice = (title: string, extra: Record<string, unknown>) => ({ title, body: `${title}: nội dung gửi toàn phường.`, categoryId, audience: "everyone", ...extra });
    await ok(b, "POST", "/api/announcements", staff, notice("Ra quân tình nguyện", { status: "published" }));
    for (let i = 1; i <= 3; i++) {
      await ok(instances[i % 2], "POST", "/api/announcements", staff, notice(`Lịch sinh hoạt số ${i}`, { status: "scheduled", publishAt: "2026-11-20T11:00:00+07:00" }));
    }
    const duty = await ok(a, "POST", "/api/duties", staff, {
      title: "Báo cáo nhanh công tác thanh niên",
      startsAt: "2026-11-01T00:00:00+07:00",
      dueAt: "2026-11-25T23:59:59+07:00",
      unitIds: expected,
    });
    await waitFor("the 14-day report reminders and the 7-day duty reminders", async () => {
      const [r] = await q(`SELECT count(*) FILTER (WHERE kind = 'report_reminder') AS r, count(*) FILTER (WHERE kind = 'duty_reminder') AS d FROM notifications`);
      return Number(r.r) === 4 && Number(r.d) === 4;
    });
    await waitFor("pushes of 20/11", async () => (await pending()) === 0);
    await settle();

    // ---- 11:01: the scheduled notices go out; Zalo has expired the OA access token meanwhile
    oa.access = "expired";
    await setClocks("2026-11-20T11:01:00+07:00");
    await waitFor("three scheduled notices published", async () => Number((await q(`SELECT count(*) AS n FROM announcements WHERE status = 'published'`))[0].n) === 4);
    await waitFor("pushes of 11:01", async () => (await pending()) === 0);
    await settle();

    // ---- 01/12/2026, after the deadline: the overdue reminders; 2027's period appears
    await setClocks("2026-12-01T09:00:00+07:00");
    await waitFor("overdue reminders", async () => {
      const [r] = await q(`SELECT count(*) FILTER (WHERE kind = 'report_reminder') AS r, count(*) FILTER (WHERE kind = 'duty_reminder') AS d FROM notifications`);
      return Number(r.r) === 8 && Number(r.d) === 8;
    });
    await waitFor("pushes of 01/12", async () => (await pending()) === 0);
    await settle();

    // ---- 01/01/2027: the recurring duties get their 2027 copies
    await setClocks("2027-01-01T09:00:00+07:00");
    await waitFor("2027 duty copies", async () => Number((await q(`SELECT count(*) AS n FROM duties WHERE year = 2027`))[0].n) > 0);
    await settle();
    expect(await pending()).toBe(0);

    const codes = await Promise.all([a.stop(), b.stop()]);
    expect(codes).toEqual([0, 0]);

    // ---- every job ran on one instance at a time: by the database's clock each run's lease was taken
    // after the previous one was given back, and each acquisition has its own generation
    const holders = new Set<string>();
    for (const job of JOBS) {
      const mine = runs(job).sort((x, y) => (x.acquiredAt < y.acquiredAt ? -1 : 1));
      expect(mine.length, job).toBeGreaterThan(10);
      for (let i = 1; i < mine.length; i++) {
        expect(mine[i - 1].releasedAt, `${job} run ${i - 1} released`).not.toBeNull();
        expect(mine[i].acquiredAt > mine[i - 1].releasedAt, `${job}: run ${i} began after run ${i - 1} ended`).toBe(true);
        expect(mine[i].generation, job).toBe(mine[i - 1].generation + 1);
      }
      expect(mine.every((r) => r.ok), `${job} never failed`).toBe(true);
      expect(new Set(mine.map((r) => r.holder)).size, `${job} ran on both instances`).toBe(2);
      mine.forEach((r) => holders.add(r.holder));
      const [lease] = await q(`SELECT generation FROM job_leases WHERE name = $1`, [job]);
      expect(Number(lease.generation), `${job}: every acquisition logged`).toBe(mine[mine.length - 1].generation);
    }
    expect(holders.size).toBe(2);

    // ---- every job effect once: what the instances say they did adds up to what the database holds
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    expect(sum(logged("scheduled announcements published", "published"))).toBe(3);
    expect(sum(logged("report reminders enqueued", "reminders"))).toBe(8);
    expect(sum(logged("duty reminders enqueued", "reminders"))).toBe(8);
    const dutyCopies = logged("yearly duties created", "duties").flat();
    const copies2027 = (await q(`SELECT id FROM duties WHERE year = 2027 ORDER BY id`)).map((r) => Number(r.id));
    expect([...dutyCopies].sort((x, y) => x - y)).toEqual(copies2027);
    expect(await q(`SELECT seed_key FROM duties WHERE seed_key IS NOT NULL GROUP BY seed_key HAVING count(*) > 1`)).toEqual([]);
    expect(await q(`SELECT duty_id, unit_id FROM duty_units GROUP BY duty_id, unit_id HAVING count(*) > 1`)).toEqual([]);
    expect((await q(`SELECT year, count(*) AS n FROM periods WHERE kind = 'annual' GROUP BY year ORDER BY year`)).map((r) => [r.year, Number(r.n)])).toEqual([
      [2026, 1],
      [2027, 1],
    ]);
    expect(await q(`SELECT period_id, unit_id FROM period_units GROUP BY period_id, unit_id HAVING count(*) > 1`)).toEqual([]);
    expect(await q(`SELECT id FROM announcements WHERE status <> 'published'`)).toEqual([]);
    const reminders = await q(`SELECT dedupe_key FROM notifications WHERE kind IN ('report_reminder', 'duty_reminder') ORDER BY dedupe_key`);
    expect(reminders.map((r) => r.dedupe_key.replace(/:\d+:(\w+)$/, ":$1")).filter((k, i, all) => all.indexOf(k) === i).sort()).toEqual(
      [`duty-remind:${duty.id}:after`, `duty-remind:${duty.id}:d7`, `report-remind:${period2026}:after`, `report-remind:${period2026}:d14`].sort(),
    );

    // ---- every push exactly once: Zalo accepted one message per notification of a Zalo user, none twice
    const rows = await q<{ user_id: number; zalo_id: string | null; push_status: string }>(
      `SELECT n.user_id, u.zalo_id, n.push_status FROM notifications n JOIN users u ON u.id = n.user_id`,
    );
    const linked = rows.filter((r) => r.zalo_id);
    expect(linked.length).toBe(8 * 4 + 16); // 4 notices to 8 Zalo users, 16 reminders
    expect(linked.filter((r) => r.push_status !== "sent")).toEqual([]);
    expect(rows.filter((r) => !r.zalo_id).every((r) => r.push_status === "skipped")).toBe(true);
    const seen = new Map<string, number>();
    for (const m of oa.delivered) seen.set(`${m.to}\n${m.text}`, (seen.get(`${m.to}\n${m.text}`) ?? 0) + 1);
    expect([...seen.entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect(oa.delivered.length).toBe(linked.length);
    for (const zaloId of new Set(linked.map((r) => r.zalo_id!))) {
      expect(oa.delivered.filter((m) => m.to === zaloId).length, zaloId).toBe(linked.filter((r) => r.zalo_id === zaloId).length);
    }
    // the OA token was refreshed once, its single-use refresh token spent once
    expect(oa.refreshUses).toEqual(["refresh-1"]);
  }, 300_000);
});
