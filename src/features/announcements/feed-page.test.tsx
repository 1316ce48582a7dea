import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SnackbarProvider } from "zmp-ui";
import type { AnnouncementItem } from "@contract/announcements";
import { api, ApiError } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { FeedPage } from "./feed-page";
import { useFeed } from "./store";

const item = (id: number, over: Partial<AnnouncementItem> = {}): AnnouncementItem => ({
  id,
  title: `Thông báo ${id}`,
  excerpt: "Tóm tắt",
  category: { id: 1, name: "Tin tức" },
  coverUrl: null,
  audience: "everyone",
  pinned: false,
  status: "published",
  publishAt: "2026-11-20T02:00:00.000Z",
  publishedAt: "2026-11-20T02:00:00.000Z",
  expiresAt: null,
  requiresAck: false,
  edited: false,
  editedAt: null,
  attachmentCount: 0,
  sender: { level: "ward", wardId: 2, name: "Phường Lê Đại Hành" },
  read: true,
  ...over,
});

const me = { id: 42, name: "Thanh niên", avatarUrl: null, role: "youth" as const, unit: null, ward: null, wardChosen: true, hasPhone: false, consented: true };

function renderFeed() {
  return render(
    <SnackbarProvider>
      <MemoryRouter>
        <FeedPage />
      </MemoryRouter>
    </SnackbarProvider>,
  );
}

type Get = (url: string, config?: { params?: Record<string, unknown>; headers?: Record<string, string> }) => Promise<unknown>;

describe("announcement feed", () => {
  beforeEach(() => {
    localStorage.clear();
    useFeed.setState({ viewer: "none", items: [], nextCursor: null, unreadCount: 0, status: "idle", filters: { category: null, q: "" }, offline: false, error: null });
    useSession.setState({ status: "signed-in", me });
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("shows pinned first as the API orders it, unread dots, and titles as plain text", async () => {
    const get = vi.fn<Get>(async (url) => {
      if (url === "/api/announcement-categories") return { data: [{ id: 1, name: "Tin tức" }, { id: 2, name: "Việc làm - Học nghề" }] };
      return {
        status: 200,
        headers: { etag: 'W/"a"' },
        data: {
          items: [item(3, { pinned: true, title: "Ghim: Nghị quyết 83" }), item(2, { read: false, title: `<script>window.__x=1</script><b>đậm</b>` }), item(1)],
          nextCursor: null,
          unreadCount: 1,
        },
      };
    });
    vi.spyOn(api, "get").mockImplementation(get as never);
    renderFeed();
    const list = await screen.findByTestId("ann-list");
    const rows = within(list).getAllByTestId("ann-item");
    expect(rows.map((r) => r.getAttribute("data-id"))).toEqual(["3", "2", "1"]);
    expect(within(rows[0]).getByText("Ghim")).toBeInTheDocument();
    expect(within(rows[1]).getByTestId("ann-unread")).toBeInTheDocument();
    expect(within(rows[0]).queryByTestId("ann-unread")).toBeNull();
    expect(within(rows[1]).getByText(`<script>window.__x=1</script><b>đậm</b>`)).toBeInTheDocument();
    expect(list.querySelector("script, b")).toBeNull();
    expect((window as unknown as { __x?: number }).__x).toBeUndefined();
    expect(await screen.findByRole("tab", { name: "Việc làm - Học nghề" })).toBeInTheDocument();
    expect(useFeed.getState().unreadCount).toBe(1);
  });

  it("filters by category and searches, then loads more pages", async () => {
    const calls: Record<string, unknown>[] = [];
    vi.spyOn(api, "get").mockImplementation((async (url: string, config?: { params?: Record<string, unknown> }) => {
      if (url === "/api/announcement-categories") return { data: [{ id: 2, name: "Việc làm - Học nghề" }] };
      calls.push(config?.params ?? {});
      if (config?.params?.cursor === "c2") return { status: 200, headers: {}, data: { items: [item(1)], nextCursor: null, unreadCount: 0 } };
      return { status: 200, headers: {}, data: { items: [item(5), item(4)], nextCursor: "c2", unreadCount: 0 } };
    }) as never);
    renderFeed();
    await screen.findAllByTestId("ann-item");
    fireEvent.click(await screen.findByRole("tab", { name: "Việc làm - Học nghề" }));
    await waitFor(() => expect(calls.some((c) => c.category === 2)).toBe(true));
    fireEvent.change(screen.getByTestId("ann-search"), { target: { value: "nghi quyet" } });
    await waitFor(() => expect(calls.some((c) => c.q === "nghi quyet" && c.category === 2)).toBe(true));
    fireEvent.click(await screen.findByRole("button", { name: "Xem thêm" }));
    await waitFor(() => expect(screen.getAllByTestId("ann-item").map((r) => r.getAttribute("data-id"))).toEqual(["5", "4", "1"]));
    expect(screen.queryByRole("button", { name: "Xem thêm" })).toBeNull();
  });

  it("shows skeletons while loading, then the last saved feed with an offline notice when the network fails", async () => {
    let fail = false;
    let release: (() => void) | null = null;
    vi.spyOn(api, "get").mockImplementation((async (url: string) => {
      if (url === "/api/announcement-categories") return { data: [] };
      if (fail) throw new ApiError(0, "NETWORK", "Không có kết nối mạng hoặc không liên lạc được máy chủ.");
      await new Promise<void>((r) => (release = r));
      return { status: 200, headers: { etag: 'W/"v1"' }, data: { items: [item(9, { title: "Đã lưu trên máy" })], nextCursor: null, unreadCount: 0 } };
    }) as never);
    const first = renderFeed();
    expect(await screen.findByLabelText("Đang tải")).toBeInTheDocument();
    await act(async () => release?.());
    expect(await screen.findByText("Đã lưu trên máy")).toBeInTheDocument();
    first.unmount();

    // Next visit: offline. The saved feed appears, with the notice.
    fail = true;
    useFeed.setState({ viewer: "none", items: [], status: "idle" });
    renderFeed();
    expect(await screen.findByTestId("ann-offline")).toHaveTextContent("Bạn đang ngoại tuyến");
    expect(screen.getByText("Đã lưu trên máy")).toBeInTheDocument();
  });

  it("offline, a search runs over the saved feed with one clear notice (not an error beside it)", async () => {
    localStorage.setItem(
      "tns.announcements.feed.v2:42",
      JSON.stringify({
        items: [item(3, { title: "Triển khai Nghị quyết 83" }), item(2, { title: "Ngày hội việc làm", category: { id: 4, name: "Việc làm - Học nghề" } }), item(1, { title: "Tháng Thanh niên" })],
        nextCursor: null,
        unreadCount: 0,
        etag: 'W/"v1"',
        savedAt: "2026-11-26T00:00:00.000Z",
      }),
    );
    vi.spyOn(api, "get").mockImplementation((async () => {
      throw new ApiError(0, "NETWORK", "Không có kết nối mạng hoặc không liên lạc được máy chủ.");
    }) as never);
    renderFeed();
    expect(await screen.findByText("Triển khai Nghị quyết 83")).toBeInTheDocument();
    fireEvent.change(screen.getByTestId("ann-search"), { target: { value: "nghi quyet" } });
    await waitFor(() => expect(screen.getAllByTestId("ann-item").map((r) => r.getAttribute("data-id"))).toEqual(["3"]));
    expect(screen.getByTestId("ann-offline")).toHaveTextContent("đang tìm trong bản tin đã lưu");
    expect(screen.queryByRole("alert")).toBeNull();
    fireEvent.change(screen.getByTestId("ann-search"), { target: { value: "khong co" } });
    expect(await screen.findByText("Không tìm thấy thông báo phù hợp")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("marks notices past their expiry (only staff and observers still get them)", async () => {
    useSession.setState({ status: "signed-in", me: { ...me, role: "observer" } });
    vi.spyOn(api, "get").mockImplementation((async (url: string) => {
      if (url === "/api/announcement-categories") return { data: [] };
      return {
        status: 200,
        headers: {},
        data: { items: [item(2, { expiresAt: "2099-01-01T00:00:00.000Z" }), item(1, { expiresAt: "2020-01-01T00:00:00.000Z" })], nextCursor: null, unreadCount: 0 },
      };
    }) as never);
    renderFeed();
    const rows = await screen.findAllByTestId("ann-item");
    expect(within(rows[0]).queryByTestId("ann-expired")).toBeNull();
    expect(within(rows[1]).getByTestId("ann-expired")).toHaveTextContent("Đã hết hạn");
  });

  it("a failing next page says why instead of doing nothing", async () => {
    vi.spyOn(api, "get").mockImplementation((async (url: string, config?: { params?: Record<string, unknown> }) => {
      if (url === "/api/announcement-categories") return { data: [] };
      if (config?.params?.cursor) throw new ApiError(500, "INTERNAL", "Máy chủ gặp sự cố, vui lòng thử lại sau.");
      return { status: 200, headers: {}, data: { items: [item(2), item(1)], nextCursor: "c2", unreadCount: 0 } };
    }) as never);
    renderFeed();
    fireEvent.click(await screen.findByRole("button", { name: "Xem thêm" }));
    expect(await screen.findByTestId("ann-more-error")).toHaveTextContent("Máy chủ gặp sự cố");
    expect(screen.getAllByTestId("ann-item")).toHaveLength(2);
  });

  it("staff get a 'Nháp & hẹn giờ' chip that asks for unpublished notices; others do not see it", async () => {
    const calls: Record<string, unknown>[] = [];
    vi.spyOn(api, "get").mockImplementation((async (url: string, config?: { params?: Record<string, unknown> }) => {
      if (url === "/api/announcement-categories") return { data: [] };
      calls.push(config?.params ?? {});
      return config?.params?.status === "unpublished"
        ? { status: 200, headers: {}, data: { items: [item(7, { status: "draft", publishedAt: null, publishAt: null, title: "Bản nháp của tôi" })], nextCursor: null, unreadCount: 0 } }
        : { status: 200, headers: {}, data: { items: [item(1)], nextCursor: null, unreadCount: 0 } };
    }) as never);
    const youthView = renderFeed();
    await screen.findAllByTestId("ann-item");
    expect(screen.queryByTestId("ann-chip-unpublished")).toBeNull();
    youthView.unmount();

    useSession.setState({ status: "signed-in", me: { ...me, id: 43, role: "staff" } });
    renderFeed();
    fireEvent.click(await screen.findByTestId("ann-chip-unpublished"));
    expect(await screen.findByText("Bản nháp của tôi")).toBeInTheDocument();
    expect(screen.getByText("Chưa đăng")).toBeInTheDocument();
    expect(calls.some((c) => c.status === "unpublished")).toBe(true);
  });

  it("offline with nothing saved explains it and offers a retry", async () => {
    vi.spyOn(api, "get").mockImplementation((async () => {
      throw new ApiError(0, "NETWORK", "Không có kết nối mạng hoặc không liên lạc được máy chủ.");
    }) as never);
    renderFeed();
    expect(await screen.findByRole("alert")).toHaveTextContent("Bạn đang ngoại tuyến");
    expect(screen.getByRole("button", { name: "Thử lại" })).toBeInTheDocument();
  });

  it("tags the city's notices with Thành phố and filters them with one chip", async () => {
    const city = { level: "city" as const, wardId: null, name: "Sở Nội vụ thành phố Hải Phòng" };
    const get = vi.fn<Get>(async (url, config) => {
      if (url === "/api/announcement-categories") return { data: [] };
      const onlyCity = config?.params?.origin === "city";
      return {
        status: 200,
        headers: {},
        data: { items: onlyCity ? [item(9, { sender: city })] : [item(9, { sender: city }), item(8)], nextCursor: null, unreadCount: 0 },
      };
    });
    vi.spyOn(api, "get").mockImplementation(get as never);
    renderFeed();
    const rows = within(await screen.findByTestId("ann-list")).getAllByTestId("ann-item");
    expect(within(rows[0]).getByTestId("ann-sender-city")).toHaveTextContent("Thành phố");
    // a ward's own notice needs no sender for its own people
    expect(within(rows[1]).queryByTestId("ann-sender-city")).toBeNull();
    expect(within(rows[1]).queryByTestId("ann-sender-ward")).toBeNull();
    fireEvent.click(screen.getByTestId("ann-chip-city"));
    await waitFor(() => expect(within(screen.getByTestId("ann-list")).getAllByTestId("ann-item").length).toBe(1));
    expect(get.mock.calls.some(([, c]) => c?.params?.origin === "city")).toBe(true);
  });
});
