import { expect, test } from "./test";
import { openAs } from "./fixtures";

test("the observer records a supervision and the unit answers", async ({ page }) => {
  // --- the Front's observer records it from the Báo cáo tab
  await openAs(page, "observer", "/reports", { name: "Ủy ban MTTQ phường" });
  await page.getByTestId("supervision-entry").getByRole("link").first().click();
  await page.getByTestId("new-supervision").click();
  await page.getByTestId("sv-date").fill("18/11/2026");
  await page.getByTestId("sv-title").fill("Giám sát công tác thanh niên tại Công an phường");
  await page.getByTestId("sv-units").getByLabel("Công an phường").check();
  await page.getByTestId("sv-findings").fill("Công an phường tuyên truyền pháp luật tốt; chưa thống kê thanh niên cần hỗ trợ tái hòa nhập.");
  const rec = page.getByTestId("sv-rec-0");
  await rec.getByTestId("sv-rec-text").fill("Đề nghị Công an phường thống kê thanh niên cần hỗ trợ tái hòa nhập cộng đồng.");
  await rec.getByTestId("sv-rec-unit").selectOption({ label: "Công an phường" });
  // a due date already past is refused with the reason; what was typed stays
  await rec.getByTestId("sv-rec-due").fill("01/11/2026");
  await page.getByTestId("sv-submit").click();
  await expect(page.getByTestId("sv-error")).toContainText("Hạn trả lời");
  await expect(rec.getByTestId("sv-rec-text")).toHaveValue(/tái hòa nhập cộng đồng/);
  await rec.getByTestId("sv-rec-due").fill("15/12/2026");
  await page.getByTestId("sv-submit").click();
  await expect(page.getByTestId("supervision-title")).toHaveText("Giám sát công tác thanh niên tại Công an phường");
  await expect(page.getByTestId("rec-state")).toHaveText("Chờ trả lời");
  await expect(page.getByTestId("rec-answer-input")).toHaveCount(0);
  const path = new URL(page.url()).pathname.replace(/^\/zapps\/[^/]+/, "");

  // --- a focal point of another unit cannot answer it
  await openAs(page, "focal", path, { unitCode: "DOAN" });
  await expect(page.getByTestId("supervision-page")).toContainText("Không tìm thấy cuộc giám sát");

  // --- the police's focal point answers from the Báo cáo tab
  await openAs(page, "focal", "/reports", { unitCode: "CA", name: "Đầu mối Công an" });
  await expect(page.getByTestId("supervision-entry")).toContainText("1 kiến nghị đơn vị cần trả lời");
  await page.getByTestId("supervision-entry").getByRole("link").first().click();
  await page.getByTestId("supervision-item").first().click();
  await page.getByTestId("rec-answer-input").fill("Công an phường đã thống kê 12 thanh niên và phối hợp Đoàn phường hỗ trợ.");
  await page.getByTestId("rec-answer-submit").click();
  await expect(page.getByTestId("rec-state")).toHaveText("Đã trả lời");

  // --- the Front sees the answer
  await openAs(page, "observer", path, { name: "Ủy ban MTTQ phường" });
  await expect(page.getByTestId("rec-answer")).toContainText("đã thống kê 12 thanh niên");
});
