import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { bootstrap } from "../src/bootstrap.js";
import { buildApp } from "../src/app.js";
import { createLogger } from "../src/lib/logger.js";
import type { AppContext } from "../src/http/context.js";
import { TestClock, bearer } from "./harness.js";

/**
 * A database outage, in process: PostgreSQL is reached through a TCP relay the test cuts and restores
 * (the shared test server is never touched); SQLite is held locked by another connection. While the
 * database is unreachable every request answers 503 DATABASE_UNAVAILABLE with Retry-After, health says
 * what is down, and the first request once it is back succeeds. (A real PostgreSQL stopped and started
 * under a running server is in db-restart.test.ts.)
 */

/** A TCP relay to PostgreSQL that can drop every connection and refuse new ones, then recover. */
class Relay {
  private server = net.createServer((client) => this.accept(client));
  private sockets = new Set<net.Socket>();
  private down = false;
  port = 0;
  constructor(private target: { host: string; port: number }) {}
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", () => resolve()));
    this.port = (this.server.address() as net.AddressInfo).port;
  }
  private accept(client: net.Socket): void {
    if (this.down) return void client.destroy();
    const upstream = net.connect(this.target.port, this.target.host);
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
      s.on("error", () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  }
  cut(): void {
    this.down = true;
    for (const s of this.sockets) s.destroy();
  }
  restore(): void {
    this.down = false;
  }
  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const expectUnavailable = (res: supertest.Response, where: string) => {
  expect(res.status, `${where}: ${res.status} ${JSON.stringify(res.body)}`).toBe(503);
  expect(res.body.error.code).toBe("DATABASE_UNAVAILABLE");
  expect(res.body.error.message).toMatch(/thử lại/);
  expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
};

const baseEnv = (extra: Record<string, string>) => ({
  NODE_ENV: "test",
  LOG_LEVEL: "silent",
  SEED_DEMO: "false",
  UPLOAD_DIR: path.join(os.tmpdir(), `tns-outage-uploads-${crypto.randomUUID()}`),
  ...extra,
});

const pgUrl = process.env.DATABASE_URL;

describe.skipIf(!pgUrl)("database outage [postgres, relay cut and restored]", () => {
  let relay: Relay;
  let ctx: AppContext;
  let http: () => supertest.Agent;
  const schema = `t_${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`;

  beforeAll(async () => {
    const url = new URL(pgUrl!);
    relay = new Relay({ host: url.hostname, port: Number(url.port || 5432) });
    await relay.start();
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    url.hostname = "127.0.0.1";
    url.port = String(relay.port);
    const config = loadConfig(baseEnv({ DATABASE_URL: url.toString() }));
    ctx = await bootstrap(config, { clock: new TestClock(), searchPath: schema, logger: createLogger("silent") });
    const { app } = buildApp(ctx);
    http = () => supertest.agent(app);
  });

  afterAll(async () => {
    relay?.restore();
    await ctx?.database.destroy();
    await relay?.close();
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it("answers 503 with a stable code during the outage, and 200 on the first request after it", async () => {
    const token = (await http().post("/api/auth/dev").send({ role: "youth", name: "Người Thử Mất Kết Nối" })).body.token as string;
    // several idle connections in the pool: each one is cut under it (the process must not die)
    await Promise.all([1, 2, 3, 4].map(() => http().get("/api/units")));
    expect((await http().get("/api/health")).status).toBe(200);

    relay.cut();
    await new Promise((r) => setTimeout(r, 50)); // let the pool notice its dead connections

    const health = await http().get("/api/health");
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ ok: false, db: "postgres", down: ["database"] });
    expect(Number(health.headers["retry-after"])).toBeGreaterThan(0);
    expectUnavailable(await http().get("/api/units"), "public read");
    expectUnavailable(await http().get("/api/me").set(bearer(token)), "signed-in read");
    expectUnavailable(await http().patch("/api/me").set(bearer(token)).send({ consent: true }), "write");
    expectUnavailable(await http().post("/api/auth/dev").send({ role: "staff" }), "sign-in");

    relay.restore();
    const after = await http().get("/api/health");
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ ok: true, down: [] });
    const me = await http().patch("/api/me").set(bearer(token)).send({ consent: true });
    expect(me.status).toBe(200);
    expect(me.body.consented).toBe(true);
  });

  it("survives the connections being cut under queries in flight", async () => {
    const token = (await http().post("/api/auth/dev").send({ role: "staff" })).body.token as string;
    const inFlight = Array.from({ length: 8 }, () => http().get("/api/users").set(bearer(token)));
    setTimeout(() => relay.cut(), 5);
    const results = await Promise.all(inFlight);
    for (const r of results) expect([200, 503]).toContain(r.status);
    relay.restore();
    expect((await http().get("/api/users").set(bearer(token))).status).toBe(200);
  });
});

describe("database outage [sqlite, file locked by another writer]", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tns-outage-"));
  const file = path.join(dir, "db.sqlite");
  let ctx: AppContext;
  let http: () => supertest.Agent;

  beforeAll(async () => {
    const config = loadConfig(baseEnv({ SQLITE_PATH: file, SQLITE_BUSY_TIMEOUT_MS: "100" }));
    ctx = await bootstrap(config, { clock: new TestClock(), logger: createLogger("silent") });
    http = () => supertest.agent(buildApp(ctx).app);
  });

  afterAll(async () => {
    await ctx?.database.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers a write 503 while another process holds the lock, and succeeds once it is released", async () => {
    const token = (await http().post("/api/auth/dev").send({ role: "youth", name: "Người Chờ Khóa" })).body.token as string;
    const other = new SQLite(file);
    other.pragma("busy_timeout = 0");
    other.exec("BEGIN IMMEDIATE");
    try {
      expectUnavailable(await http().patch("/api/me").set(bearer(token)).send({ consent: true }), "write under lock");
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    const me = await http().patch("/api/me").set(bearer(token)).send({ consent: true });
    expect(me.status).toBe(200);
    expect(me.body.consented).toBe(true);
  });
});

describe("what counts as the database being unreachable", () => {
  it("knows PostgreSQL shutdowns, cut sockets and SQLite locks, and nothing else", async () => {
    const { isDatabaseUnavailable } = await import("../src/db/unavailable.js");
    const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });
    for (const e of [
      withCode("57P01", "terminating connection due to administrator command"),
      withCode("57P03", "the database system is starting up"),
      withCode("ECONNREFUSED"),
      new Error("Connection terminated unexpectedly"),
      withCode("SQLITE_BUSY"),
      withCode("SQLITE_IOERR_WRITE"),
      Object.assign(new Error("wrapped"), { cause: withCode("ECONNRESET") }),
    ]) {
      expect(isDatabaseUnavailable(e), String(e)).toBe(true);
    }
    for (const e of [
      withCode("23505", "duplicate key value violates unique constraint"),
      withCode("SQLITE_CONSTRAINT_UNIQUE"),
      new Error("Cannot read properties of undefined"),
      Object.assign(new TypeError("fetch failed"), { cause: withCode("ECONNREFUSED") }),
      null,
    ]) {
      expect(isDatabaseUnavailable(e), String(e)).toBe(false);
    }
  });
});
