import { expect, test } from "./test";
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

test("a newcomer signs in as a unit's focal point from Cá nhân, finds the bell inbox on Trang chủ and comes back", async ({ page }) => {
  await page.goto(appPath("/account"));
  await page.getByTestId("dev-role-focal").click();
  await page.getByTestId("dev-unit").selectOption({ label: "Đoàn TNCS Hồ Chí Minh phường" });
  await page.getByTestId("dev-signin-submit").click();
  await expect(page.getByTestId("profile-unit")).toContainText("Đoàn TNCS Hồ Chí Minh phường");

  await page.getByTestId("tab-home").click();
  await expect(page.getByRole("link", { name: "Đọc, tiếp nhận văn bản" })).toBeVisible();
  await expect(page.getByTestId("tab-reports")).toBeVisible(); // focal points have the Báo cáo tab
  await page.getByTestId("inbox-link").click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole("heading", { name: "Hộp thư" })).toBeVisible();
  await page.getByRole("button", { name: "Quay lại" }).click();
  await expect(page.getByTestId("ward-name")).toBeVisible();

  // A deep link (a shared notice, a Zalo message) opens an inner screen with no history behind it:
  // its back arrow still leads somewhere (home), never nowhere.
  const fresh = await page.context().newPage(); // a new tab: nothing to go back to
  await fresh.goto(appPath("/notifications"));
  await expect(fresh.getByRole("heading", { name: "Hộp thư" })).toBeVisible();
  await fresh.getByRole("button", { name: "Quay lại" }).click();
  await expect(fresh.getByTestId("ward-name")).toBeVisible();
  await expect(fresh).toHaveURL(new RegExp(`${appPath("")}/?$`));
});
