import { expect, setServerClock, test } from "./test";
import { authHeader, openAs } from "./fixtures";

test("a youth sends a question, another supports it, staff publish the answer and the asker sees it", async ({ page }) => {
  // --- staff announce the dialogue 36 days ahead; a 20-day notice is warned first
  await openAs(page, "staff", "/dialogues");
  await page.getByTestId("new-dialogue").click();
  await page.getByTestId("dl-title").fill("Đối thoại cuối năm 2026: kỹ năng số và việc làm");
  await page.getByTestId("dl-date").fill("10/12/2026");
  await page.getByTestId("dl-place").fill("Hội trường UBND phường Lê Đại Hành");
  await page.getByTestId("dl-close").fill("05/12/2026");
  await page.getByTestId("dl-submit").click();
  await expect(page.getByTestId("dl-warning")).toContainText("ít nhất 30 ngày");
  await page.getByTestId("dl-date").fill("26/12/2026");
  await page.getByTestId("dl-close").fill("20/12/2026");
  await page.getByTestId("dl-submit").click();
  await expect(page.getByTestId("dialogue-state")).toHaveText("Đang nhận câu hỏi");
  const path = new URL(page.url()).pathname.replace(/^\/zapps\/[^/]+/, "");

  // --- it is in the youth's feed
  await openAs(page, "youth", "/announcements", { name: "Trần Thu Hà" });
  await expect(page.getByText("Đối thoại cuối năm 2026: kỹ năng số và việc làm")).toBeVisible();

  // --- the youth sends a question from the home shortcut
  await page.goto(page.url().replace(/\/announcements.*$/, "/"));
  await page.getByRole("link", { name: "Đối thoại với Chủ tịch phường" }).click();
  await page.getByTestId("dialogue-item").first().click();
  await page.getByTestId("ask-text").fill("Phường có mở lớp kỹ năng số miễn phí cho thanh niên không ạ?");
  await page.getByTestId("ask-submit").click();
  await expect(page.getByTestId("ask-code")).toContainText(/DT-2026-\d+-0001/);
  await expect(page.getByTestId("my-questions").getByTestId("question-support")).toBeDisabled();

  // --- another youth supports it
  await openAs(page, "youth", path, { name: "Lê Minh" });
  const q = page.getByTestId("all-questions").getByTestId("question").first();
  await expect(q).toContainText("kỹ năng số miễn phí");
  await q.getByTestId("question-support").click();
  await expect(q.getByTestId("question-support")).toHaveText("Đã ủng hộ (1)");

  // --- staff group it and write the answer; it is published after the dialogue
  await openAs(page, "staff", path);
  const sq = page.getByTestId("staff-question").first();
  await expect(sq).toContainText("Trần Thu Hà · 1 ủng hộ");
  await sq.getByTestId("question-group").fill("Kỹ năng số");
  await sq.getByTestId("question-save-order").click();
  await sq.getByTestId("question-answer-input").fill("Phường sẽ mở 4 lớp kỹ năng số miễn phí tại nhà văn hóa các tổ dân phố từ tháng 3/2027.");
  await sq.getByTestId("question-save-answer").click();
  await expect(page.getByTestId("publish-answers")).toBeDisabled();

  const after = "2026-12-26T11:00:00+07:00";
  // Sessions last 30 days: drop the old token first, or the app's own 401 on it (in flight while
  // openAs puts the new token in) would sign the next person out again.
  await page.evaluate(() => localStorage.removeItem("tns.token"));
  await setServerClock(page.request, after);
  await page.clock.setSystemTime(new Date(after));
  await openAs(page, "staff", path);
  await page.getByTestId("publish-answers").click();
  await page.getByTestId("publish-attendees").fill("120");
  await page.getByTestId("confirm-publish").click();
  await expect(page.getByTestId("dialogue-state")).toHaveText("Đã công bố trả lời");

  // --- the asker is told and sees the answer
  const token = await openAs(page, "youth", "/", { name: "Trần Thu Hà" });
  const inbox = await (await page.request.get("/api/notifications", { headers: authHeader(token) })).json();
  expect(inbox.items.map((n: { title: string }) => n.title)).toContainEqual(expect.stringMatching(/^Câu hỏi DT-2026-\d+-0001 đã được trả lời$/));
  await page.getByTestId("inbox-link").click();
  await page.getByText(/đã được trả lời/).first().click();
  await expect(page.getByTestId("my-questions").getByTestId("question-answer")).toContainText("4 lớp kỹ năng số miễn phí");
});
