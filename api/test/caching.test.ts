import { expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";

/** `Cache-Control: no-store` on every answer that depends on who asks; public answers stay cacheable. */
describeEachDb("caching of personal and public answers", (h) => {
  it("sends no-store on every personal answer, and keeps public ones cacheable with ETags", async () => {
    const staff = await h().signIn("staff");
    const youth = await h().signIn("youth");
    for (const [path, token] of [
      ["/api/me", youth],
      ["/api/users", staff],
      ["/api/feedback", staff],
      ["/api/feedback/mine", youth],
      ["/api/notifications", youth],
      ["/api/invitations", staff],
      // a public route asked with a token answers for that person (read marks, supports)
      ["/api/announcements", youth],
      ["/api/feedback/public", youth],
    ] as const) {
      const res = await h().http().get(path).set(bearer(token));
      expect(res.status, path).toBe(200);
      expect(res.headers["cache-control"], path).toBe("no-store");
    }
    // errors are never stored either
    const denied = await h().http().get("/api/users").set(bearer(youth));
    expect(denied.status).toBe(403);
    expect(denied.headers["cache-control"]).toBe("no-store");

    // the anonymous feed keeps its ETag (a 304 when unchanged) and varies on Authorization
    const feed = await h().http().get("/api/announcements");
    expect(feed.headers["cache-control"]).not.toContain("no-store");
    expect(feed.headers.etag).toBeTruthy();
    expect(feed.headers.vary).toContain("Authorization");
    expect((await h().http().get("/api/announcements").set("If-None-Match", feed.headers.etag)).status).toBe(304);
    const units = await h().http().get("/api/units");
    expect(units.headers["cache-control"]).toBeUndefined();
  });
});
