import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SnackbarProvider } from "zmp-ui";
import type { Me } from "@contract/identity";
import { api, ApiError, getToken, setToken } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import * as zalo from "../../lib/zalo";
import { AccountPage } from "./account-page";

vi.mock("../../lib/zalo", () => ({
  isInZalo: vi.fn(() => false),
  zaloAccessToken: vi.fn(async () => null),
  zaloUserProfile: vi.fn(async () => null),
  zaloPhoneToken: vi.fn(async () => null),
}));

const config = { wardName: "Phường Lê Đại Hành", timeZone: "Asia/Ho_Chi_Minh", devSignIn: true, zaloAppId: "x", pushChannel: "inbox" as const };
const me = (over: Partial<Me> = {}): Me => ({
  id: 7,
  name: "Thanh niên",
  avatarUrl: null,
  role: "youth",
  unit: null,
  ward: null,
  wardChosen: true,
  hasPhone: false,
  consented: false,
  ...over,
});

const UNITS = [
  { id: 3, code: "DOAN", name: "Đoàn TNCS Hồ Chí Minh phường", shortName: "Đoàn phường", kind: "youth_union", parentId: 2, wardId: 2 },
  { id: 43, code: "HB-DOAN", name: "Đoàn TNCS Hồ Chí Minh phường Hồng Bàng", shortName: "Đoàn phường", kind: "youth_union", parentId: 40, wardId: 40 },
];
const WARDS = [
  { id: 2, code: "UBND", name: "Phường Lê Đại Hành", unitName: "Ủy ban nhân dân phường Lê Đại Hành", level: "phuong", joinLink: "" },
  { id: 40, code: "HB", name: "Phường Hồng Bàng", unitName: "Ủy ban nhân dân phường Hồng Bàng", level: "phuong", joinLink: "" },
];

const renderPage = () =>
  render(
    <SnackbarProvider>
      <MemoryRouter>
        <AccountPage />
      </MemoryRouter>
    </SnackbarProvider>,
  );

describe("account page", () => {
  beforeEach(() => {
    localStorage.clear();
    vi.spyOn(api, "get").mockImplementation(async (url: string) => {
      if (url === "/api/units") return { data: UNITS };
      if (url === "/api/wards") return { data: [] };
      throw new Error(`unexpected GET ${url}`);
    });
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    vi.mocked(zalo.isInZalo).mockReturnValue(false);
    useSession.setState({ me: null, status: "anonymous", config: null, pendingInvite: null, signInError: null, sessionNotice: null });
  });

  it("in a browser, signed out: offers the staff password form and the dev role chooser", async () => {
    useSession.setState({ status: "anonymous", me: null, config });
    renderPage();
    expect(screen.getByTestId("password-form")).toBeInTheDocument();
    expect(screen.getByTestId("dev-signin")).toBeInTheDocument();
    expect(screen.queryByTestId("sign-out")).toBeNull();
    expect(screen.queryByTestId("consent-card")).toBeNull();
    // the chooser lists units for a focal point
    fireEvent.click(screen.getByTestId("dev-role-focal"));
    expect(await screen.findByRole("option", { name: "Đoàn TNCS Hồ Chí Minh phường" })).toBeInTheDocument();
  });

  it("hides the dev chooser when the server has dev sign-in off", () => {
    useSession.setState({ status: "anonymous", me: null, config: { ...config, devSignIn: false } });
    renderPage();
    expect(screen.getByTestId("password-form")).toBeInTheDocument();
    expect(screen.queryByTestId("dev-signin")).toBeNull();
  });

  it("asks for both fields, shows the server's refusal and the lock-out message, and signs in", async () => {
    useSession.setState({ status: "anonymous", me: null, config });
    const post = vi.spyOn(api, "post");
    renderPage();
    fireEvent.click(screen.getByTestId("password-submit"));
    expect(await screen.findByTestId("password-error")).toHaveTextContent("Vui lòng nhập tên đăng nhập và mật khẩu.");
    expect(post).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId("password-username"), { target: { value: "canbo" } });
    fireEvent.change(screen.getByTestId("password-password"), { target: { value: "sai" } });
    post.mockRejectedValueOnce(new ApiError(401, "INVALID_CREDENTIALS", "Tên đăng nhập hoặc mật khẩu không đúng."));
    fireEvent.click(screen.getByTestId("password-submit"));
    expect(await screen.findByText("Tên đăng nhập hoặc mật khẩu không đúng.")).toBeInTheDocument();
    expect(post).toHaveBeenCalledWith("/api/auth/password", { username: "canbo", password: "sai" });
    expect(screen.getByTestId("password-password")).toHaveValue("");

    fireEvent.change(screen.getByTestId("password-password"), { target: { value: "sai lần nữa" } });
    post.mockRejectedValueOnce(
      new ApiError(429, "ACCOUNT_LOCKED", "Tài khoản tạm khóa do nhập sai mật khẩu 5 lần liên tiếp. Vui lòng thử lại sau 20/11/2026 10:15."),
    );
    fireEvent.click(screen.getByTestId("password-submit"));
    expect(await screen.findByText(/Vui lòng thử lại sau 20\/11\/2026 10:15/)).toHaveClass("account-locked");

    fireEvent.change(screen.getByTestId("password-password"), { target: { value: "ThanhNien@2026" } });
    post.mockResolvedValueOnce({ data: { token: "t", expiresAt: "2026-12-20T00:00:00.000Z", user: me({ name: "Cán bộ VHXH", role: "staff", consented: true }) } });
    fireEvent.click(screen.getByTestId("password-submit"));
    expect(await screen.findByTestId("profile-name")).toHaveTextContent("Cán bộ VHXH");
    expect(screen.getByTestId("staff-links")).toBeInTheDocument();
    expect(screen.queryByTestId("password-form")).toBeNull();
  });

  it("shows who a focal point is, without staff links or Zalo-only cards, and signs out", async () => {
    useSession.setState({
      status: "signed-in",
      config,
      me: me({ name: "Nguyễn Văn An", role: "focal", unit: { id: 3, code: "DOAN", name: "Đoàn TNCS Hồ Chí Minh phường" }, consented: true }),
    });
    const post = vi.spyOn(api, "post").mockResolvedValue({ data: undefined });
    renderPage();
    expect(screen.getByTestId("profile-name")).toHaveTextContent("Nguyễn Văn An");
    expect(screen.getByTestId("profile-role")).toHaveTextContent("Đầu mối đơn vị");
    expect(screen.getByTestId("profile-unit")).toHaveTextContent("Đoàn TNCS Hồ Chí Minh phường");
    expect(screen.queryByTestId("staff-links")).toBeNull();
    expect(screen.queryByTestId("phone-card")).toBeNull();
    fireEvent.click(screen.getByTestId("sign-out"));
    await waitFor(() => expect(useSession.getState().status).toBe("anonymous"));
    expect(post).toHaveBeenCalledWith("/api/auth/logout");
    expect(await screen.findByTestId("password-form")).toBeInTheDocument();
  });

  it("inside Zalo: a polite consent step, then the Zalo name; phone sharing is offered", async () => {
    vi.mocked(zalo.isInZalo).mockReturnValue(true);
    vi.mocked(zalo.zaloUserProfile).mockResolvedValue({ name: "Trần Thị Bình", avatar: "https://s120.avatar.talk.zdn.vn/b.jpg" });
    vi.mocked(zalo.zaloAccessToken).mockResolvedValue("zalo-token");
    useSession.setState({ status: "signed-in", config, me: me() });
    const patch = vi.spyOn(api, "patch").mockResolvedValue({ data: me({ name: "Trần Thị Bình", avatarUrl: "https://s120.avatar.talk.zdn.vn/b.jpg", consented: true }) });
    renderPage();
    expect(screen.getByText("Cho phép dùng tên và ảnh đại diện Zalo?")).toBeInTheDocument();
    expect(screen.getByTestId("phone-share")).toBeInTheDocument();
    expect(screen.queryByTestId("password-form")).toBeNull();
    fireEvent.click(screen.getByTestId("consent-agree"));
    await waitFor(() => expect(screen.getByTestId("profile-name")).toHaveTextContent("Trần Thị Bình"));
    // the server takes the name from Zalo with the token: the app never sends a name of its own
    expect(patch).toHaveBeenCalledWith("/api/me", { consent: true, accessToken: "zalo-token" });
    expect(screen.queryByTestId("consent-card")).toBeNull();
  });

  it("inside Zalo, when the silent sign-in failed: explains why and retries", async () => {
    vi.mocked(zalo.isInZalo).mockReturnValue(true);
    vi.mocked(zalo.zaloAccessToken).mockResolvedValue("zalo-token");
    useSession.setState({ status: "anonymous", config: { ...config, devSignIn: false }, me: null, signInError: "Không kết nối được với Zalo để xác thực." });
    const post = vi.spyOn(api, "post").mockResolvedValue({ data: { token: "t", expiresAt: "2026-12-20T00:00:00.000Z", user: me() } });
    renderPage();
    expect(screen.getByTestId("zalo-signin")).toHaveTextContent("Không kết nối được với Zalo để xác thực.");
    expect(screen.queryByTestId("password-form")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Thử lại" }));
    expect(await screen.findByTestId("profile-name")).toHaveTextContent("Thanh niên");
    expect(post).toHaveBeenCalledWith("/api/auth/zalo", { accessToken: "zalo-token" });
  });

  it("inside Zalo: 'Để sau' hides the consent card and remembers it", () => {
    vi.mocked(zalo.isInZalo).mockReturnValue(true);
    useSession.setState({ status: "signed-in", config, me: me() });
    const { unmount } = renderPage();
    fireEvent.click(screen.getByTestId("consent-later"));
    expect(screen.queryByTestId("consent-card")).toBeNull();
    unmount();
    renderPage();
    expect(screen.queryByTestId("consent-card")).toBeNull();
  });

  it("confirms an invitation from the opening link and shows the new role", async () => {
    useSession.setState({ status: "signed-in", config, me: me({ name: "Lê Chi", consented: true }), pendingInvite: "ABCDEFGH23" });
    vi.mocked(api.get).mockImplementation(async (url: string) => {
      if (url === "/api/invitations/ABCDEFGH23")
        return { data: { code: "ABCDEFGH23", role: "focal", unit: { id: 3, code: "DOAN", name: "Đoàn TNCS Hồ Chí Minh phường" }, status: "active", expiresAt: "2026-11-27T03:00:00.000Z" } };
      throw new Error(`unexpected GET ${url}`);
    });
    const post = vi
      .spyOn(api, "post")
      .mockResolvedValue({ data: me({ name: "Lê Chi", role: "focal", unit: { id: 3, code: "DOAN", name: "Đoàn TNCS Hồ Chí Minh phường" }, consented: true }) });
    renderPage();
    expect(await screen.findByTestId("invite-summary")).toHaveTextContent("Bạn được mời làm Đầu mối đơn vị của Đoàn TNCS Hồ Chí Minh phường");
    fireEvent.click(screen.getByTestId("invite-accept"));
    await waitFor(() => expect(screen.getByTestId("profile-role")).toHaveTextContent("Đầu mối đơn vị"));
    expect(post).toHaveBeenCalledWith("/api/invitations/ABCDEFGH23/accept");
    expect(screen.queryByTestId("invite-card")).toBeNull();
    expect(useSession.getState().pendingInvite).toBeNull();
  });

  it("explains a used invitation and lets the person close it", async () => {
    useSession.setState({ status: "signed-in", config, me: me({ consented: true }), pendingInvite: "USEDCODE22" });
    vi.mocked(api.get).mockRejectedValue(new ApiError(409, "INVITATION_USED", "Mã mời này đã được sử dụng."));
    renderPage();
    expect(await screen.findByTestId("invite-error")).toHaveTextContent("Mã mời này đã được sử dụng.");
    expect(screen.queryByTestId("invite-accept")).toBeNull();
    fireEvent.click(screen.getByTestId("invite-dismiss"));
    expect(screen.queryByTestId("invite-card")).toBeNull();
  });

  it("an expired session at start: signed out quietly, and the Cá nhân tab says why until the next sign-in", async () => {
    setToken("old-token");
    vi.mocked(api.get).mockImplementation(async (url: string) => {
      if (url === "/api/config") return { data: config };
      if (url === "/api/me") throw new ApiError(401, "SESSION_EXPIRED", "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.");
      if (url === "/api/units" || url === "/api/wards") return { data: [] };
      throw new Error(`unexpected GET ${url}`);
    });
    await useSession.getState().init();
    expect(useSession.getState().status).toBe("anonymous");
    expect(getToken()).toBeNull();
    renderPage();
    expect(screen.getByTestId("session-notice")).toHaveTextContent("Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.");
    expect(screen.getByTestId("password-form")).toBeInTheDocument();
    const post = vi.spyOn(api, "post").mockResolvedValue({ data: { token: "t", expiresAt: "2026-12-20T00:00:00.000Z", user: me({ consented: true }) } });
    fireEvent.click(screen.getByTestId("dev-signin-submit"));
    await waitFor(() => expect(screen.getByTestId("profile")).toBeInTheDocument());
    expect(post).toHaveBeenCalledWith("/api/auth/dev", { role: "youth", unitId: undefined, name: undefined });
    expect(useSession.getState().sessionNotice).toBeNull();
    // a deliberate sign-out is not explained as an expiry
    post.mockResolvedValue({ data: undefined });
    fireEvent.click(screen.getByTestId("sign-out"));
    expect(await screen.findByTestId("password-form")).toBeInTheDocument();
    expect(screen.queryByTestId("session-notice")).toBeNull();
  });

  it("dev chooser: with several wards, a ward for youth, staff and observers and its units for a focal point; city staff have none", async () => {
    vi.mocked(api.get).mockImplementation(async (url: string) => {
      if (url === "/api/units") return { data: UNITS };
      if (url === "/api/wards") return { data: WARDS };
      throw new Error(`unexpected GET ${url}`);
    });
    useSession.setState({ status: "anonymous", me: null, config });
    const post = vi.spyOn(api, "post").mockResolvedValue({ data: { token: "t", expiresAt: "2026-12-20T00:00:00.000Z", user: me({ role: "staff" }) } });
    renderPage();
    const ward = await screen.findByTestId("dev-ward");
    await waitFor(() => expect(ward).toHaveValue("2"));
    fireEvent.change(ward, { target: { value: "40" } });
    fireEvent.click(screen.getByTestId("dev-role-focal"));
    expect(screen.getByRole("option", { name: "Đoàn TNCS Hồ Chí Minh phường Hồng Bàng" })).toBeInTheDocument();
    expect(screen.queryByRole("option", { name: "Đoàn TNCS Hồ Chí Minh phường" })).toBeNull();
    fireEvent.click(screen.getByTestId("dev-role-staff"));
    fireEvent.click(screen.getByTestId("dev-signin-submit"));
    await waitFor(() => expect(post).toHaveBeenCalledWith("/api/auth/dev", { role: "staff", unitId: undefined, name: undefined, wardId: 40 }));
    cleanup();
    useSession.setState({ status: "anonymous", me: null, config });
    renderPage();
    fireEvent.click(await screen.findByTestId("dev-role-city_staff"));
    expect(screen.getByTestId("dev-role-city_staff")).toHaveTextContent("Cán bộ thành phố (Sở Nội vụ)");
    expect(screen.queryByTestId("dev-ward")).toBeNull();
  });

  it("city staff find their screens under Cá nhân; a youth sees and changes their ward there", async () => {
    useSession.setState({ status: "signed-in", config, me: me({ role: "city_staff", consented: true }) });
    renderPage();
    expect(screen.getByTestId("city-links")).toHaveTextContent("Phường, xã và thêm phường, xã");
    expect(screen.getByTestId("profile-ward")).toHaveTextContent("Sở Nội vụ thành phố");
    cleanup();
    vi.mocked(api.get).mockImplementation(async (url: string) => {
      if (url === "/api/wards") return { data: WARDS };
      throw new Error(`unexpected GET ${url}`);
    });
    const ldh = { id: 2, code: "UBND", name: "Ủy ban nhân dân phường Lê Đại Hành" };
    useSession.setState({ status: "signed-in", config, me: me({ ward: ldh, consented: true }) });
    const patch = vi.spyOn(api, "patch").mockResolvedValue({ data: me({ ward: { id: 40, code: "HB", name: "Ủy ban nhân dân phường Hồng Bàng" }, consented: true }) });
    renderPage();
    expect(screen.getByTestId("profile-ward")).toHaveTextContent("Phường Lê Đại Hành");
    fireEvent.click(screen.getByTestId("ward-change"));
    fireEvent.change(await screen.findByTestId("ward-change-select"), { target: { value: "40" } });
    fireEvent.click(screen.getByTestId("ward-change-save"));
    await waitFor(() => expect(patch).toHaveBeenCalledWith("/api/me", { wardId: 40 }));
    expect(await screen.findByText("Đã chuyển sang Phường Hồng Bàng.")).toBeInTheDocument();
    expect(screen.getByTestId("profile-ward")).toHaveTextContent("Phường Hồng Bàng");
  });

  it("dev chooser: a focal point without a unit is asked for one next to the picker", async () => {
    useSession.setState({ status: "anonymous", me: null, config });
    const post = vi.spyOn(api, "post");
    renderPage();
    fireEvent.click(screen.getByTestId("dev-role-focal"));
    fireEvent.click(screen.getByTestId("dev-signin-submit"));
    expect(await screen.findByTestId("dev-unit-error")).toHaveTextContent("Vui lòng chọn đơn vị cho đầu mối.");
    expect(post).not.toHaveBeenCalled();
    await screen.findByRole("option", { name: "Đoàn TNCS Hồ Chí Minh phường" });
    fireEvent.change(screen.getByTestId("dev-unit"), { target: { value: "3" } });
    expect(screen.queryByTestId("dev-unit-error")).toBeNull();
  });

  it("an observer invitation is named as such, and a focal point is told it replaces their current unit", async () => {
    useSession.setState({
      status: "signed-in",
      config,
      me: me({ role: "focal", unit: { id: 3, code: "DOAN", name: "Đoàn TNCS Hồ Chí Minh phường" }, consented: true }),
      pendingInvite: "OBSERVER22",
    });
    vi.mocked(api.get).mockImplementation(async (url: string) => {
      if (url === "/api/invitations/OBSERVER22")
        return { data: { code: "OBSERVER22", role: "observer", unit: { id: 7, code: "MTTQ", name: "Ủy ban Mặt trận Tổ quốc Việt Nam phường" }, status: "active", expiresAt: "2026-12-04T03:00:00.000Z" } };
      throw new Error(`unexpected GET ${url}`);
    });
    renderPage();
    expect(await screen.findByRole("heading", { name: "Lời mời làm giám sát (MTTQ)" })).toBeInTheDocument();
    expect(screen.getByTestId("invite-replaces")).toHaveTextContent("Bạn đang là đầu mối đơn vị của Đoàn TNCS Hồ Chí Minh phường");
    expect(screen.getByTestId("invite-accept")).toBeInTheDocument();
  });

  it("a staff account opening an invitation is told to use the invitee's Zalo, with nothing to accept", async () => {
    useSession.setState({ status: "signed-in", config, me: me({ role: "staff", consented: true }), pendingInvite: "ABCDEFGH23" });
    vi.mocked(api.get).mockImplementation(async (url: string) => {
      if (url === "/api/invitations/ABCDEFGH23")
        return { data: { code: "ABCDEFGH23", role: "focal", unit: { id: 3, code: "DOAN", name: "Đoàn TNCS Hồ Chí Minh phường" }, status: "active", expiresAt: "2026-12-04T03:00:00.000Z" } };
      throw new Error(`unexpected GET ${url}`);
    });
    renderPage();
    expect(await screen.findByText(/Tài khoản cán bộ không nhận lời mời/)).toBeInTheDocument();
    expect(screen.queryByTestId("invite-accept")).toBeNull();
    expect(screen.getByTestId("invite-dismiss")).toHaveTextContent("Đóng");
  });

  it("an invitation that could not be checked offline offers to try again, then can be accepted", async () => {
    useSession.setState({ status: "signed-in", config, me: me({ consented: true }), pendingInvite: "ABCDEFGH23" });
    vi.mocked(api.get).mockRejectedValueOnce(new ApiError(0, "NETWORK", "Không có kết nối mạng hoặc không liên lạc được máy chủ."));
    renderPage();
    expect(await screen.findByTestId("invite-error")).toHaveTextContent("Không có kết nối mạng");
    expect(screen.queryByTestId("invite-accept")).toBeNull();
    vi.mocked(api.get).mockImplementation(async (url: string) => {
      if (url === "/api/invitations/ABCDEFGH23")
        return { data: { code: "ABCDEFGH23", role: "focal", unit: { id: 3, code: "DOAN", name: "Đoàn TNCS Hồ Chí Minh phường" }, status: "active", expiresAt: "2026-12-04T03:00:00.000Z" } };
      throw new Error(`unexpected GET ${url}`);
    });
    fireEvent.click(screen.getByTestId("invite-retry"));
    expect(await screen.findByTestId("invite-accept")).toBeInTheDocument();
    expect(screen.queryByTestId("invite-error")).toBeNull();
    expect(useSession.getState().pendingInvite).toBe("ABCDEFGH23");
  });

  it("keeps an invitation while signed out and asks to sign in first", () => {
    useSession.setState({ status: "anonymous", config, me: null, pendingInvite: "ABCDEFGH23" });
    renderPage();
    expect(screen.getByTestId("invite-card")).toHaveTextContent("Vui lòng đăng nhập để nhận lời mời");
  });
});

describe("invitation link", () => {
  afterEach(() => {
    sessionStorage.clear();
    window.history.replaceState(null, "", "/");
  });

  it("takes ?invite= from the opening address, keeps it for the visit and opens the Cá nhân tab", async () => {
    const { captureInviteFromLocation } = await import("../../lib/session-store");
    window.history.replaceState(null, "", "/zapps/thanh-nien-so/?invite=ABCDEFGH23");
    expect(captureInviteFromLocation()).toBe("ABCDEFGH23");
    expect(window.location.pathname).toBe("/zapps/thanh-nien-so/account");
    expect(window.location.search).toBe("");
    // after a reload (or a sign-in that reloads) the code is still there
    expect(captureInviteFromLocation()).toBe("ABCDEFGH23");
    // a short code is kept too: the server answers it with "Mã mời không tồn tại"
    sessionStorage.clear();
    window.history.replaceState(null, "", "/zapps/thanh-nien-so/?invite=ab");
    expect(captureInviteFromLocation()).toBe("ab");
    // a deep link elsewhere keeps its screen; junk is ignored
    sessionStorage.clear();
    window.history.replaceState(null, "", "/zapps/thanh-nien-so/announcements?invite=%3Cscript%3E");
    expect(captureInviteFromLocation()).toBeNull();
    expect(window.location.pathname).toBe("/zapps/thanh-nien-so/announcements");
  });
});
