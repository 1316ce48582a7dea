import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { bearer, createHarness, describeEachDb, type Harness } from "./harness.js";
import { hotQuery } from "../src/db/hot-query.js";

/** Hot queries (db/hot-query.ts): compiled once, each run with its own arguments, never a dirty read. */
describeEachDb("hot queries", (h) => {
  const unitName = hotQuery((db, id: number) => db.selectFrom("units").select(["id", "name"]).where("id", "=", id));
  // one argument used twice, a constant between: each lands where the query takes it
  const pair = hotQuery((_db, a: number, b: string) => sql<{ x: number; y: string; z: number }>`select cast(${a} as integer) + 1 as x, cast(${b} as text) as y, cast(${a} as integer) * cast(${2} as integer) as z`);

  it("runs with each call's own arguments, wherever the query uses them", async () => {
    const doan = await h().unitId("DOAN");
    const ward = await h().unitId("UBND");
    expect((await unitName(h().ctx.database, doan))[0]).toMatchObject({ id: doan, name: "Đoàn TNCS Hồ Chí Minh phường" });
    expect((await unitName(h().ctx.database, ward))[0]).toMatchObject({ id: ward });
    expect(await unitName(h().ctx.database, -5)).toEqual([]);
    expect((await pair(h().ctx.database, 20, "hai"))[0]).toEqual({ x: 21, y: "hai", z: 40 });
    expect((await pair(h().ctx.database, 3, "ba"))[0]).toEqual({ x: 4, y: "ba", z: 6 });
  });

  it("answers at once on the embedded database, outside a transaction only (PostgreSQL: through the pool, kept only for watched tables: hot-reads.test.ts)", async () => {
    const doan = await h().unitId("DOAN");
    const database = h().ctx.database;
    const now = unitName.now(database, doan);
    if (h().dialect === "postgres") expect(now).toBeUndefined();
    else expect(now?.[0]).toMatchObject({ id: doan, name: "Đoàn TNCS Hồ Chí Minh phường" });
    await database.db.transaction().execute(async () => {
      expect(unitName.now(database, doan)).toBeUndefined();
    });
  });

  it("never reads another request's uncommitted writes (it waits for the transaction on SQLite)", async () => {
    const doan = await h().unitId("DOAN");
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let written!: () => void;
    const inside = new Promise<void>((r) => (written = r));
    const tx = h()
      .ctx.database.db.transaction()
      .execute(async (trx) => {
        await trx.updateTable("units").set({ name: "Tên chưa lưu" }).where("id", "=", doan).execute();
        written();
        await gate;
        throw new Error("rolled back");
      });
    await inside;
    let answered = false;
    const read = unitName(h().ctx.database, doan).then((rows) => ((answered = true), rows));
    await new Promise((r) => setTimeout(r, 30));
    if (h().dialect === "sqlite") expect(answered).toBe(false); // one connection: it waits its turn
    release();
    await expect(tx).rejects.toThrow("rolled back");
    expect((await read)[0].name).toBe("Đoàn TNCS Hồ Chí Minh phường");
  });
});

/**
 * On SQLite the hot reads' answers are kept while the database is unchanged (db/database.ts): a
 * write on the API's connection, or a commit by another process on the same file (a command run
 * beside the server), is seen by the very next request.
 */
describe("kept hot reads on SQLite", () => {
  let h: Harness;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tns-hot-"));
  const file = path.join(dir, "api.sqlite");
  beforeAll(async () => {
    h = await createHarness("sqlite", { env: { SQLITE_PATH: file } });
  });
  afterAll(async () => {
    await h?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("sees a session revoked by this API and by another process at once", async () => {
    const mine = await h.signIn("youth", { name: "Bạn A" });
    await h.http().get("/api/me").set(bearer(mine)).expect(200);
    await h.http().get("/api/me").set(bearer(mine)).expect(200); // answered from the kept read
    await h.http().post("/api/auth/logout").set(bearer(mine)).expect(204);
    expect((await h.http().get("/api/me").set(bearer(mine))).body.error.code).toBe("SESSION_REVOKED");

    const theirs = await h.signIn("youth", { name: "Bạn B" });
    await h.http().get("/api/me").set(bearer(theirs)).expect(200);
    await h.http().get("/api/me").set(bearer(theirs)).expect(200);
    const other = new SQLite(file);
    try {
      other.prepare("update sessions set revoked_at = ? where revoked_at is null").run(new Date().toISOString());
    } finally {
      other.close();
    }
    expect((await h.http().get("/api/me").set(bearer(theirs))).body.error.code).toBe("SESSION_REVOKED");
  });

  it("sees a notice published by another process on the next revalidation", async () => {
    const tag = (await h.http().get("/api/announcements").expect(200)).headers.etag as string;
    await h.http().get("/api/announcements").set("If-None-Match", tag).expect(304);
    const other = new SQLite(file);
    try {
      other.prepare("update announcement_feed_state set revision = revision + 1 where id = 1").run();
    } finally {
      other.close();
    }
    await h.http().get("/api/announcements").set("If-None-Match", tag).expect(200);
  });
});
