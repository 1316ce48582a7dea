import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SnackbarProvider } from "zmp-ui";
import type { Invitation } from "@contract/identity";
import { api } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { InvitePage } from "./invite-page";

vi.mock("../../lib/zalo", () => ({
  isInZalo: vi.fn(() => false),
  zaloAccessToken: vi.fn(async () => null),
}));

const inv = (over: Partial<Invitation> = {}): Invitation => ({
  id: 5,
  code: "ABCDEFGH23",
  link: "https://zalo.me/s/thanh-nien-so/?invite=ABCDEFGH23",
  role: "focal",
  unit: { id: 3, code: "DOAN", name: "Đoàn TNCS Hồ Chí Minh phường" },
  ward: { id: 2, code: "UBND", name: "Ủy ban nhân dân phường Lê Đại Hành" },
  status: "active",
  createdAt: "2026-11-27T01:00:00.000Z",
  expiresAt: "2026-12-04T01:00:00.000Z",
  createdBy: "Cán bộ",
  usedBy: null,
  usedAt: null,
  qrDataUrl: "data:image/png;base64,iVBORw0KGgo=",
  ...over,
});

const renderPage = () =>
  render(
    <SnackbarProvider>
      <MemoryRouter>
        <InvitePage />
      </MemoryRouter>
    </SnackbarProvider>,
  );

describe("invite page", () => {
  beforeEach(() => {
    Element.prototype.scrollTo = () => {};
    useSession.setState({
      status: "signed-in",
      me: { id: 1, name: "Cán bộ", avatarUrl: null, role: "staff", unit: null, ward: null, wardChosen: true, hasPhone: false, consented: false },
    });
    vi.spyOn(api, "get").mockImplementation(async (url: string) => {
      if (url === "/api/units") return { data: [] };
      if (url === "/api/invitations") return { data: { items: [inv()], nextCursor: null } };
      throw new Error(`unexpected GET ${url}`);
    });
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    useSession.setState({ me: null, status: "anonymous" });
  });

  it("revokes an active invitation only after confirmation, and shows it as no longer valid", async () => {
    const del = vi.spyOn(api, "delete").mockResolvedValue({ data: inv({ status: "expired", expiresAt: "2026-11-27T02:00:00.000Z", qrDataUrl: null }) });
    renderPage();
    fireEvent.click(await screen.findByTestId("invite-revoke-ABCDEFGH23"));
    expect(await screen.findByText("Thu hồi lời mời này?")).toBeInTheDocument();
    fireEvent.click(screen.getByTestId("confirm-cancel"));
    expect(del).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId("invite-revoke-ABCDEFGH23"));
    fireEvent.click(await screen.findByTestId("confirm-ok"));
    await waitFor(() => expect(del).toHaveBeenCalledWith("/api/invitations/ABCDEFGH23"));
    expect(await screen.findByText("Hết hạn")).toBeInTheDocument();
    expect(screen.queryByTestId("invite-revoke-ABCDEFGH23")).toBeNull();
  });

  it("city staff invite a ward's staff (its culture-society office by default) or a colleague", async () => {
    useSession.setState({ status: "signed-in", me: { id: 1, name: "Sở Nội vụ", avatarUrl: null, role: "city_staff", unit: null, ward: null, wardChosen: true, hasPhone: false, consented: true } });
    vi.mocked(api.get).mockImplementation(async (url: string) => {
      if (url === "/api/units")
        return {
          data: [
            { id: 1, code: "HP", name: "Thành phố Hải Phòng", shortName: "TP", kind: "city", parentId: null, wardId: null },
            { id: 40, code: "HB", name: "Ủy ban nhân dân phường Hồng Bàng", shortName: "UBND", kind: "ward", parentId: 1, wardId: 40 },
            { id: 41, code: "HB-VP", name: "Văn phòng HĐND và UBND phường Hồng Bàng", shortName: "VP", kind: "office", parentId: 40, wardId: 40 },
            { id: 42, code: "HB-VHXH", name: "Phòng Văn hóa - Xã hội phường Hồng Bàng", shortName: "VHXH", kind: "office", parentId: 40, wardId: 40 },
          ],
        };
      if (url === "/api/wards") return { data: [{ id: 40, code: "HB", name: "Phường Hồng Bàng", unitName: "Ủy ban nhân dân phường Hồng Bàng", level: "phuong", joinLink: "" }] };
      if (url === "/api/invitations") return { data: { items: [], nextCursor: null } };
      throw new Error(`unexpected GET ${url}`);
    });
    const post = vi.spyOn(api, "post").mockResolvedValue({ data: inv({ role: "staff", unit: { id: 42, code: "HB-VHXH", name: "Phòng Văn hóa - Xã hội phường Hồng Bàng" } }) });
    renderPage();
    const role = await screen.findByTestId("invite-role");
    expect([...(role as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(["Cán bộ phường", "Cán bộ thành phố (Sở Nội vụ)"]);
    fireEvent.click(screen.getByTestId("invite-create"));
    expect(await screen.findByText("Vui lòng chọn phường, xã.")).toBeInTheDocument();
    fireEvent.change(await screen.findByTestId("invite-ward"), { target: { value: "40" } });
    await waitFor(() => expect(screen.getByTestId("invite-unit")).toHaveValue("42"));
    fireEvent.click(screen.getByTestId("invite-create"));
    await waitFor(() => expect(post).toHaveBeenCalledWith("/api/invitations", { unitId: 42, role: "staff" }));
    expect(await screen.findByTestId("invite-result")).toHaveTextContent("Mã mời cho Phòng Văn hóa - Xã hội phường Hồng Bàng");
    // a colleague: the city is the unit, no ward to choose
    fireEvent.change(screen.getByTestId("invite-role"), { target: { value: "city_staff" } });
    expect(screen.queryByTestId("invite-ward")).toBeNull();
    fireEvent.click(screen.getByTestId("invite-create"));
    await waitFor(() => expect(post).toHaveBeenLastCalledWith("/api/invitations", { unitId: 1, role: "city_staff" }));
  });
});
