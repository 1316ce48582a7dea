import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { apiServerCommand } from "../../scripts/api-process.mjs";

// The server as production runs it (compiled once here when the sources changed).
let api: { command: string; args: string[] };
beforeAll(async () => {
  api = await apiServerCommand();
});

/** Runs the real server process; resolves with its exit code and output. */
function runServer(env: Record<string, string>, untilHealthy = false): Promise<{ code: number | null; out: string; port: string }> {
  const port = String(20000 + Math.floor(Math.random() * 20000));
  return new Promise((resolve) => {
    const child = spawn(api.command, api.args, {
      env: { ...process.env, DATABASE_URL: "", NODE_ENV: "development", LOG_LEVEL: "info", PORT: port, HOST: "127.0.0.1", WEB_DIR: "/nonexistent", ...env },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => resolve({ code, out, port }));
    if (untilHealthy) {
      const poll = setInterval(async () => {
        try {
          const r = await fetch(`http://127.0.0.1:${port}/api/health`);
          if (r.ok) {
            clearInterval(poll);
            child.kill("SIGTERM");
          }
        } catch {
          /* not up yet */
        }
      }, 200);
      child.on("exit", () => clearInterval(poll));
    }
  });
}

describe("server start-up and shutdown", () => {
  it("refuses a database file that cannot be opened with a clear message, once (no crash loop)", async () => {
    const blocker = path.join(os.tmpdir(), `tns-not-a-dir-${Date.now()}`);
    fs.writeFileSync(blocker, "a file, not a folder");
    const { code, out } = await runServer({ SQLITE_PATH: path.join(blocker, "db.sqlite") });
    expect(code).toBe(78);
    expect(out).toContain("Không mở được cơ sở dữ liệu SQLite");
    expect(out).toContain("SQLITE_PATH");
    fs.rmSync(blocker);
  });

  it("refuses invalid configuration with one readable line per problem", async () => {
    const { code, out } = await runServer({ PORT: "không-phải-số", DATABASE_URL: "mysql://x" });
    expect(code).toBe(78);
    expect(out).toContain("Cấu hình không hợp lệ");
    expect(out).toMatch(/PORT/);
    expect(out).toMatch(/DATABASE_URL/);
  });

  it("creates the SQLite database on first start and shuts down cleanly on SIGTERM", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tns-life-"));
    const file = path.join(dir, "nested", "db.sqlite");
    const { code, out } = await runServer({ SQLITE_PATH: file, UPLOAD_DIR: path.join(dir, "up") }, true);
    expect(code).toBe(0);
    expect(fs.existsSync(file)).toBe(true);
    expect(out).toContain("database closed");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
