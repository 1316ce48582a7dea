import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SnackbarProvider } from "zmp-ui";
import type { NotificationItem } from "@contract/notifications";
import { api } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { NotificationsPage } from "./notifications-page";
import { useInbox } from "./store";

const item = (id: number, over: Partial<NotificationItem> = {}): NotificationItem => ({
  id,
  kind: "announcement",
  title: `Thông báo số ${id}`,
  body: `Nội dung ${id}`,
  link: `/announcements/${id}`,
  createdAt: "2026-11-26T02:00:00.000Z",
  readAt: null,
  ...over,
});

function renderPage() {
  return render(
    <SnackbarProvider>
      <MemoryRouter initialEntries={["/notifications"]}>
        <Routes>
          <Route path="/notifications" element={<NotificationsPage />} />
          <Route path="/announcements/:id" element={<div data-testid="opened">mở</div>} />
        </Routes>
      </MemoryRouter>
    </SnackbarProvider>,
  );
}

describe("notifications inbox page", () => {
  beforeEach(() => {
    useInbox.setState({ status: "idle", items: [], nextCursor: null, unreadCount: 0, owner: null, loadingMore: false, error: null });
    useSession.setState({ status: "signed-in", me: { id: 7, name: "An", avatarUrl: null, role: "youth", unit: null, ward: null, wardChosen: true, hasPhone: false, consented: true } });
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("shows the empty state", async () => {
    vi.spyOn(api, "get").mockResolvedValue({ data: { items: [], nextCursor: null, unreadCount: 0 } });
    renderPage();
    expect(await screen.findByText("Chưa có tin nhắn nào")).toBeInTheDocument();
  });

  it("lists items with unread marks, loads more, opens and marks read", async () => {
    const get = vi.spyOn(api, "get").mockImplementation((async (_url: string, config?: { params?: { cursor?: string } }) =>
      config?.params?.cursor === "2"
        ? { data: { items: [item(1, { readAt: "2026-11-26T03:00:00.000Z" })], nextCursor: null, unreadCount: 2 } }
        : { data: { items: [item(3), item(2)], nextCursor: "2", unreadCount: 2 } }) as unknown as typeof api.get);
    const post = vi.spyOn(api, "post").mockResolvedValue({ data: { id: 3, readAt: "2026-11-27T00:00:00.000Z", unreadCount: 1 } });
    renderPage();
    const rows = await screen.findAllByTestId("inbox-item");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveAttribute("data-unread", "true");
    expect(screen.getByTestId("inbox-unread")).toHaveTextContent("2 tin chưa đọc");

    fireEvent.click(screen.getByText("Xem thêm"));
    await waitFor(() => expect(screen.getAllByTestId("inbox-item")).toHaveLength(3));
    expect(get).toHaveBeenLastCalledWith("/api/notifications", { params: { limit: 20, cursor: "2" } });
    expect(screen.getAllByTestId("inbox-item")[2]).toHaveAttribute("data-unread", "false");
    expect(screen.queryByText("Xem thêm")).not.toBeInTheDocument();

    fireEvent.click(screen.getByText("Thông báo số 3"));
    expect(await screen.findByTestId("opened")).toBeInTheDocument();
    expect(post).toHaveBeenCalledWith("/api/notifications/3/read");
    await waitFor(() => expect(useInbox.getState().unreadCount).toBe(1));
    expect(useInbox.getState().items[0].readAt).toBe("2026-11-27T00:00:00.000Z");
  });

  it("marks everything read", async () => {
    vi.spyOn(api, "get").mockResolvedValue({ data: { items: [item(2), item(1)], nextCursor: null, unreadCount: 2 } });
    const post = vi.spyOn(api, "post").mockResolvedValue({ data: { updated: 2, unreadCount: 0 } });
    renderPage();
    fireEvent.click(await screen.findByText("Đánh dấu đã đọc tất cả"));
    await waitFor(() => expect(screen.getByTestId("inbox-unread")).toHaveTextContent("Đã đọc hết"));
    expect(post).toHaveBeenCalledWith("/api/notifications/read-all");
    expect(screen.getAllByTestId("inbox-item").every((r) => r.getAttribute("data-unread") === "false")).toBe(true);
  });

  it("shows an error with a retry", async () => {
    const get = vi.spyOn(api, "get").mockRejectedValueOnce(new Error("offline"));
    get.mockResolvedValue({ data: { items: [item(1)], nextCursor: null, unreadCount: 1 } });
    renderPage();
    fireEvent.click(await screen.findByText("Thử lại"));
    expect(await screen.findByText("Thông báo số 1")).toBeInTheDocument();
  });

  it("ignores links that are not in-app paths", async () => {
    vi.spyOn(api, "get").mockResolvedValue({ data: { items: [item(1, { link: "https://evil.example/" })], nextCursor: null, unreadCount: 1 } });
    const post = vi.spyOn(api, "post").mockResolvedValue({ data: { id: 1, readAt: "2026-11-27T00:00:00.000Z", unreadCount: 0 } });
    renderPage();
    fireEvent.click(await screen.findByText("Thông báo số 1"));
    await waitFor(() => expect(post).toHaveBeenCalledWith("/api/notifications/1/read"));
    expect(screen.queryByTestId("opened")).not.toBeInTheDocument();
    expect(screen.getByTestId("inbox-page")).toBeInTheDocument();
  });

  it("names the kinds other features really send (report_return, feedback_assigned…)", async () => {
    vi.spyOn(api, "get").mockResolvedValue({
      data: {
        items: [
          item(4, { kind: "report_return", title: "Báo cáo bị trả lại, cần chỉnh sửa", link: "/reports/1/units/2" }),
          item(3, { kind: "report_approve", title: "Báo cáo đã được duyệt", link: "/reports/1/units/2" }),
          item(2, { kind: "feedback_assigned", title: "Góp ý mới cho đơn vị", link: "/feedback/5" }),
          item(1, { kind: "invitation_accepted", title: "Lời mời đã được nhận", link: "/account/users" }),
        ],
        nextCursor: null,
        unreadCount: 4,
      },
    });
    renderPage();
    const rows = await screen.findAllByTestId("inbox-item");
    expect(rows[0]).toHaveTextContent("Báo cáo bị trả lại ·");
    expect(rows[1]).toHaveTextContent("Báo cáo được duyệt ·");
    expect(rows[2]).toHaveTextContent("Góp ý được chuyển đến ·");
    expect(rows[3]).toHaveTextContent("Lời mời đã được nhận ·");
    expect(rows.some((r) => r.textContent?.includes("Tin nhắn ·"))).toBe(false);
  });

  it("asks to sign in when anonymous", () => {
    useSession.setState({ status: "anonymous", me: null });
    renderPage();
    expect(screen.getByText("Bạn chưa đăng nhập")).toBeInTheDocument();
  });
});
