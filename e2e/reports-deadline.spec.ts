import { expect, test, type Page } from "./test";
import { authHeader, devToken, openAs, unitIdByCode } from "./fixtures";

/**
 * The day after the first deadline (01/12/2026 09:00, both clocks pinned): staff extend two late
 * units with one action, one of them submits within its extension and counts as on time (được gia
 * hạn), a unit without one only reads its locked report, and next year's report already takes a draft.
 */
test.use({ now: "2026-12-01T09:00:00+07:00" });

async function annualId(page: Page, year: number): Promise<number> {
  const periods = (await (await page.request.get("/api/periods")).json()) as { id: number; year: number; kind: string }[];
  return periods.find((p) => p.year === year && p.kind === "annual")!.id;
}

/** Fills every indicator and task of the open form so it can be submitted. */
async function fillAll(page: Page) {
  const indicators = page.locator('[data-testid^="indicator-CT"]');
  await expect(indicators.first()).toBeVisible();
  for (let i = 0; i < (await indicators.count()); i++) {
    const card = indicators.nth(i);
    if ((await card.getByTestId("numerator").count()) > 0) {
      await card.getByTestId("numerator").fill("96");
      await card.getByTestId("denominator").fill("120");
    } else {
      await card.getByTestId("value").fill("1");
    }
  }
  await page.getByTestId("step-tasks").click();
  const tasks = page.locator('[data-testid^="task-NV"]');
  await expect(tasks.first()).toBeVisible();
  for (let i = 0; i < (await tasks.count()); i++) await tasks.nth(i).getByTestId("status-done").click();
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu");
}

test("the day after the deadline: two late units extended at once, one submits on time (được gia hạn), next year's report takes a draft", async ({ page }) => {
  const y2026 = await annualId(page, 2026);
  const y2027 = await annualId(page, 2027);
  const [tdp09, tdp10, ttdv] = [await unitIdByCode(page.request, "TDP09"), await unitIdByCode(page.request, "TDP10"), await unitIdByCode(page.request, "TTDV")];

  // --- staff open Báo cáo: an open period comes first (next year's, or an ad hoc one of another journey
  // on this server), and the yearly report that just locked is one tap away
  await openAs(page, "staff", "/reports");
  await expect(page.getByTestId("report-period-card")).not.toContainText("năm 2026");
  await page.getByTestId("recently-locked").filter({ hasText: "năm 2026" }).click();
  await expect(page.getByTestId("report-period-card")).toContainText("năm 2026");
  await expect(page.getByTestId("report-countdown")).toHaveText("Đã quá hạn nộp báo cáo 30/11/2026 (1 ngày)");
  await page.getByTestId("extend-late").click();

  // --- the periods screen opens at that period's extensions: two units, one date, one action
  const card = page.getByTestId(`period-${y2026}`);
  const form = card.getByTestId("extend-form");
  await form.getByTestId("extend-TDP09").check();
  await form.getByTestId("extend-TDP10").check();
  await form.getByTestId("extend-date").fill("05/12/2026");
  await expect(form.getByTestId("extend-submit")).toHaveText("Gia hạn cho 2 đơn vị");
  await form.getByTestId("extend-submit").click();
  await expect(page.getByText("Đã gia hạn cho 2 đơn vị đến 05/12/2026.")).toBeVisible();
  await expect(card.getByTestId(`exception-${tdp09}`)).toContainText("Tổ dân phố số 9 · đến 23:59 05/12/2026");
  await expect(card.getByTestId(`exception-${tdp10}`)).toContainText("Tổ dân phố số 10 · đến 23:59 05/12/2026");

  // --- TDP09's focal point: Báo cáo opens the extended report, which they fill and submit
  await openAs(page, "focal", "/reports", { unitCode: "TDP09", name: "Đầu mối TDP 9" });
  await expect(page.getByTestId("report-countdown")).toHaveText("Đơn vị được gia hạn nộp đến 23:59 05/12/2026");
  await page.getByTestId("open-my-report").click();
  await expect(page).toHaveURL(new RegExp(`/reports/${y2026}/units/${tdp09}$`));
  await fillAll(page);
  await page.getByTestId("submit-report").click();
  await page.getByTestId("confirm-submit").click();
  await expect(page.getByTestId("report-status")).toHaveText("Đã nộp");
  await expect(page.getByTestId("report-form")).toContainText("đúng hạn (được gia hạn)");

  // --- staff see it on time within its extension
  await openAs(page, "staff", `/reports?period=${y2026}`);
  await expect(page.getByTestId("unit-TDP09")).toContainText("đúng hạn (được gia hạn)");
  await expect(page.getByTestId("unit-TDP09").getByTestId("unit-status")).toHaveText("Đã nộp");
  const staff = await devToken(page.request, "staff");
  const total = (await (await page.request.get(`/api/periods/${y2026}/completeness`, { headers: authHeader(staff) })).json()).total;
  expect(total.extended).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId("kpi-extended")).toHaveText(new RegExp(`^${total.extended}\\D`));

  // --- a unit without an extension only reads its locked report, and opening it creates nothing
  // (Báo cáo shows next year's report, and says plainly that last year's is missing and whom to ask)
  await openAs(page, "focal", "/reports", { unitCode: "TTDV" });
  await expect(page.getByTestId("report-period-card")).not.toContainText("năm 2026");
  await expect(page.getByTestId("missed-report")).toContainText("chưa nộp, đã hết hạn ngày 30/11/2026");
  await page.getByTestId("missed-report").getByRole("button", { name: "Xem báo cáo đó ›" }).click();
  await expect(page).toHaveURL(new RegExp(`/reports/${y2026}/units/${ttdv}$`));
  await expect(page.getByTestId("lock-reason")).toHaveText(
    "Kỳ báo cáo đã hết hạn nộp lúc 23:59 30/11/2026, báo cáo bị khóa. Để được gia hạn, vui lòng liên hệ Phòng Văn hóa - Xã hội (UBND phường).",
  );
  await expect(page.getByTestId("report-status")).toHaveText("Chưa nhập");
  const list = (await (await page.request.get(`/api/periods/${y2026}/reports`, { headers: authHeader(staff) })).json()) as { unitId: number; status: string }[];
  expect(list.find((u) => u.unitId === ttdv)!.status).toBe("missing");

  // --- next year's report already takes a draft
  await openAs(page, "focal", `/reports/${y2027}/units/${tdp10}`, { unitCode: "TDP10", name: "Đầu mối TDP 10" });
  await expect(page.getByTestId("report-status")).toHaveText("Đang nhập (nháp)");
  const first = page.locator('[data-testid^="indicator-CT"]').first();
  if ((await first.getByTestId("numerator").count()) > 0) await first.getByTestId("numerator").fill("40");
  else await first.getByTestId("value").fill("3");
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu");
  const focal = await devToken(page.request, "focal", { unitCode: "TDP10", name: "Đầu mối TDP 10" });
  const draft = await (await page.request.get(`/api/periods/${y2027}/reports/${tdp10}`, { headers: authHeader(focal) })).json();
  expect(draft.status).toBe("draft");
  expect(draft.version).toBeGreaterThanOrEqual(1);
});
