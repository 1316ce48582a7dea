import { describe, expect, it } from "vitest";
import { bearer, createHarness, DIALECTS, TestClock, type Harness } from "./harness.js";
import { seedAll } from "../src/db/seed.js";
import type { Role } from "../src/contract/identity.js";

/**
 * The city's demo (SEED_DEMO): Lê Đại Hành, Hồng Bàng (HB) and Ngô Quyền (NQ), each with its people,
 * notices, feedback and reports, and the city's notices — whatever the day the product starts (the
 * clock is an input), and the same after a second start.
 */
async function demoAt(dialect: (typeof DIALECTS)[number], at: string, fn: (h: Harness) => Promise<void>, env: Record<string, string> = {}): Promise<void> {
  const h = await createHarness(dialect, { clock: new TestClock(Date.parse(at)), env: { SEED_DEMO: "true", ...env } });
  try {
    await fn(h);
  } finally {
    await h.close();
  }
}

const TABLES = ["units", "users", "announcements", "feedback_items", "feedback_answers", "reports", "invitations"] as const;
async function counts(h: Harness): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await h.ctx.database.db.selectFrom(t).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  return out;
}

const feedTitles = async (h: Harness, token: string) =>
  ((await h.http().get("/api/announcements").query({ limit: 50 }).set(bearer(token)).expect(200)).body.items as { title: string; sender: { level: string } }[]).map((i) => i.title);

for (const dialect of DIALECTS) {
  describe(`the city's demo: three wards and the city [${dialect}]`, () => {
    it("on 20/11/2026: each ward's people sign in, see their ward's and the city's notices; HB can send its 2026 report, NQ has not", async () => {
      await demoAt(dialect, "2026-11-20T03:00:00.000Z", async (h) => {
        const db = h.ctx.database.db;
        const wards = await db.selectFrom("units").select(["id", "code", "name"]).where("kind", "=", "ward").orderBy("sort_order").execute();
        expect(wards.map((w) => w.code)).toEqual(["UBND", "HB", "NQ"]);
        const hb = wards[1].id;
        const nq = wards[2].id;
        // made as city staff add a ward: the template's units with prefixed codes, made ready (periods)
        expect(await h.unitId("HB-DOAN")).toBeGreaterThan(0);
        expect(await h.unitId("NQ-TDP05")).toBeGreaterThan(0);
        const periods = await db.selectFrom("periods").select("ward_id").where("year", "=", 2026).where("kind", "=", "annual").execute();
        expect(periods.map((p) => p.ward_id).sort()).toEqual(wards.map((w) => w.id).sort());
        for (const w of [hb, nq]) {
          const roles = (await db.selectFrom("users").select("role").where("ward_id", "=", w).where("username", "like", "demo:%").execute()).map((u) => u.role);
          expect(new Set(roles)).toEqual(new Set(["staff", "focal", "observer", "youth"]));
        }

        // the dev sign-in: every role in every ward, and city staff
        for (const w of wards) {
          for (const role of ["youth", "staff", "observer"] as Role[]) {
            const token = await h.signIn(role, { wardId: w.id });
            expect((await h.http().get("/api/me").set(bearer(token))).body.ward.id).toBe(w.id);
          }
          const doan = await h.unitId(w.code === "UBND" ? "DOAN" : `${w.code}-DOAN`);
          const focal = await h.signIn("focal", { unitId: doan });
          expect((await h.http().get("/api/me").set(bearer(focal))).body.ward.id).toBe(w.id);
        }
        const city = await h.signIn("city_staff");

        const cityNotice = "Thành phố phát động Tháng Thanh niên năm 2026 trên toàn thành phố";
        const hbNotice = "Phường Hồng Bàng ra quân “Ngày Chủ nhật xanh” cùng đoàn viên, thanh niên";
        const ldhNotice = "Triển khai Nghị quyết số 83/NQ-HĐND về phát triển thanh niên đến năm 2030";
        const hbYouth = await feedTitles(h, await h.signIn("youth", { wardId: hb }));
        expect(hbYouth).toEqual(expect.arrayContaining([cityNotice, hbNotice]));
        expect(hbYouth).not.toContain(ldhNotice);
        const ldhYouth = await feedTitles(h, await h.signIn("youth"));
        expect(ldhYouth).toEqual(expect.arrayContaining([cityNotice, ldhNotice]));
        expect(ldhYouth).not.toContain(hbNotice);
        const nqStaff = await h.signIn("staff", { wardId: nq });
        expect(await feedTitles(h, nqStaff)).toContain("Sở Nội vụ: các phường, xã gửi báo cáo kết quả thực hiện Nghị quyết 83 năm 2026 lên thành phố trước ngày 15/12/2026");
        // feedback per ward, one answered in public
        const inbox = (await h.http().get("/api/feedback").set(bearer(nqStaff))).body.items as { content: string }[];
        expect(inbox.map((f) => f.content)).toEqual([expect.stringContaining("Đèn chiếu sáng ngõ sau chợ")]);
        expect(((await h.http().get("/api/feedback/public").query({ wardId: hb })).body.items as unknown[]).length).toBe(1);

        // HB: every unit's 2026 report approved, so its staff send the ward report upward
        const hbPeriod = await db.selectFrom("periods").select("id").where("ward_id", "=", hb).where("year", "=", 2026).where("kind", "=", "annual").executeTakeFirstOrThrow();
        const hbStaff = await h.signIn("staff", { wardId: hb });
        const completeness = (await h.http().get(`/api/periods/${hbPeriod.id}/completeness`).set(bearer(hbStaff))).body as { units: { status: string }[] };
        expect(completeness.units.length).toBeGreaterThan(10);
        expect(completeness.units.every((u) => u.status === "approved")).toBe(true);
        const sent = await h.http().post(`/api/city/wards/${hb}/snapshots`).set(bearer(hbStaff)).send({ periodId: hbPeriod.id });
        expect(sent.status, JSON.stringify(sent.body)).toBe(201);
        const cityView = (await h.http().get("/api/city/completeness").query({ year: 2026 }).set(bearer(city))).body as { wards: { ward: { code: string }; state: string }[] };
        const state = Object.fromEntries(cityView.wards.map((r) => [r.ward.code, r.state]));
        expect(state).toMatchObject({ HB: "sent", NQ: "not_sent", UBND: "not_sent" });
        // NQ: a few reports only
        const nqPeriod = await db.selectFrom("periods").select("id").where("ward_id", "=", nq).where("year", "=", 2026).where("kind", "=", "annual").executeTakeFirstOrThrow();
        const nqReports = await db.selectFrom("reports").select("status").where("period_id", "=", nqPeriod.id).execute();
        expect(nqReports.length).toBeGreaterThan(0);
        expect(nqReports.every((r) => r.status === "submitted")).toBe(true);

        const before = await counts(h);
        await seedAll(h.ctx);
        expect(await counts(h)).toEqual(before);
      });
    }, 120_000);

    it("on 02/12/2027 and 01/06/2031 too: the demo wards and their 2026 reports, once", async () => {
      for (const at of ["2027-12-02T02:00:00.000Z", "2031-06-01T02:00:00.000Z"]) {
        await demoAt(dialect, at, async (h) => {
          const hb = await h.unitId("HB");
          const period = await h.ctx.database.db.selectFrom("periods").select("id").where("ward_id", "=", hb).where("year", "=", 2026).executeTakeFirstOrThrow();
          const reports = await h.ctx.database.db.selectFrom("reports").select(["status", "submit_timing"]).where("period_id", "=", period.id).execute();
          expect(reports.length).toBeGreaterThan(10);
          expect(reports.every((r) => r.status === "approved" && r.submit_timing === "on_time")).toBe(true);
          const youth = await h.signIn("youth", { wardId: hb });
          expect(await feedTitles(h, youth)).toContain("Thành phố phát động Tháng Thanh niên năm 2026 trên toàn thành phố");
          const before = await counts(h);
          await seedAll(h.ctx);
          expect(await counts(h)).toEqual(before);
        });
      }
    }, 180_000);

    it("never in production: no demo wards", async () => {
      await demoAt(dialect, "2026-11-20T03:00:00.000Z", async (h) => {
        const wards = await h.ctx.database.db.selectFrom("units").select("code").where("kind", "=", "ward").execute();
        expect(wards.map((w) => w.code)).toEqual(["UBND"]);
      }, { NODE_ENV: "production", STAFF_PASSWORD: "Mat-khau-dai-9", DEV_SIGNIN: "false" });
    }, 60_000);
  });
}
