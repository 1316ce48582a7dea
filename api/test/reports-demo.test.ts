import { describe, expect, it } from "vitest";
import { bearer, createHarness, DIALECTS, TestClock, type Harness } from "./harness.js";
import { seedAll } from "../src/db/seed.js";

/**
 * The demo data makes the README's journeys tryable on whatever day the product is started: the
 * yearly period open that day has reports to review, one approved, one returned, one draft, and
 * units left to fill. Started twice, it changes nothing.
 */
async function demoAt<T>(dialect: (typeof DIALECTS)[number], at: string, fn: (h: Harness) => Promise<T>, env: Record<string, string> = {}): Promise<T> {
  const h = await createHarness(dialect, { clock: new TestClock(Date.parse(at)), env: { SEED_DEMO: "true", ...env } });
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}

async function statusesIn(h: Harness, year: number): Promise<Record<string, string>> {
  const staff = await h.signIn("staff");
  const period = ((await h.http().get("/api/periods")).body as { id: number; year: number; kind: string }[]).find((p) => p.year === year && p.kind === "annual")!;
  const c = (await h.http().get(`/api/periods/${period.id}/completeness`).set(bearer(staff))).body as {
    units: { unitCode: string; status: string; timing: string | null; submittedAt: string | null; focalCount: number }[];
  };
  return Object.fromEntries(c.units.filter((u) => u.status !== "missing").map((u) => [u.unitCode, `${u.status}${u.timing ? `:${u.timing}` : ""}`]));
}

for (const dialect of DIALECTS) {
  describe(`demo reports [${dialect}]`, () => {
    it("before the first deadline: reports to review in 2026, units left to fill, idempotent", async () => {
      await demoAt(dialect, "2026-11-20T03:00:00.000Z", async (h) => {
        const first = await statusesIn(h, 2026);
        expect(first).toEqual({
          VP: "submitted:on_time",
          CA: "approved:on_time",
          QS: "submitted:on_time",
          TDP07: "returned:on_time",
          TDP08: "draft",
        });
        // a focal point of a unit the demo leaves alone can fill and submit
        const doan = await h.unitId("DOAN");
        const focal = await h.signIn("focal", { unitId: doan });
        const period = ((await h.http().get("/api/periods")).body as { id: number }[])[0];
        const form = (await h.http().get(`/api/periods/${period.id}/reports/${doan}`).set(bearer(focal))).body;
        expect(form).toMatchObject({ status: "draft", lock: { locked: false } });
        // the returned report carries its reason; the demo units have a focal point
        const staff = await h.signIn("staff");
        const tdp07 = await h.unitId("TDP07");
        const returned = (await h.http().get(`/api/periods/${period.id}/reports/${tdp07}`).set(bearer(staff))).body;
        expect(returned.returnReason).toContain("CT17");
        const count = async () => Number((await h.ctx.database.db.selectFrom("reports").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
        const n = await count();
        await seedAll(h.ctx);
        expect(await count()).toBe(n);
        expect(await statusesIn(h, 2026)).toEqual({ ...first, DOAN: "draft" });
      });
    });

    it("a fresh install the day after the deadline: the new year's period has the demo, 2026 its approved reports", async () => {
      await demoAt(dialect, "2026-11-30T17:05:00.000Z", async (h) => {
        const now = "2026-11-30T17:05:00.000Z";
        const y27 = await statusesIn(h, 2027);
        expect(Object.keys(y27).sort()).toEqual(["CA", "QS", "TDP07", "TDP08", "VP"]);
        expect(y27.CA).toBe("approved:on_time");
        const rows = await h.ctx.database.db.selectFrom("reports").select(["submitted_at", "reviewed_at", "created_at"]).execute();
        // nothing happened in the future, nor before the period accepted drafts
        for (const r of rows) {
          for (const t of [r.submitted_at, r.reviewed_at, r.created_at]) if (t) expect(t <= now).toBe(true);
        }
        expect(await statusesIn(h, 2026)).toEqual({ VP: "approved:on_time", CA: "approved:on_time", QS: "approved:on_time", TDP07: "approved:on_time" });
        // last year's figures appear beside this year's, close enough not to be flagged
        const staff = await h.signIn("staff");
        const period = ((await h.http().get("/api/periods")).body as { id: number; year: number; kind: string }[]).find((p) => p.year === 2027 && p.kind === "annual")!;
        const ca = (await h.http().get(`/api/periods/${period.id}/reports/${await h.unitId("CA")}`).set(bearer(staff))).body;
        expect(ca.indicators.every((i: { lastYear: unknown; flagged: boolean }) => i.lastYear !== null && !i.flagged)).toBe(true);
        // the units have next year's deadline notice to acknowledge, beside 2026's
        const feed = (await h.http().get("/api/announcements").set(bearer(staff))).body.items as { title: string; requiresAck: boolean }[];
        const deadlines = feed.filter((a) => a.requiresAck).map((a) => a.title);
        expect(deadlines).toEqual(
          expect.arrayContaining(["Hạn gửi báo cáo kết quả thực hiện Nghị quyết 83 năm 2027: trước ngày 30/11/2027", "Hạn gửi báo cáo kết quả thực hiện Nghị quyết 83 năm 2026: trước ngày 30/11/2026"]),
        );
      });
    });

    it("in production the demo never writes reports", async () => {
      await demoAt(
        dialect,
        "2026-11-20T03:00:00.000Z",
        async (h) => {
          const n = await h.ctx.database.db.selectFrom("reports").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
          expect(Number(n.n)).toBe(0);
        },
        { NODE_ENV: "production", STAFF_PASSWORD: "MatKhau@2026", DEV_SIGNIN: "true" },
      );
    });
  });
}
