import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SnackbarProvider } from "zmp-ui";
import type { IndicatorSummary, WardSummary } from "@contract/summary";
import { api } from "../../../lib/api-client";
import { useSession } from "../../../lib/session-store";
import { IndicatorBar } from "./bars";
import { fileNameFromDisposition } from "./api";
import { SummaryPage } from "./summary-page";

const ct01: IndicatorSummary = {
  id: 1,
  code: "CT01",
  name: "Tỷ lệ cán bộ, công chức là thanh niên được học tập nghị quyết",
  measure: "percent",
  unitLabel: "%/năm",
  direction: "at_least",
  target: 100,
  targetText: "100%/năm",
  unitsExpected: 3,
  current: { value: (100 * 512) / 730, numerator: 512, denominator: 730, unitsReported: 2 },
  lastYear: { value: 63.333, numerator: 380, denominator: 600, unitsReported: 2, year: 2025, periodId: 9 },
  onTrack: "off_track",
};

const summary: WardSummary = {
  period: { id: 5, year: 2026, kind: "annual", title: "Báo cáo kết quả thực hiện Nghị quyết 83 năm 2026", deadlineAt: "2026-11-30T16:59:59.000Z" },
  scope: { unitId: null, name: "Phường Lê Đại Hành" },
  countedStatuses: ["submitted", "approved"],
  generatedAt: "2026-11-27T02:00:00.000Z",
  completeness: { expected: 19, submitted: 4, approved: 2, returned: 1, draft: 1, missing: 15, onTime: 3, late: 1 },
  indicators: [
    ct01,
    {
      ...ct01,
      id: 8,
      code: "CT08",
      name: "Tỷ lệ thất nghiệp của thanh niên khu vực thành thị",
      unitLabel: "%",
      direction: "at_most",
      target: 7,
      targetText: "Dưới 7%",
      current: { value: 5, numerator: 5, denominator: 100, unitsReported: 1 },
      lastYear: null,
      onTrack: "on_track",
    },
    {
      ...ct01,
      id: 7,
      code: "CT07",
      name: "Số thanh niên được hỗ trợ giải quyết việc làm",
      measure: "count",
      unitLabel: "người/năm",
      target: null,
      targetText: "Theo chỉ tiêu phường giao",
      current: { value: 30, numerator: null, denominator: null, unitsReported: 1 },
      lastYear: null,
      onTrack: "unknown",
    },
  ],
  tasks: [
    {
      id: 1,
      code: "NV01",
      name: "Tuyên truyền Nghị quyết số 83/NQ-HĐND",
      timing: "Thường xuyên",
      unitsExpected: 4,
      unitsReported: 2,
      notStarted: 0,
      inProgress: 1,
      done: 1,
      meanProgress: 80,
      results: [{ unitId: 3, unitName: "Phòng VHXH", status: "done", progress: 100, result: "Đăng 24 tin bài." }],
    },
  ],
  issues: [{ unitId: 2, unitCode: "VP", unitName: "Văn phòng HĐND và UBND phường", difficulties: "Thiếu kinh phí.", proposals: "Bổ sung kinh phí." }],
};

function renderPage() {
  return render(
    <SnackbarProvider>
      <MemoryRouter initialEntries={["/reports/5/summary"]}>
        <Routes>
          <Route path="/reports/:periodId/summary" element={<SummaryPage />} />
        </Routes>
      </MemoryRouter>
    </SnackbarProvider>,
  );
}

const signedIn = (role: "staff" | "observer" | "focal") =>
  useSession.setState({ status: "signed-in", me: { id: 1, name: "Cán bộ", avatarUrl: null, role, unit: null, hasPhone: false, consented: true } as never });

describe("ward summary", () => {
  beforeAll(() => {
    Element.prototype.scrollTo = () => {};
  });
  beforeEach(() => signedIn("staff"));
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("draws an indicator as a bar coloured by on-track with the 2030 target marker", () => {
    render(
      <ul>
        <IndicatorBar item={ct01} />
      </ul>,
    );
    const bar = screen.getByTestId("indicator-bar");
    expect(bar).toHaveAttribute("data-on-track", "off_track");
    expect(within(bar).getByTestId("indicator-value")).toHaveTextContent("70,1%");
    expect(bar).toHaveTextContent("(512/730)");
    expect(bar).toHaveTextContent("Chưa đạt");
    expect(bar).toHaveTextContent("Mục tiêu 2030: 100%/năm");
    expect(bar).toHaveTextContent("Năm 2025: 63,3%");
    expect(bar).toHaveTextContent("2/3 đơn vị báo cáo");
    const fill = within(bar).getByTestId("bar-fill");
    expect(fill).toHaveClass("sum-bar__fill--bad");
    expect(parseFloat(fill.style.width)).toBeCloseTo(70.137, 2);
    expect(within(bar).getByTestId("bar-target").style.left).toBe("100%");
  });

  it("scales counts against the largest figure and shows no target marker without a target", () => {
    render(
      <ul>
        <IndicatorBar item={summary.indicators[2]} />
      </ul>,
    );
    expect(screen.getByTestId("indicator-value")).toHaveTextContent("30");
    expect(screen.getByTestId("bar-fill")).toHaveClass("sum-bar__fill--muted");
    expect(screen.queryByTestId("bar-target")).toBeNull();
    expect(screen.getByText("Không xác định")).toBeInTheDocument();
  });

  it("shows completeness, indicators, tasks and issues of the period", async () => {
    const get = vi.spyOn(api, "get").mockResolvedValue({ data: summary });
    renderPage();
    expect(await screen.findByText("Báo cáo kết quả thực hiện Nghị quyết 83 năm 2026")).toBeInTheDocument();
    expect(get).toHaveBeenCalledWith("/api/periods/5/summary");
    expect(screen.getByTestId("summary-completeness")).toHaveTextContent("Đã nộp 4/19 đơn vị · đã duyệt 2");
    expect(screen.getAllByTestId("indicator-bar").map((b) => b.getAttribute("data-on-track"))).toEqual(["off_track", "on_track", "unknown"]);
    expect(screen.getByTestId("summary-tab-indicators")).toHaveTextContent("Chỉ tiêu (1/3 đạt)");

    fireEvent.click(screen.getByTestId("summary-tab-tasks"));
    const task = screen.getByTestId("task-bar");
    expect(task).toHaveTextContent("Hoàn thành: 1");
    expect(task).toHaveTextContent("Chưa báo cáo: 2");
    expect(task).toHaveTextContent("Tiến độ bình quân: 80%");
    expect(task).toHaveTextContent("Phòng VHXH");

    fireEvent.click(screen.getByTestId("summary-tab-issues"));
    expect(screen.getByText("Thiếu kinh phí.")).toBeInTheDocument();
    expect(screen.getByText("Bổ sung kinh phí.")).toBeInTheDocument();
  });

  it("downloads an export with the token through axios and saves it under the server's file name", async () => {
    const blob = new Blob(["xlsx"], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    let release: (v: unknown) => void = () => {};
    const get = vi.spyOn(api, "get").mockImplementation(async (url: string) => {
      if (url.endsWith("/summary")) return { data: summary };
      await new Promise((r) => (release = r));
      return { data: blob, headers: { "content-disposition": "attachment; filename=\"x.xlsx\"; filename*=UTF-8''T%E1%BB%95ng%20h%E1%BB%A3p.xlsx" } };
    });
    const createObjectURL = vi.fn(() => "blob:fake");
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe("Tổng hợp.xlsx");
      expect(this.href).toBe("blob:fake");
    });
    renderPage();
    fireEvent.click(await screen.findByTestId("download-xlsx"));
    await waitFor(() => expect(screen.getByTestId("download-xlsx")).toHaveTextContent("Đang tạo tệp Excel…"));
    expect(screen.getByTestId("download-docx")).toBeDisabled();
    release(null);
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(get).toHaveBeenCalledWith("/api/periods/5/export.xlsx", { responseType: "blob", timeout: 120_000 });
    expect(createObjectURL).toHaveBeenCalledWith(blob);
    await waitFor(() => expect(screen.getByTestId("download-docx")).not.toBeDisabled());
    expect(await screen.findByText("Đã tải về: Tổng hợp.xlsx")).toBeInTheDocument();
  });

  it("shows a failed download in the snackbar and re-enables the buttons", async () => {
    vi.spyOn(api, "get").mockImplementation(async (url: string) => {
      if (url.endsWith("/summary")) return { data: summary };
      const { ApiError } = await import("../../../lib/api-client");
      throw new ApiError(500, "HTTP_500", "Máy chủ đang gặp sự cố. Vui lòng thử lại sau.");
    });
    renderPage();
    fireEvent.click(await screen.findByTestId("download-docx"));
    expect(await screen.findByText("Máy chủ đang gặp sự cố. Vui lòng thử lại sau.")).toBeInTheDocument();
    expect(screen.getByTestId("download-docx")).not.toBeDisabled();
  });

  it("says an indicator has no figure yet instead of 'Không xác định'", () => {
    render(
      <ul>
        <IndicatorBar item={{ ...ct01, current: { value: null, numerator: null, denominator: null, unitsReported: 0 }, onTrack: "unknown" }} />
      </ul>,
    );
    const bar = screen.getByTestId("indicator-bar");
    expect(bar).toHaveTextContent("Chưa có số liệu");
    expect(bar).not.toHaveTextContent("Không xác định");
    expect(screen.queryByTestId("bar-fill")).toBeNull();
  });

  it("gives the reporting rate with one decimal comma, like the completeness dashboard", async () => {
    vi.spyOn(api, "get").mockResolvedValue({ data: summary });
    renderPage();
    expect(await screen.findByTestId("summary-rate")).toHaveTextContent("21,1%");
    expect(screen.queryByTestId("summary-no-reports")).toBeNull();
  });

  it("tells staff when nobody has reported in the period yet", async () => {
    const empty: WardSummary = {
      ...summary,
      completeness: { expected: 19, submitted: 0, approved: 0, returned: 0, draft: 2, missing: 19, onTime: 0, late: 0 },
      indicators: summary.indicators.map((i) => ({ ...i, current: { value: null, numerator: null, denominator: null, unitsReported: 0 }, onTrack: "unknown" as const })),
      issues: [],
    };
    vi.spyOn(api, "get").mockResolvedValue({ data: empty });
    renderPage();
    expect(await screen.findByTestId("summary-no-reports")).toHaveTextContent("Chưa có đơn vị nào nộp báo cáo");
    expect(screen.getByTestId("summary-rate")).toHaveTextContent("0,0%");
    expect(screen.getAllByText("Chưa có số liệu")).toHaveLength(3);
  });

  it("an unknown period is 'not found', without a pointless retry", async () => {
    const { ApiError } = await import("../../../lib/api-client");
    vi.spyOn(api, "get").mockRejectedValue(new ApiError(404, "PERIOD_NOT_FOUND", "Không tìm thấy kỳ báo cáo."));
    renderPage();
    expect(await screen.findByTestId("summary-not-found")).toHaveTextContent("Không tìm thấy kỳ báo cáo");
    expect(screen.queryByText("Thử lại")).toBeNull();
  });

  it("names another signer for the Word report (trimmed), refuses a one-letter name, and leaves Excel alone", async () => {
    const blob = new Blob(["docx"]);
    const get = vi.spyOn(api, "get").mockImplementation(async (url: string) => {
      if (url.endsWith("/summary")) return { data: summary };
      return { data: blob, headers: {} };
    });
    URL.createObjectURL = vi.fn(() => "blob:fake");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    renderPage();
    const input = await screen.findByTestId("summary-signer");
    expect(input).toHaveAttribute("placeholder", "Để trống: Phương Quốc Luyện");
    expect(input).toHaveAttribute("maxLength", "80");

    fireEvent.change(input, { target: { value: " A " } });
    expect(screen.getByTestId("summary-signer-error")).toHaveTextContent("Tên người ký cần ít nhất 2 ký tự.");
    expect(screen.getByTestId("download-docx")).toBeDisabled();
    expect(screen.getByTestId("download-xlsx")).not.toBeDisabled();

    fireEvent.change(input, { target: { value: "  Nguyễn Văn An  " } });
    expect(screen.queryByTestId("summary-signer-error")).toBeNull();
    fireEvent.click(screen.getByTestId("download-docx"));
    await waitFor(() =>
      expect(get).toHaveBeenCalledWith("/api/periods/5/export.docx", { responseType: "blob", timeout: 120_000, params: { signer: "Nguyễn Văn An" } }),
    );
    await waitFor(() => expect(screen.getByTestId("download-xlsx")).not.toBeDisabled());
    fireEvent.click(screen.getByTestId("download-xlsx"));
    await waitFor(() => expect(get).toHaveBeenCalledWith("/api/periods/5/export.xlsx", { responseType: "blob", timeout: 120_000 }));
  });

  it("is for staff and the observer only", () => {
    signedIn("focal");
    const get = vi.spyOn(api, "get");
    renderPage();
    expect(screen.getByText("Bạn không có quyền xem trang này")).toBeInTheDocument();
    expect(get).not.toHaveBeenCalled();
  });

  it("reads the file name from Content-Disposition", () => {
    expect(fileNameFromDisposition("attachment; filename=\"a.docx\"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.docx", "x")).toBe("Báo cáo.docx");
    expect(fileNameFromDisposition('attachment; filename="a.docx"', "x")).toBe("a.docx");
    expect(fileNameFromDisposition(undefined, "x.docx")).toBe("x.docx");
  });
});
