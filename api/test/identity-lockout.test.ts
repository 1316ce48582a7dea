import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bearer, createHarness, DIALECTS, type Harness } from "./harness.js";
import { DEV_STAFF_PASSWORD } from "../src/identity/seed.js";
import { loadConfig, parseTrustProxy } from "../src/config.js";
import { unlockAccount } from "../src/identity/unlock-command.js";
import { bootstrap } from "../src/bootstrap.js";
import { createLogger } from "../src/lib/logger.js";
import { TestClock } from "./harness.js";

const ATTACKER = "203.0.113.9";
const OFFICE = "198.51.100.7";

describe("TRUST_PROXY", () => {
  it("is off by default and takes a hop count or proxy addresses; 'true' is refused", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(parseTrustProxy("0")).toBe(false);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("loopback, 10.0.0.0/8")).toEqual(["loopback", "10.0.0.0/8"]);
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: "proxy.example.vn" })).toThrow(/TRUST_PROXY/);
  });
});

for (const dialect of DIALECTS) {
  describe(`identity: lock-out per account and source [${dialect}]`, () => {
    let h: Harness | undefined;
    afterAll(async () => {
      await h?.close();
    });
    const signIn = (from: string | null, password: string, username = "canbo") => {
      const req = h!.http().post("/api/auth/password");
      return (from ? req.set("X-Forwarded-For", from) : req).send({ username, password });
    };

    it("without TRUST_PROXY, a made-up X-Forwarded-For does not dodge the per-address limit", async () => {
      h = await createHarness(dialect, { env: { PASSWORD_RATE_LIMIT: "3" } });
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await signIn(`10.9.${i}.${i + 1}`, `sai-${i}`)).status);
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
      await h.close();
      h = undefined;
    });

    it("a guesser elsewhere locks only their own place: the right password from the office still works", async () => {
      h = await createHarness(dialect, { env: { TRUST_PROXY: "1" } });
      h.clock.set("2026-11-20T03:00:00.000Z");
      for (let i = 1; i <= 4; i++) expect((await signIn(ATTACKER, `sai-${i}`)).status).toBe(401);
      const fifth = await signIn(ATTACKER, "sai-5");
      expect(fifth.status).toBe(429);
      expect(fifth.body.error.code).toBe("ACCOUNT_LOCKED");
      expect(fifth.body.error.message).toContain("20/11/2026 10:15");
      // locked from the attacker's place, even with the right password…
      expect((await signIn(ATTACKER, DEV_STAFF_PASSWORD)).body.error.code).toBe("ACCOUNT_LOCKED");
      // …but the staff member at the office signs in as usual
      const office = await signIn(OFFICE, DEV_STAFF_PASSWORD);
      expect(office.status).toBe(200);
      const staffToken = office.body.token as string;

      // staff see the lock-out in the users admin and lift it
      const list = (await h.http().get("/api/users").set(bearer(staffToken)).query({ q: "canbo" })).body.items;
      const canbo = list.find((u: { username: string | null }) => u.username === "canbo");
      expect(canbo.lockedUntil).toBe("2026-11-20T03:15:00.000Z");
      const unlocked = await h.http().patch(`/api/users/${canbo.id}`).set(bearer(staffToken)).send({ unlock: true });
      expect(unlocked.status).toBe(200);
      expect(unlocked.body.lockedUntil).toBeNull();
      expect((await signIn(ATTACKER, DEV_STAFF_PASSWORD)).status).toBe(200);
      await h.close();
      h = undefined;
    });
  });
}

describe("unlock-account command", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tns-unlock-"));
  const env = { NODE_ENV: "test", LOG_LEVEL: "silent", SQLITE_PATH: path.join(dir, "db.sqlite"), UPLOAD_DIR: path.join(dir, "up"), SEED_DEMO: "false", DATABASE_URL: "" };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("lifts a lock-out from the shell, for one address or all, and says what it did", async () => {
    const ctx = await bootstrap(loadConfig(env), { clock: new TestClock(), logger: createLogger("silent") });
    const user = await ctx.database.db.selectFrom("users").select("id").where("username", "=", "canbo").executeTakeFirstOrThrow();
    const until = "2099-01-01T00:00:00.000Z";
    await ctx.database.db
      .insertInto("login_failures")
      .values([
        { user_id: user.id, source: ATTACKER, failures: 0, locked_until: until, updated_at: until },
        { user_id: user.id, source: OFFICE, failures: 2, locked_until: null, updated_at: until },
      ])
      .execute();
    await ctx.database.destroy();

    expect(await unlockAccount([], env)).toMatchObject({ code: 64, message: expect.stringContaining("Cách dùng") });
    expect(await unlockAccount(["khong-co"], env)).toMatchObject({ code: 1 });
    const one = await unlockAccount(["CanBo", ATTACKER], env);
    expect(one).toMatchObject({ code: 0, message: expect.stringContaining(`từ địa chỉ ${ATTACKER}`) });
    const all = await unlockAccount(["canbo"], env);
    expect(all).toMatchObject({ code: 0, message: expect.stringContaining("xóa 1 bản ghi") });
    expect((await unlockAccount(["canbo"], env)).message).toContain("không bị tạm khóa");
  });
});
