import { expect, test } from "@playwright/test";
import { appPath } from "./fixtures";

test("home shows the ward and the reporting countdown; tabs move between screens", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(new RegExp(appPath("/")));
  await expect(page.getByTestId("ward-name")).toHaveText("Phường Lê Đại Hành");
  await expect(page.getByTestId("period-countdown")).toContainText(/đến hạn nộp báo cáo 30\/11\/2026|Hôm nay là hạn cuối|Đã quá hạn nộp báo cáo 30\/11\/2026/);
  await expect(page.getByText("Chế độ thử nghiệm")).toBeVisible();

  await page.getByTestId("tab-announcements").click();
  await expect(page).toHaveURL(/\/announcements$/);
  await page.getByTestId("tab-feedback").click();
  await expect(page).toHaveURL(/\/feedback$/);
  await page.getByTestId("tab-account").click();
  await expect(page.getByRole("heading", { name: "Cá nhân" })).toBeVisible();
  await page.getByTestId("tab-home").click();
  await expect(page.getByTestId("ward-name")).toBeVisible();
  // Deep links survive a reload (the <base> tag keeps assets loading under nested paths).
  await page.goto(appPath("/account"));
  await expect(page.getByRole("heading", { name: "Cá nhân" })).toBeVisible();
});
