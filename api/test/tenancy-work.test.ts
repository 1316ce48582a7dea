import JSZip from "jszip";
import { beforeAll, expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { addSecondWard, type SecondWard } from "./tenancy-work-fixtures.js";
import { binary } from "./exports-fixtures.js";
import { prepareWard } from "../src/wards/prepare.js";
import { wardAnnualPeriod } from "../src/reports/yearly-periods.js";
import { loadSummaryInput } from "../src/exports/load.js";
import { computeSummary } from "../src/exports/compute/summary.js";

/**
 * Two wards in one deployment (issue 14): Lê Đại Hành (seeded) and Hồng Bàng (added under the city).
 * Each ward's periods, reports, summary and exports, and its catalog settings are its own: another
 * ward's answer 404 as if missing; the city's definitions are edited by city staff only.
 */
describeEachDb("tenancy of the plan's work: periods, reports, summary, catalog", (h) => {
  let hb: SecondWard;
  let ldh: number;
  let ldhPeriod: number;
  let hbPeriod: number;
  let ldhStaff: string;
  let hbStaff: string;
  let hbObserver: string;
  let hbFocal: string;
  let city: string;
  const get = (url: string, token: string) => h().http().get(url).set(bearer(token));

  beforeAll(async () => {
    hb = await addSecondWard(h());
    ldh = await h().unitId("UBND");
    ldhPeriod = (await wardAnnualPeriod(h().ctx.database.db, ldh, 2026))!.id;
    hbPeriod = (await wardAnnualPeriod(h().ctx.database.db, hb.wardId, 2026))!.id;
    ldhStaff = await h().signIn("staff", { name: "Cán bộ Lê Đại Hành" });
    hbStaff = await h().signIn("staff", { wardId: hb.wardId, name: "Cán bộ Hồng Bàng" });
    hbObserver = await h().signIn("observer", { wardId: hb.wardId, name: "MTTQ Hồng Bàng" });
    hbFocal = await h().signIn("focal", { unitId: hb.unit.DOAN, name: "Đầu mối Đoàn Hồng Bàng" });
    city = await h().signIn("city_staff", { name: "Cán bộ Sở Nội vụ" });
  });

  it("makes the new ward ready from the template: units per item by kind, rules, its 2026 period, its duties (idempotent)", async () => {
    // 17 indicators + 15 tasks: CT13 is the health station's, and this ward has none (its staff assign a unit)
    expect(hb.prepared.assignedItems).toBe(32);
    const indicators = (await get("/api/indicators", hbStaff)).body as any[];
    const ct = (code: string) => indicators.find((i) => i.code === code);
    expect(ct("CT02")).toMatchObject({ unitIds: [hb.unit.VHXH, hb.unit.DOAN], aggregation: { rule: "lead", unitId: hb.unit.VHXH } });
    expect(ct("CT17").unitIds).toEqual([hb.unit.TDP01, hb.unit.TDP02]);
    expect(ct("CT13").unitIds).toEqual([]); // no health station in this ward: its staff assign one
    expect(ct("CT01").milestones.map((m: any) => m.year)).toEqual([2026, 2027, 2028, 2029, 2030]);
    const periods = (await get("/api/periods", hbStaff)).body as any[];
    expect(periods.map((p) => [p.id, p.wardId, p.year])).toEqual([[hbPeriod, hb.wardId, 2026]]);
    expect(periods[0].expectedUnitIds).toEqual(Object.values(hb.unit).sort((a, b) => a - b));
    const duties = (await get("/api/duties", hbStaff)).body;
    expect(duties.entries.map((e: any) => e.kind)).toEqual(["unit_plan", "training_plan", "youth_month", "dialogue", "report"]);
    const training = (await get(`/api/duties/${duties.entries[1].dutyId}`, hbStaff)).body;
    expect(training.units.map((u: any) => u.unitId)).toEqual([hb.unit.VHXH]);
    // a second call adds nothing
    expect(await prepareWard(h().ctx, hb.wardId)).toEqual({ assignedItems: 0, rules: 0, periodIds: [], dutyIds: [] });
    // and Lê Đại Hành keeps exactly what it had
    const ldhCt02 = ((await get("/api/indicators", ldhStaff)).body as any[]).find((i) => i.code === "CT02");
    expect(ldhCt02).toMatchObject({ unitIds: [await h().unitId("VHXH"), await h().unitId("DOAN")], aggregation: { rule: "lead", unitId: await h().unitId("VHXH") } });
  });

  it("lists each ward its own periods and units; city staff name the ward; another ward answers 404", async () => {
    expect(((await get("/api/periods", ldhStaff)).body as any[]).map((p) => p.id)).toEqual([ldhPeriod]);
    const noWard = await get("/api/periods", city);
    expect(noWard.status).toBe(400);
    expect(noWard.body.error.code).toBe("WARD_REQUIRED");
    expect(((await get(`/api/periods?wardId=${hb.wardId}`, city)).body as any[]).map((p) => p.id)).toEqual([hbPeriod]);
    const other = await get(`/api/periods?wardId=${hb.wardId}`, ldhStaff);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("WARD_NOT_FOUND");
    const one = await get(`/api/periods/${ldhPeriod}`, hbStaff);
    expect(one.status).toBe(404);
    expect(one.body.error.code).toBe("PERIOD_NOT_FOUND");
    expect((await h().http().get(`/api/periods/${hbPeriod}`)).status).toBe(200); // periods are public
    // a ward's people pick among their ward's units (and the city above it)
    const units = (await get("/api/units", hbFocal)).body as any[];
    expect(units.every((u) => u.wardId === hb.wardId || u.kind === "city")).toBe(true);
    expect((await get("/api/units", city)).body.length).toBeGreaterThan(units.length);
  });

  it("keeps reports, review, completeness, reminders and extensions inside the ward", async () => {
    const ldhDoan = await h().unitId("DOAN");
    const ldhUrl = `/api/periods/${ldhPeriod}/reports/${ldhDoan}`;
    // the other ward's staff, observer and focal point find nothing there
    const until = { until: "2026-12-20T10:00:00+07:00" };
    for (const [method, url, token, body] of [
      ["get", `/api/periods/${ldhPeriod}/reports`, hbStaff],
      ["get", ldhUrl, hbStaff],
      ["get", `${ldhUrl}/audit`, hbObserver],
      ["get", `/api/periods/${ldhPeriod}/completeness`, hbObserver],
      ["put", ldhUrl, hbStaff, { version: 0, difficulties: "ghi đè" }],
      ["post", `${ldhUrl}/approve`, hbStaff, {}],
      ["post", `${ldhUrl}/return`, hbStaff, { reason: "Trả lại báo cáo của phường khác" }],
      ["post", `/api/periods/${ldhPeriod}/remind`, hbStaff, {}],
      ["post", `/api/periods/${ldhPeriod}/exceptions`, hbStaff, until],
      ["put", `/api/periods/${ldhPeriod}/exceptions/${ldhDoan}`, hbStaff, until],
      ["patch", `/api/periods/${ldhPeriod}`, hbStaff, { title: "Đổi tên kỳ của phường khác" }],
      ["get", `/api/periods/${ldhPeriod}/reports/${hb.unit.DOAN}`, hbFocal],
    ] as const) {
      const res = await (h().http() as any)[method](url).set(bearer(token)).send(body);
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.body.error.code).toBe("PERIOD_NOT_FOUND");
    }
    // its own ward's report works; a unit of the other ward is not expected there
    const mine = await get(`/api/periods/${hbPeriod}/reports/${hb.unit.DOAN}`, hbFocal);
    expect(mine.status).toBe(200);
    expect(mine.body.indicators.map((i: any) => i.code)).toEqual(["CT02", "CT09", "CT10", "CT14", "CT15", "CT16"]);
    const save = await h().http().put(`/api/periods/${hbPeriod}/reports/${hb.unit.DOAN}`).set(bearer(hbFocal)).send({ version: mine.body.version, difficulties: "Thiếu kinh phí" });
    expect(save.status).toBe(200);
    expect((await get(`/api/periods/${hbPeriod}/reports/${ldhDoan}`, hbStaff)).body.error.code).toBe("UNIT_NOT_EXPECTED");
    const completeness = (await get(`/api/periods/${hbPeriod}/completeness`, hbStaff)).body;
    expect(completeness.units.map((u: any) => u.unitId).sort((a: number, b: number) => a - b)).toEqual(Object.values(hb.unit).sort((a, b) => a - b));
    // city staff read both wards' and write neither
    expect((await get(`/api/periods/${ldhPeriod}/completeness`, city)).status).toBe(200);
    expect((await get(`/api/periods/${hbPeriod}/reports/${hb.unit.DOAN}`, city)).body.difficulties).toBe("Thiếu kinh phí");
    const write = await h().http().post(`/api/periods/${hbPeriod}/remind`).set(bearer(city)).send({});
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe("ROLE_FORBIDDEN");
  });

  it("creates a ward's ad hoc period for that ward, with its own units only", async () => {
    const body = { kind: "adhoc", year: 2026, title: "Báo cáo đột xuất về thanh niên khởi nghiệp", deadlineAt: "2026-12-15T23:59:59+07:00" };
    const foreign = await h().http().post("/api/periods").set(bearer(hbStaff)).send({ ...body, expectedUnitIds: [await h().unitId("HOI")] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe("UNKNOWN_UNIT");
    const res = await h().http().post("/api/periods").set(bearer(hbStaff)).send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ wardId: hb.wardId, kind: "adhoc" });
    expect(res.body.expectedUnitIds.every((u: number) => Object.values(hb.unit).includes(u))).toBe(true);
    expect(((await get("/api/periods", ldhStaff)).body as any[]).map((p) => p.id)).not.toContain(res.body.id);
    // the other ward's yearly period of 2026 is not a duplicate of this ward's
    const annual = await h().http().post("/api/periods").set(bearer(hbStaff)).send({ kind: "annual", year: 2026 });
    expect(annual.status).toBe(409);
    expect(annual.body.error).toMatchObject({ code: "PERIOD_EXISTS", details: { periodId: hbPeriod } });
    expect((await h().http().post("/api/periods").set(bearer(city)).send(body)).status).toBe(403);
    // moving the ward's deadline moves its own next year only
    const moved = await h().http().patch(`/api/periods/${hbPeriod}`).set(bearer(hbStaff)).send({ deadlineAt: "2026-12-05T23:59:59+07:00" });
    expect(moved.status).toBe(200);
    expect((await get(`/api/periods/${ldhPeriod}`, ldhStaff)).body.deadlineAt).toBe("2026-11-30T16:59:59.000Z");
  });

  it("gives each ward its own summary and exports, named for the ward; city staff read any; others 404", async () => {
    const mine = await get(`/api/periods/${hbPeriod}/summary`, hbObserver);
    expect(mine.status).toBe(200);
    expect(mine.body.scope).toEqual({ unitId: null, name: "Phường Hồng Bàng" });
    expect(mine.body.completeness.expected).toBe(Object.keys(hb.unit).length);
    const ldhSummary = (await get(`/api/periods/${ldhPeriod}/summary`, ldhStaff)).body;
    expect(ldhSummary.scope.name).toBe("Phường Lê Đại Hành");
    for (const path of ["summary", "export.xlsx", "export.docx"]) {
      const res = await get(`/api/periods/${ldhPeriod}/${path}`, hbObserver);
      expect(res.status, path).toBe(404);
      expect(res.body.error?.code ?? JSON.parse(Buffer.from(res.body).toString()).error.code).toBe("PERIOD_NOT_FOUND");
    }
    const section = await h().http().put(`/api/periods/${ldhPeriod}/summary/sections/assessment`).set(bearer(hbStaff)).send({ text: "Ghi đè đánh giá của phường khác." });
    expect(section.status).toBe(404);
    // a unit of another ward is no part of this ward's summary
    const part = await get(`/api/periods/${hbPeriod}/summary?unitId=${await h().unitId("DOAN")}`, hbStaff);
    expect(part.status).toBe(404);
    expect(part.body.error.code).toBe("UNIT_NOT_FOUND");
    // city staff: any ward's, through the same routes
    expect((await get(`/api/periods/${hbPeriod}/summary`, city)).body.scope.name).toBe("Phường Hồng Bàng");
    const docx = await binary(get(`/api/periods/${hbPeriod}/export.docx`, city));
    expect(docx.status).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.body as Buffer)).file("word/document.xml")!.async("string");
    expect(xml).toContain("PHƯỜNG HỒNG BÀNG");
    expect(xml).not.toContain("LÊ ĐẠI HÀNH");
    expect(xml).not.toContain("Phương Quốc Luyện"); // Lê Đại Hành's signer is not Hồng Bàng's
    // the load → compute functions read "ward W, year Y" (the city's view)
    const p = (await wardAnnualPeriod(h().ctx.database.db, hb.wardId, 2026))!;
    const { summary } = computeSummary(await loadSummaryInput(h().ctx, p.id, { counted: "submitted_and_approved" }));
    expect(summary.scope.name).toBe("Phường Hồng Bàng");
    expect(await wardAnnualPeriod(h().ctx.database.db, hb.wardId, 2029)).toBeNull();
  });

  it("keeps a ward's catalog settings its own; the definitions are the city's, with the audit trail at both levels", async () => {
    const ids = Object.fromEntries(((await get("/api/indicators", hbStaff)).body as any[]).map((i) => [i.code, i.id]));
    const patch = (token: string, code: string, body: object) => h().http().patch(`/api/indicators/${ids[code]}`).set(bearer(token)).send(body);
    // Hồng Bàng adds CT02 up; Lê Đại Hành keeps its lead rule
    const sum = await patch(hbStaff, "CT02", { aggregation: { rule: "sum", reason: "Hai đơn vị theo dõi hai nhóm thanh niên khác nhau." }, milestones: [{ year: 2027, measure: "percent", value: 65 }] });
    expect(sum.status, JSON.stringify(sum.body)).toBe(200);
    const ldhCt02 = (await get(`/api/indicators/${ids.CT02}`, ldhStaff)).body;
    expect(ldhCt02.aggregation.rule).toBe("lead");
    expect(ldhCt02.milestones).toEqual([]);
    expect((await get(`/api/indicators/${ids.CT02}?wardId=${hb.wardId}`, city)).body).toMatchObject({ aggregation: { rule: "sum" }, milestones: [{ year: 2027, value: 65 }] });
    // a unit of the other ward is unknown here
    const foreign = await patch(hbStaff, "CT02", { unitIds: [hb.unit.VHXH, await h().unitId("VHXH")] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe("UNKNOWN_UNIT");
    // the definition: the city's
    const byWard = await patch(hbStaff, "CT02", { targetText: "Trên 75%" });
    expect(byWard.status).toBe(403);
    expect(byWard.body.error).toMatchObject({ code: "CITY_LEVEL_ONLY" });
    const byCityOnSettings = await patch(city, "CT02", { milestones: [{ year: 2028, measure: "percent", value: 66 }] });
    expect(byCityOnSettings.status).toBe(403);
    expect(byCityOnSettings.body.error.code).toBe("WARD_DATA_READ_ONLY");
    const renamed = await patch(city, "CT02", { targetText: "Trên 70% (toàn thành phố)" });
    expect(renamed.status).toBe(200);
    expect((await get(`/api/indicators/${ids.CT02}`, ldhStaff)).body.targetText).toBe("Trên 70% (toàn thành phố)");
    // each ward's history: the city's changes and its own, never the other ward's
    const hbHistory = ((await get(`/api/indicators/${ids.CT02}/history`, hbStaff)).body as any[]).map((c) => c.field);
    const ldhHistory = ((await get(`/api/indicators/${ids.CT02}/history`, ldhStaff)).body as any[]).map((c) => c.field);
    expect(hbHistory).toEqual(["targetText", "milestone:2027", "aggregation"]);
    expect(ldhHistory).toEqual(["targetText"]);
    // a task's units are the ward's, its timing the city's
    const tasks = Object.fromEntries(((await get("/api/tasks", hbStaff)).body as any[]).map((t) => [t.code, t.id]));
    const lead = await h().http().patch(`/api/tasks/${tasks.NV04}`).set(bearer(hbStaff)).send({ leadUnitIds: [hb.unit.HOI], partnerUnitIds: [hb.unit.DOAN] });
    expect(lead.status).toBe(200);
    expect(((await get("/api/tasks", ldhStaff)).body as any[]).find((t) => t.code === "NV04").leadUnitIds).toEqual([await h().unitId("DOAN")]);
    expect((await h().http().patch(`/api/tasks/${tasks.NV04}`).set(bearer(hbStaff)).send({ partnerUnitIds: [await h().unitId("HOI")] })).body.error.code).toBe("UNKNOWN_UNIT");
  });

  it("keeps each ward's plan reference its own", async () => {
    const put = await h().http().put("/api/plan-reference").set(bearer(hbStaff)).send({ number: "27/KH-UBND", date: "2026-02-02" });
    expect(put.status).toBe(200);
    expect((await get("/api/plan-reference", ldhStaff)).body.number).toBeNull();
    expect((await get(`/api/plan-reference?wardId=${hb.wardId}`, city)).body.number).toBe("27/KH-UBND");
    expect((await get("/api/plan-reference", city)).body.error.code).toBe("WARD_REQUIRED");
    expect((await h().http().put("/api/plan-reference").set(bearer(city)).send({ number: "1/KH-UBND", date: "2026-02-02" })).status).toBe(403);
    const summary = (await get(`/api/periods/${hbPeriod}/summary`, hbStaff)).body;
    expect(summary.planReference).toEqual({ number: "27/KH-UBND", date: "2026-02-02" });
    expect((await get(`/api/periods/${ldhPeriod}/summary`, ldhStaff)).body.planReference.number).toBeNull();
  });
});
