import { accessFor } from "../src/identity/policy.js";
import { expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { categoryId, PNG_1X1 } from "./feedback-helpers.js";

/**
 * Hostile input a reviewer throws at every route (issue 12): bodies of the wrong kind, names that
 * read backwards, an idempotency key reused for another body. Nothing of it may be taken as valid.
 */
const samplePath = (path: string) => path.replace(/:code\b/g, "KHONGCOMA").replace(/:(\w+)/g, "1");
const RLO = "\u202e";

describeEachDb("bad input: body types, bidi names, idempotency keys", (h) => {
  let staff = "";
  let youth = "";
  let observer = "";
  let city = "";

  it("signs in", async () => {
    city = await h().signIn("city_staff", { name: "Sở Nội vụ Kiểm thử" });
    staff = await h().signIn("staff", { name: "Cán bộ Kiểm thử" });
    youth = await h().signIn("youth", { name: "Thanh niên Kiểm thử" });
    observer = await h().signIn("observer", { name: "MTTQ Kiểm thử" });
  });

  it("every JSON route refuses a multipart body with 415 (it used to be read as {})", async () => {
    const wrong: string[] = [];
    for (const spec of h().built.routes) {
      if (spec.method === "get" || spec.multipartField) continue;
      const m = spec.method as "post" | "put" | "patch" | "delete";
      // a route staff may not call is tried as the role it names (the observer's supervision records, the city's own work)
      const rule = accessFor(spec.method, spec.path);
      const token = !Array.isArray(rule) || rule.includes("staff") ? staff : rule.includes("city_staff") ? city : observer;
      const res = await h().http()[m](samplePath(spec.path)).set(bearer(token)).field("title", "Kỳ báo cáo đổi tên").field("unitIds", "1");
      if (res.status !== 415 || res.body?.error?.code !== "UNSUPPORTED_MEDIA_TYPE") wrong.push(`${spec.method.toUpperCase()} ${spec.path}: ${res.status} ${res.body?.error?.code ?? ""}`);
    }
    expect(wrong).toEqual([]);

    // the two reported cases: nothing changed, nobody reminded
    const periods = (await h().http().get("/api/periods")).body as { id: number; title: string }[];
    const before = periods[0];
    const patch = await h().http().patch(`/api/periods/${before.id}`).set(bearer(staff)).field("title", "Tên bị đổi qua multipart");
    expect(patch.status).toBe(415);
    expect((await h().http().get(`/api/periods/${before.id}`)).body.title).toBe(before.title);
    const notifications = await h().ctx.database.db.selectFrom("notifications").select("id").execute();
    const remind = await h().http().post(`/api/periods/${before.id}/remind`).set(bearer(staff)).field("x", "y");
    expect(remind.status).toBe(415);
    expect(await h().ctx.database.db.selectFrom("notifications").select("id").execute()).toHaveLength(notifications.length);

    // other kinds of body too
    const text = await h().http().patch(`/api/periods/${before.id}`).set(bearer(staff)).set("Content-Type", "text/plain").send('{"title":"abc def"}');
    expect(text.status).toBe(415);
  });

  it("every upload route refuses JSON with 415", async () => {
    const uploads = h().built.routes.filter((s) => s.multipartField);
    expect(uploads.length).toBeGreaterThan(0);
    for (const spec of uploads) {
      const res = await h().http().post(spec.path).set(bearer(youth)).send({ file: "ZmFrZQ==" });
      expect(res.status, spec.path).toBe(415);
      expect(res.body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    }
  });

  it("strips control and bidi characters from file names and names shown as names", async () => {
    const file = await h()
      .http()
      .post("/api/files")
      .set(bearer(youth))
      .attach("file", PNG_1X1, { filename: `anh${RLO}gnp.exe\u200b.png`, contentType: "image/png" });
    expect(file.status).toBe(201);
    expect(file.body.name).toBe("anhgnp.exe.png");

    const dev = await h().http().post("/api/auth/dev").send({ role: "youth", name: `Cán bộ${RLO} phường\u2066` });
    expect(dev.body.user.name).toBe("Cán bộ phường");

    const cat = await h().http().post("/api/announcement-categories").set(bearer(staff)).send({ name: `Chuyên${RLO} mục mới` });
    expect(cat.status).toBe(201);
    expect(cat.body.name).toBe("Chuyên mục mới");

    const fbCat = (await h().http().get("/api/feedback/categories")).body[0];
    const renamed = await h().http().patch(`/api/feedback/categories/${fbCat.id}`).set(bearer(await h().signIn("city_staff"))).send({ name: `Môi\u202d trường\u0007` });
    expect(renamed.body.name).toBe("Môi trường");

    const period = (await h().http().get("/api/periods")).body[0];
    const titled = await h().http().patch(`/api/periods/${period.id}`).set(bearer(staff)).send({ title: `Báo cáo${RLO} năm\n2026` });
    expect(titled.status).toBe(200);
    expect(titled.body.title).toBe("Báo cáo năm 2026");
  });

  it("cross-user file ids: someone else's upload is refused as an attachment, and not served by its id", async () => {
    const other = await h().signIn("youth", { name: "Người Khác" });
    const up = await h().http().post("/api/files").set(bearer(other)).attach("file", PNG_1X1, { filename: "rieng.png", contentType: "image/png" });
    const id = up.body.id as string;
    const res = await h().http().post("/api/feedback").set(bearer(youth)).send({ categoryId: await categoryId(h), content: "Dùng ảnh của người khác.", photoIds: [id] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("UNKNOWN_FILE");
    expect((await h().http().get(`/api/files/${id}`).set(bearer(youth))).status).toBe(404);
    expect((await h().http().get(`/api/files/${id}`)).status).toBe(404);
    expect((await h().http().get(up.body.url)).status).toBe(200); // the uploader's signed link
  });

  it("an Idempotency-Key reused with another body answers 422, and the same body replays", async () => {
    const cat = await categoryId(h);
    const send = (content: string) =>
      h().http().post("/api/feedback").set(bearer(youth)).set("Idempotency-Key", "khoa-gui-1234").send({ categoryId: cat, content });
    const first = await send("Đèn đường ở ngõ 12 bị hỏng đã một tuần.");
    expect(first.status).toBe(201);
    const replay = await send("Đèn đường ở ngõ 12 bị hỏng đã một tuần.");
    expect(replay.status).toBe(201);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.body.id).toBe(first.body.id);
    const other = await send("Một góp ý khác hẳn: cần thêm sân chơi cho thiếu nhi.");
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(other.body.error.message).toMatch(/đã dùng cho một góp ý khác/);
    const mine = (await h().http().get("/api/feedback/mine").set(bearer(youth))).body.items;
    expect(mine.filter((i: { content: string }) => i.content.includes("sân chơi"))).toHaveLength(0);
  });
});
