import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SnackbarProvider } from "zmp-ui";
import { api, ApiError } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { ComposePage } from "./compose-page";

const picked: File[] = [];
vi.mock("../../lib/zalo", () => ({
  pickFiles: async () => picked.splice(0),
  pickImages: async () => picked.splice(0),
}));

const staff = {
  id: 1,
  name: "Cán bộ",
  avatarUrl: null,
  role: "staff" as const,
  unit: null,
  ward: { id: 1, code: "UBND", name: "Phường Lê Đại Hành" },
  wardChosen: true,
  hasPhone: false,
  consented: true,
};
const cityStaff = { ...staff, id: 2, name: "Chuyên viên Sở Nội vụ", role: "city_staff" as const, ward: null };

function renderCompose() {
  return render(
    <SnackbarProvider>
      <MemoryRouter initialEntries={["/announcements/new"]}>
        <Routes>
          <Route path="/announcements/new" element={<ComposePage />} />
          <Route path="/announcements/:id" element={<div data-testid="saved">đã lưu</div>} />
        </Routes>
      </MemoryRouter>
    </SnackbarProvider>,
  );
}

describe("compose page", () => {
  beforeEach(() => {
    localStorage.clear();
    Element.prototype.scrollIntoView = vi.fn();
    useSession.setState({ status: "signed-in", me: staff });
    vi.spyOn(api, "get").mockImplementation((async (url: string) => {
      if (url === "/api/announcement-categories") return { data: [{ id: 1, name: "Tin tức" }] };
      if (url === "/api/units")
        return {
          data: [
            { id: 1, code: "UBND", name: "UBND phường", shortName: "UBND", kind: "ward", parentId: null, wardId: 1 },
            { id: 8, code: "DOAN", name: "Đoàn TNCS Hồ Chí Minh phường", shortName: "Đoàn phường", kind: "youth_union", parentId: 1, wardId: 1 },
            { id: 12, code: "TDP01", name: "Tổ dân phố số 1", shortName: "TDP 1", kind: "residential_group", parentId: 1, wardId: 1 },
            // another ward's unit: never offered to this ward's staff
            { id: 30, code: "HB-DOAN", name: "Đoàn TNCS Hồ Chí Minh phường Hồng Bàng", shortName: "Đoàn phường HB", kind: "youth_union", parentId: 29, wardId: 29 },
          ],
        };
      return { status: 200, headers: {}, data: { items: [], nextCursor: null, unreadCount: 0 } };
    }) as never);
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("never drops a failed upload silently: saving waits until the author removes it", async () => {
    const posts: { url: string; body: unknown }[] = [];
    vi.spyOn(api, "post").mockImplementation((async (url: string, body: unknown) => {
      posts.push({ url, body });
      if (url === "/api/files") {
        const f = (body as FormData).get("file") as File;
        if (f.name === "virus.pdf") throw new ApiError(415, "FILE_TYPE_MISMATCH", "Nội dung tệp không khớp với loại tệp (phần mở rộng).");
        return { data: { id: "pdf-id-0001", url: "/api/files/pdf-id-0001", name: f.name, size: f.size, mime: "application/pdf" } };
      }
      return { data: { id: 77, status: "published" } };
    }) as never);
    renderCompose();
    fireEvent.change(await screen.findByTestId("ann-title-input"), { target: { value: "Thông báo có tệp" } });
    fireEvent.change(screen.getByTestId("ann-body-input"), { target: { value: "Nội dung." } });
    picked.push(new File(["%PDF-1.4"], "Kế hoạch.pdf", { type: "application/pdf" }), new File(["MZ"], "virus.pdf", { type: "application/pdf" }));
    fireEvent.click(screen.getByTestId("ann-add-file"));
    expect(await screen.findByText(/Nội dung tệp không khớp/)).toBeInTheDocument();
    await screen.findByTestId("ann-upload-done");

    fireEvent.click(screen.getByTestId("ann-submit"));
    expect((await screen.findAllByText(/Chưa tải lên được: virus\.pdf/)).length).toBeGreaterThan(0);
    expect(posts.some((p) => p.url === "/api/announcements")).toBe(false);

    // Removing the failed file lets the notice go out with the one that was stored.
    const rows = screen.getAllByTestId("ann-upload");
    fireEvent.click(rows[1].querySelector('button[aria-label="Gỡ tệp"]')!);
    expect(within(screen.getByTestId("ann-compose-page")).queryByText(/Chưa tải lên được/)).toBeNull();
    fireEvent.click(screen.getByTestId("ann-submit"));
    await waitFor(() => expect(posts.some((p) => p.url === "/api/announcements")).toBe(true));
    const sent = posts.find((p) => p.url === "/api/announcements")!.body as { attachmentIds: string[] };
    expect(sent.attachmentIds).toEqual(["pdf-id-0001"]);
    expect(await screen.findByTestId("saved")).toBeInTheDocument();
    expect(localStorage.getItem("tns.announcements.compose.v1:1")).toBeNull();
  });

  it("Enter in a one-line field never publishes; Enter in the new category name adds the category", async () => {
    const posts: { url: string; body: unknown }[] = [];
    vi.spyOn(api, "post").mockImplementation((async (url: string, body: unknown) => {
      posts.push({ url, body });
      return { data: { id: 9, name: (body as { name: string }).name } };
    }) as never);
    renderCompose();
    const title = await screen.findByTestId("ann-title-input");
    fireEvent.change(title, { target: { value: "Tiêu đề đủ dài" } });
    fireEvent.change(screen.getByTestId("ann-body-input"), { target: { value: "Nội dung." } });
    fireEvent.keyDown(title, { key: "Enter" });
    fireEvent.click(screen.getByRole("button", { name: "+ Thêm" }));
    fireEvent.click(screen.getByTestId("ann-add-category"));
    expect(await screen.findByText("Tên chuyên mục cần ít nhất 2 ký tự.")).toBeInTheDocument();
    const name = screen.getByTestId("ann-new-category");
    fireEvent.change(name, { target: { value: "Hướng nghiệp" } });
    fireEvent.keyDown(name, { key: "Enter" });
    await waitFor(() => expect((screen.getByTestId("ann-category") as HTMLSelectElement).value).toBe("9"));
    expect(posts.map((p) => p.url)).toEqual(["/api/announcement-categories"]);
  });

  it("keeps a new notice being written on the phone: leaving and coming back restores it; 'Soạn mới' clears it", async () => {
    localStorage.clear();
    const first = renderCompose();
    fireEvent.change(await screen.findByTestId("ann-title-input"), { target: { value: "Bài đang viết dở" } });
    fireEvent.change(screen.getByTestId("ann-body-input"), { target: { value: "Đoạn một rất dài…" } });
    fireEvent.click(screen.getByTestId("ann-audience-all_units"));
    await waitFor(() => expect(localStorage.getItem("tns.announcements.compose.v1:1")).toContain("Bài đang viết dở"));
    first.unmount();

    const second = renderCompose();
    expect(await screen.findByTestId("ann-restored")).toBeInTheDocument();
    expect(screen.getByTestId("ann-title-input")).toHaveValue("Bài đang viết dở");
    expect(screen.getByTestId("ann-body-input")).toHaveValue("Đoạn một rất dài…");
    expect(screen.getByTestId("ann-audience-all_units")).toBeChecked();
    fireEvent.click(screen.getByTestId("ann-discard-restored"));
    expect(screen.getByTestId("ann-title-input")).toHaveValue("");
    expect(localStorage.getItem("tns.announcements.compose.v1:1")).toBeNull();
    second.unmount();

    renderCompose();
    await screen.findByTestId("ann-title-input");
    expect(screen.queryByTestId("ann-restored")).toBeNull();
  });

  it("a body over the limit is kept whole (no silent cut) and refused with its length", async () => {
    const post = vi.spyOn(api, "post");
    renderCompose();
    fireEvent.change(await screen.findByTestId("ann-title-input"), { target: { value: "T".repeat(205) } });
    const long = "a".repeat(20_005);
    fireEvent.change(screen.getByTestId("ann-body-input"), { target: { value: long } });
    expect((screen.getByTestId("ann-body-input") as HTMLTextAreaElement).value).toHaveLength(20_005);
    expect(screen.getByTestId("ann-body-counter")).toHaveTextContent("20.005/20.000");
    fireEvent.click(screen.getByTestId("ann-submit"));
    expect(await within(screen.getByTestId("ann-compose-page")).findByText(/Nội dung tối đa 20\.000 ký tự \(hiện có 20\.005\)/)).toBeInTheDocument();
    expect(within(screen.getByTestId("ann-compose-page")).getByText("Tiêu đề tối đa 200 ký tự (hiện có 205).")).toBeInTheDocument();
    expect(post).not.toHaveBeenCalled();
  });

  it("chosen units: one tap selects them all, another clears them; the count follows", async () => {
    renderCompose();
    fireEvent.click(await screen.findByTestId("ann-audience-units"));
    expect(screen.getByTestId("ann-units-count")).toHaveTextContent("Đã chọn 0/2 đơn vị");
    fireEvent.click(screen.getByTestId("ann-units-all"));
    expect(screen.getByTestId("ann-units-count")).toHaveTextContent("Đã chọn 2/2 đơn vị");
    expect(within(screen.getByTestId("ann-units")).getAllByRole("checkbox").every((c) => (c as HTMLInputElement).checked)).toBe(true);
    fireEvent.click(screen.getByTestId("ann-units-none"));
    expect(screen.getByTestId("ann-units-count")).toHaveTextContent("Đã chọn 0/2 đơn vị");
  });

  it("a field's error goes away as soon as it is corrected; the schedule reads dd/MM/yyyy HH:mm", async () => {
    renderCompose();
    fireEvent.click(await screen.findByTestId("ann-submit"));
    expect(await screen.findByText("Tiêu đề cần ít nhất 3 ký tự.")).toBeInTheDocument();
    expect(screen.getByText("Nội dung không được để trống.")).toBeInTheDocument();
    fireEvent.change(screen.getByTestId("ann-body-input"), { target: { value: "Có nội dung" } });
    expect(screen.queryByText("Nội dung không được để trống.")).toBeNull();
    expect(screen.getByText("Tiêu đề cần ít nhất 3 ký tự.")).toBeInTheDocument();

    fireEvent.click(screen.getByTestId("ann-mode-schedule"));
    fireEvent.change(screen.getByTestId("ann-publish-at-day"), { target: { value: "02/12/2030" } });
    fireEvent.change(screen.getByTestId("ann-publish-at-time"), { target: { value: "08:30" } });
    expect(screen.getByTestId("ann-publish-at-text")).toHaveTextContent("Sẽ đăng lúc 02/12/2030 08:30 (giờ Việt Nam).");
  });

  it("city staff write the city's notice: to every ward's people or every ward's staff and focal points, never to one ward's units", async () => {
    useSession.setState({ status: "signed-in", me: cityStaff });
    const posts: { url: string; body: unknown }[] = [];
    vi.spyOn(api, "post").mockImplementation((async (url: string, body: unknown) => {
      posts.push({ url, body });
      return { data: { id: 77, status: "published" } };
    }) as never);
    renderCompose();
    expect(await screen.findByText("Soạn thông báo của thành phố")).toBeInTheDocument();
    expect(screen.getByTestId("ann-city-hint")).toHaveTextContent("Sở Nội vụ thành phố Hải Phòng");
    expect(screen.queryByTestId("ann-audience-units")).toBeNull();
    expect(screen.getByTestId("ann-audience-everyone").parentElement).toHaveTextContent("Thanh niên và mọi người ở tất cả phường, xã");
    fireEvent.click(screen.getByTestId("ann-audience-all_units"));
    fireEvent.change(screen.getByTestId("ann-title-input"), { target: { value: "Sở Nội vụ đề nghị các phường báo cáo" } });
    fireEvent.change(screen.getByTestId("ann-body-input"), { target: { value: "Nội dung." } });
    fireEvent.click(screen.getByTestId("ann-submit"));
    await screen.findByTestId("saved");
    expect(posts.find((p) => p.url === "/api/announcements")?.body).toMatchObject({ audience: "all_units", unitIds: [] });
  });

  it("a ward's staff choose among their own ward's units only", async () => {
    renderCompose();
    fireEvent.click(await screen.findByTestId("ann-audience-units"));
    expect(screen.getByTestId("ann-units")).toHaveTextContent("Đoàn phường");
    expect(screen.getByTestId("ann-units")).not.toHaveTextContent("Đoàn phường HB");
    expect(screen.getByTestId("ann-units")).not.toHaveTextContent("UBND");
  });
});
