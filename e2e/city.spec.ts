import fs from "node:fs";
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { expect, test, type APIRequestContext } from "./test";
import { appPath, authHeader, devToken, openAs, unitIdByCode } from "./fixtures";

/**
 * The report sent upward (issue 14): Lê Đại Hành's staff send the ward report of 2026 to the city,
 * the city's Department of Home Affairs returns it with a reason, the ward sends version 2, the city
 * accepts it and downloads the city's report. On the demo data, at the default instant (20/11/2026).
 */
async function annual2026(request: APIRequestContext): Promise<number> {
  const periods = (await (await request.get("/api/periods")).json()) as { id: number; year: number; kind: string }[];
  return periods.find((p) => p.year === 2026 && p.kind === "annual")!.id;
}

test("ward staff send the report, the city returns it with a reason, the ward sends version 2, the city accepts and downloads the city report", async ({ page }) => {
  const periodId = await annual2026(page.request);
  const wardId = await unitIdByCode(page.request, "UBND");
  const city = await devToken(page.request, "city_staff", { name: "Chuyên viên Sở Nội vụ" });
  const before = (await (await page.request.get(`/api/city/wards/${wardId}/snapshots?periodId=${periodId}`, { headers: authHeader(city) })).json()) as { items: { status: string }[] };
  test.skip(before.items.length > 0, "this server already holds the ward's versions (a retry): the journey starts from none");

  // 1. ward staff, on the summary screen
  await openAs(page, "staff", `/reports/${periodId}/summary`, { name: "Cán bộ VHXH" });
  const card = page.getByTestId("upward-card");
  await expect(card).toContainText("Chưa gửi. Hạn gửi về Sở Nội vụ: 15/12/2026.");
  await card.getByTestId("send-to-city").click();
  await page.getByTestId("confirm-send-to-city").click();
  await expect(page.getByText("Đã gửi phiên bản 1 lên thành phố.")).toBeVisible();
  await expect(card.getByTestId("upward-version-1")).toContainText("Đã gửi, chờ thành phố tiếp nhận");

  // 2. city staff: completeness, the ward's version, a return without a reason is impossible
  await openAs(page, "city_staff", "/", { name: "Chuyên viên Sở Nội vụ" });
  await expect(page.getByTestId("city-home-card")).toContainText(/Đã gửi 1\/\d+/);
  await page.getByTestId("tab-city").click();
  await expect(page.getByTestId("city-deadline")).toContainText("Hạn gửi về Sở Nội vụ: 15/12/2026 (mặc định 15/12 hằng năm)");
  await expect(page.getByTestId("city-rate")).toContainText(/Đã gửi 1\/\d+ phường, xã/);
  const row = page.getByTestId("city-ward-UBND");
  await expect(row).toContainText("Đã gửi, chờ tiếp nhận");
  await row.click();
  await page.getByTestId("version-1").click();
  await expect(page.getByTestId("snapshot-version")).toContainText("phiên bản 1 (mới nhất)");
  await page.getByTestId("return-snapshot").click();
  await expect(page.getByTestId("confirm-return")).toBeDisabled();
  const reason = "Tổ dân phố số 8 chưa nộp báo cáo; đề nghị phường đôn đốc và gửi lại.";
  await page.getByTestId("return-reason-input").fill(reason);
  await page.getByTestId("confirm-return").click();
  await expect(page.getByTestId("snapshot-reason")).toContainText(reason);

  // 3. the ward reads the reason and sends version 2
  await openAs(page, "staff", `/reports/${periodId}/summary`, { name: "Cán bộ VHXH" });
  await expect(card.getByTestId("upward-reason")).toContainText(reason);
  await card.getByTestId("send-to-city").click();
  await page.getByTestId("confirm-send-to-city").click();
  await expect(page.getByText("Đã gửi phiên bản 2 lên thành phố.")).toBeVisible();
  await expect(card.getByTestId("upward-version-1")).toContainText("Thành phố trả lại");
  // the staff were told through the inbox
  await page.goto(appPath("/notifications"));
  await expect(page.getByText("Thành phố trả lại báo cáo năm 2026").first()).toBeVisible();

  // 4. the city accepts version 2 (version 1 stays readable) and downloads the city's report
  await openAs(page, "city_staff", `/city/wards/${wardId}?year=2026`, { name: "Chuyên viên Sở Nội vụ" });
  await expect(page.getByTestId("version-1")).toContainText(reason);
  await page.getByTestId("version-2").click();
  await page.getByTestId("accept-snapshot").click();
  await page.getByTestId("confirm-accept").click();
  await expect(page.getByTestId("snapshot-accepted")).toContainText("Sở Nội vụ đã tiếp nhận");
  const [wardDocx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("snapshot-docx").click()]);
  expect(wardDocx.suggestedFilename()).toMatch(/phiên bản 2\.docx$/);

  await page.goto(appPath("/city/summary?year=2026"));
  await expect(page.getByTestId("city-summary-coverage")).toContainText(/Số liệu từ 1\/\d+ phường, xã đã được Sở tiếp nhận/);
  await expect(page.getByTestId("city-rule")).toContainText("cộng tử số và mẫu số của các phường rồi chia");
  const ct14 = page.getByTestId("city-indicator-CT14");
  await expect(ct14).toContainText("Cộng số lần của các phường");
  await ct14.getByText(/Các phường \(\d+\)/).click();
  await expect(ct14.getByTestId("city-wards-CT14")).toContainText("Phường Lê Đại Hành");

  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("city-download-xlsx").click()]);
  expect(xlsx.suggestedFilename()).toBe("Tổng hợp NQ83 các phường, xã năm 2026 - Sở Nội vụ.xlsx");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await xlsx.path());
  expect(wb.worksheets.map((w) => w.name)).toEqual(["Chỉ tiêu toàn thành phố", "Theo phường", "Lộ trình đến 2030", "Tình hình gửi báo cáo"]);

  await page.getByTestId("city-signer").fill("Nguyễn Văn Thử");
  const [docx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("city-download-docx").click()]);
  expect(docx.suggestedFilename()).toBe("Báo cáo tổng hợp NQ83 năm 2026 - Sở Nội vụ.docx");
  const bytes = fs.readFileSync(await docx.path());
  // E2E_KEEP_DIR keeps the city Word for a look (LibreOffice → PDF → PNG)
  if (process.env.E2E_KEEP_DIR) fs.writeFileSync(`${process.env.E2E_KEEP_DIR}/city-report.docx`, bytes);
  const text = (await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string")).replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "");
  for (const s of ["UBND THÀNH PHỐ HẢI PHÒNG", "SỞ NỘI VỤ", "Hải Phòng, ngày 20 tháng 11 năm 2026", "Đã được Sở tiếp nhận (1): Phường Lê Đại Hành (phiên bản 2)", "Nguyễn Văn Thử"]) expect(text).toContain(s);
});
