import { startFakeServer, type FakeReply, type FakeRequest, type FakeServer } from "./fake-server.js";

export interface FakeZaloAccount {
  id: string;
  name: string;
  avatar: string;
  phone?: string;
}

/**
 * A Zalo Graph API stand-in: known access tokens map to accounts, known phone tokens to numbers.
 * Like the real one, a bad token gets HTTP 200 with {error: <non-zero>, message}.
 * `override` replaces the next answers (5xx, delays, hang-ups) until cleared.
 */
export interface FakeZaloGraph {
  server: FakeServer;
  url: string;
  accounts: Map<string, FakeZaloAccount>;
  phoneTokens: Map<string, string>;
  override: ((req: FakeRequest) => FakeReply) | null;
  close(): Promise<void>;
}

export async function startFakeZaloGraph(): Promise<FakeZaloGraph> {
  const graph: Omit<FakeZaloGraph, "server" | "url" | "close"> = { accounts: new Map(), phoneTokens: new Map(), override: null };
  const server = await startFakeServer((req) => {
    if (graph.override) return graph.override(req);
    const token = String(req.headers["access_token"] ?? "");
    const account = graph.accounts.get(token);
    if (req.path === "/v2.0/me") {
      if (!account) return { json: { error: 452, message: "Access token is invalid or expired" } };
      return { json: { id: account.id, name: account.name, picture: { data: { url: account.avatar } }, error: 0, message: "Success" } };
    }
    if (req.path === "/v2.0/me/info") {
      if (!account) return { json: { error: 452, message: "Access token is invalid or expired" } };
      const number = graph.phoneTokens.get(String(req.headers["code"] ?? ""));
      if (!number) return { json: { error: -201, message: "Invalid code" } };
      return { json: { data: { number }, error: 0, message: "Success" } };
    }
    return { status: 404, json: { error: 404, message: "not found" } };
  });
  return Object.assign(graph, { server, url: server.url, close: () => server.close() });
}
