import { expect, test } from "./test";
import { openAs } from "./fixtures";

// A unit no other journey uses: the residential groups have targets, so they owe the January plan too.
const UNIT = "TDP07";
const PDF = { name: "Kế hoạch TDP7 năm 2026.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n") };

test("a focal point hands in the unit's plan; staff return it with a reason, then accept it", async ({ page }) => {
  // --- the focal point finds the duty from the Báo cáo tab
  await openAs(page, "focal", "/reports", { unitCode: UNIT, name: "Đầu mối Tổ 7" });
  await page.getByTestId("duties-entry").click();
  await expect(page.getByTestId("duties-page")).toBeVisible();
  const plan = page.getByTestId("duty-unit_plan");
  await expect(plan.getByTestId("duty-status")).toHaveText("Chưa nộp");
  await expect(plan).toContainText("Hạn 31/01/2026");
  await expect(plan).toContainText("Quá hạn");
  await plan.click();
  await expect(page.getByTestId("duty-title")).toContainText("Ban hành kế hoạch của đơn vị");

  // nothing attached yet: refused on the phone, nothing lost
  await page.getByTestId("hand-in-text").fill("Kế hoạch số 05/KH-TDP7 ngày 25/01/2026 về công tác thanh niên.");
  await page.getByTestId("hand-in-submit").click();
  await expect(page.getByTestId("hand-in-error")).toContainText("đính kèm văn bản");
  const chooser = page.waitForEvent("filechooser");
  await page.getByTestId("hand-in-add-file").click();
  await (await chooser).setFiles(PDF);
  await expect(page.getByTestId("hand-in-files")).toContainText(PDF.name);
  await page.getByTestId("hand-in-submit").click();
  await expect(page.getByTestId("my-duty").getByTestId("unit-duty-status")).toHaveText("Đã nộp, chờ xem xét");
  const url = page.url();

  // --- staff return it with a reason
  await openAs(page, "staff", url.slice(url.indexOf("/duties/")));
  const row = page.getByTestId(`unit-${UNIT}`);
  await expect(row.getByTestId("unit-duty-status")).toHaveText("Đã nộp, chờ xem xét");
  await expect(row).toContainText("Kế hoạch số 05/KH-TDP7");
  await expect(row).toContainText("nộp sau hạn");
  await row.getByTestId("return").click();
  await page.getByTestId("return-reason-input").fill("Kế hoạch chưa có chỉ tiêu CT17 về danh sách thanh niên.");
  await page.getByTestId("confirm-return").click();
  await expect(row.getByTestId("unit-duty-status")).toHaveText("Bị trả lại");

  // --- the focal point sees the reason and hands in again
  await openAs(page, "focal", url.slice(url.indexOf("/duties/")), { unitCode: UNIT, name: "Đầu mối Tổ 7" });
  await expect(page.getByTestId("return-reason")).toContainText("chưa có chỉ tiêu CT17");
  await page.getByTestId("hand-in-text").fill("Kế hoạch số 05/KH-TDP7 đã bổ sung chỉ tiêu CT17.");
  const again = page.waitForEvent("filechooser");
  await page.getByTestId("hand-in-add-file").click();
  await (await again).setFiles(PDF);
  await page.getByTestId("hand-in-submit").click();
  await expect(page.getByTestId("my-duty").getByTestId("unit-duty-status")).toHaveText("Đã nộp, chờ xem xét");

  // --- staff accept it
  await openAs(page, "staff", url.slice(url.indexOf("/duties/")));
  await page.getByTestId(`unit-${UNIT}`).getByTestId("accept").click();
  await expect(page.getByTestId(`unit-${UNIT}`).getByTestId("unit-duty-status")).toHaveText("Đã chấp nhận");

  // --- and the unit sees it on its calendar
  await openAs(page, "focal", "/duties", { unitCode: UNIT, name: "Đầu mối Tổ 7" });
  await expect(page.getByTestId("duty-unit_plan").getByTestId("duty-status")).toHaveText("Đã chấp nhận");
});
