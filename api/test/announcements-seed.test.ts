import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, DIALECTS, type Harness } from "./harness.js";
import { seedDemoAnnouncements } from "../src/announcements/seed.js";
import { sniffKind } from "../src/files/sniff.js";

for (const dialect of DIALECTS) {
  describe(`announcements demo seed [${dialect}]`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await createHarness(dialect, { env: { SEED_DEMO: "true" } });
    });
    afterAll(async () => h?.close());

    it("seeds real-looking notices, the plan as a Word attachment, and is idempotent", async () => {
      const feed = await h.http().get("/api/announcements").expect(200);
      const titles = feed.body.items.map((i: { title: string }) => i.title);
      expect(titles[0]).toMatch(/Nghị quyết số 83/);
      expect(titles.some((t: string) => /Tháng Thanh niên/.test(t))).toBe(true);
      expect(titles.some((t: string) => /Ngày hội việc làm/.test(t))).toBe(true);
      // The deadline notice is for units: youth and anonymous do not see it.
      expect(titles.some((t: string) => /30\/11\/2026/.test(t))).toBe(false);
      const staff = await h.signIn("staff");
      const all = await h.http().get("/api/announcements").set({ Authorization: `Bearer ${staff}` });
      const deadline = all.body.items.find((i: { title: string }) => /30\/11\/2026/.test(i.title));
      expect(deadline).toMatchObject({ audience: "all_units", requiresAck: true, pinned: true });

      const plan = await h.http().get(`/api/announcements/${feed.body.items[0].id}`).expect(200);
      expect(plan.body.attachments).toHaveLength(1);
      const file = await h.http().get(plan.body.attachments[0].url).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => cb(null, Buffer.concat(chunks)));
      });
      expect(file.status).toBe(200);
      expect(sniffKind(file.body as Buffer)).toBe("docx");
      expect((file.body as Buffer).length).toBeGreaterThan(3000);

      // Lê Đại Hành's own (the city's demo adds two wards and the city's notices: demo-wards.test.ts)
      const ward = await h.unitId("UBND");
      const count = async () =>
        Number((await h.ctx.database.db.selectFrom("announcements").select((eb) => eb.fn.countAll().as("n")).where("ward_id", "=", ward).executeTakeFirstOrThrow()).n);
      const files = async () => Number((await h.ctx.database.db.selectFrom("files").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
      const [a, f] = [await count(), await files()];
      expect(a).toBe(5);
      await seedDemoAnnouncements(h.ctx);
      expect(await count()).toBe(a);
      expect(await files()).toBe(f);
      // Seeding sends nothing.
      const n = await h.ctx.database.db.selectFrom("notifications").select((eb) => eb.fn.countAll().as("n")).where("source", "like", "announcement:%").executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(0);
    });
  });
}
