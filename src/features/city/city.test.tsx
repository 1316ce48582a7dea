import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SnackbarProvider } from "zmp-ui";
import type { Snapshot, SnapshotDetail, SnapshotList } from "@contract/city";
import type { WardSummary } from "@contract/summary";
import type { Me } from "@contract/identity";
import { api, ApiError } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { UpwardCard } from "./upward-card";
import { SnapshotPage } from "./snapshot-page";

const ward = { id: 1, code: "UBND", name: "Ủy ban nhân dân phường Lê Đại Hành" };
const me = (role: Me["role"]): Me => ({ id: 7, name: "Người thử", avatarUrl: null, role, unit: null, ward: role === "city_staff" ? null : ward, hasPhone: false, consented: true, wardChosen: true });

const v1: Snapshot = {
  id: 11,
  ward,
  periodId: 5,
  year: 2026,
  version: 1,
  status: "returned",
  counted: "submitted_and_approved",
  sentAt: "2026-11-20T03:00:00.000Z",
  sentBy: "Cán bộ VHXH",
  sentOnTime: true,
  decidedAt: "2026-11-21T03:00:00.000Z",
  decidedBy: "Chuyên viên Sở",
  returnReason: "Thiếu số liệu CT17 của tổ dân phố số 2.",
  latest: true,
  docx: { name: "Báo cáo - phiên bản 1.docx", size: 20_000, url: "/api/city/snapshots/11/report.docx" },
  xlsx: { name: "Tổng hợp - phiên bản 1.xlsx", size: 30_000, url: "/api/city/snapshots/11/report.xlsx" },
  unitsSubmitted: 12,
  unitsExpected: 16,
  indicatorsOnTrack: 6,
  indicatorsTotal: 18,
};

const summary = {
  period: { id: 5, year: 2026, kind: "annual", title: "Báo cáo năm 2026", deadlineAt: "2026-11-30T16:59:59.000Z" },
  completeness: { expected: 16, submitted: 12, approved: 10, counted: 12, returned: 1, draft: 1, missing: 3, onTime: 11, extended: 0, late: 1 },
  indicators: [],
} as unknown as WardSummary;

const wrap = (ui: React.ReactNode, path = "/") => (
  <SnackbarProvider>
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/city/snapshots/:id" element={ui} />
        <Route path="*" element={ui} />
      </Routes>
    </MemoryRouter>
  </SnackbarProvider>
);

describe("the report sent upward", () => {
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    useSession.setState({ me: null, status: "anonymous" });
  });

  it("ward staff see the city's reason for a return and send a new version after confirming", async () => {
    useSession.setState({ me: me("staff"), status: "signed-in" });
    const list: SnapshotList = { ward, items: [v1], canSend: true, cannotSendReason: null, deadlineAt: "2026-12-15T16:59:59.000Z" };
    const get = vi.spyOn(api, "get").mockResolvedValue({ data: list });
    const post = vi.spyOn(api, "post").mockResolvedValue({ data: { ...v1, id: 12, version: 2, status: "sent" } });
    render(wrap(<UpwardCard periodId={5} counted="approved_only" period={{ kind: "annual", year: 2026 }} />));
    expect(await screen.findByTestId("upward-reason")).toHaveTextContent("Thiếu số liệu CT17 của tổ dân phố số 2.");
    expect(screen.getByTestId("upward-deadline")).toHaveTextContent("Hạn gửi về Sở Nội vụ: 15/12/2026");
    expect(get).toHaveBeenCalledWith("/api/city/wards/1/snapshots", { params: { periodId: 5 } });
    fireEvent.click(screen.getByTestId("send-to-city"));
    expect(post).not.toHaveBeenCalled();
    expect(await screen.findByText(/Phường gửi phiên bản 2/)).toBeInTheDocument();
    fireEvent.click(screen.getByTestId("confirm-send-to-city"));
    await waitFor(() => expect(post).toHaveBeenCalledWith("/api/city/wards/1/snapshots", { periodId: 5, counted: "approved_only" }, { timeout: 120_000 }));
  });

  it("an accepted report cannot be sent again: the card says why", async () => {
    useSession.setState({ me: me("staff"), status: "signed-in" });
    const accepted = { ...v1, status: "accepted" as const, returnReason: null };
    vi.spyOn(api, "get").mockResolvedValue({ data: { ward, items: [accepted], canSend: false, cannotSendReason: "Thành phố đã tiếp nhận báo cáo (phiên bản 1).", deadlineAt: null } });
    render(wrap(<UpwardCard periodId={5} counted="submitted_and_approved" period={{ kind: "annual", year: 2026 }} />));
    expect(await screen.findByTestId("upward-blocked")).toHaveTextContent("đã tiếp nhận");
    expect(screen.queryByTestId("send-to-city")).toBeNull();
  });

  it("city staff return a version only with a reason; a refusal keeps what they typed", async () => {
    useSession.setState({ me: me("city_staff"), status: "signed-in" });
    const detail: SnapshotDetail = { ...v1, status: "sent", returnReason: null, decidedAt: null, decidedBy: null, summary };
    vi.spyOn(api, "get").mockResolvedValue({ data: detail });
    const post = vi.spyOn(api, "post").mockRejectedValue(new ApiError(409, "SNAPSHOT_CHANGED", "Báo cáo vừa thay đổi. Hãy tải lại trang."));
    render(wrap(<SnapshotPage />, "/city/snapshots/11"));
    fireEvent.click(await screen.findByTestId("return-snapshot"));
    const confirm = await screen.findByTestId("confirm-return");
    expect(confirm).toBeDisabled();
    fireEvent.change(screen.getByTestId("return-reason-input"), { target: { value: "Thi" } });
    expect(screen.getByText("Lý do cần ít nhất 5 ký tự.")).toBeInTheDocument();
    fireEvent.change(screen.getByTestId("return-reason-input"), { target: { value: "Thiếu số liệu CT17." } });
    expect(screen.getByTestId("confirm-return")).not.toBeDisabled();
    fireEvent.click(screen.getByTestId("confirm-return"));
    await waitFor(() => expect(post).toHaveBeenCalledWith("/api/city/snapshots/11/return", { reason: "Thiếu số liệu CT17." }));
    expect(await screen.findByText(/Báo cáo vừa thay đổi/)).toBeInTheDocument();
    expect(screen.getByTestId("return-reason-input")).toHaveValue("Thiếu số liệu CT17.");
  });

  it("ward staff read a version without deciding on it", async () => {
    useSession.setState({ me: me("staff"), status: "signed-in" });
    vi.spyOn(api, "get").mockResolvedValue({ data: { ...v1, summary } });
    render(wrap(<SnapshotPage />, "/city/snapshots/11"));
    expect(await screen.findByTestId("snapshot-reason")).toHaveTextContent("Thiếu số liệu CT17");
    expect(screen.getByTestId("snapshot-version")).toHaveTextContent("Báo cáo năm 2026 · phiên bản 1 (mới nhất)");
    expect(screen.queryByTestId("return-snapshot")).toBeNull();
    expect(screen.queryByTestId("accept-snapshot")).toBeNull();
  });

  it("a version's Word downloads one at a time with its progress, and a failure stays on the screen", async () => {
    useSession.setState({ me: me("staff"), status: "signed-in" });
    let fail: (e: unknown) => void = () => {};
    const get = vi.spyOn(api, "get").mockImplementation(async (url: string) => {
      if (url === "/api/city/snapshots/11") return { data: { ...v1, summary } };
      await new Promise((_, reject) => (fail = reject));
      return { data: null };
    });
    render(wrap(<SnapshotPage />, "/city/snapshots/11"));
    fireEvent.click(await screen.findByTestId("snapshot-docx"));
    expect(await screen.findByTestId("download-progress")).toHaveTextContent("Đang tạo tệp…");
    expect(screen.getByTestId("snapshot-docx")).toHaveTextContent("Đang tải Word…");
    expect(screen.getByTestId("snapshot-xlsx")).toBeDisabled();
    fireEvent.click(screen.getByTestId("snapshot-xlsx"));
    expect(get).toHaveBeenCalledTimes(2);
    expect(get).toHaveBeenLastCalledWith("/api/city/snapshots/11/report.docx", expect.objectContaining({ responseType: "blob" }));
    fail(new ApiError(404, "SNAPSHOT_FILE_MISSING", "Không tìm thấy tệp của phiên bản này trên máy chủ."));
    expect(await screen.findByTestId("download-error")).toHaveTextContent("Không tìm thấy tệp của phiên bản này trên máy chủ.");
    expect(screen.queryByTestId("download-progress")).toBeNull();
    expect(screen.getByTestId("snapshot-xlsx")).not.toBeDisabled();
  });
});
