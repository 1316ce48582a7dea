import { expect, test, type Page } from "./test";
import { authHeader, devToken, openAs, unitIdByCode } from "./fixtures";

async function currentPeriodId(page: Page): Promise<number> {
  const periods = (await (await page.request.get("/api/periods")).json()) as { id: number; year: number; kind: string }[];
  return periods.find((p) => p.year === 2026 && p.kind === "annual")!.id;
}

/** The period's totals as the API counts them (other journeys share this server and its data). */
async function totals(page: Page, periodId: number): Promise<{ submitted: number; approved: number }> {
  const staff = await devToken(page.request, "staff");
  const res = await page.request.get(`/api/periods/${periodId}/completeness`, { headers: authHeader(staff) });
  return (await res.json()).total;
}

test("a focal point fills and submits, staff return it, the unit fixes it, staff approve", async ({ page, context }) => {
  const periodId = await currentPeriodId(page);
  const doan = await unitIdByCode(page.request, "DOAN");

  // --- the focal point of the Youth Union opens the Báo cáo tab
  await openAs(page, "focal", "/reports", { unitCode: "DOAN", name: "Nguyễn Văn Đoàn" });
  await expect(page.getByTestId("report-countdown")).toContainText("30/11/2026");
  await expect(page.getByTestId("my-report-status")).toHaveText("Chưa nhập");
  await page.getByTestId("open-my-report").click();
  await expect(page).toHaveURL(new RegExp(`/reports/${periodId}/units/${doan}$`));
  await expect(page.getByTestId("report-status")).toHaveText("Đang nhập (nháp)");

  // Phụ lục 01: percentages show live, counts take a number
  const indicators = page.locator('[data-testid^="indicator-CT"]');
  await expect(indicators.first()).toBeVisible();
  const n = await indicators.count();
  expect(n).toBe(6);
  for (let i = 0; i < n; i++) {
    const card = indicators.nth(i);
    await expect(card.getByTestId("last-year")).toHaveText("Chưa có số liệu");
    if ((await card.getByTestId("numerator").count()) > 0) {
      await card.getByTestId("numerator").fill("412");
      await card.getByTestId("denominator").fill("530");
      await expect(card.getByTestId("percent")).toHaveText("= 77,7%");
    } else {
      await card.getByTestId("value").fill("2");
    }
  }
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu");

  // Phụ lục 02: every task gets a status
  await page.getByTestId("step-tasks").click();
  const tasks = page.locator('[data-testid^="task-NV"]');
  await expect(tasks.first()).toBeVisible();
  const tn = await tasks.count();
  for (let i = 0; i < tn; i++) {
    await tasks.nth(i).getByTestId("status-done").click();
    await tasks.nth(i).getByTestId("result").fill("Đã tổ chức 3 hoạt động, 150 đoàn viên tham gia.");
  }
  await page.getByTestId("step-notes").click();
  await page.getByTestId("difficulties").fill("Kinh phí hoạt động còn hạn chế.");
  await page.getByTestId("proposals").fill("Đề nghị phường hỗ trợ kinh phí cho Tháng Thanh niên.");
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu");

  // an evidence file (the dialogue's minutes)
  await page.getByTestId("step-evidence").click();
  const chooser = page.waitForEvent("filechooser");
  await page.getByTestId("add-evidence").click();
  await (await chooser).setFiles({ name: "Biên bản đối thoại.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n") });
  await expect(page.getByTestId("evidence")).toContainText("Biên bản đối thoại.pdf");
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu");

  await page.getByTestId("submit-report").click();
  await page.getByTestId("confirm-submit").click();
  await expect(page.getByTestId("report-status")).toHaveText("Đã nộp");
  await expect(page.getByTestId("lock-reason")).toContainText("đang chờ phường xem xét");
  // the button was at the bottom of the form: the outcome is brought into view
  await expect(page.getByTestId("submit-success")).toBeInViewport();

  // --- staff see it on the dashboard and return it with a reason
  await openAs(page, "staff", "/reports");
  await expect(page.getByTestId("kpi-submitted")).toHaveText(new RegExp(`^${(await totals(page, periodId)).submitted}\\D`));
  await expect(page.getByTestId("unit-DOAN").getByTestId("unit-status")).toHaveText("Đã nộp");
  await expect(page.getByTestId("open-summary")).toHaveAttribute("href", new RegExp(`/reports/${periodId}/summary$`));
  await page.getByTestId("unit-DOAN").getByRole("link").click();
  await expect(page.getByTestId("report-status")).toHaveText("Đã nộp");
  // approve / return within reach at once, without scrolling to the end of the report
  await expect(page.getByTestId("approve")).toBeInViewport();
  await expect(page.getByTestId("return")).toBeInViewport();
  await page.getByTestId("return").click();
  await expect(page.getByTestId("confirm-review")).toBeDisabled();
  await page.getByTestId("review-reason").fill("Số liệu CT14 chưa khớp biên bản đối thoại, đề nghị kiểm tra lại.");
  await page.getByTestId("confirm-review").click();
  await expect(page.getByTestId("report-status")).toHaveText("Bị trả lại");

  // --- the focal point sees the reason, fixes the value (once offline), resubmits
  await openAs(page, "focal", `/reports/${periodId}/units/${doan}`, { unitCode: "DOAN", name: "Nguyễn Văn Đoàn" });
  await expect(page.getByTestId("return-reason")).toContainText("Số liệu CT14 chưa khớp biên bản đối thoại");
  // wait for the session to load first (the shell drops the token when /api/me fails offline)
  await expect(page.getByTestId("tab-reports")).toBeVisible();
  await context.setOffline(true);
  await page.getByTestId("indicator-CT14").getByTestId("value").fill("1");
  await expect(page.getByTestId("sync-state")).toHaveText("Chưa đồng bộ — sẽ gửi khi có mạng");
  // the edit is kept on the phone across a reload while offline
  await context.setOffline(false);
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu");
  await page.reload();
  await expect(page.getByTestId("indicator-CT14").getByTestId("value")).toHaveValue("1");
  await page.getByTestId("submit-report").click();
  await page.getByTestId("confirm-submit").click();
  await expect(page.getByTestId("report-status")).toHaveText("Đã nộp");

  // --- staff approve; the audit trail shows who changed what
  await openAs(page, "staff", `/reports/${periodId}/units/${doan}`);
  await page.getByTestId("approve").click();
  await expect(page.getByTestId("report-status")).toHaveText("Đã duyệt");
  await page.getByTestId("open-audit").click();
  await expect(page.getByTestId("audit-list")).toContainText("Duyệt");
  await expect(page.getByTestId("audit-list")).toContainText("CT14 · Giá trị");
  await expect(page.getByTestId("audit-list")).toContainText("Trả lại");

  await openAs(page, "staff", "/reports");
  await expect(page.getByTestId("kpi-approved")).toHaveText(new RegExp(`^${(await totals(page, periodId)).approved}\\D`));
  await expect(page.getByTestId("unit-DOAN").getByTestId("unit-status")).toHaveText("Đã duyệt");
});

test("staff create an ad hoc period, move its deadline and grant a unit an exception", async ({ page }) => {
  const token = await openAs(page, "staff", "/reports");
  await page.getByTestId("manage-periods").click();
  const create = page.getByTestId("create-period");
  await create.getByRole("button", { name: "Đột xuất" }).click();
  await create.getByLabel("Tiêu đề (bắt buộc)").fill("Báo cáo nhanh Tháng Thanh niên 2026");
  await create.getByLabel("Hạn nộp (mặc định 30/11 của năm)").fill("15/12/2026");
  await create.getByRole("button", { name: "Tạo kỳ báo cáo" }).click();
  const card = page.locator('[data-testid^="period-"]', { hasText: "Báo cáo nhanh Tháng Thanh niên 2026" });
  await expect(card).toContainText("hạn 23:59 15/12/2026");

  await card.getByTestId("deadline-input").fill("20/12/2026");
  await card.getByRole("button", { name: "Lưu thời hạn" }).click();
  await expect(card).toContainText("hạn 23:59 20/12/2026");

  await card.getByText("Gia hạn nộp báo cáo").click();
  await card.getByTestId("extend-DOAN").check();
  await card.getByTestId("extend-date").fill("31/12/2026");
  await card.getByTestId("extend-submit").click();
  await expect(page.getByText("Đã gia hạn cho 1 đơn vị đến 31/12/2026.")).toBeVisible();
  await expect(card.getByTestId("exception-list")).toContainText("Đoàn TNCS Hồ Chí Minh phường · đến 23:59 31/12/2026");

  const periods = (await (await page.request.get("/api/periods")).json()) as { id: number; title: string; kind: string }[];
  const adhoc = periods.find((p) => p.title === "Báo cáo nhanh Tháng Thanh niên 2026")!;
  expect(adhoc.kind).toBe("adhoc");
  const doan = await unitIdByCode(page.request, "DOAN");
  const list = (await (await page.request.get(`/api/periods/${adhoc.id}/reports`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
    unitId: number;
    exceptionUntil: string | null;
  }[];
  expect(list.find((u) => u.unitId === doan)!.exceptionUntil).toBe("2026-12-31T16:59:59.000Z");
});

test("bad numbers are refused out loud, evidence asks before it is removed, periods show only where the unit reports", async ({ page, context }) => {
  // an ad hoc period for TDP02 only, which TDP03's focal point never sees, and a locked one for TDP03
  const staff = await devToken(page.request, "staff");
  const tdp02 = await unitIdByCode(page.request, "TDP02");
  const tdp03 = await unitIdByCode(page.request, "TDP03");
  const other = await page.request.post("/api/periods", {
    headers: authHeader(staff),
    data: { kind: "adhoc", year: 2026, title: "Khảo sát riêng TDP02", expectedUnitIds: [tdp02], deadlineAt: "2030-12-31T16:59:59Z" },
  });
  expect(other.status()).toBe(201);
  const periodId = await currentPeriodId(page);

  await openAs(page, "focal", "/reports", { unitCode: "TDP03" });
  await expect(page.getByTestId("report-period-card")).toContainText("Nghị quyết 83 năm 2026");
  const options = await page.getByTestId("period-select").locator("option").allTextContents().catch(() => [] as string[]);
  expect(options).not.toContain("Khảo sát riêng TDP02");
  await page.getByTestId("open-my-report").click();

  const card = page.locator('[data-testid^="indicator-"]', { has: page.getByTestId("numerator") }).first();
  const num = card.getByTestId("numerator");
  await num.fill("-3");
  await expect(card.getByTestId("numerator-error")).toContainText("không được âm");
  await expect(num).toHaveValue("-3");
  await num.fill("12,5");
  await expect(card.getByTestId("numerator-error")).toContainText("số nguyên");
  await num.fill("12");
  await expect(card.getByTestId("numerator-error")).toHaveCount(0);
  await card.getByTestId("denominator").fill("0");
  await expect(card.getByTestId("ratio-error")).toHaveText("Mẫu số phải lớn hơn 0.");
  await card.getByTestId("denominator").fill("40");
  await expect(card.getByTestId("percent")).toHaveText("= 30%");
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu");
  const token = await devToken(page.request, "focal", { unitCode: "TDP03" });
  const saved = await (await page.request.get(`/api/periods/${periodId}/reports/${tdp03}`, { headers: authHeader(token) })).json();
  const ind = saved.indicators.find((i: { numerator: number | null }) => i.numerator !== null);
  expect([ind.numerator, ind.denominator]).toEqual([12, 40]);

  // offline far down the appendix: the unsent state stays in sight (the header has scrolled away)
  await context.setOffline(true);
  const lastComment = page.locator('[data-testid^="indicator-"]').last().getByTestId("comment");
  await lastComment.scrollIntoViewIfNeeded();
  await lastComment.fill("Ghi chú khi mất mạng");
  await expect(page.getByTestId("sync-strip")).toBeVisible();
  await expect(page.getByTestId("sync-strip")).toHaveText("Chưa đồng bộ — sẽ gửi khi có mạng");
  await context.setOffline(false);
  await expect(page.getByTestId("sync-strip")).toHaveCount(0);
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu");

  await page.getByTestId("step-evidence").click();
  const chooser = page.waitForEvent("filechooser");
  await page.getByTestId("add-evidence").click();
  await (await chooser).setFiles({ name: "bien-ban.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
  await expect(page.getByTestId("evidence")).toContainText("bien-ban.pdf");
  await page.getByTestId("remove-evidence").click();
  await expect(page.getByText("Bỏ tệp minh chứng?")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("remove-evidence.png") });
  await page.getByRole("button", { name: "Giữ lại" }).click();
  await expect(page.getByTestId("evidence")).toContainText("bien-ban.pdf");
});

test("staff change the units expected in a period, with a confirmation before dropping one", async ({ page }) => {
  const staff = await devToken(page.request, "staff");
  const tdp04 = await unitIdByCode(page.request, "TDP04");
  const tdp05 = await unitIdByCode(page.request, "TDP05");
  const created = await page.request.post("/api/periods", {
    headers: authHeader(staff),
    data: { kind: "adhoc", year: 2026, title: "Kỳ thử danh sách đơn vị", expectedUnitIds: [tdp04, tdp05] },
  });
  const id = (await created.json()).id as number;
  await openAs(page, "staff", "/reports/periods");
  const card = page.getByTestId(`period-${id}`);
  await expect(card).toContainText("2 đơn vị");
  await card.getByText("Đơn vị phải báo cáo (2/").click();
  await card.getByTestId("expected-TDP05").uncheck();
  await card.getByTestId("expected-TDP06").check();
  await card.getByTestId("save-expected").click();
  await expect(page.getByText("Bỏ đơn vị khỏi kỳ báo cáo?")).toBeVisible();
  await expect(page.getByRole("dialog")).toContainText("Tổ dân phố số 5");
  await page.getByTestId("confirm-expected").click();
  await expect(page.getByText("Đã cập nhật danh sách đơn vị phải báo cáo.")).toBeVisible();
  const period = (await (await page.request.get(`/api/periods/${id}`)).json()) as { expectedUnitIds: number[] };
  const tdp06 = await unitIdByCode(page.request, "TDP06");
  expect(period.expectedUnitIds.sort()).toEqual([tdp04, tdp06].sort());
});
