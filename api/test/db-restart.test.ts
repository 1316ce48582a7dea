import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startServer, type ServerProcess } from "./server-process.js";

/**
 * The real server survives PostgreSQL stopping and starting under it (issue 12). The test runs its
 * own PostgreSQL on its own port and data folder (never the shared test server), stops and starts it
 * — and restarts it, the reported repro — while saves and reads flow, and checks that the process
 * lives, every request during the outage answers 503 DATABASE_UNAVAILABLE with Retry-After, the first
 * request once the database is back succeeds, and no acknowledged save is lost.
 *
 * Needs PostgreSQL's server binaries (PGBIN, or /usr/lib/postgresql/<v>/bin). Without them it is
 * skipped with a message — except where REQUIRE_PG_RESTART_TEST=1 (.ci/run sets it), where it fails.
 */
function findPgBin(): string | null {
  const candidates = [process.env.PGBIN, ...listVersions()].filter((d): d is string => !!d);
  return candidates.find((d) => fs.existsSync(path.join(d, "initdb")) && fs.existsSync(path.join(d, "pg_ctl"))) ?? null;
}
function listVersions(): string[] {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(root, v, "bin"));
}

const PGBIN = findPgBin();
const REQUIRED = process.env.REQUIRE_PG_RESTART_TEST === "1";
if (!PGBIN && !REQUIRED) console.warn("db-restart.test.ts skipped: no PostgreSQL server binaries (set PGBIN or install postgresql).");

/** PostgreSQL refuses to run as root: as root, its commands run as the postgres user. */
const asRoot = process.getuid?.() === 0;
// The tools run without faketime (the API tests are also run under it): the database keeps real time.
const pgEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "LD_PRELOAD" && !k.startsWith("FAKETIME")));

function pg(tool: string, args: string[]): void {
  const cmd = path.join(PGBIN!, tool);
  const options = { env: pgEnv, encoding: "utf8" as const, timeout: 60_000 };
  const r = asRoot ? spawnSync("runuser", ["-u", "postgres", "--", cmd, ...args], options) : spawnSync(cmd, args, options);
  if (r.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed (${r.status}): ${r.stderr || r.stdout}`);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tns-pgrestart-"));
const pgData = path.join(dataDir, "pgdata");
let server: ServerProcess | null = null;
let pgPort = 0;
let pgRunning = false;

// -l always: without a log file the postmaster would keep pg_ctl's output pipes open (and spawnSync waiting).
const pgOptions = () => ["-D", pgData, "-l", path.join(pgData, "server.log"), "-w", "-o", `-p ${pgPort} -k ${pgData} -c listen_addresses=127.0.0.1 -c fsync=off`];
const pgStart = () => {
  pg("pg_ctl", [...pgOptions(), "start"]);
  pgRunning = true;
};
const pgStop = () => {
  pg("pg_ctl", ["-D", pgData, "-m", "fast", "-w", "stop"]);
  pgRunning = false;
};

afterAll(async () => {
  await server?.kill();
  if (pgRunning) pgStop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!PGBIN && !REQUIRED)("API through a PostgreSQL restart [real server, own PostgreSQL]", () => {
  it("lives, answers 503 DATABASE_UNAVAILABLE during the outage, 200 right after, and loses no acknowledged save", async () => {
    expect(PGBIN, "REQUIRE_PG_RESTART_TEST=1 but no PostgreSQL server binaries were found").toBeTruthy();
    pgPort = await freePort();
    fs.mkdirSync(pgData, { mode: 0o700 });
    if (asRoot) {
      const id = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
      const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
      fs.chownSync(dataDir, Number(id.stdout), Number(gid.stdout));
      fs.chownSync(pgData, Number(id.stdout), Number(gid.stdout));
    }
    pg("initdb", ["-D", pgData, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"]);
    pgStart();

    server = await startServer(await freePort(), {
      DATABASE_URL: `postgres://postgres@127.0.0.1:${pgPort}/postgres`,
      UPLOAD_DIR: path.join(dataDir, "uploads"),
      SEED_DEMO: "false",
      DEV_SIGNIN: "true",
      // the push worker and reminders tick often, so idle pooled connections exist when PostgreSQL goes
      WORKER_INTERVAL_MS: "200",
      TEST_CLOCK: "2026-11-20T10:00:00+07:00",
    });
    const base = server.base;
    const call = async (method: string, p: string, token?: string, body?: unknown) => {
      try {
        const r = await fetch(`${base}${p}`, {
          method,
          headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: r.status, retryAfter: r.headers.get("retry-after"), body: (await r.json().catch(() => null)) as any };
      } catch (err) {
        return { status: 0, retryAfter: null, body: { error: { code: `NETWORK:${(err as Error).message}` } } };
      }
    };

    const units = (await call("GET", "/api/units")).body;
    const doan = units.find((u: any) => u.code === "DOAN").id;
    const token = (await call("POST", "/api/auth/dev", undefined, { role: "focal", unitId: doan })).body.token as string;
    const period = (await call("GET", "/api/periods")).body.find((p: any) => p.kind === "annual").id;
    const url = `/api/periods/${period}/reports/${doan}`;
    let version = (await call("GET", url, token)).body.version as number;

    // Saves flow one after another: each acknowledged one (200) is remembered.
    const acked: string[] = [];
    const seen: { status: number; code?: string; retryAfter: string | null }[] = [];
    let flowing = true;
    let n = 0;
    const writer = (async () => {
      while (flowing) {
        const text = `Lần lưu ${++n}`;
        const r = await call("PUT", url, token, { version, difficulties: text });
        seen.push({ status: r.status, code: r.body?.error?.code, retryAfter: r.retryAfter });
        if (r.status === 200) {
          version = r.body.version;
          acked.push(text);
        } else if (r.status === 409) {
          // a save whose answer was lost may have committed: continue from what is stored
          const cur = await call("GET", url, token);
          if (cur.status === 200) version = cur.body.version;
        } else {
          await sleep(50);
        }
      }
    })();
    const reader = (async () => {
      while (flowing) {
        const r = await call("GET", "/api/me", token);
        seen.push({ status: r.status, code: r.body?.error?.code, retryAfter: r.retryAfter });
        await sleep(20);
      }
    })();

    await sleep(800);
    const ackedBefore = acked.length;
    expect(ackedBefore).toBeGreaterThan(0);

    // 1. PostgreSQL stops: the API stays up and says "try again" everywhere.
    pgStop();
    const fromOutage = seen.length;
    await sleep(1500);
    expect(server.alive()).toBe(true);
    const health = await call("GET", "/api/health");
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ ok: false, db: "postgres", down: ["database"] });
    expect(Number(health.retryAfter)).toBeGreaterThan(0);
    for (const [method, p, body] of [
      ["GET", "/api/units"],
      ["GET", "/api/me"],
      ["PUT", url, { version, difficulties: "trong lúc mất kết nối" }],
    ] as const) {
      const r = await call(method, p, token, body);
      expect(r.status, `${method} ${p}`).toBe(503);
      expect(r.body.error.code).toBe("DATABASE_UNAVAILABLE");
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
    }
    const during = seen.slice(fromOutage + 4); // requests already in flight when it stopped may end either way
    expect(during.length).toBeGreaterThan(0);
    expect(during.filter((s) => s.status !== 503 || s.code !== "DATABASE_UNAVAILABLE" || !s.retryAfter)).toEqual([]);

    // 2. PostgreSQL is back: the very first request succeeds, no restart of the API.
    pgStart();
    const first = await call("GET", "/api/me", token);
    expect(first.status).toBe(200);
    expect((await call("GET", "/api/health")).status).toBe(200);
    await sleep(500);
    expect(acked.length).toBeGreaterThan(ackedBefore);

    // 3. The reported repro: pg_ctl restart -m fast under load, the process lives and recovers.
    pg("pg_ctl", [...pgOptions(), "-m", "fast", "restart"]);
    const afterRestart = await call("GET", "/api/me", token);
    expect(afterRestart.status).toBe(200);
    await sleep(500);

    flowing = false;
    await Promise.all([writer, reader]);
    expect(server.alive()).toBe(true);
    // never a 500 at any point, only answers or "try again"
    expect(seen.filter((s) => s.status >= 500 && s.status !== 503)).toEqual([]);

    // 4. Nothing acknowledged was lost: every acknowledged save is in the report's audit trail.
    const audit = (await call("GET", `${url}/audit`, token)).body as { field: string | null; newValue: string | null }[];
    const stored = new Set(audit.filter((a) => a.field === "difficulties").map((a) => a.newValue));
    expect(acked.filter((t) => !stored.has(t))).toEqual([]);
    const final = (await call("GET", url, token)).body;
    expect(final.version).toBeGreaterThanOrEqual(version);

    await server.stop();
    expect(server.alive()).toBe(false);
  }, 120_000);
});
