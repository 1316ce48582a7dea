import { beforeAll, expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { buildScenario } from "./exports-scenario.js";
import { createAnnualPeriod, putReport } from "./exports-fixtures.js";
import { trajectorySentence } from "../src/contract/summary-labels.js";

describeEachDb("catalog editing: rules, milestones, refusals, audit trail", (h) => {
  let periodId: number;
  let staff: string;
  /** the city's staff edit the definitions (issue 14); the ward's staff its settings */
  let city: string;
  const ids: Record<string, number> = {};
  const summary = async (pid = periodId) => (await h().http().get(`/api/periods/${pid}/summary`).set(bearer(staff))).body;
  const ind = (body: any, code: string) => body.indicators.find((i: any) => i.code === code);
  const patch = (code: string, body: object) => h().http().patch(`/api/indicators/${ids[code]}`).set(bearer(staff)).send(body);
  const cityPatch = (code: string, body: object) => h().http().patch(`/api/indicators/${ids[code]}`).set(bearer(city)).send(body);

  beforeAll(async () => {
    ({ periodId, staff } = await buildScenario(h()));
    city = await h().signIn("city_staff", { name: "Cán bộ Sở Nội vụ" });
    const list = (await h().http().get("/api/indicators")).body as { id: number; code: string }[];
    for (const i of list) ids[i.code] = i.id;
  });

  it("seeds every Appendix I indicator with a rule and the plan's yearly milestones where the plan sets them", async () => {
    const list = (await h().http().get("/api/indicators")).body;
    expect(list).toHaveLength(18);
    for (const i of list) expect(["sum", "lead", "max"]).toContain(i.aggregation.rule);
    expect(list.find((i: any) => i.code === "CT14").aggregation).toMatchObject({ rule: "lead", unitId: await h().unitId("VP") });
    expect(list.find((i: any) => i.code === "CT01").milestones.map((m: any) => [m.year, m.value, m.source])).toEqual([2026, 2027, 2028, 2029, 2030].map((y) => [y, 100, "plan"]));
    expect(list.find((i: any) => i.code === "CT02").milestones).toEqual([]);
  });

  it("switching CT02's rule to a sum changes the ward figure and is kept in the audit trail", async () => {
    expect(ind(await summary(), "CT02").current).toMatchObject({ numerator: 4100, denominator: 6200 });
    const res = await patch("CT02", { aggregation: { rule: "sum", reason: "Thử cộng số của Phòng VHXH và Đoàn phường." } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.aggregation).toEqual({ rule: "sum", unitId: null, reason: "Thử cộng số của Phòng VHXH và Đoàn phường." });
    expect(ind(await summary(), "CT02").current).toMatchObject({ numerator: 8330, denominator: 12400, sourceUnitName: null });
    const history = (await h().http().get(`/api/indicators/${ids.CT02}/history`).set(bearer(staff))).body;
    expect(history[0]).toMatchObject({ field: "aggregation", label: "Cách tổng hợp", userName: "Cán bộ VHXH" });
    expect(history[0].oldValue).toMatch(/^Lấy số của Phòng VHXH\. /);
    expect(history[0].newValue).toBe("Cộng số của các đơn vị. Thử cộng số của Phòng VHXH và Đoàn phường.");
    // and back
    const back = await patch("CT02", { aggregation: { rule: "lead", unitId: await h().unitId("VHXH"), reason: "Phòng VHXH chủ trì, số của Đoàn là phần đóng góp." } });
    expect(back.status).toBe(200);
    expect(ind(await summary(), "CT02").current.numerator).toBe(4100);
  });

  it("judges the year's milestone, fills the years between by even steps, and writes the trajectory sentence", async () => {
    const res = await patch("CT02", { milestones: [{ year: 2026, measure: "percent", value: 62 }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.milestones).toEqual([{ year: 2026, value: 62, source: "staff" }]);
    const ct02 = ind(await summary(), "CT02");
    expect(ct02).toMatchObject({ milestone: { year: 2026, value: 62, kind: "staff" }, basis: "milestone", onTrack: "on_track" });
    expect(ct02.trajectory.map((p: any) => [p.year, p.milestone, p.milestoneKind])).toEqual([
      [2026, 62, "staff"],
      [2027, 64, "even_steps"],
      [2028, 66, "even_steps"],
      [2029, 68, "even_steps"],
      [2030, 70, "target"],
    ]);
    expect(trajectorySentence(ct02, 2026)).toBe("năm 2026 đạt 66,1%, lộ trình 2026 là 62%, mục tiêu 2030 trên 70%");

    // Without a 2026 milestone, the steps start from the 2026 ward figure (66,1% → 70%).
    const p27 = await createAnnualPeriod(h(), 2027, ["VHXH", "DOAN"]);
    await putReport(h(), p27, "VHXH", { status: "approved", indicators: { CT02: [4300, 6200] } });
    expect(ind(await summary(p27), "CT02")).toMatchObject({ milestone: { year: 2027, value: 64, kind: "even_steps" }, onTrack: "on_track" });
    await patch("CT02", { milestones: [{ year: 2026, measure: "percent", value: null }] });
    const s27 = ind(await summary(p27), "CT02");
    expect(s27.milestone).toEqual({ year: 2027, value: 67.1, kind: "even_steps" });
    expect(s27.trajectory.slice(0, 2).map((p: any) => [p.year, Math.round(p.value * 10) / 10, p.milestone])).toEqual([
      [2026, 66.1, null],
      [2027, 69.4, 67.1],
    ]);
    expect(trajectorySentence(s27, 2027)).toBe("năm 2026 đạt 66,1%; năm 2027 đạt 69,4%, lộ trình 2027 là 67,1%, mục tiêu 2030 trên 70%");
  });

  it("refuses bad input with clear Vietnamese errors and stable codes, changing nothing", async () => {
    const before = (await h().http().get(`/api/indicators/${ids.CT07}`).set(bearer(staff))).body;
    const cases: [string, object, number, string, RegExp][] = [
      ["CT07", { aggregation: { rule: "average", reason: "Lấy trung bình các đơn vị." } }, 400, "VALIDATION_FAILED", /Cách tổng hợp không hợp lệ/],
      ["CT07", { leadUnitIds: [await h().unitId("CA")] }, 400, "LEAD_NOT_REPORTING", /Công an phường chưa được chọn báo cáo/],
      ["CT07", { milestones: [{ year: 2027, measure: "percent", value: 60 }] }, 400, "MILESTONE_MEASURE_MISMATCH", /người\/năm.*không phải tỷ lệ/],
      ["CT07", { milestones: [{ year: 2031, measure: "count", value: 60 }] }, 400, "MILESTONE_YEAR_OUTSIDE_PLAN", /2026–2030/],
      ["CT07", { milestones: [{ year: 2027, measure: "count", value: 2.5 }] }, 400, "MILESTONE_NOT_INTEGER", /số nguyên/],
      ["CT02", { milestones: [{ year: 2027, measure: "percent", value: 120 }] }, 400, "MILESTONE_OUT_OF_RANGE", /không quá 100%/],
      ["CT16", { aggregation: { rule: "lead", reason: "Lấy số của đơn vị chủ trì." } }, 400, "RULE_UNIT_REQUIRED", /3 đơn vị chủ trì/],
      // the definition is the city's: a ward's staff are told who edits it
      ["CT07", { name: "Tên mới do phường đặt" }, 403, "CITY_LEVEL_ONLY", /chỉ cán bộ Sở Nội vụ thành phố sửa được/],
      ["CT07", { unitIds: [] }, 400, "INDICATOR_NO_UNITS", /ít nhất một đơn vị/],
      ["CT07", { unitIds: [999999] }, 400, "UNKNOWN_UNIT", /999999/],
    ];
    for (const [code, body, status, errCode, message] of cases) {
      const res = await patch(code, body);
      expect(res.status, `${errCode} ${JSON.stringify(res.body)}`).toBe(status);
      expect(res.body.error.code).toBe(errCode);
      const text = errCode === "VALIDATION_FAILED" ? res.body.error.details[0].message : res.body.error.message;
      expect(text).toMatch(message);
    }
    const locked = await cityPatch("CT07", { measure: "percent" });
    expect(locked.status).toBe(409);
    expect(locked.body.error).toMatchObject({ code: "INDICATOR_MEASURE_LOCKED", message: expect.stringMatching(/đã có \d+ số liệu/) });
    // city staff only read a ward's settings
    const citySettings = await cityPatch("CT07", { aggregation: { rule: "sum", reason: "Sở Nội vụ đổi cách tổng hợp." } });
    expect(citySettings.status).toBe(403);
    expect(citySettings.body.error.code).toBe("WARD_DATA_READ_ONLY");
    expect((await h().http().get(`/api/indicators/${ids.CT07}`).set(bearer(staff))).body).toEqual(before);
    const focal = await h().signIn("focal", { unitId: await h().unitId("DOAN") });
    expect((await h().http().patch(`/api/indicators/${ids.CT07}`).set(bearer(focal)).send({ name: "Tên mới của chỉ tiêu" })).status).toBe(403);
  });

  it("changes the measure only where no value exists, and clears the milestones set in the old measure", async () => {
    await patch("CT13", { milestones: [{ year: 2028, measure: "percent", value: 60 }] });
    const res = await cityPatch("CT13", { measure: "count", unitLabel: "người/năm", target: 500, targetText: "500 người/năm" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ measure: "count", unitLabel: "người/năm", valueCount: 0, milestones: [] });
    // the ward's milestones in the old measure went with it
    expect((await h().http().get(`/api/indicators/${ids.CT13}`).set(bearer(staff))).body.milestones).toEqual([]);
    const fields = (await h().http().get(`/api/indicators/${ids.CT13}/history`).set(bearer(staff))).body.map((c: any) => c.label);
    expect(fields).toEqual(expect.arrayContaining(["Cách đo", "Đơn vị tính", "Lộ trình năm 2028"]));
  });

  it("keeps a renamed indicator's values and history, and an inactive one in the reports that have it", async () => {
    const newName = "Tỷ lệ cán bộ, công chức, chiến sĩ trẻ được học tập nghị quyết, pháp luật mới";
    const oldName = (await h().http().get(`/api/indicators/${ids.CT01}`).set(bearer(staff))).body.name;
    expect((await cityPatch("CT01", { name: newName })).status).toBe(200);
    const ct01 = ind(await summary(), "CT01");
    expect(ct01).toMatchObject({ name: newName, current: { numerator: 75, denominator: 90 } });
    const change = (await h().http().get(`/api/indicators/${ids.CT01}/history`).set(bearer(staff))).body[0];
    expect(change).toMatchObject({ label: "Tên", oldValue: oldName, newValue: newName });

    // CT12: the police reported it this year; TDP 5 (no report yet) reports nothing on it
    expect((await cityPatch("CT10", { active: false })).status).toBe(200);
    const s = await summary();
    expect(ind(s, "CT10")).toMatchObject({ active: false, current: { value: 50 } });
    const focal = await h().signIn("focal", { unitId: await h().unitId("DOAN") });
    const doan = (await h().http().get(`/api/periods/${periodId}/reports/${await h().unitId("DOAN")}`).set(bearer(focal))).body;
    expect(doan.indicators.map((i: any) => i.code)).toContain("CT10"); // its approved report keeps it
    const p27 = await createAnnualPeriod(h(), 2028, ["DOAN"]);
    await h().ctx.database.db.updateTable("periods").set({ status: "open", deadline_at: "2028-11-30T16:59:59.000Z" }).where("id", "=", p27).execute();
    const fresh = (await h().http().get(`/api/periods/${p27}/reports/${await h().unitId("DOAN")}`).set(bearer(focal))).body;
    expect(fresh.indicators.map((i: any) => i.code)).not.toContain("CT10");
    expect(ind(await summary(p27), "CT10")).toBeUndefined();
    await cityPatch("CT10", { active: true });
  });

  it("adds an indicator (to replace one whose measure is locked), refusing a code already in use", async () => {
    // the city adds it to the list; each ward then chooses which of its units report it
    const body = { code: "CT19", name: "Số thanh niên được hỗ trợ vay vốn khởi nghiệp", measure: "count", unitLabel: "người/năm" };
    const res = await h().http().post("/api/indicators").set(bearer(city)).send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ code: "CT19", measure: "count", unitIds: [], leadUnitIds: [], active: true, valueCount: 0 });
    const hoi = await h().unitId("HOI");
    ids.CT19 = res.body.id;
    const assigned = await patch("CT19", { unitIds: [hoi], leadUnitIds: [hoi], aggregation: { rule: "lead", reason: "Chỉ Hội LHTN phường báo cáo chỉ tiêu này." } });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body).toMatchObject({ unitIds: [hoi], leadUnitIds: [hoi], aggregation: { rule: "lead", unitId: null } });
    const dup = await h().http().post("/api/indicators").set(bearer(city)).send(body);
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("INDICATOR_CODE_TAKEN");
    const bad = await h().http().post("/api/indicators").set(bearer(city)).send({ ...body, code: "X1" });
    expect(bad.body.error.details[0].message).toBe("Mã chỉ tiêu ghi theo mẫu CT19.");
    const byWard = await h().http().post("/api/indicators").set(bearer(staff)).send({ ...body, code: "CT20" });
    expect(byWard.status).toBe(403);
    expect(byWard.body.error.code).toBe("CITY_LEVEL_ONLY");
    expect(ind(await summary(), "CT19")).toMatchObject({ current: { value: null, unitsReported: 0 } });
    await h().http().patch(`/api/indicators/${res.body.id}`).set(bearer(city)).send({ active: false });
  });

  it("edits a task's units with a trail, refusing a unit that is both lead and partner", async () => {
    const tasks = (await h().http().get("/api/tasks")).body as { id: number; code: string }[];
    const nv05 = tasks.find((t) => t.code === "NV05")!.id;
    const doan = await h().unitId("DOAN");
    const both = await h().http().patch(`/api/tasks/${nv05}`).set(bearer(staff)).send({ leadUnitIds: [doan] });
    expect(both.status).toBe(400);
    expect(both.body.error).toMatchObject({ code: "UNIT_BOTH_LEAD_AND_PARTNER" });
    const ok = await h().http().patch(`/api/tasks/${nv05}`).set(bearer(staff)).send({ leadUnitIds: [doan], partnerUnitIds: [await h().unitId("VP")] });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ leadUnitIds: [doan] });
    // the timing is the city's: refused to the ward, set by city staff
    const wardTiming = await h().http().patch(`/api/tasks/${nv05}`).set(bearer(staff)).send({ timing: "Quý II hằng năm" });
    expect(wardTiming.status).toBe(403);
    expect(wardTiming.body.error.code).toBe("CITY_LEVEL_ONLY");
    const timing = await h().http().patch(`/api/tasks/${nv05}`).set(bearer(city)).send({ timing: "Quý II hằng năm" });
    expect(timing.status, JSON.stringify(timing.body)).toBe(200);
    expect(timing.body).toMatchObject({ timing: "Quý II hằng năm", leadUnitIds: [], partnerUnitIds: [] });
    const task = (await summary()).tasks.find((t: any) => t.code === "NV05");
    expect(task).toMatchObject({ completionRule: "lead", leadUnitName: "Đoàn phường", wardStatus: "done" });
    const history = (await h().http().get(`/api/tasks/${nv05}/history`).set(bearer(staff))).body.map((c: any) => c.label);
    expect(history).toEqual(expect.arrayContaining(["Thời gian thực hiện", "Đơn vị chủ trì", "Đơn vị phối hợp"]));
  });
});

describeEachDb("commendation candidates in a unit's yearly report", (h) => {
  it("keeps a candidate without a name in the draft, refuses the submit with a clear reason, and lists complete ones", async () => {
    const { db } = h().ctx.database;
    const period = await db.selectFrom("periods").select("id").where("year", "=", 2026).where("kind", "=", "annual").executeTakeFirstOrThrow();
    const unitId = await h().unitId("TYT");
    const focal = await h().signIn("focal", { unitId });
    const url = `/api/periods/${period.id}/reports/${unitId}`;
    const form = (await h().http().get(url).set(bearer(focal))).body;
    expect(form).toMatchObject({ commendations: [], periodKind: "annual" });
    const save = await h()
      .http()
      .put(url)
      .set(bearer(focal))
      .send({
        version: form.version,
        indicators: form.indicators.map((i: any) => ({ indicatorId: i.indicatorId, numerator: 70, denominator: 100 })),
        commendations: [
          { kind: "person", name: "", position: "Nhân viên Trạm Y tế", achievement: "Tư vấn sức khỏe sinh sản cho 300 thanh niên.", form: "Giấy khen" },
          { kind: "collective", name: "  ", position: "", achievement: "", form: "" },
        ],
      });
    expect(save.status, JSON.stringify(save.body)).toBe(200);
    // kept as typed (an autosave must not eat what is being typed); the empty line is ignored at submit
    expect(save.body.commendations).toHaveLength(2);
    expect(save.body.commendations[0]).toEqual({ kind: "person", name: "", position: "Nhân viên Trạm Y tế", achievement: "Tư vấn sức khỏe sinh sản cho 300 thanh niên.", form: "Giấy khen" });
    const submit = await h().http().post(`${url}/submit`).set(bearer(focal)).send({ version: save.body.version });
    expect(submit.status).toBe(422);
    expect(submit.body.error.code).toBe("REPORT_INCOMPLETE");
    expect(submit.body.error.details).toEqual([
      expect.objectContaining({ code: "COMMENDATION_NAME_REQUIRED", field: "commendation:0:name", message: "Đề nghị khen thưởng thứ 1: chưa ghi tên tập thể hoặc cá nhân." }),
    ]);
    expect((await h().http().get(url).set(bearer(focal))).body.commendations).toHaveLength(2);

    const tooLong = await h().http().put(url).set(bearer(focal)).send({ version: save.body.version, commendations: [{ kind: "person", name: "x".repeat(201) }] });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details[0]).toMatchObject({ path: "commendations.0.name", message: "Tên tập thể, cá nhân tối đa 200 ký tự." });
    const badKind = await h().http().put(url).set(bearer(focal)).send({ version: save.body.version, commendations: [{ kind: "team", name: "Tổ y tế" }] });
    expect(badKind.body.error.details[0].message).toContain("tập thể");

    const fixed = await h()
      .http()
      .put(url)
      .set(bearer(focal))
      .send({ version: save.body.version, commendations: [{ ...save.body.commendations[0], name: "Lê Thị Hoa " }, save.body.commendations[1]] });
    expect(fixed.status).toBe(200);
    const audit = (await h().http().get(`${url}/audit`).set(bearer(focal))).body;
    expect(audit[0]).toMatchObject({ label: "Đề nghị khen thưởng", newValue: "Cá nhân: Lê Thị Hoa — Giấy khen; Tập thể: (chưa ghi tên)" });
    expect((await h().http().post(`${url}/submit`).set(bearer(focal)).send({ version: fixed.body.version })).status).toBe(200);
    const staff = await h().signIn("staff");
    const s = (await h().http().get(`/api/periods/${period.id}/summary`).set(bearer(staff))).body;
    expect(s.commendations).toEqual([
      { unitId, unitName: "Trạm Y tế", kind: "person", name: "Lê Thị Hoa", position: "Nhân viên Trạm Y tế", achievement: "Tư vấn sức khỏe sinh sản cho 300 thanh niên.", form: "Giấy khen" },
    ]);
  });
});
