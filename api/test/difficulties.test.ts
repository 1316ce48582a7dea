import { expect, it } from "vitest";
import { bearer, describeEachDb, type Harness } from "./harness.js";
import { putReport } from "./exports-fixtures.js";
import { registerAllSubmitted, splitItems } from "../src/difficulties/register.js";
import { difficultiesByTheme } from "../src/difficulties/service.js";
import type { DifficultyItem, DifficultyList } from "../src/contract/difficulties.js";

async function list(h: () => Harness, token: string, q = ""): Promise<DifficultyList> {
  const res = await h().http().get(`/api/difficulties${q}`).set(bearer(token));
  expect(res.status).toBe(200);
  return res.body;
}

/** Fills the health station's report (one indicator, no task) and submits it through the API. */
async function submitTyt(h: () => Harness, token: string, periodId: number, unitId: number, difficulties: string, proposals: string) {
  const url = `/api/periods/${periodId}/reports/${unitId}`;
  const form = (await h().http().get(url).set(bearer(token))).body;
  const indicators = form.indicators.map((i: { indicatorId: number; measure: string }) =>
    i.measure === "percent" ? { indicatorId: i.indicatorId, numerator: 300, denominator: 400 } : { indicatorId: i.indicatorId, value: 1 },
  );
  const tasks = form.tasks.map((t: { taskId: number }) => ({ taskId: t.taskId, status: "done" }));
  const saved = await h().http().put(url).set(bearer(token)).send({ version: form.version, indicators, tasks, difficulties, proposals });
  expect(saved.status).toBe(200);
  const sent = await h().http().post(`${url}/submit`).set(bearer(token)).send({ version: saved.body.version });
  expect(sent.status).toBe(200);
}

describeEachDb("difficulties and proposals register", (h) => {
  let staff: string;
  let tyt: string;
  let doan: string;
  let periodId: number;
  let tytId: number;

  it("splits a unit's text into items, leaving out 'none'", () => {
    expect(splitItems("- Thiếu kinh phí.\n• Cán bộ kiêm nhiệm\n1. Thiếu kinh phí.\n\nKhông có khó khăn.\n2) Chưa có phần mềm")).toEqual([
      "Thiếu kinh phí.",
      "Cán bộ kiêm nhiệm",
      "Chưa có phần mềm",
    ]);
    expect(splitItems("Không")).toEqual([]);
    expect(splitItems("Không có.")).toEqual([]);
  });

  it("every difficulty and proposal of a submitted report becomes an item", async () => {
    staff = await h().signIn("staff");
    tytId = await h().unitId("TYT");
    tyt = await h().signIn("focal", { unitId: tytId, name: "Đầu mối Trạm Y tế" });
    doan = await h().signIn("focal", { unitId: await h().unitId("DOAN"), name: "Đầu mối Đoàn" });
    periodId = (await h().http().get("/api/periods")).body.find((p: { year: number; kind: string }) => p.year === 2026 && p.kind === "annual").id;
    await submitTyt(h, tyt, periodId, tytId, "- Thiếu kinh phí truyền thông\n- Cán bộ kiêm nhiệm nhiều việc", "Đề nghị bố trí kinh phí truyền thông sức khỏe sinh sản.");

    const all = await list(h, staff);
    expect(all.year).toBe(2026);
    expect(all.items.map((i) => [i.kind, i.unit.name, i.text, i.state])).toEqual([
      ["difficulty", "Trạm Y tế phường", "Thiếu kinh phí truyền thông", "new"],
      ["difficulty", "Trạm Y tế phường", "Cán bộ kiêm nhiệm nhiều việc", "new"],
      ["proposal", "Trạm Y tế phường", "Đề nghị bố trí kinh phí truyền thông sức khỏe sinh sản.", "new"],
    ]);
    expect(all.counts).toEqual({ new: 3, forwarded: 0, resolved: 0 });
    // reports written before the register existed are registered at start (idempotent)
    await putReport(h(), periodId, "DOAN", { status: "submitted", difficulties: "Thiếu kinh phí truyền thông.", proposals: "Không" });
    expect(await registerAllSubmitted(h().ctx)).toBe(1);
    expect(await registerAllSubmitted(h().ctx)).toBe(0);
    expect((await list(h, staff)).items).toHaveLength(4);
    // a focal point sees only their unit's items
    expect((await list(h, doan)).items.map((i) => i.text)).toEqual(["Thiếu kinh phí truyền thông."]);
  });

  it("staff tag by theme, merge duplicates, forward and resolve; the units see what became of them", async () => {
    const items = (await list(h, staff)).items;
    const tytMoney = items.find((i) => i.unit.name === "Trạm Y tế phường" && i.text.startsWith("Thiếu kinh phí"))!;
    const doanMoney = items.find((i) => i.unit.name !== "Trạm Y tế phường")!;
    const proposal = items.find((i) => i.kind === "proposal")!;
    const themes = (await h().http().get("/api/difficulty-themes").set(bearer(doan))).body as { id: number; name: string }[];
    const money = themes.find((t) => t.name === "Kinh phí")!;

    const tagged = await h().http().patch(`/api/difficulties/${tytMoney.id}`).set(bearer(staff)).send({ themeId: money.id });
    expect(tagged.body.theme).toEqual({ id: money.id, name: "Kinh phí" });
    expect((await h().http().patch(`/api/difficulties/${tytMoney.id}`).set(bearer(staff)).send({ themeId: 999999 })).body.error.code).toBe("UNKNOWN_THEME");
    expect((await h().http().patch(`/api/difficulties/${tytMoney.id}`).set(bearer(doan)).send({ themeId: null })).body.error.code).toBe("ROLE_FORBIDDEN");

    expect((await h().http().post(`/api/difficulties/${doanMoney.id}/merge`).set(bearer(staff)).send({ intoId: proposal.id })).body.error.code).toBe("MERGE_KIND_MISMATCH");
    expect((await h().http().post(`/api/difficulties/${doanMoney.id}/merge`).set(bearer(staff)).send({ intoId: doanMoney.id })).body.error.code).toBe("MERGE_INTO_SELF");
    const merged = await h().http().post(`/api/difficulties/${doanMoney.id}/merge`).set(bearer(staff)).send({ intoId: tytMoney.id });
    expect(merged.status).toBe(200);
    expect(merged.body.merged.map((m: { id: number }) => m.id)).toEqual([doanMoney.id]);
    expect((await h().http().post(`/api/difficulties/${doanMoney.id}/resolve`).set(bearer(staff)).send({ answer: "Đã bố trí kinh phí." })).body.error.code).toBe("DIFFICULTY_MERGED");

    const fwd = await h().http().post(`/api/difficulties/${tytMoney.id}/forward`).set(bearer(staff)).send({ to: "UBND phường (Phòng Kinh tế)", at: "2026-11-21T09:00:00+07:00" });
    expect(fwd.body.error.code).toBe("FORWARDED_IN_FUTURE");
    const ok = await h().http().post(`/api/difficulties/${tytMoney.id}/forward`).set(bearer(staff)).send({ to: "UBND phường (Phòng Kinh tế)" });
    expect(ok.body).toMatchObject({ state: "forwarded", forwardedTo: "UBND phường (Phòng Kinh tế)" });
    const short = await h().http().post(`/api/difficulties/${tytMoney.id}/resolve`).set(bearer(staff)).send({ answer: "Xong" });
    expect(short.status).toBe(400);
    const answer = "UBND phường bố trí 20 triệu đồng cho truyền thông năm 2027.";
    expect((await h().http().post(`/api/difficulties/${tytMoney.id}/resolve`).set(bearer(staff)).send({ answer })).body.state).toBe("resolved");

    // the Youth Union's duplicate shows the answer of the item it was merged into
    const doanView = (await list(h, doan)).items[0] as DifficultyItem;
    expect(doanView).toMatchObject({ state: "resolved", answer, theme: { name: "Kinh phí" }, mergedInto: { id: tytMoney.id, unitName: "Trạm Y tế phường" } });
    const detail = await h().http().get(`/api/difficulties/${doanMoney.id}`).set(bearer(doan));
    expect(detail.body.answer).toBe(answer);
    expect((await h().http().get(`/api/difficulties/${tytMoney.id}`).set(bearer(doan))).status).toBe(404);
    // both units were told
    for (const token of [doan, tyt]) {
      const inbox = (await h().http().get("/api/notifications").set(bearer(token))).body.items as { title: string; body: string }[];
      expect(inbox.map((n) => n.title)).toContain("Kiến nghị của đơn vị đã được giải quyết");
      expect(inbox.map((n) => n.title)).toContain("Kiến nghị của đơn vị đã được chuyển cấp có thẩm quyền");
    }
    expect((await list(h, staff, "?state=resolved")).items).toHaveLength(2);
    expect((await list(h, staff, `?themeId=${money.id}`)).items).toHaveLength(2);
  });

  it("a resubmitted report keeps the items being handled and drops the lines the unit removed", async () => {
    await h().http().post(`/api/periods/${periodId}/reports/${tytId}/return`).set(bearer(staff)).send({ reason: "Bổ sung số liệu CT13." }).expect(200);
    await submitTyt(h, tyt, periodId, tytId, "- Thiếu kinh phí truyền thông\n- Chưa có phòng tư vấn riêng", "Đề nghị bố trí kinh phí truyền thông sức khỏe sinh sản.");
    const texts = (await list(h, tyt)).items.map((i) => i.text);
    expect(texts).toEqual(["Thiếu kinh phí truyền thông", "Chưa có phòng tư vấn riêng", "Đề nghị bố trí kinh phí truyền thông sức khỏe sinh sản."]);
  });

  it("gives the ward report its items grouped by theme, duplicates folded in", async () => {
    const groups = await difficultiesByTheme(h().ctx.database.db, await h().unitId("UBND"), 2026);
    expect(groups.map((g) => g.theme)).toEqual(["Kinh phí", null]);
    expect(groups[0].items[0]).toMatchObject({ state: "resolved", units: ["Trạm Y tế phường", "Đoàn TNCS Hồ Chí Minh phường"] });
    expect(groups[1].items.map((i) => i.text)).toEqual(["Chưa có phòng tư vấn riêng", "Đề nghị bố trí kinh phí truyền thông sức khỏe sinh sản."]);
  });
});
