import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./harness.js";

/** A GET with the raw bytes of the answer (no client-side decompression), to see what really goes out. */
function rawGet(base: string, url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${url}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

describe("the built mini app and JSON answers go out compressed", () => {
  let h: Harness;
  let server: http.Server;
  let base = "";
  const get = (url: string, headers: Record<string, string> = {}) => rawGet(base, url, headers);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tns-web-"));
  const js = `console.log(${JSON.stringify("Thanh niên số ".repeat(200))});`;
  const BASE = "/zapps/thanh-nien-so";

  beforeAll(async () => {
    // What `vite build` writes (vite.config.ts): hashed assets with .br/.gz beside them.
    fs.mkdirSync(path.join(dir, "assets"));
    fs.writeFileSync(path.join(dir, "index.html"), '<!doctype html><html><head><script type="module" src="./assets/index.Ab12.module.js"></script></head><body></body></html>');
    fs.writeFileSync(path.join(dir, "app-config.json"), JSON.stringify({ listSyncJS: ["assets/index.Ab12.module.js"] }));
    fs.writeFileSync(path.join(dir, "assets", "index.Ab12.module.js"), js);
    fs.writeFileSync(path.join(dir, "assets", "index.Ab12.module.js.br"), zlib.brotliCompressSync(js));
    fs.writeFileSync(path.join(dir, "assets", "index.Ab12.module.js.gz"), zlib.gzipSync(js));
    h = await createHarness("sqlite", { env: { WEB_DIR: dir, SEED_DEMO: "true" } });
    server = h.app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await h?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("serves a hashed asset precompressed (brotli first, then gzip), immutable for a year", async () => {
    const url = `${BASE}/assets/index.Ab12.module.js`;
    const br = await get(url, { "Accept-Encoding": "gzip, deflate, br" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toMatch(/javascript/);
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(js);
    const gz = await get(url, { "Accept-Encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gz.body).toString()).toBe(js);
    const plain = await get(url, { "Accept-Encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(js);
    const refusedBr = await get(url, { "Accept-Encoding": "br;q=0, gzip" });
    expect(refusedBr.headers["content-encoding"]).toBe("gzip");
  });

  it("revalidates index.html and app-config.json every time (a new build names new assets)", async () => {
    const page = await h.http().get(`${BASE}/announcements/3`);
    expect(page.status).toBe(200);
    expect(page.headers["cache-control"]).toBe("no-cache");
    expect(page.text).toContain(`<base href="${BASE}/">`);
    const again = await h.http().get(`${BASE}/`).set("If-None-Match", page.headers.etag);
    expect(again.status).toBe(304);
    const config = await h.http().get(`${BASE}/app-config.json`);
    expect(config.headers["cache-control"]).toBe("no-cache");
    expect(config.headers.etag).toBeTruthy();
  });

  it("compresses JSON answers for a client that accepts it, and not for one that does not", async () => {
    const gz = await get("/api/openapi.json", { "Accept-Encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    const doc = JSON.parse(zlib.gunzipSync(gz.body).toString());
    expect(doc.openapi).toMatch(/^3\./);
    const plain = await get("/api/openapi.json");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(plain.body.toString())).toEqual(doc);
  });

  it("the anonymous feed, shared by everyone, goes out compressed with the same content", async () => {
    const plain = await h.http().get("/api/announcements").expect(200);
    expect(plain.body.items.length).toBeGreaterThan(0);
    for (const coding of ["br", "gzip"] as const) {
      const res = await get("/api/announcements", { "Accept-Encoding": coding });
      expect(res.headers["content-encoding"]).toBe(coding);
      expect(res.headers.vary).toMatch(/Accept-Encoding/);
      expect(res.headers.etag).toBe(plain.headers.etag);
      const body = coding === "br" ? zlib.brotliDecompressSync(res.body) : zlib.gunzipSync(res.body);
      expect(JSON.parse(body.toString())).toEqual(plain.body);
    }
  });

  it("a signed-in feed, personal, is compressed as it is sent, with the same content and ETag", async () => {
    const youth = { Authorization: `Bearer ${await h.signIn("youth")}` };
    const plain = await get("/api/announcements", { ...youth, "Accept-Encoding": "identity" });
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.length).toBeGreaterThanOrEqual(1024); // (the seeded feed is more than a few notices)
    const content = JSON.parse(plain.body.toString());
    expect(content.items.length).toBeGreaterThan(0);
    for (const coding of ["br", "gzip"] as const) {
      const res = await get("/api/announcements", { ...youth, "Accept-Encoding": `${coding}, identity` });
      expect(res.status).toBe(200);
      expect(res.headers["content-encoding"]).toBe(coding);
      expect(res.headers["content-length"]).toBe(String(res.body.length));
      expect(res.body.length).toBeLessThan(plain.body.length);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers.vary).toMatch(/Authorization, Accept-Encoding/);
      expect(res.headers.etag).toBe(plain.headers.etag);
      const body = coding === "br" ? zlib.brotliDecompressSync(res.body) : zlib.gunzipSync(res.body);
      expect(JSON.parse(body.toString())).toEqual(content);
    }
    // and its revalidation is still a 304 with no body
    const again = await get("/api/announcements", { ...youth, "Accept-Encoding": "br", "If-None-Match": plain.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });
});
