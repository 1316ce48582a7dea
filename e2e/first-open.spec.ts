import type { Page } from "@playwright/test";
import { expect, test } from "./test";
import { appPath, openAs } from "./fixtures";

/**
 * Screens load on demand (src/components/lazy-page.tsx): a youth's phone never downloads the code of
 * focal-point and staff screens. Chunks are named after their module (vite.config.ts).
 */
const STAFF_SCREENS = [
  "compose-page",
  "receipts-page",
  "reports-page",
  "periods-page",
  "report-form-page",
  "audit-page",
  "summary-page",
  "users-page",
  "invite-page",
  "inbox-page",
  "settings-page",
];

/** Script chunks the page fetches from now on, by module name ("feed-page", "react"…). */
function recordChunks(page: Page): string[] {
  const chunks: string[] = [];
  page.on("request", (req) => {
    const m = /\/assets\/([\w-]+)\.[\w-]+\.module\.js$/.exec(req.url());
    if (m) chunks.push(m[1]);
  });
  return chunks;
}

test("the youth path (home, notices, a notice, feedback) loads no focal-point or staff screen, nor the Zalo SDK outside Zalo", async ({ page }) => {
  const chunks = recordChunks(page);
  await openAs(page, "youth", "/");
  await expect(page.getByTestId("ward-name")).toBeVisible();
  await page.getByTestId("tab-announcements").click();
  await expect(page.getByTestId("ann-feed")).toBeVisible();
  await page.getByTestId("ann-feed").locator("a[href*='/announcements/']").first().click();
  await expect(page.getByTestId("ann-detail")).toBeVisible();
  await page.getByTestId("tab-feedback").click();
  await expect(page.getByTestId("feedback-page")).toBeVisible();
  await page.waitForLoadState("networkidle");

  expect(chunks).toEqual(expect.arrayContaining(["feed-page", "detail-page", "feedback-page"]));
  expect(chunks.filter((c) => STAFF_SCREENS.includes(c))).toEqual([]);
  expect(chunks).not.toContain("zmp-sdk");
});

test("a staff screen's chunk arrives when staff open it (the names above are the real ones)", async ({ page }) => {
  const chunks = recordChunks(page);
  await openAs(page, "staff", "/");
  await expect(page.getByTestId("ward-name")).toBeVisible();
  expect(chunks).not.toContain("compose-page");
  await page.goto(appPath("/announcements/new"));
  await expect(page.getByRole("heading", { name: /Soạn thông báo/ })).toBeVisible();
  expect(chunks).toContain("compose-page");
});
