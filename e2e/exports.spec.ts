import fs from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { expect, test, type APIRequestContext } from "./test";
import { appPath, authHeader, devToken, openAs, unitIdByCode } from "./fixtures";

/**
 * Staff open the ward summary after two units' reports were submitted (through the report routes)
 * and approved, see the figures, and download both exports. The journey runs in its own ad hoc
 * period so that other journeys on the same server (which count the 2026 annual period's reports)
 * are not disturbed; a retry on the same server reuses it.
 */
const PERIOD_TITLE = "Báo cáo đột xuất kiểm thử tổng hợp";

async function ownPeriod(request: APIRequestContext, staff: string): Promise<number> {
  const periods = (await (await request.get("/api/periods")).json()) as { id: number; title: string }[];
  const existing = periods.find((p) => p.title === PERIOD_TITLE);
  if (existing) return existing.id;
  const res = await request.post("/api/periods", {
    headers: authHeader(staff),
    data: {
      kind: "adhoc",
      year: 2026,
      title: PERIOD_TITLE,
      // after the annual deadline (30/11), so the home screen's countdown still shows the annual period
      deadlineAt: "2026-12-20T16:59:59.000Z",
      expectedUnitIds: [await unitIdByCode(request, "HOI"), await unitIdByCode(request, "MTTQ")],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id as number;
}

interface Figure {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

async function ct16(request: APIRequestContext, periodId: number, staff: string): Promise<Figure> {
  const res = await request.get(`/api/periods/${periodId}/summary`, { headers: authHeader(staff) });
  expect(res.ok()).toBe(true);
  const body = await res.json();
  return body.indicators.find((i: { code: string }) => i.code === "CT16").current as Figure;
}

/** A unit's focal point fills every item (CT16 with the given figures), submits; staff approve. */
async function reportAndApprove(request: APIRequestContext, periodId: number, unitCode: string, ct16Value: [number, number], staff: string): Promise<boolean> {
  const focal = await devToken(request, "focal", { unitCode });
  const unitId = await unitIdByCode(request, unitCode);
  const url = `/api/periods/${periodId}/reports/${unitId}`;
  const report = await (await request.get(url, { headers: authHeader(focal) })).json();
  if (report.status === "approved") return false; // a retry on the same server
  const save = await request.put(url, {
    headers: authHeader(focal),
    data: {
      version: report.version,
      indicators: report.indicators.map((i: { indicatorId: number; code: string; measure: string }) =>
        i.measure === "percent"
          ? { indicatorId: i.indicatorId, numerator: i.code === "CT16" ? ct16Value[0] : 50, denominator: i.code === "CT16" ? ct16Value[1] : 100, comment: "" }
          : { indicatorId: i.indicatorId, value: 2, comment: "" },
      ),
      tasks: report.tasks.map((t: { taskId: number }) => ({ taskId: t.taskId, status: "in_progress", progress: 60, result: `Kết quả của ${unitCode}` })),
      difficulties: `Khó khăn của ${unitCode}: thiếu kinh phí.`,
      proposals: `Đề xuất của ${unitCode}: hỗ trợ địa điểm sinh hoạt.`,
    },
  });
  expect(save.ok(), await save.text()).toBe(true);
  const saved = await save.json();
  const submit = await request.post(`${url}/submit`, { headers: authHeader(focal), data: { version: saved.version } });
  expect(submit.ok(), await submit.text()).toBe(true);
  const approve = await request.post(`${url}/approve`, { headers: authHeader(staff) });
  expect(approve.ok(), await approve.text()).toBe(true);
  return true;
}

const vn1 = (n: number) => new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);

test("staff see the ward summary and download the Excel and Word reports", async ({ page }) => {
  const staff = await devToken(page.request, "staff");
  const periodId = await ownPeriod(page.request, staff);

  await reportAndApprove(page.request, periodId, "HOI", [412, 530], staff);
  await reportAndApprove(page.request, periodId, "MTTQ", [100, 200], staff);
  // CT16: the Youth Federation and the Front gather the same youth: the largest figure stands, not the sum
  const after = await ct16(page.request, periodId, staff);
  expect(after).toMatchObject({ numerator: 412, denominator: 530 });
  const expectedPercent = `${vn1((100 * after.numerator!) / after.denominator!)}%`;
  expect(expectedPercent).toBe("77,7%");

  await openAs(page, "staff", `/reports/${periodId}/summary`);
  await expect(page.getByTestId("summary-head")).toContainText(PERIOD_TITLE);
  await expect(page.getByTestId("summary-completeness")).toContainText("Đã nộp 2/2 đơn vị · đã duyệt 2");
  const bar = page.locator('[data-testid="indicator-bar"][data-code="CT16"]');
  await expect(bar.getByTestId("indicator-value")).toHaveText(expectedPercent);
  await expect(bar).toContainText(`(${after.numerator!.toLocaleString("vi-VN")}/${after.denominator!.toLocaleString("vi-VN")})`);
  await expect(bar).toContainText("Mục tiêu 2030: Từ 70% trở lên");
  await expect(bar.getByTestId("indicator-rule")).toContainText("Lấy số lớn nhất trong các đơn vị (số của Hội LHTN phường)");
  await expect(bar.getByTestId("indicator-coverage")).toHaveText("2/2 đơn vị báo cáo");
  await expect(bar).toHaveAttribute("data-on-track", "on_track");

  await page.getByTestId("summary-tab-tasks").click();
  await expect(page.locator('[data-testid="task-bar"][data-code="NV12"]')).toContainText("Đang triển khai: 2");
  await page.getByTestId("summary-tab-issues").click();
  await expect(page.getByTestId("issue-list")).toContainText("Khó khăn của HOI: thiếu kinh phí.");
  await page.getByTestId("summary-tab-indicators").click();

  // Excel
  const xlsxButton = page.getByTestId("download-xlsx");
  const [xlsx] = await Promise.all([page.waitForEvent("download"), xlsxButton.click()]);
  expect(xlsx.suggestedFilename()).toBe(`Tổng hợp báo cáo NQ83 kỳ đột xuất số ${periodId} năm 2026.xlsx`);
  const xlsxPath = await xlsx.path();
  expect(fs.statSync(xlsxPath).size).toBeGreaterThan(5000);
  await expect(xlsxButton).toBeEnabled();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsxPath);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["Phụ lục 01 - Chỉ tiêu", "Phụ lục 02 - Nhiệm vụ", "Lộ trình đến 2030", "Tình hình báo cáo", "Khó khăn - Đề xuất", "Đề nghị khen thưởng"]);
  const ws = wb.getWorksheet("Phụ lục 01 - Chỉ tiêu")!;
  expect(ws.getCell("A3").value).toBe("STT");
  let total: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (!total && row.getCell(2).value === "CT16") total = row;
  });
  expect(String(total!.getCell(5).value)).toMatch(/^Toàn phường/);
  expect(total!.getCell(7).value).toBe(after.numerator);
  expect(total!.getCell(8).value).toBe(after.denominator);

  // Word, signed by someone other than the default signer
  await page.getByTestId("summary-signer").fill("Nguyễn Văn Thử");
  const [docx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-docx").click()]);
  expect(docx.suggestedFilename()).toBe(`Báo cáo kết quả thực hiện NQ83 kỳ đột xuất số ${periodId} năm 2026.docx`);
  const docxBytes = fs.readFileSync(await docx.path());
  expect(docxBytes.length).toBeGreaterThan(5000);
  const xml = await (await JSZip.loadAsync(docxBytes)).file("word/document.xml")!.async("string");
  expect(xml).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  expect(xml).toContain("BÁO CÁO");
  expect(xml).toContain(expectedPercent);
  expect(xml).toContain("Lưu: VT, VHXH.");
  expect(xml).toContain(PERIOD_TITLE);
  expect(xml).toContain("Nguyễn Văn Thử");
  expect(xml).not.toContain("Phương Quốc Luyện");
  await expect(page.getByText(`Đã tải về: Báo cáo kết quả thực hiện NQ83 kỳ đột xuất số ${periodId} năm 2026.docx`)).toBeVisible();
});

test("staff switch an indicator's rule, see the ward figure change, write the assessment and download the Word report", async ({ page }) => {
  const staff = await devToken(page.request, "staff");
  const periodId = await ownPeriod(page.request, staff);
  await reportAndApprove(page.request, periodId, "HOI", [412, 530], staff);
  await reportAndApprove(page.request, periodId, "MTTQ", [100, 200], staff);
  const ct16Id = ((await (await page.request.get("/api/indicators")).json()) as { id: number; code: string }[]).find((i) => i.code === "CT16")!.id;
  const seeded = (await (await page.request.get(`/api/indicators/${ct16Id}`, { headers: authHeader(staff) })).json()).aggregation;
  try {
    await openAs(page, "staff", `/reports/${periodId}/summary`);
    const bar = page.locator('[data-testid="indicator-bar"][data-code="CT16"]');
    await expect(bar.getByTestId("indicator-value")).toHaveText("77,7%");

    // the catalog: enter the ward plan's number once, then make CT16 a sum over units
    await page.getByTestId("open-catalog").click();
    await page.getByTestId("plan-number").fill("15/KH-UBND");
    await page.getByTestId("plan-date").fill("20/01/2026");
    await page.getByTestId("plan-save").click();
    await expect(page.getByTestId("plan-reference")).toContainText("Kế hoạch số 15/KH-UBND ngày 20/01/2026");
    await page.locator('[data-testid="catalog-indicator"][data-code="CT16"]').click();
    await expect(page.getByTestId("indicator-editor")).toContainText("CT16");
    await page.getByTestId("rule-sum").check();
    await page.getByTestId("rule-reason").fill("Thử: Hội và Mặt trận tập hợp những thanh niên khác nhau nên cộng lại.");
    await page.getByTestId("indicator-save").click();
    await expect(page.getByText("Đã lưu CT16.")).toBeVisible();
    await expect(page.getByTestId("catalog-history")).toContainText("Cách tổng hợp: Lấy số lớn nhất trong các đơn vị.");

    // the summary follows: 412 + 100 over 530 + 200
    await page.goto(appPath(`/reports/${periodId}/summary`));
    await expect(bar.getByTestId("indicator-value")).toHaveText("70,1%");
    await expect(bar).toContainText("(512/730)");
    await expect(bar.getByTestId("indicator-rule")).toContainText("Cộng số của các đơn vị: Thử: Hội và Mặt trận");
    await expect(bar.getByTestId("trajectory")).toBeVisible();

    // the general assessment, drafted from the data, rewritten by staff
    await page.getByTestId("summary-tab-sections").click();
    const assessment = page.getByTestId("section-assessment");
    await expect(assessment.getByTestId("section-text")).toHaveValue(/1\. Kết quả đạt được/);
    await assessment.getByTestId("section-text").fill("1. Kết quả đạt được\nHai đơn vị báo cáo đầy đủ, đúng hạn.\n2. Tồn tại, hạn chế\n- Chưa có số liệu của các tổ dân phố.");
    await assessment.getByTestId("section-save").click();
    await expect(assessment.getByTestId("section-state")).toContainText("Đã lưu");

    const [docx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-docx").click()]);
    const xml = await (await JSZip.loadAsync(fs.readFileSync(await docx.path()))).file("word/document.xml")!.async("string");
    const text = xml.replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "");
    expect(text).toContain("Thực hiện Kế hoạch số 15/KH-UBND ngày 20/01/2026 của Ủy ban nhân dân phường Lê Đại Hành");
    expect(text).toContain("Hai đơn vị báo cáo đầy đủ, đúng hạn.");
    expect(text).toContain("(512/730)");
    expect(text).toContain("- CT16: năm 2026 đạt 70,1%");
  } finally {
    // leave the catalog as seeded for the other journeys on this server
    await page.request.patch(`/api/indicators/${ct16Id}`, { headers: authHeader(staff), data: { aggregation: { rule: seeded.rule, unitId: seeded.unitId, reason: seeded.reason } } });
  }
});

test("the observer (Fatherland Front) reads the summary; a focal point is told it is not for them", async ({ page }) => {
  const periods = (await (await page.request.get("/api/periods")).json()) as { id: number; year: number; kind: string }[];
  const periodId = periods.find((p) => p.year === 2026 && p.kind === "annual")!.id;
  await openAs(page, "observer", `/reports/${periodId}/summary`);
  await expect(page.locator('[data-testid="indicator-bar"]')).toHaveCount(18);
  await expect(page.getByTestId("download-docx")).toBeVisible();
  await openAs(page, "focal", `/reports/${periodId}/summary`, { unitCode: "DOAN" });
  await expect(page.getByText("Bạn không có quyền xem trang này")).toBeVisible();
  // an unknown period is "not found", with nothing to retry
  await openAs(page, "staff", "/reports/999999/summary");
  await expect(page.getByTestId("summary-not-found")).toContainText("Không tìm thấy kỳ báo cáo");
  await expect(page.getByText("Thử lại")).toHaveCount(0);
});
