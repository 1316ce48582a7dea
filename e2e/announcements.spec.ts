import { expect, test } from "./test";
import { appPath, devToken, openAs } from "./fixtures";

// A small real PDF for the attachment (the API checks the bytes).
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
  "latin1",
);

test("staff publish a notice for all units with an attachment; a focal point reads, opens and acknowledges; staff see receipts", async ({ page }) => {
  const title = `Họp triển khai Nghị quyết 83 quý IV ${Date.now() % 100000}`;

  // 1. Staff compose and publish.
  await openAs(page, "staff", "/announcements/new", { name: "Cán bộ VHXH" });
  await expect(page.getByTestId("ann-compose-page")).toBeVisible();
  await page.getByTestId("ann-title-input").fill(title);
  await page.getByTestId("ann-body-input").fill("Kính gửi các đơn vị,\n\n**Đề nghị** cử đại diện dự họp lúc *8 giờ* ngày 02/12/2026.\n\n- Mang theo báo cáo\n- Xác nhận trên ứng dụng");
  await page.getByTestId("ann-preview-tab").click();
  await expect(page.getByTestId("ann-preview").locator("strong")).toHaveText("Đề nghị");
  await page.getByTestId("ann-category").selectOption({ label: "Văn bản chỉ đạo" });
  const chooser = page.waitForEvent("filechooser");
  await page.getByTestId("ann-add-file").click();
  await (await chooser).setFiles({ name: "Giấy mời họp.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(page.getByTestId("ann-upload-done")).toBeVisible();
  await page.getByTestId("ann-audience-all_units").check();
  await page.getByTestId("ann-requires-ack").check();
  await page.getByTestId("ann-mode-now").check();
  await page.getByTestId("ann-submit").click();
  await expect(page.getByTestId("ann-detail")).toBeVisible();
  await expect(page.getByTestId("ann-title")).toHaveText(title);
  const id = page.url().match(/announcements\/(\d+)/)![1];

  // 2. The focal point of the Youth Union sees it in the feed, unread.
  await openAs(page, "focal", "/announcements", { unitCode: "DOAN", name: "Nguyễn Thu Hà" });
  const card = page.getByTestId("ann-item").filter({ hasText: title });
  await expect(card).toBeVisible();
  await expect(card.getByTestId("ann-unread")).toBeVisible();
  await expect(page.getByTestId("tab-announcements").locator(".tab-badge")).toBeVisible();
  await card.click();
  await expect(page).toHaveURL(new RegExp(`/announcements/${id}$`));
  await expect(page.getByTestId("markdown").locator("li")).toHaveCount(2);

  // Opens the attachment: a PDF, shown inline by the browser.
  const popup = page.waitForEvent("popup");
  await page.getByTestId("ann-attachment").filter({ hasText: "Giấy mời họp.pdf" }).click();
  const viewer = await popup;
  // a notice for the units, not the public: its attachment opens through a signed link
  expect(viewer.url()).toMatch(/\/api\/files\/[A-Za-z0-9_-]+\?exp=\d+&sig=[\w-]+$/);
  const file = await page.request.get(viewer.url());
  expect(file.headers()["content-type"]).toBe("application/pdf");
  expect(file.headers()["content-disposition"]).toMatch(/^inline/);
  await viewer.close();

  // Acknowledges for the unit.
  await page.getByTestId("ann-ack").click();
  await expect(page.getByTestId("ann-acked")).toContainText("Đoàn TNCS Hồ Chí Minh phường đã tiếp nhận lúc");
  await expect(page.getByTestId("ann-acked")).toContainText("Nguyễn Thu Hà");
  await expect(page.getByTestId("ann-ack")).toHaveCount(0);

  // A youth never sees a notice meant for units.
  await openAs(page, "youth", `/announcements/${id}`);
  await expect(page.getByText("Không tìm thấy thông báo")).toBeVisible();
  await page.goto(appPath("/announcements"));
  await expect(page.getByTestId("ann-item").first()).toBeVisible();
  await expect(page.getByTestId("ann-item").filter({ hasText: title })).toHaveCount(0);

  // 3. Staff see who acknowledged, and the units still missing; one tap reminds them.
  await openAs(page, "staff", `/announcements/${id}`, { name: "Cán bộ VHXH" });
  await page.getByTestId("ann-receipts-link").click();
  await expect(page.getByTestId("ann-receipts")).toBeVisible();
  const acked = page.getByTestId("ann-acked-unit");
  await expect(acked).toHaveCount(1);
  await expect(acked.first()).toHaveAttribute("data-code", "DOAN");
  await expect(acked.first()).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} · Nguyễn Thu Hà/);
  await expect(page.getByTestId("ann-missing-unit").filter({ hasText: "Công an phường" })).toBeVisible();
  await expect(page.getByTestId("ann-ack-summary")).toContainText("1/");
  await expect(page.getByTestId("fig-acks")).toContainText("1");
  await page.getByTestId("ann-remind").click();
  await expect(page.getByText(/Đã nhắc|chưa có đầu mối nào|Hôm nay đã nhắc/)).toBeVisible();
});

test("compose guards: Enter never publishes, a refused file blocks saving until removed; a reader's inbox turns read and the feed works offline", async ({ page, context }) => {
  const title = `Thông báo có tệp bị từ chối ${Date.now() % 100000}`;
  // The reader has an account before the notice goes out, so it reaches their inbox.
  const youthToken = await devToken(page.request, "youth", { name: `Đoàn viên ${Date.now() % 100000}` });
  await openAs(page, "staff", "/announcements/new", { name: "Cán bộ Kiểm tra" });
  await page.getByTestId("ann-title-input").fill(title);
  await page.getByTestId("ann-body-input").fill("Nội dung gửi mọi người.");
  // Enter in the title must not send the notice to everyone.
  await page.getByTestId("ann-title-input").press("Enter");
  await expect(page.getByTestId("ann-compose-page")).toBeVisible();
  await expect(page).toHaveURL(/\/announcements\/new$/);

  // A program renamed to .pdf is refused by the server; saving waits until it is removed.
  const chooser = page.waitForEvent("filechooser");
  await page.getByTestId("ann-add-file").click();
  await (await chooser).setFiles([
    { name: "Kế hoạch.pdf", mimeType: "application/pdf", buffer: PDF },
    { name: "setup.pdf", mimeType: "application/pdf", buffer: Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(200)]) },
  ]);
  await expect(page.getByTestId("ann-upload-done")).toHaveCount(1);
  await expect(page.getByTestId("ann-upload").filter({ hasText: "setup.pdf" })).toContainText("không khớp với loại tệp");
  await page.getByTestId("ann-submit").click();
  await expect(page.getByTestId("ann-compose-page").getByText(/Chưa tải lên được: setup\.pdf/)).toBeVisible();
  await expect(page).toHaveURL(/\/announcements\/new$/);
  await page.getByTestId("ann-upload").filter({ hasText: "setup.pdf" }).getByRole("button", { name: "Gỡ tệp" }).click();
  await page.getByTestId("ann-submit").click();
  await expect(page.getByTestId("ann-detail")).toBeVisible();
  await expect(page.getByTestId("ann-attachment")).toHaveCount(1);
  const id = page.url().match(/announcements\/(\d+)/)![1];

  // A young reader opens it from the feed: its inbox message turns read too.
  await page.evaluate((t) => localStorage.setItem("tns.token", t), youthToken);
  await page.goto(appPath("/announcements"));
  await page.getByTestId("ann-item").filter({ hasText: title }).click();
  await expect(page).toHaveURL(new RegExp(`/announcements/${id}$`));
  await expect(page.getByTestId("ann-title")).toHaveText(title);
  await page.goto(appPath("/notifications"));
  await expect(page.getByTestId("inbox-item").filter({ hasText: title })).toHaveAttribute("data-unread", "false");

  // Offline: the saved feed, with a notice; a search runs over it.
  await page.goto(appPath("/announcements"));
  await expect(page.getByTestId("ann-item").filter({ hasText: title })).toBeVisible();
  await context.route("**/api/**", (route) => route.abort("internetdisconnected"));
  await page.reload();
  await expect(page.getByTestId("ann-offline")).toBeVisible();
  await expect(page.getByTestId("ann-item").filter({ hasText: title })).toBeVisible();
  await page.getByTestId("ann-search").fill("tep bi tu choi");
  await expect(page.getByTestId("ann-offline")).toContainText("đang tìm trong bản tin đã lưu");
  await expect(page.getByTestId("ann-item")).toHaveCount(1);
  // The notice read before opens from this phone.
  await page.getByTestId("ann-item").first().click();
  await expect(page.getByTestId("ann-detail-offline")).toBeVisible();
  await expect(page.getByTestId("ann-title")).toHaveText(title);
  await context.unroute("**/api/**");
});
