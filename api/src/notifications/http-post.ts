import http from "node:http";
import https from "node:https";

/**
 * Whether the other side may have acted on a request that failed in transport:
 * - "no": the connection was never established, nothing reached Zalo (safe to retry);
 * - "unknown": the request went out and no answer came back (time-out, hang-up): Zalo may have
 *   delivered the message, so retrying could send it twice.
 */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly reached: "no" | "unknown",
    readonly timedOut: boolean,
  ) {
    super(message);
  }
}

export interface PostResult {
  status: number;
  text: string;
  json: unknown;
}

/**
 * One POST bounded by `timeoutMs` from start to last byte. A fresh connection per call (no
 * keep-alive) so that a stale pooled socket can never blur "not sent" with "sent, no answer".
 */
export function postOnce(
  url: string,
  opts: { headers: Record<string, string>; body: string; contentType: string; timeoutMs: number },
): Promise<PostResult> {
  const u = new URL(url);
  const mod = u.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    let connected = false;
    let timedOut = false;
    const req = mod.request(u, {
      method: "POST",
      agent: false,
      headers: { ...opts.headers, "Content-Type": opts.contentType, "Content-Length": String(Buffer.byteLength(opts.body)) },
    });
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy(new Error(`hết thời gian chờ ${opts.timeoutMs} ms`));
    }, opts.timeoutMs);
    req.on("socket", (socket) => {
      const connectEvent = u.protocol === "https:" ? "secureConnect" : "connect";
      if (!socket.connecting) connected = true;
      else socket.once(connectEvent, () => (connected = true));
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", (err) => {
        clearTimeout(timer);
        reject(new TransportError(err.message, "unknown", timedOut));
      });
      res.on("end", () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode ?? 0, text, json });
      });
    });
    req.on("error", (err) => {
      clearTimeout(timer);
      reject(new TransportError(timedOut ? `hết thời gian chờ ${opts.timeoutMs} ms` : err.message, connected ? "unknown" : "no", timedOut));
    });
    req.end(opts.body);
  });
}
