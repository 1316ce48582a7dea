import { expect, test, type Page } from "./test";
import { appPath, devToken, unitIdByCode } from "./fixtures";

const DEV_STAFF_PASSWORD = "ThanhNien@2026";

async function devSignIn(page: Page, role: "youth" | "focal" | "staff" | "observer", unitName?: string) {
  await expect(page.getByTestId("dev-signin")).toBeVisible();
  await page.getByTestId(`dev-role-${role}`).click();
  if (unitName) await page.getByTestId("dev-unit").selectOption({ label: unitName });
  await page.getByTestId("dev-signin-submit").click();
  await expect(page.getByTestId("profile")).toBeVisible();
}

async function expectTabs(page: Page, reports: boolean) {
  for (const tab of ["tab-home", "tab-announcements", "tab-feedback", "tab-account"]) await expect(page.getByTestId(tab)).toBeVisible();
  if (reports) await expect(page.getByTestId("tab-reports")).toBeVisible();
  else await expect(page.getByTestId("tab-reports")).toHaveCount(0);
}

async function signOut(page: Page) {
  await page.getByTestId("sign-out").click();
  await expect(page.getByTestId("password-form")).toBeVisible();
  await expect(page.getByTestId("profile")).toHaveCount(0);
}

test("each role signs in through the dev chooser and sees its tabs; sign-out returns to the sign-in forms", async ({ page }) => {
  await page.goto(appPath("/account"));
  await expect(page.getByTestId("password-form")).toBeVisible();
  await expectTabs(page, false);

  const cases = [
    { role: "youth", label: "Thanh niên", reports: false },
    { role: "staff", label: "Cán bộ phường", reports: true },
    { role: "observer", label: "Giám sát (MTTQ)", reports: true },
  ] as const;
  for (const c of cases) {
    await devSignIn(page, c.role);
    await expect(page.getByTestId("profile-role")).toHaveText(c.label);
    await expectTabs(page, c.reports);
    await expect(page.getByTestId("staff-links")).toHaveCount(c.role === "staff" ? 1 : 0);
    // the session survives a reload
    await page.reload();
    await expect(page.getByTestId("profile-role")).toHaveText(c.label);
    await signOut(page);
    await expectTabs(page, false);
  }

  await devSignIn(page, "focal", "Đoàn TNCS Hồ Chí Minh phường");
  await expect(page.getByTestId("profile-role")).toHaveText("Đầu mối đơn vị");
  await expect(page.getByTestId("profile-unit")).toHaveText("Đoàn TNCS Hồ Chí Minh phường");
  await expectTabs(page, true);
  await page.getByTestId("tab-reports").click();
  await expect(page).toHaveURL(/\/reports/);
  await page.getByTestId("tab-account").click();
  await signOut(page);
});

test("staff sign in with the password form, invite a focal point who accepts from the link", async ({ page }) => {
  await page.goto(appPath("/account"));
  await page.getByTestId("password-username").fill("canbo");
  await page.getByTestId("password-password").fill("khong-dung");
  await page.getByTestId("password-submit").click();
  await expect(page.getByTestId("password-error")).toContainText("Tên đăng nhập hoặc mật khẩu không đúng");

  await page.getByTestId("password-password").fill(DEV_STAFF_PASSWORD);
  await page.getByTestId("password-submit").click();
  await expect(page.getByTestId("profile-role")).toHaveText("Cán bộ phường");
  await expect(page.getByTestId("profile-unit")).toHaveText("Phòng Văn hóa - Xã hội");
  await expectTabs(page, true);

  // Mời đầu mối: a code, the deep link and a QR image
  await page.getByTestId("link-invite").click();
  await expect(page.getByRole("heading", { name: "Mời đầu mối" })).toBeVisible();
  await page.getByTestId("invite-unit").selectOption({ label: "Hội Liên hiệp Thanh niên Việt Nam phường" });
  await page.getByTestId("invite-create").click();
  const code = (await page.getByTestId("invite-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{10}$/);
  await expect(page.getByTestId("invite-link")).toHaveText(`https://zalo.me/s/thanh-nien-so/?invite=${code}`);
  const qr = page.getByTestId("invite-qr");
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 100)).toBe(true);
  await expect(page.getByTestId("invite-list")).toContainText(code);
  await expect(page.getByTestId("invite-list")).toContainText("Còn hiệu lực");

  // a second code made by mistake is revoked, after a question
  await page.getByTestId("invite-create").click();
  await expect(page.getByTestId("invite-code")).not.toHaveText(code);
  const mistake = (await page.getByTestId("invite-code").textContent())!.trim();
  await page.getByTestId(`invite-revoke-${mistake}`).click();
  await expect(page.getByText("Thu hồi lời mời này?")).toBeVisible();
  await page.getByTestId("confirm-ok").click();
  await expect(page.getByTestId(`invite-revoke-${mistake}`)).toHaveCount(0);
  await expect(page.getByTestId("invite-result")).toHaveCount(0);
  await expect(page.getByTestId(`invite-revoke-${code}`)).toBeVisible();

  await page.getByRole("button", { name: "Quay lại" }).click();
  await signOut(page);

  // The invitee opens the link: the app keeps the code through sign-in and asks to confirm.
  await page.goto(appPath(`/?invite=${code}`));
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("invite-card")).toContainText("Vui lòng đăng nhập để nhận lời mời");
  await page.getByTestId("dev-role-youth").click();
  await page.getByTestId("dev-signin-submit").click();
  await expect(page.getByTestId("invite-summary")).toContainText("Hội Liên hiệp Thanh niên Việt Nam phường");
  await page.getByTestId("invite-accept").click();
  await expect(page.getByTestId("profile-role")).toHaveText("Đầu mối đơn vị");
  await expect(page.getByTestId("profile-unit")).toHaveText("Hội Liên hiệp Thanh niên Việt Nam phường");
  await expect(page.getByTestId("invite-card")).toHaveCount(0);
  await expectTabs(page, true);
  await signOut(page);
});

test("staff manage users: search without diacritics, change a role, disable with confirmation", async ({ page, request }) => {
  // someone to manage
  const youth = await request.post("/api/auth/dev", { data: { role: "youth", name: "Phạm Thị Hương" } });
  expect(youth.ok()).toBe(true);
  const youthToken = (await youth.json()).token as string;

  await page.goto(appPath("/account"));
  await page.getByTestId("password-username").fill("canbo");
  await page.getByTestId("password-password").fill(DEV_STAFF_PASSWORD);
  await page.getByTestId("password-submit").click();
  await page.getByTestId("link-users").click();
  await expect(page.getByRole("heading", { name: "Quản lý người dùng" })).toBeVisible();

  await page.getByTestId("users-search").fill("pham thi huong");
  const list = page.getByTestId("users-list");
  await expect(list.getByRole("button")).toHaveCount(1);
  await expect(list).toContainText("Phạm Thị Hương");
  await list.getByRole("button").click();

  // a focal point needs a unit
  await page.getByTestId("edit-role").selectOption("focal");
  await page.getByTestId("edit-save").click();
  await expect(page.getByTestId("edit-error")).toContainText("Đầu mối phải thuộc một đơn vị");
  await page.getByTestId("edit-unit").selectOption({ label: "Công an phường" });
  await page.getByTestId("edit-save").click();
  await expect(list).toContainText("Đầu mối đơn vị");
  await expect(list).toContainText("Công an phường");

  // staff rights are only given after a question; cancelling changes nothing
  await page.getByTestId("edit-role").selectOption("staff");
  await page.getByTestId("edit-save").click();
  await expect(page.getByText("Cấp quyền cán bộ phường?")).toBeVisible();
  await page.getByTestId("confirm-cancel").click();
  await expect(list).not.toContainText("Cán bộ phường");
  await page.getByTestId("edit-role").selectOption("focal");

  // disabling asks first, then signs the person out everywhere
  await page.getByTestId("edit-disable").click();
  await expect(page.getByText("Khóa tài khoản này?")).toBeVisible();
  await page.getByTestId("confirm-ok").click();
  await expect(page.getByTestId("edit-enable")).toBeVisible();
  await expect(list).toContainText("Đã khóa");
  const me = await request.get("/api/me", { headers: { Authorization: `Bearer ${youthToken}` } });
  expect(me.status()).toBe(401);
});

test("repeated wrong passwords lock the account with a clear message", async ({ page }) => {
  await page.goto(appPath("/account"));
  await page.getByTestId("password-username").fill("canbo");
  for (let i = 1; i <= 5; i++) {
    await page.getByTestId("password-password").fill(`sai-${i}`);
    await page.getByTestId("password-submit").click();
    await expect(page.getByTestId("password-error")).toBeVisible();
  }
  await expect(page.getByTestId("password-error")).toContainText(/tạm khóa .* thử lại sau \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  // even the right password waits for the lock to end
  await page.getByTestId("password-password").fill(DEV_STAFF_PASSWORD);
  await page.getByTestId("password-submit").click();
  await expect(page.getByTestId("password-error")).toContainText("tạm khóa");
  await expect(page.getByTestId("profile")).toHaveCount(0);

  // a colleague sees the lock-out in Quản lý người dùng and lifts it at once
  await devSignIn(page, "staff");
  await page.getByTestId("link-users").click();
  await page.getByTestId("users-search").fill("canbo");
  const list = page.getByTestId("users-list");
  // wait for the search to settle (the unfiltered list shows first), then open the locked account
  await expect(list.locator("li")).toHaveCount(1);
  await expect(list).toContainText("Tạm khóa");
  await list.getByRole("button").first().click();
  await expect(page.getByTestId("edit-locked")).toContainText(/Tạm khóa đăng nhập đến \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
  await page.getByTestId("edit-unlock").click();
  await expect(page.getByTestId("edit-locked")).toHaveCount(0);
  await expect(list).not.toContainText("Tạm khóa");
  await page.goto(appPath("/account"));
  await page.getByTestId("sign-out").click();
  await page.getByTestId("password-username").fill("canbo");
  await page.getByTestId("password-password").fill(DEV_STAFF_PASSWORD);
  await page.getByTestId("password-submit").click();
  await expect(page.getByTestId("profile-role")).toHaveText("Cán bộ phường");
});

test("a session ended elsewhere signs out quietly with a note; short, unknown and used codes are explained", async ({ page, request }) => {
  // a focal point's session is revoked (signed out on another device, or the account disabled)
  const focal = await request.post("/api/auth/dev", { data: { role: "focal", unitId: await unitIdByCode(request, "DOAN"), name: "Phiên Cũ" } });
  const token = (await focal.json()).token as string;
  expect((await request.post("/api/auth/logout", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(204);

  await page.goto(appPath("/account"));
  await page.evaluate((t) => localStorage.setItem("tns.token", t), token);
  await page.goto(appPath("/"));
  await expect(page.getByTestId("tab-reports")).toHaveCount(0);
  await page.getByTestId("tab-account").click();
  await expect(page.getByTestId("session-notice")).toHaveText("Phiên đăng nhập đã kết thúc, vui lòng đăng nhập lại.");
  await expect(page.getByTestId("password-form")).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("tns.token"))).toBeNull();

  // a mistyped short code from the address is looked up, not dropped
  await page.goto(appPath("/?invite=ab"));
  await expect(page.getByTestId("invite-card")).toContainText("Vui lòng đăng nhập để nhận lời mời (mã ab)");
  await page.getByTestId("dev-role-youth").click();
  await page.getByTestId("dev-signin-submit").click();
  await expect(page.getByTestId("invite-error")).toHaveText("Mã mời không tồn tại. Vui lòng kiểm tra lại đường dẫn hoặc mã QR.");
  await expect(page.getByTestId("session-notice")).toHaveCount(0);
  await page.getByTestId("invite-dismiss").click();
  await expect(page.getByTestId("invite-card")).toHaveCount(0);

  // an observer invitation, used by someone else first
  const staff = await devToken(request, "staff");
  const inv = await request.post("/api/invitations", {
    headers: { Authorization: `Bearer ${staff}` },
    data: { unitId: await unitIdByCode(request, "MTTQ"), role: "observer" },
  });
  const code = (await inv.json()).code as string;
  const other = await devToken(request, "youth", { name: "Người Nhận Trước" });
  expect((await request.post(`/api/invitations/${code}/accept`, { headers: { Authorization: `Bearer ${other}` } })).ok()).toBe(true);
  await page.goto(appPath(`/?invite=${code}`));
  await expect(page.getByRole("heading", { name: "Lời mời làm giám sát (MTTQ)" })).toBeVisible();
  await expect(page.getByTestId("invite-summary")).toContainText("Lời mời này đã được sử dụng.");
  await expect(page.getByTestId("invite-accept")).toHaveCount(0);
  await expect(page.getByTestId("profile-role")).toHaveText("Thanh niên");
});
