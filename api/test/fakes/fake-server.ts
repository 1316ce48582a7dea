import http from "node:http";
import type { AddressInfo } from "node:net";

/** A request the fake received, with its body parsed (JSON or form) when possible. */
export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** What the fake answers; `hangUp` drops the connection, `delayMs` waits first (for time-outs). */
export interface FakeReply {
  status?: number;
  json?: unknown;
  text?: string;
  delayMs?: number;
  hangUp?: boolean;
}

export type FakeHandler = (req: FakeRequest) => FakeReply | Promise<FakeReply>;

export interface FakeServer {
  url: string;
  requests: FakeRequest[];
  setHandler(handler: FakeHandler): void;
  close(): Promise<void>;
}

/** A small HTTP server of ours on loopback that stands in for Zalo's APIs in tests. */
export async function startFakeServer(initial: FakeHandler): Promise<FakeServer> {
  let handler = initial;
  const requests: FakeRequest[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://fake");
      let body: unknown = raw;
      const type = req.headers["content-type"] ?? "";
      if (type.includes("json") && raw) body = safeJson(raw);
      else if (type.includes("x-www-form-urlencoded")) body = Object.fromEntries(new URLSearchParams(raw));
      const fr: FakeRequest = { method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body };
      requests.push(fr);
      try {
        const reply = await handler(fr);
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        if (reply.hangUp) {
          req.socket.destroy();
          return;
        }
        if (res.destroyed) return;
        res.statusCode = reply.status ?? 200;
        if (reply.json !== undefined) {
          res.setHeader("Content-Type", "application/json");
          res.end(JSON.stringify(reply.json));
        } else res.end(reply.text ?? "");
      } catch (err) {
        res.statusCode = 500;
        res.end(String(err));
      }
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setHandler(h) {
      handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** The environment that sends pushes through the Zalo OA channel to a fake at `url`. */
export function fakeOaEnv(url: string): Record<string, string> {
  return {
    ZALO_OA_API_URL: url,
    ZALO_OA_OAUTH_URL: url,
    ZALO_OA_ACCESS_TOKEN: "access-1",
    ZALO_OA_REFRESH_TOKEN: "refresh-1",
    ZALO_APP_SECRET: "secret",
    ZALO_APP_ID: "1234567890",
  };
}
