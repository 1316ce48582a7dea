import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SnackbarProvider } from "zmp-ui";
import type { User } from "@contract/identity";
import { api, ApiError } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { UsersPage } from "./users-page";

vi.mock("../../lib/zalo", () => ({
  isInZalo: vi.fn(() => false),
  zaloAccessToken: vi.fn(async () => null),
}));

const user = (over: Partial<User> = {}): User => ({
  id: 42,
  name: "Phạm Thị Hương",
  avatarUrl: null,
  role: "youth",
  unit: null,
  ward: null,
  disabled: false,
  source: "zalo",
  username: null,
  phone: null,
  consented: true,
  createdAt: "2026-11-01T00:00:00.000Z",
  lockedUntil: null,
  ...over,
});

const renderPage = () =>
  render(
    <SnackbarProvider>
      <MemoryRouter>
        <UsersPage />
      </MemoryRouter>
    </SnackbarProvider>,
  );

describe("users admin", () => {
  beforeEach(() => {
    Element.prototype.scrollTo = () => {};
    useSession.setState({
      status: "signed-in",
      me: { id: 1, name: "Cán bộ", avatarUrl: null, role: "staff", unit: null, ward: null, wardChosen: true, hasPhone: false, consented: false },
    });
    vi.spyOn(api, "get").mockImplementation(async (url: string) => {
      if (url === "/api/units") return { data: [{ id: 3, code: "DOAN", name: "Đoàn TNCS Hồ Chí Minh phường", shortName: "Đoàn phường", kind: "youth_union", parentId: 1 }] };
      if (url === "/api/users") return { data: { items: [user()], nextCursor: null } };
      throw new Error(`unexpected GET ${url}`);
    });
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    useSession.setState({ me: null, status: "anonymous", sessionNotice: null });
  });

  it("asks before giving someone staff rights, and saves nothing when cancelled", async () => {
    const patch = vi.spyOn(api, "patch").mockResolvedValue({ data: user({ role: "staff" }) });
    renderPage();
    fireEvent.click(await screen.findByTestId("user-42"));
    fireEvent.change(await screen.findByTestId("edit-role"), { target: { value: "staff" } });
    fireEvent.click(screen.getByTestId("edit-save"));
    expect(await screen.findByText("Cấp quyền cán bộ phường?")).toBeInTheDocument();
    expect(patch).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("confirm-cancel"));
    await waitFor(() => expect(screen.queryByText("Cấp quyền cán bộ phường?")).toBeNull());
    expect(patch).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId("edit-save"));
    fireEvent.click(await screen.findByTestId("confirm-ok"));
    await waitFor(() => expect(patch).toHaveBeenCalledWith("/api/users/42", { role: "staff", unitId: null }));
    await waitFor(() => expect(screen.queryByText("Cấp quyền cán bộ phường?")).toBeNull());
  });

  it("other role changes save at once", async () => {
    const patch = vi.spyOn(api, "patch").mockResolvedValue({ data: user({ role: "observer" }) });
    renderPage();
    fireEvent.click(await screen.findByTestId("user-42"));
    fireEvent.change(await screen.findByTestId("edit-role"), { target: { value: "observer" } });
    fireEvent.click(screen.getByTestId("edit-save"));
    await waitFor(() => expect(patch).toHaveBeenCalledWith("/api/users/42", { role: "observer", unitId: null }));
    expect(screen.queryByText("Cấp quyền cán bộ phường?")).toBeNull();
  });

  it("a refused disable closes the dialog and shows the reason under the form", async () => {
    vi.spyOn(api, "patch").mockRejectedValue(new ApiError(404, "USER_NOT_FOUND", "Không tìm thấy người dùng."));
    renderPage();
    fireEvent.click(await screen.findByTestId("user-42"));
    fireEvent.click(await screen.findByTestId("edit-disable"));
    fireEvent.click(await screen.findByTestId("confirm-ok"));
    expect(await screen.findByTestId("edit-error")).toHaveTextContent("Không tìm thấy người dùng.");
    await waitFor(() => expect(screen.queryByTestId("confirm-ok")).toBeNull());
  });

  it("signed out (say, the session just expired): says so and links to the sign-in form instead of 'staff only'", () => {
    useSession.setState({ status: "anonymous", me: null, sessionNotice: "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại." });
    renderPage();
    expect(screen.getByText("Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.")).toBeInTheDocument();
    expect(screen.getByTestId("staff-signin-link")).toHaveAttribute("href", "/account");
    expect(screen.queryByText("Chỉ cán bộ phường dùng được chức năng này")).toBeNull();
    expect(api.get).not.toHaveBeenCalledWith("/api/users", expect.anything());
  });

  it("a signed-in non-staff person is told the screen is for staff", () => {
    useSession.setState({ status: "signed-in", me: { id: 2, name: "Thanh niên", avatarUrl: null, role: "youth", unit: null, ward: null, wardChosen: true, hasPhone: false, consented: false } });
    renderPage();
    expect(screen.getByText("Chỉ cán bộ phường dùng được chức năng này")).toBeInTheDocument();
  });

  it("shows a password lock-out and lifts it", async () => {
    vi.mocked(api.get).mockImplementation(async (url: string) => {
      if (url === "/api/units") return { data: [] };
      if (url === "/api/users")
        return { data: { items: [user({ name: "Cán bộ VHXH", role: "staff", source: "password", username: "canbo", lockedUntil: "2026-11-27T08:15:00.000Z" })], nextCursor: null } };
      throw new Error(`unexpected GET ${url}`);
    });
    const patch = vi.spyOn(api, "patch").mockResolvedValue({ data: user({ name: "Cán bộ VHXH", role: "staff", source: "password", username: "canbo" }) });
    renderPage();
    expect(await screen.findByText("Tạm khóa")).toBeInTheDocument();
    fireEvent.click(screen.getByTestId("user-42"));
    expect(await screen.findByTestId("edit-locked")).toHaveTextContent("Tạm khóa đăng nhập đến 15:15 27/11/2026");
    fireEvent.click(screen.getByTestId("edit-unlock"));
    await waitFor(() => expect(patch).toHaveBeenCalledWith("/api/users/42", { unlock: true }));
    await waitFor(() => expect(screen.queryByTestId("edit-locked")).toBeNull());
  });

  it("city staff: every ward's accounts read-only, a ward to choose, a colleague's account to lock", async () => {
    useSession.setState({ status: "signed-in", me: { id: 1, name: "Sở Nội vụ", avatarUrl: null, role: "city_staff", unit: null, ward: null, wardChosen: true, hasPhone: false, consented: true } });
    const hb = { id: 40, code: "HB", name: "Ủy ban nhân dân phường Hồng Bàng" };
    vi.mocked(api.get).mockImplementation(async (url: string) => {
      if (url === "/api/units") return { data: [] };
      if (url === "/api/wards") return { data: [{ id: 40, code: "HB", name: "Phường Hồng Bàng", unitName: hb.name, level: "phuong", joinLink: "" }] };
      if (url === "/api/users") return { data: { items: [user({ ward: hb }), user({ id: 43, name: "Đồng nghiệp Sở", role: "city_staff" })], nextCursor: null } };
      throw new Error(`unexpected GET ${url}`);
    });
    const patch = vi.spyOn(api, "patch").mockResolvedValue({ data: user({ id: 43, name: "Đồng nghiệp Sở", role: "city_staff", disabled: true }) });
    renderPage();
    // the ward shows beside each person while every ward is listed
    expect(await screen.findByTestId("user-42")).toHaveTextContent("Phường Hồng Bàng");
    fireEvent.change(await screen.findByTestId("users-ward"), { target: { value: "40" } });
    await waitFor(() => expect(api.get).toHaveBeenLastCalledWith("/api/users", { params: expect.objectContaining({ wardId: 40 }) }));
    fireEvent.click(screen.getByTestId("user-42"));
    expect(await screen.findByTestId("user-readonly")).toHaveTextContent("Cán bộ thành phố chỉ xem tài khoản của phường, xã");
    expect(screen.queryByTestId("edit-save")).toBeNull();
    cleanup();
    renderPage();
    fireEvent.click(await screen.findByTestId("user-43"));
    expect(await screen.findByTestId("edit-role")).toBeDisabled();
    expect(screen.queryByTestId("edit-save")).toBeNull();
    fireEvent.click(screen.getByTestId("edit-disable"));
    fireEvent.click(await screen.findByTestId("confirm-ok"));
    await waitFor(() => expect(patch).toHaveBeenCalledWith("/api/users/43", { disabled: true }));
  });
});
