import { expect, test } from "./test";
import { authHeader, devToken, openAs, unitIdByCode } from "./fixtures";

// A phone set to English (United States): native date inputs would read 12/01/2026 and 8:30 AM.
// The app's own fields still read and write dd/MM/yyyy and 24-hour time.
test.use({ locale: "en-US" });

test("on an English phone, staff schedule a notice as 01/12/2026 08:30 and it is read as such", async ({ page }) => {
  await openAs(page, "staff", "/announcements/new");
  await page.getByTestId("ann-title-input").fill("Lịch tập huấn kỹ năng số tháng 12");
  await page.getByTestId("ann-body-input").fill("Đoàn viên đăng ký theo đơn vị.");
  await page.getByTestId("ann-mode-schedule").click();
  await page.getByTestId("ann-publish-at-day").pressSequentially("01122026");
  await expect(page.getByTestId("ann-publish-at-day")).toHaveValue("01/12/2026");
  await page.getByTestId("ann-publish-at-time").pressSequentially("0830");
  await expect(page.getByTestId("ann-publish-at-time")).toHaveValue("08:30");
  await expect(page.getByTestId("ann-publish-at-text")).toHaveText("Sẽ đăng lúc 01/12/2026 08:30 (giờ Việt Nam).");
  // an impossible day is named, not guessed
  await page.getByTestId("ann-expires-day").fill("31/11/2026");
  await page.getByTestId("ann-expires-time").click();
  await expect(page.getByText("Ngày chưa đúng: nhập theo dạng ngày/tháng/năm, ví dụ 30/11/2026.")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("compose-schedule.png") });
});

test("a focal point types 1.250 in a count and it is 1250; a decimal comma is refused with the reason; long proposals are counted", async ({ page }) => {
  const periods = (await (await page.request.get("/api/periods")).json()) as { id: number; year: number; kind: string }[];
  const periodId = periods.find((p) => p.year === 2026 && p.kind === "annual")!.id;
  const unit = await unitIdByCode(page.request, "HOI");
  await openAs(page, "focal", `/reports/${periodId}/units/${unit}`, { unitCode: "HOI", name: "Đầu mối Hội" });
  const count = page.locator('[data-testid^="indicator-CT"]').filter({ has: page.getByTestId("value") }).first();
  await count.getByTestId("value").fill("1.250");
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu");
  await count.getByTestId("value").fill("12,5");
  await expect(count.getByTestId("value-error")).toContainText("“12,5” có phần thập phân (dấu phẩy): số đếm chỉ nhận số nguyên.");
  const token = await devToken(page.request, "focal", { unitCode: "HOI", name: "Đầu mối Hội" });
  const saved = await (await page.request.get(`/api/periods/${periodId}/reports/${unit}`, { headers: authHeader(token) })).json();
  expect(saved.indicators.map((i: { value: number | null }) => i.value)).toContain(1250);

  await page.getByTestId("step-notes").click();
  await page.getByTestId("proposals").fill("Đề nghị bố trí kinh phí. ".repeat(340)); // 8 500 characters
  await expect(page.getByTestId("proposals-count")).toHaveText("8.500 / 8.000 ký tự");
  await expect(page.getByTestId("proposals-error")).toContainText("quá giới hạn 8.000 ký tự: vui lòng rút gọn 500 ký tự");
  await page.screenshot({ path: test.info().outputPath("notes-over.png") });
});

test("home's 'Gửi góp ý, ý tưởng' opens the send form", async ({ page }) => {
  await openAs(page, "youth", "/");
  await page.getByRole("link", { name: "Gửi góp ý, ý tưởng" }).click();
  await expect(page.getByTestId("fb-tab-send")).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("feedback-content")).toBeVisible();
});
