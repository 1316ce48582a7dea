import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, createHarness, DIALECTS, type Harness } from "./harness.js";
import { createLogger } from "../src/lib/logger.js";
import { DEV_STAFF_PASSWORD } from "../src/identity/seed.js";
import { startFakeZaloGraph, type FakeZaloGraph } from "./fakes/fake-zalo-graph.js";
import { PNG_1X1 } from "./feedback-helpers.js";

/**
 * No secret, and no code that grants access, in any log line (issue 12): the request log of a whole
 * journey — staff password sign-in, an invitation created, opened and accepted, Zalo sign-in, a
 * phone number shared, a private file opened by its signed link, sign-out — is read back in full.
 */
for (const dialect of DIALECTS) {
  describe(`the log of a whole journey holds no secret [${dialect}]`, () => {
    let h: Harness;
    let graph: FakeZaloGraph;
    let log = "";
    const sink = new Writable({
      write(chunk, _enc, done) {
        log += chunk.toString();
        done();
      },
    });

    beforeAll(async () => {
      graph = await startFakeZaloGraph();
      graph.accounts.set("zalo-access-token-bi-mat-123", { id: "zalo-777", name: "Nguyễn Văn Zalo", avatar: "https://example.vn/a.png" });
      graph.phoneTokens.set("ma-so-dien-thoai-bi-mat-456", "84901234567");
      h = await createHarness(dialect, { env: { ZALO_GRAPH_URL: graph.url, ZALO_APP_SECRET: "bi-mat-ung-dung" }, logger: createLogger("trace", sink) });
    });
    afterAll(async () => {
      await h?.close();
      await graph?.close();
    });

    it("writes one line per request, with none of the secrets the journey used", async () => {
      const secrets: string[] = [DEV_STAFF_PASSWORD, "zalo-access-token-bi-mat-123", "ma-so-dien-thoai-bi-mat-456", "bi-mat-ung-dung"];
      const wrong = await h.http().post("/api/auth/password").send({ username: "canbo", password: "Sai-Mat-Khau-789" });
      expect(wrong.status).toBe(401);
      secrets.push("Sai-Mat-Khau-789");
      const staffSession = await h.http().post("/api/auth/password").send({ username: "canbo", password: DEV_STAFF_PASSWORD });
      const staff = staffSession.body.token as string;
      secrets.push(staff);

      const inv = await h.http().post("/api/invitations").set(bearer(staff)).send({ unitId: await h.unitId("DOAN"), role: "focal" });
      expect(inv.status).toBe(201);
      const code = inv.body.code as string;
      secrets.push(code);

      const zalo = await h.http().post("/api/auth/zalo").send({ accessToken: "zalo-access-token-bi-mat-123" });
      expect(zalo.status).toBe(200);
      const youth = zalo.body.token as string;
      secrets.push(youth);
      expect((await h.http().get(`/api/invitations/${code}`).set(bearer(youth))).status).toBe(200);
      expect((await h.http().post(`/api/invitations/${code}/accept`).set(bearer(youth))).status).toBe(200);
      // a mistyped route with the code in it still does not log the code
      expect((await h.http().get(`/api/invitations/${code}/khong-co`).set(bearer(youth))).status).toBe(404);
      expect((await h.http().patch("/api/me").set(bearer(youth)).send({ consent: true })).status).toBe(200);
      const phone = await h.http().post("/api/me/phone").set(bearer(youth)).send({ token: "ma-so-dien-thoai-bi-mat-456", accessToken: "zalo-access-token-bi-mat-123" });
      expect(phone.status).toBe(200);

      const file = await h.http().post("/api/files").set(bearer(youth)).attach("file", PNG_1X1, { filename: "anh.png", contentType: "image/png" });
      const link = file.body.url as string;
      const sig = new URL(link, "http://x").searchParams.get("sig")!;
      secrets.push(sig);
      expect((await h.http().get(link)).status).toBe(200);
      expect((await h.http().post("/api/auth/logout").set(bearer(youth))).status).toBe(204);

      const lines = log.trim().split("\n");
      expect(lines.length).toBeGreaterThanOrEqual(12);
      expect(lines.filter((l) => l.includes('"/api/invitations/:code/accept"'))).toHaveLength(1);
      const leaks = secrets.filter((s) => log.includes(s) || log.toLowerCase().includes(s.toLowerCase()));
      expect(leaks).toEqual([]);
      // not even the phone number that was shared
      expect(log).not.toContain("901234567");
    });
  });
}
