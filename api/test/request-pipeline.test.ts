import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, createHarness, describeEachDb, type Harness } from "./harness.js";
import { PNG_1X1 } from "./feedback-helpers.js";

/**
 * What every request goes through before and around its route (app.ts, http/): routes are found
 * as Express finds them, security headers by kind of answer, Vary on what an answer depends on.
 */
describeEachDb("the request pipeline", (h) => {
  it("finds routes as Express does: any case, a trailing slash, HEAD by GET, first rule wins", async () => {
    const plain = await h().http().get("/api/indicators").expect(200);
    expect((await h().http().get("/api/INDICATORS").expect(200)).body).toEqual(plain.body);
    expect((await h().http().get("/api/indicators/").expect(200)).body).toEqual(plain.body);
    const head = await h().http().head("/api/indicators");
    expect(head.status).toBe(200);
    expect(head.headers["content-type"]).toMatch(/^application\/json/);
    expect(head.body).toEqual({});
    // a path parameter is URI-decoded; a broken escape is refused, not a crash
    const id = (await h().http().get("/api/announcements/12%33456789")).body;
    expect(id.error.code).toBe("ANNOUNCEMENT_NOT_FOUND"); // 123456789, decoded
    const broken = await h().http().get("/api/announcements/%E0%A4%A");
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe("BAD_REQUEST");
  });

  it("answers an unknown path, or a known path with another method, with ROUTE_NOT_FOUND", async () => {
    for (const [method, url] of [
      ["get", "/api/khong-co"],
      ["get", "/api/indicators/1/2/3"],
      ["post", "/api/health"],
      ["delete", "/api/config"],
    ] as const) {
      const res = await h().http()[method](url);
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.body.error.code).toBe("ROUTE_NOT_FOUND");
    }
  });

  it("runs the API as if mounted at /api: the mount in any case, /api itself, and paths that only start like it", async () => {
    const config = await h().http().get("/api/config").expect(200);
    expect((await h().http().get("/API/config").expect(200)).body).toEqual(config.body);
    expect((await h().http().get("/Api/Config?x=1").expect(200)).body).toEqual(config.body);
    for (const url of ["/api", "/api/", "/api?x=1"]) {
      const res = await h().http().get(url).expect(404);
      expect(res.body.error.code, url).toBe("ROUTE_NOT_FOUND");
      expect(res.body.error.message, url).toContain("GET /api");
      expect(res.headers["cache-control"]).toBe("no-store");
    }
    // the whole path, as it was asked, in the message (req.originalUrl)
    expect((await h().http().get("/api/khong-co?ma=1").expect(404)).body.error.message).toContain("GET /api/khong-co.");
    // not the API: no JSON error from it
    const other = await h().http().get("/apis/config");
    expect(other.status).toBe(404);
    expect(other.body?.error?.code).toBeUndefined();
    // a caller's request id comes back; a made-up one is replaced
    expect((await h().http().get("/api/config").set("X-Request-Id", "abc-123").expect(200)).headers["x-request-id"]).toBe("abc-123");
    expect((await h().http().get("/api/config").set("X-Request-Id", "<script>").expect(200)).headers["x-request-id"]).toMatch(/^[\w-]{36}$/);
  });

  it("sends API answers the short API security set, and says what they vary on", async () => {
    const res = await h().http().get("/api/indicators").expect(200);
    expect(res.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    // (the test client asks for gzip: the compressed answer also varies on the coding)
    expect(res.headers.vary).toBe("Origin, Authorization, Accept-Encoding");
    const feed = await h().http().get("/api/announcements").expect(200);
    expect(feed.headers.vary).toBe("Origin, Authorization, Accept-Encoding");
    // the feed sends its bytes itself: HEAD has the headers and no body, a signed-in answer is compressed
    const plain = await h().http().get("/api/announcements").set("Accept-Encoding", "identity").expect(200);
    const head = await h().http().head("/api/announcements").set("Accept-Encoding", "identity").expect(200);
    expect(head.headers["content-length"]).toBe(String(Buffer.byteLength(JSON.stringify(plain.body))));
    expect(head.text ?? "").toBe("");
    const youth = bearer(await h().signIn("youth"));
    const signedPlain = await h().http().get("/api/announcements").set(youth).set("Accept-Encoding", "identity").expect(200);
    const signed = await h().http().get("/api/announcements").set(youth).set("Accept-Encoding", "gzip").expect(200);
    // (compression starts at 1 kB)
    expect(signed.headers["content-encoding"]).toBe(Number(signedPlain.headers["content-length"]) >= 1024 ? "gzip" : undefined);
    expect(signed.body).toEqual(signedPlain.body);
    // a cross-origin caller from Zalo: allowed, Vary names Origin once
    const zalo = await h().http().get("/api/indicators").set("Origin", "https://h5.zdn.vn").expect(200);
    expect(zalo.headers["access-control-allow-origin"]).toBe("https://h5.zdn.vn");
    expect(zalo.headers.vary).toBe("Origin, Authorization, Accept-Encoding");
    // a personal answer is never stored
    const me = await h().http().get("/api/me").set(bearer(await h().signIn("youth"))).expect(200);
    expect(me.headers["cache-control"]).toBe("no-store");
  });

  it("sends a file people open inline the full page set (its Content-Security-Policy)", async () => {
    const token = await h().signIn("youth");
    const up = await h().http().post("/api/files").set(bearer(token)).attach("file", PNG_1X1, { filename: "anh.png", contentType: "image/png" }).expect(201);
    const file = await h().http().get(up.body.url).expect(200);
    expect(file.headers["content-security-policy"]).toMatch(/img-src 'self' data: blob: https:/);
    expect(file.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(file.headers["x-content-type-options"]).toBe("nosniff");
  });
});

describe("the mini app's pages", () => {
  let h: Harness;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tns-web-"));
  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, "index.html"), "<!doctype html><html><head></head><body></body></html>");
    h = await createHarness("sqlite", { env: { WEB_DIR: dir } });
  });
  afterAll(async () => {
    await h?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("get helmet's full set with the app's Content-Security-Policy", async () => {
    const page = await h.http().get("/zapps/thanh-nien-so/thong-bao").expect(200);
    expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(page.headers["content-security-policy"]).toContain("frame-src 'self' blob:");
    expect(page.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(page.headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(page.headers["x-powered-by"]).toBeUndefined();
    expect(page.headers["x-request-id"]).toMatch(/^[\w-]{36}$/);
  });
});
