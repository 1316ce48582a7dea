import { expect, test } from "./test";
import { appPath, authHeader, devToken, openAs } from "./fixtures";

// A real 1×1 PNG, so the browser can actually render it.
const PNG_1X1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

test("uploaded files open in the browser with their Vietnamese names", async ({ page }) => {
  const token = await devToken(page.request, "staff", { name: "Cán bộ Tệp" });
  const upload = async (name: string, mimeType: string, buffer: Buffer) => {
    const res = await page.request.post("/api/files", { headers: authHeader(token), multipart: { file: { name, mimeType, buffer } } });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { id: string; url: string; name: string; mime: string };
  };

  const img = await upload("Ảnh hoạt động.png", "image/png", PNG_1X1);
  // attached to nothing yet, an upload is its uploader's: its URL is a short-lived signed link
  expect(img).toMatchObject({ name: "Ảnh hoạt động.png", mime: "image/png" });
  expect(img.url).toMatch(new RegExp(`^/api/files/${img.id}\\?exp=\\d+&sig=[\\w-]+$`));
  const shown = await page.goto(img.url);
  expect(shown?.status()).toBe(200);
  expect(shown?.headers()["content-type"]).toBe("image/png");
  expect(shown?.headers()["x-content-type-options"]).toBe("nosniff");
  expect(await page.locator("img").evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(1);

  const pdf = await upload("Nghị quyết 83.pdf", "application/pdf", PDF);
  const got = await page.request.get(pdf.url);
  expect(got.headers()["content-type"]).toBe("application/pdf");
  expect(got.headers()["content-disposition"]).toContain("inline;");
  expect(got.headers()["content-disposition"]).toContain("filename*=UTF-8''Ngh%E1%BB%8B%20quy%E1%BA%BFt%2083.pdf");
  expect(Buffer.compare(await got.body(), PDF)).toBe(0);

  const fake = await page.request.post("/api/files", {
    headers: authHeader(token),
    multipart: { file: { name: "nghi-quyet.pdf", mimeType: "application/pdf", buffer: Buffer.from("chỉ là văn bản") } },
  });
  expect(fake.status()).toBe(415);
  expect((await fake.json()).error.code).toBe("FILE_TYPE_MISMATCH");
});

test("the inbox shows its empty state, then a published notice that opens and turns read", async ({ page }) => {
  const youthName = `Đoàn viên Hộp thư ${Date.now()}`;
  const youthToken = await openAs(page, "youth", "/notifications", { name: youthName });
  await expect(page.getByRole("heading", { name: "Hộp thư" })).toBeVisible();
  await expect(page.getByTestId("inbox-empty")).toContainText("Chưa có tin nhắn nào");

  // A real item, through the announcements feature when it is there.
  const staff = await devToken(page.request, "staff", { name: "Cán bộ Hộp thư" });
  const categories = await page.request.get("/api/announcement-categories");
  test.skip(!categories.ok(), "announcements feature not available yet: inbox item part skipped");
  const categoryId = ((await categories.json()) as { id: number }[])[0].id;
  const title = `Thông báo thử hộp thư ${Date.now()}`;
  const created = await page.request.post("/api/announcements", {
    headers: authHeader(staff),
    data: { title, body: "Nội dung thông báo gửi tới mọi người.", categoryId, audience: "everyone", status: "published" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const announcementId = ((await created.json()) as { id: number }).id;

  const inbox = await page.request.get("/api/notifications", { headers: authHeader(youthToken) });
  expect(((await inbox.json()) as { items: { title: string }[] }).items.length).toBeGreaterThan(0);

  await page.reload();
  const item = page.getByTestId("inbox-item").first();
  await expect(item).toHaveAttribute("data-unread", "true");
  await expect(page.getByTestId("inbox-unread")).toHaveText("1 tin chưa đọc");
  await item.click();
  await expect(page).toHaveURL(new RegExp(`${appPath("/announcements/")}${announcementId}$`));
  await page.goto(appPath("/notifications"));
  await expect(page.getByTestId("inbox-item").first()).toHaveAttribute("data-unread", "false");
  await expect(page.getByTestId("inbox-unread")).toHaveText("Đã đọc hết");
});
