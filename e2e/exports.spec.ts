import fs from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { expect, test, type APIRequestContext } from "./test";
import { authHeader, devToken, openAs, unitIdByCode } from "./fixtures";

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

  const before = await ct16(page.request, periodId, staff);
  const added = (await reportAndApprove(page.request, periodId, "HOI", [412, 530], staff)) && (await reportAndApprove(page.request, periodId, "MTTQ", [100, 200], staff));
  const after = await ct16(page.request, periodId, staff);
  if (added) {
    expect(after.numerator).toBe((before.numerator ?? 0) + 512);
    expect(after.denominator).toBe((before.denominator ?? 0) + 730);
  }
  const expectedPercent = `${vn1((100 * after.numerator!) / after.denominator!)}%`;
  if (before.numerator === null) expect(expectedPercent).toBe("70,1%"); // 512/730, not the mean of 77,7% and 50%

  await openAs(page, "staff", `/reports/${periodId}/summary`);
  await expect(page.getByTestId("summary-head")).toContainText(PERIOD_TITLE);
  await expect(page.getByTestId("summary-completeness")).toContainText("Đã nộp 2/2 đơn vị · đã duyệt 2");
  const bar = page.locator('[data-testid="indicator-bar"][data-code="CT16"]');
  await expect(bar.getByTestId("indicator-value")).toHaveText(expectedPercent);
  await expect(bar).toContainText(`(${after.numerator!.toLocaleString("vi-VN")}/${after.denominator!.toLocaleString("vi-VN")})`);
  await expect(bar).toContainText("Mục tiêu 2030: Từ 70% trở lên");
  await expect(bar).toHaveAttribute("data-on-track", (100 * after.numerator!) / after.denominator! >= 70 ? "on_track" : "off_track");

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
  expect(wb.worksheets.map((w) => w.name)).toEqual(["Phụ lục 01 - Chỉ tiêu", "Phụ lục 02 - Nhiệm vụ", "Khó khăn - Đề xuất"]);
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
