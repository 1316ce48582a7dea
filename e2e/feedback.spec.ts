import { expect, test } from "./test";
import { appPath, authHeader, openAs } from "./fixtures";

// A real 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

test("a youth sends feedback with a photo; staff assign it to the Youth Union; its focal point answers; the public sees it anonymously", async ({ page }) => {
  const youthName = "Phạm Minh Khoa";
  const content = `Đề nghị lắp thêm đèn chiếu sáng ở ngõ 7, buổi tối rất tối và nguy hiểm (${Date.now()}).`;

  // 1. The youth writes feedback, adds a photo, asks to stay anonymous to the public, and sends it.
  await openAs(page, "youth", "/feedback?tab=send", { name: youthName });
  await page.getByTestId("feedback-category").selectOption({ label: "An ninh - Trật tự" });
  await page.getByTestId("feedback-content").fill(content);
  await expect(page.getByTestId("feedback-counter")).toHaveText(`${content.length}/5000`);
  const chooser = page.waitForEvent("filechooser");
  await page.getByTestId("add-photos").click();
  await (await chooser).setFiles({ name: "den-ngo-7.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByTestId("photo-preview")).toHaveCount(1);
  await page.getByTestId("feedback-anonymous").check();

  // The draft survives a reload (lost connection, app closed).
  await page.reload();
  await expect(page.getByTestId("feedback-content")).toHaveValue(content);
  await expect(page.getByTestId("photo-preview")).toHaveCount(1);
  await expect(page.getByTestId("feedback-anonymous")).toBeChecked();

  await page.getByTestId("feedback-submit").dblclick(); // a double tap never creates two items
  const codeEl = page.getByTestId("feedback-code");
  await expect(codeEl).toHaveText(/^GY-\d{4}-\d{6}$/);
  const code = (await codeEl.textContent())!.trim();
  const youthToken = await page.evaluate(() => localStorage.getItem("tns.token"));
  const mine = await (await page.request.get("/api/feedback/mine", { headers: authHeader(youthToken!) })).json();
  expect(mine.items.filter((i: { content: string }) => i.content === content)).toHaveLength(1);

  await page.getByTestId("go-mine").click();
  await expect(page.getByTestId("my-item").filter({ hasText: code })).toContainText("Đã tiếp nhận");

  // 2. Staff find it in the inbox and assign it to the Youth Union.
  await openAs(page, "staff", "/feedback/inbox");
  await page.getByTestId("filter-q").fill(code);
  await page.getByTestId("filter-q").press("Enter");
  await expect(page.getByTestId("inbox-item")).toHaveCount(1);
  await expect(page.getByTestId("inbox-item")).toContainText(youthName); // staff still see who sent it
  await page.getByTestId("inbox-item").click();
  await expect(page.getByTestId("detail-code")).toHaveText(code);
  await expect(page.getByTestId("feedback-photos").locator("img")).toHaveCount(1);
  await page.getByTestId("assign-unit").selectOption({ label: "Đoàn TNCS Hồ Chí Minh phường" });
  await page.getByTestId("assign-submit").click();
  await expect(page.getByTestId("detail-unit")).toContainText("Đoàn TNCS Hồ Chí Minh phường");
  await expect(page.getByTestId("feedback-status")).toHaveText("Đang xử lý");
  await page.getByTestId("note-text").fill("Nhờ Đoàn phường phối hợp tổ dân phố khảo sát.");
  await page.getByTestId("note-submit").click();
  await expect(page.getByTestId("note")).toHaveCount(1);

  // 3. The Youth Union's focal point sees it in their inbox and answers publicly.
  await openAs(page, "focal", "/feedback/inbox", { unitCode: "DOAN" });
  const row = page.getByTestId("inbox-item").filter({ hasText: code });
  await expect(row).toHaveCount(1);
  await row.click();
  await page.getByTestId("answer-text").fill("Đoàn phường đã phối hợp tổ dân phố lắp 3 đèn chiếu sáng ở ngõ 7, hoàn thành ngày 30/11.");
  await page.getByTestId("answer-submit").click();
  await expect(page.getByTestId("feedback-status")).toHaveText("Đã trả lời");
  await expect(page.getByTestId("feedback-answer")).toContainText("lắp 3 đèn chiếu sáng");

  // 4. The youth sees the answer under "Góp ý của tôi" (and got a notification).
  await openAs(page, "youth", "/feedback?tab=mine", { name: youthName });
  const item = page.getByTestId("my-item").filter({ hasText: code });
  await expect(item).toContainText("Đã trả lời");
  await expect(item.getByTestId("feedback-answer")).toContainText("lắp 3 đèn chiếu sáng");
  const notes = await (await page.request.get("/api/notifications", { headers: authHeader(youthToken!) })).json();
  expect(JSON.stringify(notes)).toContain(`Góp ý ${code} đã được trả lời`);

  // 5. The public list shows it without the sender's name, to anyone (here: another youth).
  await openAs(page, "youth", "/feedback", { name: "Người xem công khai" });
  const card = page.getByTestId("public-item").filter({ hasText: code });
  await expect(card).toBeVisible();
  await expect(card.getByTestId("public-sender")).toHaveText("Người gửi ẩn danh");
  await expect(card.getByTestId("feedback-answer")).toContainText("lắp 3 đèn chiếu sáng");
  await expect(page.getByTestId("public-list")).not.toContainText(youthName);
  await card.getByTestId("support-button").click();
  await expect(card.getByTestId("support-button")).toHaveText("Đã ủng hộ (1)");
  await expect(card.getByTestId("support-button")).toBeDisabled();
  await expect(card.getByTestId("feedback-photos").locator("img")).toHaveCount(1);
  await card.getByTestId("flag-button").click();
  await page.getByTestId("flag-button-confirm").click();
  await expect(card.getByTestId("flag-button")).toHaveText("Đã báo cáo");
  const pub = await (await page.request.get("/api/feedback/public")).text();
  expect(pub).toContain(code);
  expect(pub).not.toContain(youthName);

  // The observer reads the inbox but cannot change anything.
  await openAs(page, "observer", "/feedback/inbox");
  await expect(page.getByTestId("feedback-stats")).toContainText("Tiếp nhận");
  // The demo data has an item past its answer date: the observer's overdue list shows it in red.
  await page.getByTestId("overdue-banner").click();
  await expect(page.getByTestId("inbox-item").first()).toBeVisible();
  for (const due of await page.getByTestId("inbox-item").getByTestId("feedback-due").all()) {
    await expect(due).toContainText("Quá hạn");
    await expect(due).toHaveCSS("color", "rgb(217, 27, 27)");
  }
  await page.getByTestId("overdue-banner").click();
  await page.getByTestId("filter-q").fill(code);
  await page.getByTestId("filter-q").press("Enter");
  await expect(page.getByTestId("inbox-item")).toHaveCount(1); // the search has settled
  await page.getByTestId("inbox-item").click();
  await expect(page.getByTestId("notes-panel")).toContainText("khảo sát");
  await expect(page.getByTestId("manage-panel")).toHaveCount(0);
  await expect(page.getByTestId("answer-form")).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(appPath("/feedback/\\d+")));
  const itemUrl = page.url();

  // Staff hide the photo (with confirmation): the public detail no longer shows it.
  await openAs(page, "staff", "/feedback/inbox");
  await page.goto(itemUrl);
  await page.getByTestId("hide-photo").click();
  await page.getByTestId("hide-photo-confirm").click();
  await expect(page.getByTestId("feedback-photos")).toContainText("Đã ẩn");
  const anonymous = await (await page.request.get(new URL(itemUrl).pathname.replace(/^.*\/feedback\//, "/api/feedback/"))).json();
  expect(anonymous.scope).toBe("public");
  expect(anonymous.photos).toEqual([]);
  expect(JSON.stringify(anonymous)).not.toContain(youthName);
});

test("city staff set a category's answer time in working days; a ward's staff read it", async ({ page }) => {
  await openAs(page, "staff", "/feedback/inbox");
  await page.getByTestId("open-settings").click();
  await expect(page.getByTestId("feedback-settings")).toBeVisible();
  await expect(page.getByTestId("settings-city-note")).toBeVisible();
  await expect(page.getByLabel("Số ngày làm việc cho Môi trường")).toHaveCount(0);
  await openAs(page, "city_staff", "/feedback/settings");
  await expect(page.getByTestId("feedback-settings")).toBeVisible();
  const input = page.getByLabel("Số ngày làm việc cho Môi trường");
  await expect(input).toHaveValue("5");
  await input.fill("7");
  await input.locator("xpath=following-sibling::*[1]").click();
  await expect(page.getByText("Đã lưu: Môi trường trả lời trong 7 ngày làm việc.")).toBeVisible();
  const cats = await (await page.request.get("/api/feedback/categories")).json();
  expect(cats.find((c: { name: string }) => c.name === "Môi trường").answerDays).toBe(7);
});

test("staff close an item as not competent: the reason is required and the sender sees it", async ({ page }) => {
  const token = await openAs(page, "youth", "/feedback", { name: "Người hỏi ngoài thẩm quyền" });
  const cats = await (await page.request.get("/api/feedback/categories")).json();
  const sent = await (
    await page.request.post("/api/feedback", {
      headers: authHeader(token),
      data: { categoryId: cats[5].id, content: "Đề nghị thành phố mở thêm tuyến xe buýt đến khu công nghiệp." },
    })
  ).json();

  await openAs(page, "staff", `/feedback/${sent.id}`);
  await page.getByTestId("status-select").selectOption({ label: "Không thuộc thẩm quyền" });
  await expect(page.getByTestId("status-submit")).toBeDisabled(); // no reason yet
  await page.getByTestId("status-reason").fill("Tuyến xe buýt do Sở Xây dựng thành phố quản lý; phường đã chuyển kiến nghị.");
  await page.getByTestId("status-submit").click();
  await expect(page.getByTestId("feedback-status")).toHaveText("Không thuộc thẩm quyền");

  await openAs(page, "youth", "/feedback?tab=mine", { name: "Người hỏi ngoài thẩm quyền" });
  const item = page.getByTestId("my-item").filter({ hasText: sent.code });
  await expect(item).toContainText("Không thuộc thẩm quyền");
  await expect(item).toContainText("Lý do: Tuyến xe buýt do Sở Xây dựng thành phố quản lý");
});

test("a visitor is asked to sign in; a send while offline keeps everything and goes once when back online", async ({ page, context }) => {
  // Not signed in: the send tab says how to sign in instead of showing a form that would fail.
  await page.goto(appPath("/feedback?tab=send"));
  await expect(page.getByTestId("feedback-signin")).toContainText("Đăng nhập để gửi góp ý");
  await page.getByTestId("feedback-go-signin").click();
  await expect(page).toHaveURL(new RegExp(appPath("/account")));

  const name = "Người gửi khi mất mạng";
  const token = await openAs(page, "youth", "/feedback?tab=send", { name });
  const content = `Đề nghị sửa cột đèn hỏng ở đầu ngõ 15, tối rất nguy hiểm (${Date.now()}).`;
  await page.getByTestId("feedback-category").selectOption({ label: "Môi trường" });
  await page.getByTestId("feedback-content").fill(content);
  const chooser = page.waitForEvent("filechooser");
  await page.getByTestId("add-photos").click();
  await (await chooser).setFiles({ name: "cot-den.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByTestId("photo-preview")).toHaveCount(1);

  // Airplane mode at the moment of sending: a clear message, the draft and its photo stay.
  await context.setOffline(true);
  await page.getByTestId("feedback-submit").click();
  await expect(page.getByTestId("feedback-error")).toContainText("vẫn được lưu nháp");
  await expect(page.getByTestId("feedback-content")).toHaveValue(content);
  await expect(page.getByTestId("photo-preview")).toHaveCount(1);
  await context.setOffline(false);
  await page.getByTestId("feedback-submit").dblclick();
  await expect(page.getByTestId("feedback-code")).toHaveText(/^GY-\d{4}-\d{6}$/);
  const mine = await (await page.request.get("/api/feedback/mine", { headers: authHeader(token) })).json();
  const sent = mine.items.filter((i: { content: string }) => i.content === content);
  expect(sent).toHaveLength(1);
  expect(sent[0].photoCount).toBe(1);

  // Staff answer on the detail page: the status control then reads "Đã trả lời" (nothing stale to undo it).
  await openAs(page, "staff", `/feedback/${sent[0].id}`);
  await page.getByTestId("answer-text").fill("Phường đã báo Điện lực thay bóng đèn cột ở đầu ngõ 15 trong tuần này.");
  await page.getByTestId("answer-submit").click();
  await expect(page.getByTestId("feedback-status")).toHaveText("Đã trả lời");
  await expect(page.getByTestId("status-select")).toHaveValue("answered");
  await expect(page.getByTestId("status-submit")).toBeDisabled();

  // Hiding the photo (with confirmation) takes its file offline for everyone; showing it restores it.
  const detail = await (await page.request.get(`/api/feedback/${sent[0].id}`, { headers: authHeader(token) })).json();
  const photoUrl = detail.photos[0].url as string;
  expect((await page.request.get(photoUrl)).status()).toBe(200);
  await page.getByTestId("hide-photo").click();
  await page.getByTestId("hide-photo-confirm").click();
  await expect(page.getByTestId("photo-removed")).toHaveCount(1);
  expect((await page.request.get(photoUrl)).status()).toBe(404);
  // Staff still see what they hid (fetched with their sign-in, dimmed), so they can decide to show it again.
  await expect(page.getByTestId("review-photo")).toHaveCount(1);
  await expect(page.getByTestId("review-photo")).toHaveJSProperty("complete", true);
  expect(await page.getByTestId("review-photo").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await page.getByTestId("show-photo").click();
  await expect(page.getByTestId("feedback-photos").locator("img")).toHaveCount(1);
  expect((await page.request.get(photoUrl)).status()).toBe(200);
});
