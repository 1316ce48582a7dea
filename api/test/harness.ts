import crypto from "node:crypto";
import pg from "pg";
import supertest from "supertest";
import { describe } from "vitest";
import type { Express } from "express";
import { loadConfig, type Config } from "../src/config.js";
import { bootstrap } from "../src/bootstrap.js";
import { buildApp, type BuiltApp } from "../src/app.js";
import { createLogger, type Logger } from "../src/lib/logger.js";
import { closeExports } from "../src/workers/run.js";
import type { AppContext, Clock } from "../src/http/context.js";
import type { DialectName } from "../src/db/database.js";
import type { Role } from "../src/contract/identity.js";

/** SQLite always; PostgreSQL too when DATABASE_URL is set (CI sets it). */
export const DIALECTS: DialectName[] = ["sqlite", ...(process.env.DATABASE_URL ? (["postgres"] as const) : [])];

/** A clock tests can set and move. */
export class TestClock implements Clock {
  constructor(private t: number = Date.parse("2026-11-20T03:00:00.000Z")) {}
  now(): Date {
    return new Date(this.t);
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface Harness {
  ctx: AppContext;
  app: Express;
  built: BuiltApp;
  clock: TestClock;
  dialect: DialectName;
  http: () => supertest.Agent;
  /** Dev sign-in; returns the bearer token. */
  signIn(role: Role, opts?: { unitId?: number; wardId?: number; name?: string }): Promise<string>;
  /** The id of a unit by code (e.g. "DOAN"). */
  unitId(code: string): Promise<number>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  clock?: TestClock;
  /** the app's logger (default: silent); a test that reads the log passes its own */
  logger?: Logger;
}

/** A fresh, migrated and seeded database (its own PostgreSQL schema) behind an in-process app. */
export async function createHarness(dialect: DialectName, options: HarnessOptions = {}): Promise<Harness> {
  const clock = options.clock ?? new TestClock();
  let schema: string | undefined;
  const env: Record<string, string> = {
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    SQLITE_PATH: ":memory:",
    UPLOAD_DIR: `/tmp/tns-test-uploads-${crypto.randomUUID()}`,
    SEED_DEMO: "false",
    ...options.env,
  };
  if (dialect === "postgres") {
    schema = `t_${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    env.DATABASE_URL = process.env.DATABASE_URL!;
  } else {
    delete env.DATABASE_URL;
  }
  const config: Config = loadConfig(env);
  const ctx = await bootstrap(config, { clock, searchPath: schema, logger: options.logger ?? createLogger("silent") });
  const built = buildApp(ctx);
  const app = built.app;
  const http = () => supertest.agent(app);
  return {
    ctx,
    app,
    built,
    clock,
    dialect,
    http,
    async signIn(role, opts = {}) {
      const res = await supertest(app).post("/api/auth/dev").send({ role, ...opts });
      if (res.status !== 200) throw new Error(`dev sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    async unitId(code) {
      const row = await ctx.database.db.selectFrom("units").select("id").where("code", "=", code).executeTakeFirstOrThrow();
      return row.id;
    },
    async close() {
      await closeExports(ctx);
      await ctx.database.destroy();
      if (schema) {
        const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await admin.connect();
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      }
    },
  };
}

/** Runs the same suite on every database: `describeEachDb("feed", (h) => { it(...h().http()...) })`. */
export function describeEachDb(name: string, body: (h: () => Harness) => void, options: HarnessOptions = {}): void {
  for (const dialect of DIALECTS) {
    describe(`${name} [${dialect}]`, async () => {
      const { beforeAll, afterAll } = await import("vitest");
      let harness: Harness | undefined;
      beforeAll(async () => {
        harness = await createHarness(dialect, { ...options, clock: options.clock ? new TestClock(options.clock.now().getTime()) : undefined });
      });
      afterAll(async () => {
        await harness?.close();
      });
      body(() => {
        if (!harness) throw new Error("harness not ready");
        return harness;
      });
    });
  }
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
