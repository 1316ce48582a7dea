import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { apiServerCommand } from "../../scripts/api-process.mjs";

/**
 * The one way tests run the real server as a process (crash, restart and outage tests): how the
 * server is started lives here, so changing it (a compiled build, say) changes every such test.
 */
export const REPO_ROOT = path.resolve(__dirname, "../..");

export async function freePort(): Promise<number> {
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

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  /** true while the process runs */
  alive(): boolean;
  /** SIGKILL to the whole process group */
  kill(): Promise<void>;
  /** SIGTERM (graceful shutdown), then waits for the exit */
  stop(): Promise<number | null>;
  /** what the server printed (stdout and stderr), when `capture` was asked for */
  output(): string;
}

/**
 * Starts the API as production runs it (scripts/api-process.mjs: the compiled dist/api/server.js,
 * or the sources through tsx with API_RUNNER=tsx) on 127.0.0.1:`port` with `env`, and resolves once
 * /api/health answers 200.
 */
export async function startServer(port: number, env: Record<string, string>, opts: { capture?: boolean } = {}): Promise<ServerProcess> {
  const api = await apiServerCommand();
  // detached: the server gets its own process group so a kill reaches all of it at once
  const child = spawn(api.command, api.args, {
    cwd: REPO_ROOT,
    detached: true,
    stdio: opts.capture ? ["ignore", "pipe", "pipe"] : "ignore",
    env: { ...process.env, NODE_ENV: "development", HOST: "127.0.0.1", LOG_LEVEL: "silent", ...env, PORT: String(port) },
  });
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      /* already gone */
    }
  };
  const server: ServerProcess = {
    base: `http://127.0.0.1:${port}`,
    child,
    alive,
    async kill() {
      if (!alive()) return;
      signal("SIGKILL");
      await exited;
    },
    async stop() {
      if (!alive()) return child.exitCode;
      signal("SIGTERM");
      return exited;
    },
    output: () => out,
  };
  for (let i = 0; i < 300; i++) {
    if (!alive()) throw new Error(`server exited during start (${child.exitCode}):\n${out}`);
    try {
      const r = await fetch(`${server.base}/api/health`);
      if (r.ok) return server;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await server.kill();
  throw new Error(`server did not start:\n${out}`);
}
