import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SnackbarProvider } from "zmp-ui";
import type { AnnouncementDetail } from "@contract/announcements";
import { api, ApiError } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { DetailPage } from "./detail-page";

const evilTitle = `<script>window.__t=1</script>Thông báo <img src=x onerror="window.__t=2">`;
const detail: AnnouncementDetail = {
  id: 5,
  title: evilTitle,
  excerpt: "x",
  category: { id: 2, name: "Văn bản chỉ đạo" },
  coverUrl: null,
  audience: "all_units",
  pinned: false,
  status: "published",
  publishAt: "2026-11-20T02:00:00.000Z",
  publishedAt: "2026-11-20T02:00:00.000Z",
  expiresAt: null,
  requiresAck: true,
  edited: true,
  editedAt: "2026-11-21T03:15:00.000Z",
  attachmentCount: 1,
  sender: { level: "ward", wardId: 2, name: "Phường Lê Đại Hành" },
  read: true,
  body: "Kính gửi **các đơn vị**.\n\n<script>window.__b=1</script>\n\n<iframe src=https://evil.example></iframe>",
  cover: null,
  attachments: [{ id: "abcdefgh12", url: "/api/files/abcdefgh12", name: "Kế hoạch.pdf", size: 2048, mime: "application/pdf" }],
  units: [],
  myAck: null,
  canAck: true,
  sharePath: "/announcements/5",
  createdAt: "2026-11-20T02:00:00.000Z",
  updatedAt: "2026-11-21T03:15:00.000Z",
};

function renderDetail() {
  return render(
    <SnackbarProvider>
      <MemoryRouter initialEntries={["/announcements/5"]}>
        <Routes>
          <Route path="/announcements/:id" element={<DetailPage />} />
        </Routes>
      </MemoryRouter>
    </SnackbarProvider>,
  );
}

describe("announcement detail", () => {
  beforeEach(() => {
    useSession.setState({
      status: "signed-in",
      me: { id: 7, name: "Đầu mối", avatarUrl: null, role: "focal", unit: { id: 8, code: "DOAN", name: "Đoàn TNCS Hồ Chí Minh phường" }, ward: null, wardChosen: true, hasPhone: false, consented: true },
    });
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("shows title and body as text only, the edited marker, and opens the attachment", async () => {
    vi.spyOn(api, "get").mockResolvedValue({ data: detail } as never);
    const open = vi.spyOn(window, "open").mockImplementation(() => null);
    const { container } = renderDetail();
    expect(await screen.findByTestId("ann-title")).toHaveTextContent(evilTitle);
    expect(screen.getByTestId("ann-edited")).toHaveTextContent("đã chỉnh sửa");
    expect(container.querySelector("script, img, iframe")).toBeNull();
    expect(screen.getByTestId("markdown")).toHaveTextContent("<script>window.__b=1</script>");
    const w = window as unknown as { __t?: number; __b?: number };
    expect(w.__t).toBeUndefined();
    expect(w.__b).toBeUndefined();
    fireEvent.click(screen.getByTestId("ann-attachment"));
    await waitFor(() => expect(open).toHaveBeenCalledWith("/api/files/abcdefgh12", "_blank", "noopener"));
  });

  it("acknowledges for the unit with one tap", async () => {
    vi.spyOn(api, "get").mockResolvedValue({ data: detail } as never);
    const post = vi.spyOn(api, "post").mockResolvedValue({
      data: { alreadyAcknowledged: false, ack: { scope: "unit", unitId: 8, unitName: "Đoàn TNCS Hồ Chí Minh phường", userName: "Đầu mối", ackedAt: "2026-11-21T03:05:00.000Z" } },
    } as never);
    renderDetail();
    fireEvent.click(await screen.findByTestId("ann-ack"));
    expect(await screen.findByTestId("ann-acked")).toHaveTextContent("Đoàn TNCS Hồ Chí Minh phường đã tiếp nhận lúc 21/11/2026 10:05 (Đầu mối)");
    expect(post).toHaveBeenCalledWith("/api/announcements/5/ack");
    expect(screen.queryByTestId("ann-ack")).toBeNull();
  });

  it("offline, a notice opened before is shown from this phone with a notice; one never opened is an error", async () => {
    localStorage.clear();
    const get = vi.spyOn(api, "get").mockResolvedValue({ data: detail } as never);
    const first = renderDetail();
    expect(await screen.findByTestId("ann-title")).toHaveTextContent(evilTitle);
    first.unmount();

    get.mockRejectedValue(new ApiError(0, "NETWORK", "Không có kết nối mạng hoặc không liên lạc được máy chủ."));
    const second = renderDetail();
    expect(await screen.findByTestId("ann-detail-offline")).toHaveTextContent("Bạn đang ngoại tuyến");
    expect(screen.getByTestId("ann-title")).toHaveTextContent(evilTitle);
    expect(screen.getByTestId("ann-attachment")).toBeInTheDocument();
    second.unmount();

    localStorage.clear();
    renderDetail();
    expect(await screen.findByText("Không có kết nối mạng hoặc không liên lạc được máy chủ.")).toBeInTheDocument();
    expect(screen.queryByTestId("ann-title")).toBeNull();
  });

  it("anonymous readers of a notice not meant for everyone are told they may sign in", async () => {
    useSession.setState({ status: "anonymous", me: null });
    vi.spyOn(api, "get").mockRejectedValue(new ApiError(404, "ANNOUNCEMENT_NOT_FOUND", "Không tìm thấy thông báo hoặc thông báo không dành cho bạn."));
    renderDetail();
    expect(await screen.findByText("Không tìm thấy thông báo")).toBeInTheDocument();
    expect(screen.getByText(/hãy đăng nhập ở mục Cá nhân/)).toBeInTheDocument();
  });

  it("a city notice names Sở Nội vụ as its sender; a ward's staff read it, city staff edit it and read its receipts", async () => {
    const cityNotice = { ...detail, sender: { level: "city" as const, wardId: null, name: "Sở Nội vụ thành phố Hải Phòng" } };
    vi.spyOn(api, "get").mockResolvedValue({ data: cityNotice } as never);
    const person = { id: 9, avatarUrl: null, unit: null, wardChosen: true, hasPhone: false, consented: true };
    useSession.setState({ status: "signed-in", me: { ...person, name: "Cán bộ", role: "staff", ward: { id: 2, code: "UBND", name: "Phường Lê Đại Hành" } } });
    const ward = renderDetail();
    expect(await screen.findByTestId("ann-sender")).toHaveTextContent("Sở Nội vụ thành phố Hải Phòng");
    expect(screen.getByTestId("ann-sender-city")).toHaveTextContent("Thành phố");
    expect(screen.getByText(/Gửi tới: Cán bộ và đầu mối đơn vị của tất cả phường, xã/)).toBeInTheDocument();
    expect(screen.queryByTestId("ann-edit")).toBeNull();
    expect(screen.queryByTestId("ann-receipts-link")).toBeNull();
    ward.unmount();

    useSession.setState({ status: "signed-in", me: { ...person, name: "Chuyên viên", role: "city_staff", ward: null } });
    renderDetail();
    expect(await screen.findByTestId("ann-edit")).toBeInTheDocument();
    expect(screen.getByTestId("ann-receipts-link")).toBeInTheDocument();
  });
});
