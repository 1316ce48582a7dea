import { expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { categoryId } from "./feedback-helpers.js";
import { seedAll } from "../src/db/seed.js";

const CONTENT = "Đề nghị phường tổ chức lớp kỹ năng số cho thanh niên tổ dân phố số 3 vào buổi tối.";

describeEachDb("holidays as data", (h) => {
  /** the national calendar is kept by city staff (issue 14); a ward's staff only read it */
  let staff: string;
  const list = async (year: number) => (await h().http().get("/api/holidays").query({ year })).body as { date: string; name: string; kind: string }[];
  /** A new item's due date (the category answers in 5 working days). */
  async function send(name: string): Promise<{ id: number; dueAt: string }> {
    const youth = await h().signIn("youth", { name });
    const res = await h().http().post("/api/feedback").set(bearer(youth)).send({ categoryId: await categoryId(h), content: `${CONTENT} (${name})` });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }
  const storedDue = async (id: number) =>
    (await h().ctx.database.db.selectFrom("feedback_items").select("due_at").where("id", "=", id).executeTakeFirstOrThrow()).due_at;

  it("seeds 2026 as the government decided it and 2027's fixed dates with their substitute days", async () => {
    staff = await h().signIn("city_staff");
    const y26 = await list(2026);
    const kind = (date: string) => y26.find((d) => d.date === date)?.kind ?? null;
    // New Year: off 01/01–04/01, Friday 02/01 swapped for Saturday 10/01 (a working day)
    expect(["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"].map(kind)).toEqual(["off", "off", "off", "off"]);
    expect(kind("2026-01-10")).toBe("working");
    // Tết off 14/02–22/02 (nine days)
    expect(y26.filter((d) => d.date >= "2026-02-14" && d.date <= "2026-02-22" && d.kind === "off")).toHaveLength(9);
    // Hùng Kings' day on Sunday 26/04 → Monday 27/04 off; 30/04, 01/05; National Day with its adjacent day
    expect(["2026-04-26", "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02"].map(kind)).toEqual(Array(6).fill("off"));
    const y27 = (await list(2027)).map((d) => d.date);
    // 01/05/2027 is a Saturday: Monday 03/05 is the substitute day off
    expect(y27).toEqual(expect.arrayContaining(["2027-01-01", "2027-04-30", "2027-05-01", "2027-05-03", "2027-09-02", "2027-09-03"]));
    expect((await list(2027)).every((d) => d.date.startsWith("2027-"))).toBe(true);
  });

  it("due dates skip days off and count a Saturday worked", async () => {
    // Friday 09/01/2026: Saturday 10/01 is worked → 10, 12, 13, 14, 15/01
    h().clock.set("2026-01-09T03:00:00.000Z");
    expect((await send("Người gửi trước ngày làm bù")).dueAt).toBe("2026-01-15T16:59:59.000Z");
    // Friday 13/02/2026: Tết 14–22/02 → 23, 24, 25, 26, 27/02
    h().clock.set("2026-02-13T03:00:00.000Z");
    expect((await send("Người gửi trước Tết")).dueAt).toBe("2026-02-27T16:59:59.000Z");
  });

  it("a change to the list applies to items received after it, never to an item already received", async () => {
    h().clock.set("2026-03-06T02:00:00.000Z"); // Friday 06/03/2026
    staff = await h().signIn("city_staff");
    const before = await send("Gửi trước khi thêm ngày nghỉ");
    expect(before.dueAt).toBe("2026-03-13T16:59:59.000Z"); // 09–13/03
    const added = await h().http().post("/api/holidays").set(bearer(staff)).send({ date: "2026-03-09", name: "Nghỉ đột xuất của phường" });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ date: "2026-03-09", name: "Nghỉ đột xuất của phường", kind: "off" });
    const after = await send("Gửi sau khi thêm ngày nghỉ");
    expect(after.dueAt).toBe("2026-03-16T16:59:59.000Z"); // 10–13, 16/03
    expect(await storedDue(before.id)).toBe("2026-03-13T16:59:59.000Z");

    const removed = await h().http().delete("/api/holidays/2026-03-09").set(bearer(staff));
    expect(removed.status).toBe(204);
    expect(await storedDue(after.id)).toBe("2026-03-16T16:59:59.000Z");
    expect((await send("Gửi sau khi bỏ ngày nghỉ")).dueAt).toBe("2026-03-13T16:59:59.000Z");
  });

  it("a worked Saturday staff add counts; a day staff removed is not put back at the next start", async () => {
    const worked = await h().http().post("/api/holidays").set(bearer(staff)).send({ date: "2026-03-07", name: "Làm bù (thử)", kind: "working" });
    expect(worked.status).toBe(201);
    expect((await send("Gửi khi có ngày làm bù")).dueAt).toBe("2026-03-12T16:59:59.000Z"); // 07, 09–12/03
    expect((await h().http().delete("/api/holidays/2026-01-10").set(bearer(staff))).status).toBe(204);
    await seedAll(h().ctx);
    const dates = (await list(2026)).map((d) => d.date);
    expect(dates).not.toContain("2026-01-10");
    expect(dates).toContain("2026-03-07");
  });

  it("refuses a holiday twice, a working day on a weekday, an impossible date — and changes nothing", async () => {
    const snapshot = await list(2026);
    const twice = await h().http().post("/api/holidays").set(bearer(staff)).send({ date: "2026-04-30", name: "Giải phóng miền Nam" });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("HOLIDAY_EXISTS");
    expect(twice.body.error.message).toContain("30/04/2026");
    const weekday = await h().http().post("/api/holidays").set(bearer(staff)).send({ date: "2026-03-11", name: "Làm bù", kind: "working" });
    expect(weekday.status).toBe(400);
    expect(weekday.body.error.code).toBe("WORKING_DAY_NOT_WEEKEND");
    const impossible = await h().http().post("/api/holidays").set(bearer(staff)).send({ date: "2026-02-30", name: "Ngày không có" });
    expect(impossible.status).toBe(400);
    expect(impossible.body.error).toMatchObject({ code: "INVALID_DATE", message: "Ngày 30/02/2026 không có trong lịch." });
    const format = await h().http().post("/api/holidays").set(bearer(staff)).send({ date: "30/04/2026", name: "Sai định dạng" });
    expect(format.status).toBe(400);
    expect(format.body.error.details[0].message).toBe("Ngày phải có dạng năm-tháng-ngày (yyyy-MM-dd).");
    const noName = await h().http().post("/api/holidays").set(bearer(staff)).send({ date: "2026-03-20", name: " " });
    expect(noName.status).toBe(400);
    const gone = await h().http().delete("/api/holidays/2026-03-20").set(bearer(staff));
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("HOLIDAY_NOT_FOUND");
    const youth = await h().signIn("youth", { name: "Muốn nghỉ thêm" });
    expect((await h().http().post("/api/holidays").set(bearer(youth)).send({ date: "2026-03-20", name: "Nghỉ" })).status).toBe(403);
    // one national list: a ward's staff read it and are told who keeps it
    const wardStaff = await h().signIn("staff");
    for (const req of [h().http().post("/api/holidays").send({ date: "2026-03-20", name: "Nghỉ của phường" }), h().http().delete("/api/holidays/2026-04-30")]) {
      const res = await req.set(bearer(wardStaff));
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("CITY_LEVEL_ONLY");
      expect(res.body.error.message).toContain("chỉ cán bộ Sở Nội vụ thành phố sửa được");
    }
    expect(await list(2026)).toEqual(snapshot);
    h().clock.set("2026-11-20T03:00:00.000Z");
  });
});
