import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { apiServerCommand } from "../../scripts/api-process.mjs";

/**
 * A report accepted by the server is never lost: the real server on a SQLite file (WAL) is killed
 * with SIGKILL between and during saves, restarted on the same file, and the drafts are intact.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tns-crash-"));
const sqlitePath = path.join(dataDir, "crash.sqlite");
let child: ChildProcess | null = null;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function start(port: number): Promise<string> {
  // The server as production runs it; detached: its own process group, so SIGKILL reaches all of it.
  const api = await apiServerCommand();
  child = spawn(api.command, api.args, {
    cwd: path.resolve(__dirname, "../.."),
    detached: true,
    stdio: "ignore",
    env: {
      ...process.env,
      NODE_ENV: "development",
      PORT: String(port),
      HOST: "127.0.0.1",
      SQLITE_PATH: sqlitePath,
      UPLOAD_DIR: path.join(dataDir, "uploads"),
      SEED_DEMO: "false",
      DEV_SIGNIN: "true",
      LOG_LEVEL: "silent",
      DATABASE_URL: "",
      TEST_CLOCK: "2026-11-20T10:00:00+07:00",
    },
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) return base;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not start");
}

function killHard(): Promise<void> {
  const c = child;
  child = null;
  if (!c || c.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    c.once("exit", () => resolve());
    process.kill(-c.pid!, "SIGKILL");
  });
}

async function json(base: string, method: string, p: string, token?: string, body?: unknown) {
  const r = await fetch(`${base}${p}`, {
    method,
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json().catch(() => null)) as any };
}

afterAll(async () => {
  await killHard();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("reports survive a crash [sqlite file]", () => {
  it("keeps every acknowledged save after SIGKILL and a restart", async () => {
    const port = await freePort();
    let base = await start(port);
    const units = (await json(base, "GET", "/api/units")).body;
    const doan = units.find((u: any) => u.code === "DOAN").id;
    const token = (await json(base, "POST", "/api/auth/dev", undefined, { role: "focal", unitId: doan })).body.token;
    const period = (await json(base, "GET", "/api/periods")).body.find((p: any) => p.kind === "annual").id;
    const url = `/api/periods/${period}/reports/${doan}`;

    const form = (await json(base, "GET", url, token)).body;
    const ind = form.indicators.find((i: any) => i.measure === "percent");
    const save = (version: number, n: number) =>
      json(base, "PUT", url, token, { version, indicators: [{ indicatorId: ind.indicatorId, numerator: n, denominator: 500 }], difficulties: `Lần lưu ${n}` });

    const s1 = await save(form.version, 101);
    expect(s1.status).toBe(200);
    const s2 = await save(s1.body.version, 102);
    expect(s2.status).toBe(200);

    // crash right after an acknowledged save
    await killHard();
    base = await start(port);
    const afterFirst = (await json(base, "GET", url, token)).body;
    expect(afterFirst.version).toBe(s2.body.version);
    expect(afterFirst.difficulties).toBe("Lần lưu 102");
    expect(afterFirst.indicators.find((i: any) => i.indicatorId === ind.indicatorId)).toMatchObject({ numerator: 102, denominator: 500 });

    // crash in the middle of a burst of saves: whatever was acknowledged is there
    let version = afterFirst.version;
    let acked = 102;
    const burst = (async () => {
      for (let n = 103; n < 400; n++) {
        try {
          const r = await save(version, n);
          if (r.status !== 200) break;
          version = r.body.version;
          acked = n;
        } catch {
          break; // the connection died with the server
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    await killHard();
    await burst;
    base = await start(port);
    const after = (await json(base, "GET", url, token)).body;
    expect(acked).toBeGreaterThan(102);
    // the last acknowledged save is there (one more may have committed before its answer was lost)
    expect(after.version).toBeGreaterThanOrEqual(version);
    expect(after.version).toBeLessThanOrEqual(version + 1);
    const n = after.indicators.find((i: any) => i.indicatorId === ind.indicatorId).numerator;
    expect(n === acked || n === acked + 1).toBe(true);
    expect(after.difficulties).toBe(`Lần lưu ${n}`);
    expect(after.status).toBe("draft");
  }, 120_000);
});
