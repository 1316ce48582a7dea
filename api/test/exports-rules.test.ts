import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { binary, putReport, createAnnualPeriod } from "./exports-fixtures.js";
import { EXTENDED, EXTENSION_UNTIL, MISSING, RETURNED, RETURN_REASON, buildScenario } from "./exports-scenario.js";
import { formatFigure } from "../src/contract/summary-labels.js";

/** The text of every table row of a docx (cells joined by " | "), to read a figure where the report prints it. */
export function docxRows(xml: string): string[][] {
  return [...xml.matchAll(/<w:tr[ >][^]*?<\/w:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<w:tc>[^]*?<\/w:tc>/g)].map((tc) =>
      [...tc[0].matchAll(/<w:p[ >][^]*?<\/w:p>/g)].map((p) => p[0].replace(/<[^>]+>/g, "")).join("\n"),
    ),
  );
}

const docText = (xml: string) => xml.replace(/<w:tab\/>/g, "\t").replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "");

describeEachDb("ward summary: the clerk's report (rules, coverage, status in words, sections)", (h) => {
  let periodId: number;
  let staff: string;
  const get = async (query = "") => {
    const res = await h().http().get(`/api/periods/${periodId}/summary${query}`).set(bearer(staff));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const ind = (body: any, code: string) => body.indicators.find((i: any) => i.code === code);
  const task = (body: any, code: string) => body.tasks.find((t: any) => t.code === code);

  beforeAll(async () => {
    ({ periodId, staff } = await buildScenario(h()));
  });

  it("counts the one dialogue two units reported once, and adds up the residential groups' lists", async () => {
    const s = await get();
    // CT14: the ward office and the Youth Union both reported the same dialogue
    expect(ind(s, "CT14").current).toMatchObject({ value: 1, unitsReported: 2, sourceUnitName: "Văn phòng HĐND-UBND" });
    // CT02: three offices no longer add the ward's youth twice: 4.100/6.200, not 8.330/12.400
    expect(ind(s, "CT02").current).toMatchObject({ numerator: 4100, denominator: 6200, unitsReported: 2 });
    expect(ind(s, "CT02").contributions.map((c: any) => [c.unitName, c.numerator, c.counted])).toEqual([
      ["Phòng VHXH", 4100, true],
      ["Đoàn phường", 4230, false],
    ]);
    // CT09: the Youth Union's ward-wide figure; the groups' figures are contributions
    expect(ind(s, "CT09").current).toMatchObject({ numerator: 4500, denominator: 6200, unitsReported: 5, sourceUnitName: "Đoàn phường" });
    // CT17: residential groups split the ward: 3 of the 4 groups that reported, 4 of the 10 expected
    expect(ind(s, "CT17")).toMatchObject({ aggregation: { rule: "sum" }, unitsExpected: 10, current: { numerator: 3, denominator: 4, value: 75, unitsReported: 4 } });
    // CT01: separate staffs add up; the returned report of the military command does not count
    expect(ind(s, "CT01").current).toMatchObject({ numerator: 75, denominator: 90, unitsReported: 2 });
    // every Appendix I indicator carries a rule and a reason staff can read
    for (const i of s.indicators) expect(i.aggregation.reason.length, i.code).toBeGreaterThan(20);
  });

  it("takes the largest figure where several units gather the same youth, and lets staff count approved reports only", async () => {
    const all = await get();
    expect(all.counted).toBe("submitted_and_approved");
    // CT16: the Front's 4.400 (submitted within its extension) is the largest
    expect(ind(all, "CT16").current).toMatchObject({ numerator: 4400, unitsReported: 2, sourceUnitName: "UB MTTQ phường" });
    const approved = await get("?counted=approved_only");
    expect(approved.counted).toBe("approved_only");
    expect(approved.countedStatuses).toEqual(["approved"]);
    expect(ind(approved, "CT16").current).toMatchObject({ numerator: 4300, unitsReported: 1, sourceUnitName: "Đoàn phường" });
    expect(approved.completeness).toMatchObject({ submitted: 9, approved: 8, counted: 8 });
    expect(all.completeness).toMatchObject({ expected: 16, submitted: 9, approved: 8, counted: 9, returned: 1, missing: 7, onTime: 9, extended: 1, late: 0 });
    // NV13 is the Front's alone: done when its report counts, unreported otherwise
    expect(task(all, "NV13").wardStatus).toBe("done");
    expect(task(approved, "NV13").wardStatus).toBeNull();
    const bad = await h().http().get(`/api/periods/${periodId}/summary?counted=all`).set(bearer(staff));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect(bad.body.error.details[0].message).toContain("chỉ báo cáo đã duyệt");
  });

  it("judges a task by its lead's accepted report and averages progress over every reporting unit", async () => {
    const s = await get();
    // NV08: the military command said "done", but its report was returned
    expect(task(s, "NV08")).toMatchObject({ wardStatus: null, unitsReported: 0 });
    // NV05: the ward office leads and reports it done
    expect(task(s, "NV05")).toMatchObject({ completionRule: "lead", leadUnitName: "Văn phòng HĐND-UBND", wardStatus: "done" });
    // NV02: the lead is still at it
    expect(task(s, "NV02")).toMatchObject({ completionRule: "lead", wardStatus: "in_progress", meanProgress: 50 });
    // NV01: of its two leads only VHXH is expected this year, and it is done; the Youth Union (a partner)
    // has not started: the mean counts it as 0 — (100 + 0) / 2, not 100
    expect(task(s, "NV01")).toMatchObject({ completionRule: "lead", leadUnitName: "Phòng VHXH", wardStatus: "done", meanProgress: 50, done: 1, notStarted: 1 });
    // NV03: every group leads: 3 done, 1 at 40 %, 6 missing, the police (partner) at 50 % → not done,
    // mean over the five that reported (100·3 + 40 + 50) / 5 = 78
    expect(task(s, "NV03")).toMatchObject({ completionRule: "all", wardStatus: "in_progress", meanProgress: 78, unitsReported: 5, unitsExpected: 11 });
  });

  it("says each unit's reporting status in words: on time, within an extension, returned with the reason, missing", async () => {
    const s = await get();
    const row = (code: string) => s.reporting.find((r: any) => r.unitId === units[code]);
    const units: Record<string, number> = {};
    for (const c of ["VP", RETURNED.code, EXTENDED.code, ...MISSING]) units[c] = await h().unitId(c);
    expect(row("VP")).toMatchObject({ state: "on_time", reportStatus: "approved", counted: true });
    expect(row(EXTENDED.code)).toMatchObject({ state: "on_time_extended", reportStatus: "submitted", exceptionUntil: EXTENSION_UNTIL, submittedAt: "2026-12-02T02:00:00.000Z" });
    expect(row(RETURNED.code)).toMatchObject({ state: "returned", returnReason: RETURN_REASON, counted: false });
    for (const c of MISSING) expect(row(c).state).toBe("not_submitted");
    expect(s.reporting).toHaveLength(16);
  });

  it("names a late unit with its date", async () => {
    const { db } = h().ctx.database;
    const id = await createAnnualPeriod(h(), 2024, ["CA", "VP"]);
    await putReport(h(), id, "CA", { status: "approved", onTime: false, indicators: { CT01: [5, 10] } });
    await db.updateTable("reports").set({ submitted_at: "2024-12-03T02:00:00.000Z" }).where("period_id", "=", id).execute();
    const s = (await h().http().get(`/api/periods/${id}/summary`).set(bearer(staff))).body;
    expect(s.reporting.map((r: any) => r.state)).toEqual(["not_submitted", "late"]);
    expect(s.completeness).toMatchObject({ late: 1, onTime: 0 });
    const xml = await (await JSZip.loadAsync((await binary(h().http().get(`/api/periods/${id}/export.docx`).set(bearer(staff)))).body as Buffer)).file("word/document.xml")!.async("string");
    expect(docText(xml)).toContain("- Nộp muộn (1): Công an phường (nộp ngày 03/12/2024).");
  });

  it("lists values far from last year with the unit's explanation", async () => {
    const s = await get();
    expect(s.flagged).toHaveLength(1);
    expect(s.flagged[0]).toMatchObject({ code: "CT02", unitName: "Đoàn phường", comment: "Năm 2026 phường mở trang Zalo, số thanh niên tiếp cận tăng mạnh." });
    expect(s.flagged[0].lastYear).toBeCloseTo((100 * 2000) / 6200, 6);
  });

  it("drafts the staff-written sections from the data, saves staff's text, and refuses 100 000 characters without losing the saved text", async () => {
    const s = await get();
    const draft = (key: string) => s.sections.find((x: any) => x.key === key);
    expect(draft("assessment").text).toBeNull();
    expect(draft("assessment").draft).toContain("Bị trả lại để hoàn thiện: Ban CHQS phường.");
    expect(draft("assessment").draft).toContain(`Chưa gửi báo cáo: ${MISSING.map((c) => `TDP ${Number(c.slice(3))}`).join("; ")}.`);
    expect(draft("assessment").draft).toMatch(/chỉ tiêu chưa đạt: .*CT02 \(66,1%, mục tiêu 2030 là 70%\)/);
    expect(draft("assessment").draft).toContain("- Văn phòng HĐND và UBND phường: Thiếu kinh phí tổ chức hội nghị quán triệt.");
    expect(draft("next_year").title).toBe("Nhiệm vụ, giải pháp năm 2027");
    expect(draft("next_year").draft).toContain("CT02 (lộ trình 2027: 67,1%)"); // 66,1% → 70% in four even steps
    expect(draft("proposals").draft).toContain("- Đoàn TNCS Hồ Chí Minh phường: Đề nghị hỗ trợ địa điểm sinh hoạt cho các chi đoàn tổ dân phố.");
    expect(draft("commendations").draft).toContain("khen thưởng 1 tập thể và 2 cá nhân");

    const url = `/api/periods/${periodId}/summary/sections/assessment`;
    const text = "1. Kết quả đạt được\nPhường hoàn thành phần lớn chỉ tiêu năm 2026.\n2. Tồn tại, hạn chế\n- Còn 6 tổ dân phố chưa báo cáo.";
    const saved = await h().http().put(url).set(bearer(staff)).send({ text });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ key: "assessment", text, updatedBy: "Cán bộ VHXH" });
    const tooLong = await h().http().put(url).set(bearer(staff)).send({ text: "a".repeat(100_000) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe("VALIDATION_FAILED");
    expect(tooLong.body.error.details[0].message).toContain("tối đa 20.000 ký tự");
    expect(draft("assessment").draft).not.toBe(text);
    expect((await get()).sections.find((x: any) => x.key === "assessment").text).toBe(text);
    expect((await h().http().put(`/api/periods/${periodId}/summary/sections/khac`).set(bearer(staff)).send({ text: "x" })).status).toBe(400);
    const focal = await h().signIn("focal", { unitId: await h().unitId("DOAN") });
    expect((await h().http().put(url).set(bearer(focal)).send({ text: "x" })).status).toBe(403);
  });

  it("lists the commendation candidates of counted reports in the usual table (Word and Excel)", async () => {
    const s = await get();
    expect(s.commendations.map((c: any) => [c.unitName, c.kind, c.name])).toEqual([
      ["Phòng VHXH", "person", "Trần Thị Bình"],
      ["Đoàn phường", "collective", "Chi đoàn tổ dân phố số 3"],
      ["Đoàn phường", "person", "Nguyễn Văn An"],
    ]);
    const res = await binary(h().http().get(`/api/periods/${periodId}/export.xlsx`).set(bearer(staff)));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const ws = wb.getWorksheet("Đề nghị khen thưởng")!;
    expect((ws.getRow(3).values as unknown[]).slice(1, 6)).toEqual(["STT", "Tập thể / cá nhân", "Chức vụ – đơn vị", "Thành tích", "Hình thức đề nghị"]);
    expect((ws.getRow(6).values as unknown[]).slice(1, 6)).toEqual([
      3,
      "Nguyễn Văn An",
      "Bí thư Đoàn phường",
      "Tổ chức 6 đợt tuyên truyền Nghị quyết 83.",
      "Bằng khen của Chủ tịch UBND thành phố",
    ]);
    expect(ws.rowCount).toBe(6);
    const rep = wb.getWorksheet("Tình hình báo cáo")!;
    const states = new Map<string, string>();
    rep.eachRow((r, n) => {
      if (n > 3) states.set(String(r.getCell(2).value), String(r.getCell(3).value));
    });
    expect(states.get("UB MTTQ phường")).toBe("Đúng hạn (được gia hạn)");
    expect(states.get("Ban CHQS phường")).toBe("Bị trả lại để hoàn thiện");
    expect(states.get("TDP 10")).toBe("Chưa gửi báo cáo");
  });

  it("cites the ward's plan, says the status in words and carries the staff's text in the Word report", async () => {
    const bad = await h().http().put("/api/plan-reference").set(bearer(staff)).send({ number: "mười lăm", date: "2026-01-20" });
    expect(bad.status).toBe(400);
    const future = await h().http().put("/api/plan-reference").set(bearer(staff)).send({ number: "15/KH-UBND", date: "2027-01-20" });
    expect(future.body.error.code).toBe("PLAN_DATE_IN_FUTURE");
    const ok = await h().http().put("/api/plan-reference").set(bearer(staff)).send({ number: "15/KH-UBND", date: "2026-01-20" });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ number: "15/KH-UBND", date: "2026-01-20" });

    const xml = await (await JSZip.loadAsync((await binary(h().http().get(`/api/periods/${periodId}/export.docx`).set(bearer(staff)))).body as Buffer)).file("word/document.xml")!.async("string");
    const text = docText(xml);
    for (const s of [
      "Thực hiện Kế hoạch số 15/KH-UBND ngày 20/01/2026 của Ủy ban nhân dân phường Lê Đại Hành",
      "Phường Lê Đại Hành, ngày 02 tháng 12 năm 2026",
      "- Nộp đúng hạn trong thời gian được gia hạn (1): UB MTTQ phường (gia hạn đến 05/12/2026).",
      `- Bị trả lại để hoàn thiện (1): Ban CHQS phường (lý do: ${RETURN_REASON}).`,
      "- Chưa gửi báo cáo (6): TDP 5; TDP 6; TDP 7; TDP 8; TDP 9; TDP 10.",
      "Phường hoàn thành phần lớn chỉ tiêu năm 2026.",
      "- CT02: năm 2026 đạt 66,1%, mục tiêu 2030 trên 70%.",
      "- CT14: năm 2026 đạt 1, lộ trình 2026 là 1, mục tiêu 2030 ít nhất 01 lần/năm.",
      "CT02, Đoàn phường: 68,2% (năm trước 32,3%). Giải thích: Năm 2026 phường mở trang Zalo",
      "Chi đoàn tổ dân phố số 3",
    ]) {
      expect(text, s).toContain(s);
    }
    expect(text).not.toContain("KHÔNG ĐƯỢC TÍNH");
  });

  it("renders one computation three ways: the screen, the Excel and the Word agree to the last digit", async () => {
    const s = await get();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await binary(h().http().get(`/api/periods/${periodId}/export.xlsx`).set(bearer(staff)))).body as ArrayBuffer);
    const totals = new Map<string, ExcelJS.Row>();
    wb.getWorksheet("Phụ lục 01 - Chỉ tiêu")!.eachRow((r, n) => {
      if (n > 3 && r.getCell(1).value !== null && !totals.has(String(r.getCell(2).value))) totals.set(String(r.getCell(2).value), r);
    });
    const xml = await (await JSZip.loadAsync((await binary(h().http().get(`/api/periods/${periodId}/export.docx`).set(bearer(staff)))).body as Buffer)).file("word/document.xml")!.async("string");
    const wordRows = docxRows(xml);
    for (const i of s.indicators) {
      const shown = formatFigure(i.current.value, i.measure);
      const cell = totals.get(i.code)!.getCell(9).value as number | null;
      expect(formatFigure(cell === null ? null : i.measure === "percent" ? cell * 100 : cell, i.measure), `Excel ${i.code}`).toBe(shown);
      const row = wordRows.find((r) => r[1] === i.name)!;
      expect(row[3].split("\n")[0], `Word ${i.code}`).toBe(shown);
      expect(row[4], `Word coverage ${i.code}`).toBe(`${i.current.unitsReported}/${i.unitsExpected}`);
    }
  });
});
