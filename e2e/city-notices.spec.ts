import { expect, test } from "./test";
import { authHeader, devToken, openAs } from "./fixtures";

test("city staff publish a city notice; youth of Hồng Bàng and of Lê Đại Hành see it from the city; a notice of Hồng Bàng stays in Hồng Bàng", async ({ page }) => {
  const title = `Sở Nội vụ phát động cuộc thi tìm hiểu Nghị quyết 83 ${Date.now() % 100000}`;

  // 1. City staff: home → its shortcut to compose the city's notice, to every ward's people.
  await openAs(page, "city_staff", "/", { name: "Chuyên viên Sở Nội vụ" });
  await page.getByRole("link", { name: "Soạn thông báo gửi các phường, xã" }).click();
  await expect(page.getByTestId("ann-compose-page")).toBeVisible();
  await expect(page.getByText("Soạn thông báo của thành phố")).toBeVisible();
  await expect(page.getByTestId("ann-city-hint")).toContainText("Sở Nội vụ thành phố Hải Phòng");
  await expect(page.getByTestId("ann-audience-units")).toHaveCount(0);
  await page.getByTestId("ann-title-input").fill(title);
  await page.getByTestId("ann-body-input").fill("Sở Nội vụ phát động cuộc thi **tìm hiểu Nghị quyết 83** dành cho đoàn viên, thanh niên của tất cả phường, xã.");
  await page.getByTestId("ann-audience-everyone").check();
  await page.getByTestId("ann-submit").click();
  await expect(page.getByTestId("ann-detail")).toBeVisible();
  await expect(page.getByTestId("ann-sender")).toHaveText("Sở Nội vụ thành phố Hải Phòng");

  // 2. A youth of Hồng Bàng finds it in their feed, the city as its sender.
  await openAs(page, "youth", "/announcements", { wardCode: "HB", name: "Phạm Ngọc Ánh" });
  const inHb = page.getByTestId("ann-item").filter({ hasText: title });
  await expect(inHb).toBeVisible();
  await expect(inHb.getByTestId("ann-sender-city")).toHaveText("Thành phố");
  // the ward's own demo notice is there too, without a sender tag
  const own = page.getByTestId("ann-item").filter({ hasText: "Phường Hồng Bàng ra quân" });
  await expect(own).toBeVisible();
  await expect(own.getByTestId("ann-sender-city")).toHaveCount(0);
  await inHb.click();
  await expect(page.getByTestId("ann-sender")).toHaveText("Sở Nội vụ thành phố Hải Phòng");

  // 3. Hồng Bàng's staff publish a notice of their own ward.
  const hbTitle = `Phường Hồng Bàng họp chi đoàn tổ dân phố ${Date.now() % 100000}`;
  const hbStaff = await devToken(page.request, "staff", { wardCode: "HB", name: "Đỗ Thị Thu Hà" });
  const categories = (await (await page.request.get("/api/announcement-categories")).json()) as { id: number }[];
  const made = await page.request.post("/api/announcements", {
    headers: authHeader(hbStaff),
    data: { title: hbTitle, body: "Họp chi đoàn các tổ dân phố tối thứ Sáu.", categoryId: categories[0].id, audience: "everyone", status: "published" },
  });
  expect(made.status()).toBe(201);

  // 4. A youth of Lê Đại Hành sees the city's notice, not Hồng Bàng's.
  await openAs(page, "youth", "/announcements", { name: "Nguyễn Văn An" });
  const inLdh = page.getByTestId("ann-item").filter({ hasText: title });
  await expect(inLdh).toBeVisible();
  await expect(inLdh.getByTestId("ann-sender-city")).toHaveText("Thành phố");
  await expect(page.getByTestId("ann-item").filter({ hasText: "Triển khai Nghị quyết số 83" })).toBeVisible();
  await expect(page.getByTestId("ann-item").filter({ hasText: hbTitle })).toHaveCount(0);
  await expect(page.getByTestId("ann-item").filter({ hasText: "Phường Hồng Bàng ra quân" })).toHaveCount(0);
  // "Từ thành phố": the city's notices only
  await page.getByTestId("ann-chip-city").click();
  await expect(page.getByTestId("ann-item").filter({ hasText: title })).toBeVisible();
  await expect(page.getByTestId("ann-item").filter({ hasText: "Triển khai Nghị quyết số 83" })).toHaveCount(0);

  // and Hồng Bàng's youth do see their ward's new notice
  await openAs(page, "youth", "/announcements", { wardCode: "HB", name: "Phạm Ngọc Ánh" });
  await expect(page.getByTestId("ann-item").filter({ hasText: hbTitle })).toBeVisible();
});
