import { afterAll, describe, expect, it } from "vitest";
import { bearer, createHarness, describeEachDb, DIALECTS, type Harness } from "./harness.js";
import { DEV_STAFF_PASSWORD, seedIdentity } from "../src/identity/seed.js";
import { hashPassword, verifyPassword } from "../src/identity/passwords.js";

describe("password hashing", () => {
  it("uses scrypt with a random salt and verifies only the right password", async () => {
    const a = await hashPassword("Mật khẩu 123");
    const b = await hashPassword("Mật khẩu 123");
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("Mật khẩu 123", a)).toBe(true);
    expect(await verifyPassword("mật khẩu 123", a)).toBe(false);
    expect(await verifyPassword("anything", null)).toBe(false);
    expect(await verifyPassword("anything", "garbage")).toBe(false);
  });
});

describeEachDb("identity: staff password sign-in", (h) => {
  const signIn = (username: string, password: string) => h().http().post("/api/auth/password").send({ username, password });

  it("seeds the initial staff account (canbo, development default password), idempotently", async () => {
    const res = await signIn("canbo", DEV_STAFF_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ role: "staff", unit: { code: "VHXH" } });
    const before = await h().ctx.database.db.selectFrom("users").selectAll().where("username", "=", "canbo").executeTakeFirstOrThrow();
    await seedIdentity(h().ctx);
    const after = await h().ctx.database.db.selectFrom("users").selectAll().where("username", "=", "canbo").execute();
    expect(after).toHaveLength(1);
    expect(after[0].password_hash).toBe(before.password_hash);
    expect(before.password_hash).not.toContain(DEV_STAFF_PASSWORD);
    // usernames are not case-sensitive
    expect((await signIn("CanBo", DEV_STAFF_PASSWORD)).status).toBe(200);
  });

  it("refuses a wrong password or unknown user with the same 401", async () => {
    const wrong = await signIn("canbo", "sai-mat-khau");
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");
    const unknown = await signIn("khong-ton-tai", "sai-mat-khau");
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toEqual(wrong.body.error);
    // a dev account cannot be reached through the password form
    await h().signIn("staff");
    expect((await signIn("dev:staff:0:", "x")).status).toBe(401);
    // a success resets the failure count
    expect((await signIn("canbo", DEV_STAFF_PASSWORD)).status).toBe(200);
  });

  it("locks the account for 15 minutes after 5 failures in a row, saying until when", async () => {
    h().clock.set("2026-11-20T03:00:00.000Z"); // 10:00 in Hà Nội
    for (let i = 1; i <= 4; i++) expect((await signIn("canbo", `sai-${i}`)).status).toBe(401);
    const fifth = await signIn("canbo", "sai-5");
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.code).toBe("ACCOUNT_LOCKED");
    expect(fifth.body.error.message).toContain("20/11/2026 10:15");
    expect(fifth.headers["retry-after"]).toBe("900");

    // even the right password is refused while locked
    h().clock.advance(14 * 60_000);
    const locked = await signIn("canbo", DEV_STAFF_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe("ACCOUNT_LOCKED");
    expect(locked.body.error.details.lockedUntil).toBe("2026-11-20T03:15:00.000Z");

    h().clock.advance(61_000);
    const ok = await signIn("canbo", DEV_STAFF_PASSWORD);
    expect(ok.status).toBe(200);
    // and the counter starts again from zero
    for (let i = 1; i <= 4; i++) expect((await signIn("canbo", `sai-${i}`)).status).toBe(401);
    expect((await signIn("canbo", DEV_STAFF_PASSWORD)).status).toBe(200);
  });

  it("refuses a disabled staff account", async () => {
    await h().ctx.database.db.updateTable("users").set({ disabled: 1 }).where("username", "=", "canbo").execute();
    const res = await signIn("canbo", DEV_STAFF_PASSWORD);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("ACCOUNT_DISABLED");
    await h().ctx.database.db.updateTable("users").set({ disabled: 0 }).where("username", "=", "canbo").execute();
  });
});

for (const dialect of DIALECTS) {
  describe(`identity: rate limit and production settings [${dialect}]`, () => {
    let h: Harness | undefined;
    afterAll(async () => {
      await h?.close();
    });

    it("limits password attempts per address with 429 TOO_MANY_REQUESTS", async () => {
      h = await createHarness(dialect, { env: { PASSWORD_RATE_LIMIT: "3", STAFF_USERNAME: "vhxh", STAFF_PASSWORD: "Mat-khau-rieng-2026" } });
      const ok = await h.http().post("/api/auth/password").send({ username: "vhxh", password: "Mat-khau-rieng-2026" });
      expect(ok.status).toBe(200);
      expect((await h.http().post("/api/auth/password").send({ username: "canbo", password: DEV_STAFF_PASSWORD })).status).toBe(401);
      expect((await h.http().post("/api/auth/password").send({ username: "a", password: "b" })).status).toBe(401);
      const res = await h.http().post("/api/auth/password").send({ username: "vhxh", password: "Mat-khau-rieng-2026" });
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe("TOO_MANY_REQUESTS");
      expect(res.body.error.message).toMatch(/quá nhiều lần/);

      // an operator resets a forgotten password by setting a new STAFF_PASSWORD
      h.ctx.config.identity.staffPassword = "Mat-khau-moi-2026";
      await seedIdentity(h.ctx);
      const row = await h.ctx.database.db.selectFrom("users").select("password_hash").where("username", "=", "vhxh").executeTakeFirstOrThrow();
      expect(await verifyPassword("Mat-khau-moi-2026", row.password_hash)).toBe(true);
      await h.close();
      h = undefined;
    });

    it("in production: dev sign-in is refused and no staff account is seeded without STAFF_PASSWORD", async () => {
      h = await createHarness(dialect, { env: { NODE_ENV: "production" } });
      const dev = await h.http().post("/api/auth/dev").send({ role: "staff" });
      expect(dev.status).toBe(403);
      expect(dev.body.error.code).toBe("DEV_SIGNIN_DISABLED");
      expect((await h.http().get("/api/config")).body.devSignIn).toBe(false);
      const staff = await h.ctx.database.db.selectFrom("users").select("id").where("role", "=", "staff").execute();
      expect(staff).toHaveLength(0);
      expect((await h.http().post("/api/auth/password").send({ username: "canbo", password: DEV_STAFF_PASSWORD })).status).toBe(401);
      await h.close();
      h = undefined;
    });

    it("in production with DEV_SIGNIN=true and STAFF_PASSWORD set: both work", async () => {
      h = await createHarness(dialect, { env: { NODE_ENV: "production", DEV_SIGNIN: "true", STAFF_PASSWORD: "Mat-khau-that-2026" } });
      expect((await h.http().post("/api/auth/dev").send({ role: "youth" })).status).toBe(200);
      expect((await h.http().post("/api/auth/password").send({ username: "canbo", password: DEV_STAFF_PASSWORD })).status).toBe(401);
      const ok = await h.http().post("/api/auth/password").send({ username: "canbo", password: "Mat-khau-that-2026" });
      expect(ok.status).toBe(200);
      expect((await h.http().get("/api/me").set(bearer(ok.body.token))).body.role).toBe("staff");
    });
  });
}
