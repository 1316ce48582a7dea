import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { bearer, describeEachDb } from "./harness.js";
import { binary, createAnnualPeriod, putReport } from "./exports-fixtures.js";
import { placeAndDate, wardNames } from "../src/exports/docx.js";
import { judge } from "../src/exports/compute/milestones.js";
import { percentOf } from "../src/exports/compute/figures.js";
import { contentDisposition } from "../src/exports/download.js";
import { TEXT_WIDTH, fitColumns, mm } from "../src/exports/docx/primitives.js";
import { textWidth } from "../src/exports/docx/text-width.js";

describe("export helpers", () => {
  it("writes the place and date of Decree 30 with leading zeros for days 1–9 and months 1–2 (Vietnam time)", () => {
    expect(placeAndDate("Phường Lê Đại Hành", new Date("2026-11-27T03:00:00Z"))).toBe("Phường Lê Đại Hành, ngày 27 tháng 11 năm 2026");
    expect(placeAndDate("Lê Đại Hành", new Date("2026-11-05T03:00:00Z"))).toBe("Lê Đại Hành, ngày 05 tháng 11 năm 2026");
    expect(placeAndDate("Lê Đại Hành", new Date("2027-02-03T03:00:00Z"))).toBe("Lê Đại Hành, ngày 03 tháng 02 năm 2027");
    expect(placeAndDate("Lê Đại Hành", new Date("2027-03-09T03:00:00Z"))).toBe("Lê Đại Hành, ngày 09 tháng 3 năm 2027");
    // 31/12 18:00 UTC is already 01/01 in Vietnam
    expect(placeAndDate("Lê Đại Hành", new Date("2026-12-31T18:00:00Z"))).toBe("Lê Đại Hành, ngày 01 tháng 01 năm 2027");
  });

  it("derives the issuer line and the place from the ward name", () => {
    // Decree 30: a unit named after a person is written in full in the place line ("Phường Lê Đại Hành, ngày …").
    expect(wardNames("Phường Lê Đại Hành")).toEqual({ upper: "PHƯỜNG LÊ ĐẠI HÀNH", name: "Lê Đại Hành", place: "Phường Lê Đại Hành", full: "phường Lê Đại Hành" });
    expect(wardNames("Ủy ban nhân dân phường Lê Đại Hành").upper).toBe("PHƯỜNG LÊ ĐẠI HÀNH");
  });

  it("judges a milestone or target in both directions, at the precision shown, and refuses to guess without one", () => {
    expect(judge(70.1, 70, "at_least", "percent")).toBe("on_track");
    expect(judge(70, 70, "at_least", "percent")).toBe("on_track");
    expect(judge(69.9, 70, "at_least", "percent")).toBe("off_track");
    expect(judge(69.96, 70, "at_least", "percent")).toBe("on_track"); // shown as 70,0%
    expect(judge(6.9, 7, "at_most", "percent")).toBe("on_track");
    expect(judge(7, 7, "at_most", "percent")).toBe("on_track");
    expect(judge(7.1, 7, "at_most", "percent")).toBe("off_track");
    expect(judge(50, null, "at_least", "percent")).toBe("unknown");
    expect(judge(null, 70, "at_least", "percent")).toBe("unknown");
    expect(percentOf(5, 0)).toBeNull();
  });

  it("sizes table columns so that no number or fraction wraps, the flexible column taking the rest", () => {
    const widths = fitColumns(
      [{ header: "STT" }, { header: "Chỉ tiêu", flex: true }, { header: "Kết quả năm 2026" }],
      [["1", "Tỷ lệ thanh niên được tiếp cận thông tin về chính sách, pháp luật", [{ text: "66,1%" }, { text: "(12.400/12.400)", size: 10 }]]],
    );
    expect(widths[2]).toBeGreaterThanOrEqual(textWidth("(12.400/12.400)", 10) + 160);
    expect(widths[0]).toBeGreaterThanOrEqual(textWidth("STT", 12, true) + 160);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
  });

  it("gives an ASCII fallback and the Vietnamese file name in filename*", () => {
    const cd = contentDisposition("Tổng hợp báo cáo NQ83 năm 2026.xlsx");
    expect(cd).toContain('filename="tong-hop-bao-cao-nq83-nam-2026.xlsx"');
    expect(cd).toContain("filename*=UTF-8''T%E1%BB%95ng%20h%E1%BB%A3p%20b%C3%A1o%20c%C3%A1o%20NQ83%20n%C4%83m%202026.xlsx");
    expect(decodeURIComponent(cd.split("''")[1])).toBe("Tổng hợp báo cáo NQ83 năm 2026.xlsx");
  });
});

describeEachDb("exports: ward summary, Excel and Word", (h) => {
  let periodId: number;
  let staff: string;

  beforeAll(async () => {
    const p = await h().ctx.database.db.selectFrom("periods").select("id").where("year", "=", 2026).where("kind", "=", "annual").executeTakeFirstOrThrow();
    periodId = p.id;
    staff = await h().signIn("staff");

    // 2026: VP submitted, CA approved, VHXH approved (late), DOAN submitted; QS draft and HOI returned must not count.
    await putReport(h(), periodId, "VP", {
      status: "submitted",
      indicators: { CT01: [412, 530], CT14: 1 },
      tasks: { NV02: { status: "not_started", progress: 0 } },
      difficulties: "Thiếu kinh phí tổ chức hội nghị quán triệt.",
      proposals: "Đề nghị bổ sung kinh phí năm 2027.",
    });
    await putReport(h(), periodId, "CA", { status: "approved", indicators: { CT01: [100, 200] }, proposals: "Tăng cường phối hợp với Đoàn phường." });
    await putReport(h(), periodId, "QS", { status: "draft", indicators: { CT01: [50, 50] }, difficulties: "BẢN NHÁP KHÔNG ĐƯỢC TÍNH" });
    await putReport(h(), periodId, "VHXH", {
      status: "approved",
      onTime: false,
      indicators: { CT08: [5, 100], CT07: 30, CT02: [60, 100] },
      tasks: { NV01: { status: "done", progress: 100, result: "Đăng 24 tin bài trên trang Zalo của phường." } },
    });
    await putReport(h(), periodId, "DOAN", {
      status: "submitted",
      indicators: { CT14: 2, CT02: [90, 100] },
      tasks: { NV01: { status: "in_progress", progress: 60, result: "Lập fanpage Đoàn phường." } },
    });
    await putReport(h(), periodId, "HOI", {
      status: "returned",
      indicators: { CT07: 20 },
      tasks: { NV01: { status: "done", progress: 100, result: "BÁO CÁO BỊ TRẢ LẠI" } },
      difficulties: "BÁO CÁO BỊ TRẢ LẠI",
    });

    // 2025: the "last year" column.
    const p25 = await createAnnualPeriod(h(), 2025, ["VP", "CA"]);
    await putReport(h(), p25, "VP", { status: "approved", indicators: { CT01: [300, 500], CT14: 1 } });
    await putReport(h(), p25, "CA", { status: "approved", indicators: { CT01: [80, 100] } });
  });

  const indicator = (body: any, code: string) => body.indicators.find((i: any) => i.code === code);
  const task = (body: any, code: string) => body.tasks.find((t: any) => t.code === code);

  it("sums numerators over denominators for percentages (never a mean of percentages), from submitted and approved reports only", async () => {
    const res = await h().http().get(`/api/periods/${periodId}/summary`).set(bearer(staff));
    expect(res.status).toBe(200);
    expect(res.body.countedStatuses).toEqual(["submitted", "approved"]);
    const ct01 = indicator(res.body, "CT01");
    expect(ct01.current.numerator).toBe(512);
    expect(ct01.current.denominator).toBe(730);
    expect(ct01.current.value).toBeCloseTo((100 * 512) / 730, 6); // 70.1%, not (77.7 + 50) / 2 = 63.9%
    expect(ct01.current.unitsReported).toBe(2); // QS's draft does not count
    expect(ct01.unitsExpected).toBe(3);
    expect(ct01.target).toBe(100);
    expect(ct01.onTrack).toBe("off_track");

    // CT02: VHXH and DOAN both report on the whole ward's youth: the lead's figure stands, DOAN's is a contribution.
    const ct02 = indicator(res.body, "CT02");
    expect(ct02.aggregation).toMatchObject({ rule: "lead", unitName: "Phòng VHXH" });
    expect(ct02.current).toMatchObject({ numerator: 60, denominator: 100, value: 60, unitsReported: 2, sourceUnitName: "Phòng VHXH" });
    expect(ct02.contributions.map((c: any) => [c.unitName, c.value, c.counted])).toEqual([
      ["Phòng VHXH", 60, true],
      ["Đoàn phường", 90, false],
    ]);
    expect(ct02).toMatchObject({ milestone: null, basis: "target", onTrack: "off_track" });

    // CT14: the one dialogue the ward office and the Youth Union both reported is one dialogue.
    const ct14 = indicator(res.body, "CT14");
    expect(ct14).toMatchObject({ measure: "times", current: { value: 1, numerator: null, unitsReported: 2, sourceUnitName: "Văn phòng HĐND-UBND" }, onTrack: "on_track" });
    expect(ct14.milestone).toEqual({ year: 2026, value: 1, kind: "plan" });

    const ct07 = indicator(res.body, "CT07");
    expect(ct07.current.value).toBe(30); // HOI's returned report is not counted
    expect(ct07.target).toBeNull();
    expect(ct07.onTrack).toBe("unknown");

    const ct10 = indicator(res.body, "CT10");
    expect(ct10.current).toEqual({ value: null, numerator: null, denominator: null, unitsReported: 0, sourceUnitName: null });
    expect(ct10.onTrack).toBe("unknown");
  });

  it("judges at_most targets: 5% unemployment is on track against a ceiling of 7%", async () => {
    const res = await h().http().get(`/api/periods/${periodId}/summary`).set(bearer(staff));
    const ct08 = indicator(res.body, "CT08");
    expect(ct08).toMatchObject({ direction: "at_most", target: 7, current: { value: 5 }, onTrack: "on_track" });
  });

  it("gives last year's ward total from the annual period of the year before", async () => {
    const res = await h().http().get(`/api/periods/${periodId}/summary`).set(bearer(staff));
    const ct01 = indicator(res.body, "CT01");
    expect(ct01.lastYear).toMatchObject({ year: 2025, numerator: 380, denominator: 600, unitsReported: 2 });
    expect(ct01.lastYear.value).toBeCloseTo(63.333, 2);
    expect(indicator(res.body, "CT14").lastYear.value).toBe(1);
    expect(indicator(res.body, "CT02").lastYear).toMatchObject({ value: null, unitsReported: 0 });

    // The 2025 period itself has no 2024 period: lastYear is null.
    const p25 = res.body.indicators.length && (await h().ctx.database.db.selectFrom("periods").select("id").where("year", "=", 2025).executeTakeFirstOrThrow());
    const old = await h().http().get(`/api/periods/${p25.id}/summary`).set(bearer(staff));
    expect(indicator(old.body, "CT01").lastYear).toBeNull();
    expect(indicator(old.body, "CT01").current.value).toBeCloseTo(63.333, 2);
  });

  it("counts task statuses across units with the mean progress and each unit's result", async () => {
    const res = await h().http().get(`/api/periods/${periodId}/summary`).set(bearer(staff));
    const nv01 = task(res.body, "NV01");
    expect(nv01).toMatchObject({ unitsReported: 2, done: 1, inProgress: 1, notStarted: 0, meanProgress: 80 });
    expect(nv01.unitsExpected).toBe(4); // VHXH, TTDV lead; DOAN, HOI partners
    expect(nv01.results.map((r: any) => r.result).sort()).toEqual(["Lập fanpage Đoàn phường.", "Đăng 24 tin bài trên trang Zalo của phường."]);
    expect(task(res.body, "NV02")).toMatchObject({ unitsReported: 1, notStarted: 1, done: 0, meanProgress: 0 });
    expect(task(res.body, "NV04")).toMatchObject({ unitsReported: 0, meanProgress: null, results: [] });
  });

  it("groups difficulties and proposals by unit, and counts completeness", async () => {
    const res = await h().http().get(`/api/periods/${periodId}/summary`).set(bearer(staff));
    const vp = await h().unitId("VP");
    const ca = await h().unitId("CA");
    expect(res.body.issues).toEqual([
      { unitId: vp, unitCode: "VP", unitName: "Văn phòng HĐND và UBND phường", difficulties: "Thiếu kinh phí tổ chức hội nghị quán triệt.", proposals: "Đề nghị bổ sung kinh phí năm 2027." },
      { unitId: ca, unitCode: "CA", unitName: "Công an phường", difficulties: "", proposals: "Tăng cường phối hợp với Đoàn phường." },
    ]);
    const expected = (await h().http().get(`/api/periods/${periodId}`)).body.expectedUnitIds.length;
    expect(res.body.completeness).toEqual({
      expected,
      submitted: 4,
      approved: 2,
      counted: 4,
      returned: 1,
      draft: 1,
      missing: expected - 4,
      onTime: 3,
      extended: 0,
      late: 1,
    });
  });

  it("restricts the aggregation to a unit's subtree with ?unitId", async () => {
    const doan = await h().unitId("DOAN");
    const res = await h().http().get(`/api/periods/${periodId}/summary?unitId=${doan}`).set(bearer(staff));
    expect(res.status).toBe(200);
    expect(res.body.scope).toEqual({ unitId: doan, name: "Đoàn TNCS Hồ Chí Minh phường" });
    expect(indicator(res.body, "CT02").current).toMatchObject({ numerator: 90, denominator: 100, value: 90 });
    expect(indicator(res.body, "CT01").current.value).toBeNull();
    expect(res.body.completeness).toMatchObject({ expected: 1, submitted: 1 });
    const unknown = await h().http().get(`/api/periods/${periodId}/summary?unitId=99999`).set(bearer(staff));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("UNIT_NOT_FOUND");
  });

  it("lets staff and the observer read, refuses focal points and anonymous callers, and 404s an unknown period", async () => {
    const observer = await h().signIn("observer");
    const focal = await h().signIn("focal", { unitId: await h().unitId("DOAN") });
    for (const path of ["summary", "export.xlsx", "export.docx"]) {
      const url = `/api/periods/${periodId}/${path}`;
      expect((await binary(h().http().get(url).set(bearer(observer)))).status, `observer ${path}`).toBe(200);
      const denied = await h().http().get(url).set(bearer(focal));
      expect(denied.status).toBe(403);
      expect(denied.body.error.code).toBe("ROLE_FORBIDDEN");
      expect((await h().http().get(url)).status).toBe(401);
      const missing = await h().http().get(`/api/periods/99999/${path}`).set(bearer(staff));
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatchObject({ code: "PERIOD_NOT_FOUND", message: "Không tìm thấy kỳ báo cáo." });
      expect((await h().http().get(`/api/periods/abc/${path}`).set(bearer(staff))).status).toBe(400);
    }
  });

  it("exports an Excel workbook: a sheet per appendix, frozen Vietnamese headers, unit rows and ward totals", async () => {
    const res = await binary(h().http().get(`/api/periods/${periodId}/export.xlsx`).set(bearer(staff)));
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="tong-hop-bao-cao-nq83-nam-2026\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(res.headers["content-disposition"].split("''")[1])).toBe("Tổng hợp báo cáo NQ83 năm 2026.xlsx");

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Phụ lục 01 - Chỉ tiêu",
      "Phụ lục 02 - Nhiệm vụ",
      "Lộ trình đến 2030",
      "Tình hình báo cáo",
      "Khó khăn - Đề xuất",
      "Đề nghị khen thưởng",
    ]);

    const ws1 = wb.getWorksheet("Phụ lục 01 - Chỉ tiêu")!;
    expect(ws1.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(String(ws1.getCell("A1").value)).toBe("PHỤ LỤC 01. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2026");
    const headers1 = (ws1.getRow(3).values as unknown[]).slice(1);
    expect(headers1).toEqual([
      "STT",
      "Mã",
      "Chỉ tiêu",
      "Đơn vị tính",
      "Đơn vị báo cáo",
      "Tình trạng báo cáo",
      "Tử số",
      "Mẫu số",
      "Kết quả năm 2026",
      "Năm 2025",
      "Cách tổng hợp",
      "Lộ trình năm 2026",
      "Mục tiêu đến năm 2030",
      "Đánh giá",
      "Ghi chú, giải thích",
    ]);
    expect(ws1.getColumn(3).width).toBeGreaterThanOrEqual(40);

    const rows1: ExcelJS.Row[] = [];
    ws1.eachRow((row, n) => {
      if (n > 3) rows1.push(row);
    });
    const ct01 = rows1.filter((r) => r.getCell(2).value === "CT01");
    const total = ct01[0];
    expect(total.getCell(1).value).toBe(1);
    expect(String(total.getCell(5).value)).toBe("Toàn phường (2/3 đơn vị báo cáo)");
    expect(total.getCell(7).value).toBe(512);
    expect(total.getCell(8).value).toBe(730);
    expect(total.getCell(9).value as number).toBeCloseTo(512 / 730, 9);
    expect(total.getCell(9).numFmt).toBe("0.0%");
    expect(total.getCell(10).value as number).toBeCloseTo(380 / 600, 9);
    expect(String(total.getCell(11).value)).toMatch(/^Cộng số của các đơn vị\. /);
    expect(total.getCell(12).value).toBe(1); // the 2026 milestone: 100%
    expect(total.getCell(12).numFmt).toBe("0.0%");
    expect(total.getCell(13).value).toBe("100%/năm");
    expect(total.getCell(14).value).toBe("Chưa đạt");
    expect(total.getCell(9).font.bold).toBe(true);
    // one row per responsible unit: VP and CA with figures, QS's draft without
    const byUnit = Object.fromEntries(ct01.slice(1).map((r) => [String(r.getCell(5).value), r]));
    expect(Object.keys(byUnit)).toEqual(["Văn phòng HĐND-UBND", "Công an phường", "Ban CHQS phường"]);
    const vp = byUnit["Văn phòng HĐND-UBND"];
    expect(vp.getCell(7).value).toBe(412);
    expect(vp.getCell(8).value).toBe(530);
    expect(vp.getCell(9).value as number).toBeCloseTo(412 / 530, 9);
    expect(vp.getCell(10).value as number).toBeCloseTo(0.6, 9);
    expect(vp.getCell(6).value).toBe("Đã nộp");
    expect(vp.getCell(11).value).toBe("Tính vào số phường");
    expect(byUnit["Ban CHQS phường"].getCell(6).value).toBe("Đang nhập (nháp)");
    expect(byUnit["Ban CHQS phường"].getCell(9).value).toBeNull();
    const ct08 = rows1.find((r) => r.getCell(2).value === "CT08")!;
    expect(ct08.getCell(14).value).toBe("Đạt");
    const ct07 = rows1.find((r) => r.getCell(2).value === "CT07")!;
    expect(ct07.getCell(9).value).toBe(30);
    expect(ct07.getCell(9).numFmt).toBe("#,##0");
    expect(ct07.getCell(14).value).toBe("Không xác định");
    // CT02: DOAN's figure is shown as a contribution, not added
    const ct02rows = rows1.filter((r) => r.getCell(2).value === "CT02");
    expect(ct02rows[0].getCell(9).value as number).toBeCloseTo(0.6, 9);
    expect(String(ct02rows[0].getCell(11).value)).toMatch(/^Lấy số của Phòng VHXH \(số của Phòng VHXH\)\. /);
    const doanCt02 = ct02rows.find((r) => String(r.getCell(5).value).startsWith("Đoàn phường"))!;
    expect(doanCt02.getCell(11).value).toBe("Phần đóng góp (không cộng)");

    const ws2 = wb.getWorksheet("Phụ lục 02 - Nhiệm vụ")!;
    expect(ws2.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect((ws2.getRow(3).values as unknown[]).slice(1, 4)).toEqual(["STT", "Mã", "Nhiệm vụ, giải pháp"]);
    const rows2: ExcelJS.Row[] = [];
    ws2.eachRow((row, n) => {
      if (n > 3) rows2.push(row);
    });
    const nv01 = rows2.filter((r) => r.getCell(2).value === "NV01");
    expect(String(nv01[0].getCell(5).value)).toBe("Toàn phường (2/4 đơn vị báo cáo)");
    expect(nv01[0].getCell(8).value).toBe("Đang triển khai (khi mọi đơn vị được giao hoàn thành). Hoàn thành: 1; đang triển khai: 1; chưa triển khai: 0");
    expect(nv01[0].getCell(9).value as number).toBeCloseTo(0.8, 9);
    const vhxh = nv01.find((r) => r.getCell(5).value === "Phòng VHXH")!;
    expect(vhxh.getCell(6).value).toBe("Chủ trì");
    expect(vhxh.getCell(8).value).toBe("Hoàn thành");
    expect(vhxh.getCell(10).value).toBe("Đăng 24 tin bài trên trang Zalo của phường.");
    const hoi = nv01.find((r) => r.getCell(5).value === "Hội LHTN phường")!;
    expect(hoi.getCell(7).value).toBe("Bị trả lại");
    expect(hoi.getCell(10).value).toBeNull();

    const ws3 = wb.getWorksheet("Khó khăn - Đề xuất")!;
    expect((ws3.getRow(3).values as unknown[]).slice(1)).toEqual(["STT", "Đơn vị", "Khó khăn, vướng mắc", "Đề xuất, kiến nghị"]);
    expect(ws3.getRow(4).getCell(2).value).toBe("Văn phòng HĐND và UBND phường");
    expect(ws3.getRow(4).getCell(3).value).toBe("Thiếu kinh phí tổ chức hội nghị quán triệt.");
    expect(ws3.getRow(5).getCell(4).value).toBe("Tăng cường phối hợp với Đoàn phường.");
    expect(ws3.rowCount).toBe(5);
  });

  it("exports the ward report in the Decree 30/2020 format as Word", async () => {
    h().clock.set("2026-11-27T02:00:00.000Z");
    const expectedUnits = (await h().http().get(`/api/periods/${periodId}`)).body.expectedUnitIds.length;
    const res = await binary(h().http().get(`/api/periods/${periodId}/export.docx`).set(bearer(staff)));
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(decodeURIComponent(res.headers["content-disposition"].split("''")[1])).toBe("Báo cáo kết quả thực hiện NQ83 năm 2026.docx");

    const zip = await JSZip.loadAsync(res.body as Buffer);
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = xml.replace(/<w:tab\/>/g, "\t").replace(/<[^>]+>/g, "");
    for (const s of [
      "ỦY BAN NHÂN DÂN",
      "PHƯỜNG LÊ ĐẠI HÀNH",
      "Số: …/BC-UBND",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Phường Lê Đại Hành, ngày 27 tháng 11 năm 2026",
      "BÁO CÁO",
      "Kết quả thực hiện Nghị quyết số 83/NQ-HĐND",
      "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU (Phụ lục 01)",
      "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ, GIẢI PHÁP (Phụ lục 02)",
      // the plan's other duties follow the tasks (III–VI), then the parts staff write
      "III. THỰC HIỆN CÁC NHIỆM VỤ CÓ THỜI HẠN",
      "IV. KẾT QUẢ XỬ LÝ KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ",
      "V. GIÁM SÁT CỦA ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM PHƯỜNG",
      "VI. ĐỐI THOẠI GIỮA CHỦ TỊCH UBND PHƯỜNG VỚI THANH NIÊN (CHỈ TIÊU CT14, NHIỆM VỤ 5)",
      "VII. ĐÁNH GIÁ CHUNG",
      "VIII. NHIỆM VỤ, GIẢI PHÁP NĂM 2027",
      "IX. ĐỀ XUẤT, KIẾN NGHỊ",
      "X. ĐỀ NGHỊ KHEN THƯỞNG",
      "70,1%",
      "(512/730)",
      "Chưa đạt",
      "- CT01: năm 2026 đạt 70,1%, lộ trình 2026 là 100%, mục tiêu 2030 100%/năm.",
      "- CT02: năm 2026 đạt 60,0%, mục tiêu 2030 trên 70%.",
      "Thiếu kinh phí tổ chức hội nghị quán triệt.",
      "Tăng cường phối hợp với Đoàn phường.",
      "Đăng 24 tin bài trên trang Zalo của phường.",
      `4/${expectedUnits} cơ quan, đơn vị đã gửi báo cáo`,
      "Nơi nhận:",
      "- Lưu: VT, VHXH.",
      "TM. ỦY BAN NHÂN DÂN",
      "KT. CHỦ TỊCH",
      "PHÓ CHỦ TỊCH",
      "Phương Quốc Luyện",
    ]) {
      expect(text, s).toContain(s);
    }
    expect(text).not.toContain("BẢN NHÁP KHÔNG ĐƯỢC TÍNH");
    expect(text).not.toContain("BÁO CÁO BỊ TRẢ LẠI");
    // the recipients: each line starts with "-" and ends with ";", the archive line last
    const recipients = text.slice(text.indexOf("Nơi nhận:") + "Nơi nhận:".length, text.indexOf("Lưu: VT, VHXH.") - 2);
    expect(recipients.length).toBeGreaterThan(10);
    expect(xml).toMatch(/<w:sz w:val="24"\/>[^]*Nơi nhận:/); // 12 pt
    expect(xml).toContain("Times New Roman");

    // Page: A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm; a different (empty) first-page header.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(xml).toContain("<w:titlePg/>");
    const headers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/header\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async("string")),
    );
    expect(headers.some((x) => x.includes("PAGE") && x.includes('w:val="center"'))).toBe(true);
    expect(headers.some((x) => !x.includes("PAGE"))).toBe(true);
    // Decree 30: the rules under the issuer and the subject are ⅓–½ of the line above; under the motto, as long as it.
    const rules = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pBdr>(?:(?!<\/w:p>).)*?<\/w:p>/g)].map((m) => {
      const ind = m[0].match(/<w:ind w:left="(\d+)" w:right="(\d+)"\/>/);
      return ind ? Number(ind[1]) : 0;
    });
    const [issuer, motto, subject] = rules;
    const issuerShare = (mm(62) - 2 * issuer) / textWidth("PHƯỜNG LÊ ĐẠI HÀNH", 13, true);
    expect(issuerShare).toBeGreaterThanOrEqual(1 / 3);
    expect(issuerShare).toBeLessThanOrEqual(1 / 2);
    expect(Math.abs(TEXT_WIDTH - mm(62) - 2 * motto - textWidth("Độc lập - Tự do - Hạnh phúc", 14, true))).toBeLessThan(4);
    const subjectShare = (TEXT_WIDTH - 2 * subject) / TEXT_WIDTH; // the subject fills its first line
    expect(subjectShare).toBeGreaterThanOrEqual(1 / 3);
    expect(subjectShare).toBeLessThanOrEqual(1 / 2);
    // Body text: justified, first-line indent 1.27 cm (720 twips).
    expect(xml).toMatch(/<w:ind w:firstLine="720"\/>/);
    expect(xml).toContain('<w:jc w:val="both"/>');
  });

  it("writes dates with leading zeros and names another signer on request", async () => {
    h().clock.set("2027-02-03T02:00:00.000Z");
    const token = await h().signIn("staff"); // sessions expire after 30 days of clock time
    const res = await binary(h().http().get(`/api/periods/${periodId}/export.docx?signer=${encodeURIComponent("Nguyễn Văn An")}`).set(bearer(token)));
    expect(res.status).toBe(200);
    const xml = await (await JSZip.loadAsync(res.body as Buffer)).file("word/document.xml")!.async("string");
    expect(xml).toContain("Phường Lê Đại Hành, ngày 03 tháng 02 năm 2027");
    expect(xml).toContain("Nguyễn Văn An");
    expect(xml).not.toContain("Phương Quốc Luyện");
    h().clock.set("2026-11-20T03:00:00.000Z");
  });

  it("handles an ad hoc period (its title in the report, last year = the annual period of the year before) and an empty one", async () => {
    const { db } = h().ctx.database;
    const now = h().clock.now().toISOString();
    const { id } = await db
      .insertInto("periods")
      .values({ ward_id: await h().unitId("UBND"), year: 2026, kind: "adhoc", title: "Báo cáo 6 tháng đầu năm 2026", opens_at: now, deadline_at: "2026-12-15T16:59:59.000Z", status: "open", created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("period_units").values({ period_id: id, unit_id: await h().unitId("CA"), exception_until: null }).execute();
    await putReport(h(), id, "CA", { status: "submitted", indicators: { CT01: [9, 10] } });

    const res = await h().http().get(`/api/periods/${id}/summary`).set(bearer(staff));
    expect(res.status).toBe(200);
    expect(indicator(res.body, "CT01").current).toMatchObject({ numerator: 9, denominator: 10, value: 90 });
    expect(indicator(res.body, "CT01").lastYear).toMatchObject({ year: 2025, numerator: 380, denominator: 600 });
    expect(res.body.completeness).toMatchObject({ expected: 1, submitted: 1, missing: 0 });

    const docx = await binary(h().http().get(`/api/periods/${id}/export.docx`).set(bearer(staff)));
    expect(decodeURIComponent(docx.headers["content-disposition"].split("''")[1])).toBe(`Báo cáo kết quả thực hiện NQ83 kỳ đột xuất số ${id} năm 2026.docx`);
    const xml = await (await JSZip.loadAsync(docx.body as Buffer)).file("word/document.xml")!.async("string");
    expect(xml).toContain("năm 2026 (Báo cáo 6 tháng đầu năm 2026)");
    expect(xml).toContain("Các cơ quan, đơn vị không nêu khó khăn, vướng mắc.");

    // a period nobody reported in yet still exports, with empty figures
    const empty = await db
      .insertInto("periods")
      .values({ ward_id: await h().unitId("UBND"), year: 2027, kind: "annual", title: "Báo cáo năm 2027", opens_at: now, deadline_at: "2027-11-30T16:59:59.000Z", status: "open", created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const xlsx = await binary(h().http().get(`/api/periods/${empty.id}/export.xlsx`).set(bearer(staff)));
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as ArrayBuffer);
    expect(wb.getWorksheet("Khó khăn - Đề xuất")!.getRow(4).getCell(2).value).toBe("Không có đơn vị nào phản ánh khó khăn hoặc đề xuất.");
    const summary = (await h().http().get(`/api/periods/${empty.id}/summary`).set(bearer(staff))).body;
    expect(summary.completeness).toEqual({ expected: 0, submitted: 0, approved: 0, counted: 0, returned: 0, draft: 0, missing: 0, onTime: 0, extended: 0, late: 0 });
    expect(indicator(summary, "CT01").lastYear.value).toBeCloseTo(70.137, 2); // 2026's annual figure
  });
  it("says 'Chưa có số liệu' for an indicator nobody reported, keeping 'Không xác định' for a figure without a numeric target", async () => {
    const xlsx = await binary(h().http().get(`/api/periods/${periodId}/export.xlsx`).set(bearer(staff)));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as ArrayBuffer);
    const totals = (code: string) => {
      let found: ExcelJS.Row | undefined;
      wb.getWorksheet("Phụ lục 01 - Chỉ tiêu")!.eachRow((row) => {
        if (!found && row.getCell(2).value === code) found = row;
      });
      return found!;
    };
    expect(totals("CT03").getCell(9).value).toBeNull();
    expect(totals("CT03").getCell(14).value).toBe("Chưa có số liệu");
    expect(totals("CT07").getCell(14).value).toBe("Không xác định");
    expect(totals("CT02").getCell(14).value).toBe("Chưa đạt"); // the lead's 60%, not (60 + 90) / (100 + 100) = 75%
    expect(totals("CT08").getCell(14).value).toBe("Đạt");

    const docx = await binary(h().http().get(`/api/periods/${periodId}/export.docx`).set(bearer(staff)));
    const xml = await (await JSZip.loadAsync(docx.body as Buffer)).file("word/document.xml")!.async("string");
    expect(xml).toContain("Chưa có số liệu");
    expect(xml).toContain("Không xác định");
  });
});
