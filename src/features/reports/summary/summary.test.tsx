import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SnackbarProvider } from "zmp-ui";
import type { IndicatorSummary, Section, WardSummary } from "@contract/summary";
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
  active: true,
  aggregation: { rule: "sum", unitName: null, reason: "Mỗi cơ quan báo cáo cán bộ trẻ của mình: cộng lại." },
  unitsExpected: 3,
  current: { value: (100 * 512) / 730, numerator: 512, denominator: 730, unitsReported: 2, sourceUnitName: null },
  lastYear: { value: 63.333, numerator: 380, denominator: 600, unitsReported: 2, sourceUnitName: null, year: 2025, periodId: 9 },
  milestone: { year: 2026, value: 100, kind: "plan" },
  basis: "milestone",
  onTrack: "off_track",
  trajectory: [
    { year: 2026, value: (100 * 512) / 730, milestone: 100, milestoneKind: "plan", onTrack: "off_track" },
    ...[2027, 2028, 2029, 2030].map((year) => ({ year, value: null, milestone: 100, milestoneKind: "plan" as const, onTrack: "unknown" as const })),
  ],
  contributions: [],
};

const ct02: IndicatorSummary = {
  ...ct01,
  id: 2,
  code: "CT02",
  name: "Tỷ lệ thanh niên được tiếp cận thông tin về chính sách, pháp luật",
  unitLabel: "%",
  target: 70,
  targetText: "Trên 70%",
  aggregation: { rule: "lead", unitName: "Phòng VHXH", reason: "Phòng VHXH và Đoàn cùng báo cáo toàn phường: lấy số của Phòng VHXH." },
  unitsExpected: 2,
  current: { value: (100 * 4100) / 6200, numerator: 4100, denominator: 6200, unitsReported: 2, sourceUnitName: "Phòng VHXH" },
  lastYear: null,
  milestone: { year: 2026, value: 62, kind: "staff" },
  onTrack: "on_track",
  trajectory: [
    { year: 2026, value: (100 * 4100) / 6200, milestone: 62, milestoneKind: "staff", onTrack: "on_track" },
    { year: 2027, value: null, milestone: 64, milestoneKind: "even_steps", onTrack: "unknown" },
    { year: 2028, value: null, milestone: 66, milestoneKind: "even_steps", onTrack: "unknown" },
    { year: 2029, value: null, milestone: 68, milestoneKind: "even_steps", onTrack: "unknown" },
    { year: 2030, value: null, milestone: 70, milestoneKind: "target", onTrack: "unknown" },
  ],
  contributions: [
    { unitId: 3, unitName: "Phòng VHXH", value: (100 * 4100) / 6200, numerator: 4100, denominator: 6200, counted: true, lead: true },
    { unitId: 8, unitName: "Đoàn phường", value: (100 * 4230) / 6200, numerator: 4230, denominator: 6200, counted: false, lead: true },
  ],
};

const sections: Section[] = [
  { key: "assessment", title: "Đánh giá chung (kết quả, tồn tại, hạn chế và nguyên nhân)", text: null, draft: "1. Kết quả đạt được\n3/18 chỉ tiêu đạt.", updatedAt: null, updatedBy: null },
  { key: "next_year", title: "Nhiệm vụ, giải pháp năm 2027", text: "Tập trung CT02.", draft: "Năm 2027…", updatedAt: "2026-11-27T02:00:00.000Z", updatedBy: "Cán bộ VHXH" },
];

const summary: WardSummary = {
  period: { id: 5, year: 2026, kind: "annual", title: "Báo cáo kết quả thực hiện Nghị quyết 83 năm 2026", deadlineAt: "2026-11-30T16:59:59.000Z" },
  scope: { unitId: null, name: "Phường Lê Đại Hành" },
  counted: "submitted_and_approved",
  countedStatuses: ["submitted", "approved"],
  generatedAt: "2026-11-27T02:00:00.000Z",
  planReference: { number: null, date: null },
  completeness: { expected: 19, submitted: 4, approved: 2, counted: 4, returned: 1, draft: 1, missing: 15, onTime: 3, extended: 1, late: 1 },
  reporting: [
    { unitId: 2, unitName: "Văn phòng HĐND-UBND", state: "on_time", reportStatus: "submitted", submittedAt: "2026-11-20T03:00:00.000Z", exceptionUntil: null, returnReason: null, counted: true },
    { unitId: 6, unitName: "UB MTTQ phường", state: "on_time_extended", reportStatus: "approved", submittedAt: "2026-12-02T02:00:00.000Z", exceptionUntil: "2026-12-05T16:59:59.000Z", returnReason: null, counted: true },
    { unitId: 5, unitName: "Công an phường", state: "late", reportStatus: "approved", submittedAt: "2026-12-03T02:30:00.000Z", exceptionUntil: null, returnReason: null, counted: true },
    { unitId: 9, unitName: "Hội LHTN phường", state: "returned", reportStatus: "returned", submittedAt: null, exceptionUntil: null, returnReason: "Thiếu số liệu CT07", counted: false },
    { unitId: 12, unitName: "TDP 1", state: "not_submitted", reportStatus: "missing", submittedAt: null, exceptionUntil: null, returnReason: null, counted: false },
  ],
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
      current: { value: 5, numerator: 5, denominator: 100, unitsReported: 1, sourceUnitName: null },
      lastYear: null,
      milestone: null,
      basis: "target",
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
      current: { value: 30, numerator: null, denominator: null, unitsReported: 1, sourceUnitName: null },
      lastYear: null,
      milestone: null,
      basis: "target",
      onTrack: "unknown",
      trajectory: [2026, 2027, 2028, 2029, 2030].map((year) => ({ year, value: year === 2026 ? 30 : null, milestone: null, milestoneKind: null, onTrack: "unknown" as const })),
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
      completionRule: "all",
      leadUnitName: null,
      wardStatus: "in_progress",
      results: [{ unitId: 3, unitName: "Phòng VHXH", status: "done", progress: 100, result: "Đăng 24 tin bài.", lead: true }],
      resultCount: 2,
    },
  ],
  issues: [{ unitId: 2, unitCode: "VP", unitName: "Văn phòng HĐND và UBND phường", difficulties: "Thiếu kinh phí.", proposals: "Bổ sung kinh phí." }],
  flagged: [{ indicatorId: 2, code: "CT02", measure: "percent", unitId: 8, unitName: "Đoàn phường", value: 68.2, lastYear: 32.3, comment: "Mở trang Zalo của phường." }],
  flaggedTotal: 1,
  commendations: [{ unitId: 8, unitName: "Đoàn phường", kind: "person", name: "Nguyễn Văn An", position: "Bí thư Đoàn phường", achievement: "6 đợt tuyên truyền.", form: "Giấy khen" }],
  sections,
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
        <IndicatorBar item={ct01} year={2026} />
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
        <IndicatorBar item={summary.indicators[2]} year={2026} />
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
    expect(get).toHaveBeenCalledWith("/api/periods/5/export.xlsx", expect.objectContaining({ responseType: "blob", timeout: 120_000 }));
    expect(get.mock.calls.at(-1)![1]).not.toHaveProperty("params");
    expect(createObjectURL).toHaveBeenCalledWith(blob);
    await waitFor(() => expect(screen.getByTestId("download-docx")).not.toBeDisabled());
    expect(await screen.findByText("Đã tải về: Tổng hợp.xlsx")).toBeInTheDocument();
  });

  it("shows a failed download on the screen in Vietnamese and re-enables the buttons", async () => {
    vi.spyOn(api, "get").mockImplementation(async (url: string) => {
      if (url.endsWith("/summary")) return { data: summary };
      const { ApiError } = await import("../../../lib/api-client");
      throw new ApiError(503, "EXPORT_BUSY", "Máy chủ đang tạo nhiều tệp báo cáo cùng lúc. Vui lòng thử lại sau ít phút.");
    });
    renderPage();
    fireEvent.click(await screen.findByTestId("download-docx"));
    expect(await screen.findByTestId("download-error")).toHaveTextContent("Máy chủ đang tạo nhiều tệp báo cáo cùng lúc. Vui lòng thử lại sau ít phút.");
    expect(screen.getByTestId("download-docx")).not.toBeDisabled();
    expect(screen.queryByTestId("download-progress")).toBeNull();
  });

  it("says the file is being built, then how much has arrived, and ignores a second tap meanwhile", async () => {
    let progress: ((e: { loaded: number; total?: number }) => void) | undefined;
    let release: () => void = () => {};
    const get = vi.spyOn(api, "get").mockImplementation(async (url: string, config?: unknown) => {
      if (url.endsWith("/summary")) return { data: summary };
      progress = (config as { onDownloadProgress?: typeof progress }).onDownloadProgress;
      await new Promise<void>((r) => (release = r));
      return { data: new Blob(["x"]), headers: {} };
    });
    URL.createObjectURL = vi.fn(() => "blob:fake");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    renderPage();
    const xlsx = await screen.findByTestId("download-xlsx");
    fireEvent.click(xlsx);
    fireEvent.click(xlsx);
    const box = await screen.findByTestId("download-progress");
    expect(box).toHaveAttribute("data-phase", "building");
    expect(box).toHaveTextContent("Đang tạo tệp…");
    expect(within(box).getByRole("progressbar")).not.toHaveAttribute("aria-valuenow");
    expect(get.mock.calls.filter(([u]) => String(u).endsWith("export.xlsx"))).toHaveLength(1);

    progress!({ loaded: 4_700_000, total: 10_500_000 });
    await waitFor(() => expect(screen.getByTestId("download-progress")).toHaveAttribute("data-phase", "downloading"));
    expect(screen.getByTestId("download-progress")).toHaveTextContent("Đang tải về 45% (4,7 MB/10,5 MB)");
    expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "45");
    release();
    await waitFor(() => expect(screen.queryByTestId("download-progress")).toBeNull());
    expect(screen.getByTestId("download-xlsx")).not.toBeDisabled();
  });

  it("fetches every unit's result of a task when it is opened, page by page", async () => {
    const row = (unitId: number) => ({ unitId, unitName: `Đơn vị ${unitId}`, status: "done" as const, progress: 100, result: `Kết quả đầy đủ của đơn vị ${unitId}.`, lead: false });
    const get = vi.spyOn(api, "get").mockImplementation(async (url: string, config?: unknown) => {
      if (url.endsWith("/summary")) return { data: summary };
      const offset = (config as { params: { offset: number } }).params.offset;
      return { data: { taskId: 1, total: 2, offset, limit: 1, items: [row(offset + 1)] } };
    });
    renderPage();
    fireEvent.click(await screen.findByTestId("summary-tab-tasks"));
    const results = screen.getByTestId("task-results");
    expect(results).toHaveTextContent("Kết quả của các đơn vị (2)");
    expect(results).toHaveTextContent("Đăng 24 tin bài.");
    expect(get).toHaveBeenCalledTimes(1);

    (results as HTMLDetailsElement).open = true;
    fireEvent(results, new Event("toggle"));
    expect(await within(results).findByText("Kết quả đầy đủ của đơn vị 1.", { exact: false })).toBeInTheDocument();
    expect(get).toHaveBeenCalledWith("/api/periods/5/summary/tasks/1/results", { params: { offset: 0, limit: 50 } });
    fireEvent.click(within(results).getByTestId("task-results-more"));
    expect(await within(results).findByText("Kết quả đầy đủ của đơn vị 2.", { exact: false })).toBeInTheDocument();
    expect(get).toHaveBeenCalledWith("/api/periods/5/summary/tasks/1/results", { params: { offset: 1, limit: 50 } });
    expect(within(results).queryByTestId("task-results-more")).toBeNull();
    expect(results).not.toHaveTextContent("Đăng 24 tin bài.");
  });

  it("says an indicator has no figure yet instead of 'Không xác định'", () => {
    render(
      <ul>
        <IndicatorBar item={{ ...ct01, current: { value: null, numerator: null, denominator: null, unitsReported: 0, sourceUnitName: null }, onTrack: "unknown" }} year={2026} />
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
      completeness: { expected: 19, submitted: 0, approved: 0, counted: 0, returned: 0, draft: 2, missing: 19, onTime: 0, extended: 0, late: 0 },
      indicators: summary.indicators.map((i) => ({ ...i, current: { value: null, numerator: null, denominator: null, unitsReported: 0, sourceUnitName: null }, onTrack: "unknown" as const })),
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
      expect(get).toHaveBeenCalledWith("/api/periods/5/export.docx", expect.objectContaining({ responseType: "blob", timeout: 120_000, params: { signer: "Nguyễn Văn An" } })),
    );
    await waitFor(() => expect(screen.getByTestId("download-xlsx")).not.toBeDisabled());
    fireEvent.click(screen.getByTestId("download-xlsx"));
    await waitFor(() => expect(get).toHaveBeenCalledWith("/api/periods/5/export.xlsx", expect.objectContaining({ responseType: "blob", timeout: 120_000 })));
    expect(get.mock.calls.at(-1)![1]).not.toHaveProperty("params");
  });

  it("shows an indicator's rule, coverage, the year's milestone, the units' contributions and its road to 2030", () => {
    render(
      <ul>
        <IndicatorBar item={ct02} year={2026} />
      </ul>,
    );
    const bar = screen.getByTestId("indicator-bar");
    expect(within(bar).getByTestId("indicator-rule")).toHaveTextContent("Lấy số của Phòng VHXH: Phòng VHXH và Đoàn cùng báo cáo toàn phường");
    expect(within(bar).getByTestId("indicator-coverage")).toHaveTextContent("2/2 đơn vị báo cáo");
    expect(within(bar).getByTestId("indicator-milestone")).toHaveTextContent("Lộ trình 2026: 62% (phường đặt)");
    expect(within(bar).getByTestId("bar-milestone").style.left).toBe("62%");
    expect(bar).toHaveTextContent("Đạt");
    const contributions = within(bar).getByTestId("indicator-contributions");
    expect(contributions).toHaveTextContent("Phòng VHXH: 66,1% (4.100/6.200) · số của phường");
    expect(contributions).toHaveTextContent("Đoàn phường: 68,2% (4.230/6.200) · phần đóng góp, không cộng");
    const years = within(bar).getAllByTestId("trajectory-year");
    expect(years.map((y) => y.getAttribute("data-year"))).toEqual(["2026", "2027", "2028", "2029", "2030"]);
    expect(years[0]).toHaveTextContent("66,1%");
    expect(years[1]).toHaveTextContent("—");
    expect(within(bar).getByTestId("trajectory")).toHaveAttribute("aria-label", expect.stringContaining("2027: chưa có số liệu, lộ trình 64%"));
  });

  it("says when the year has no milestone and the 2030 target is the yardstick", () => {
    render(
      <ul>
        <IndicatorBar item={summary.indicators[1]} year={2026} />
      </ul>,
    );
    expect(screen.getByTestId("indicator-milestone")).toHaveTextContent("Chưa có lộ trình năm 2026: so với mục tiêu 2030");
    expect(screen.queryByTestId("bar-milestone")).toBeNull();
    expect(screen.queryByTestId("indicator-contributions")).toBeNull();
  });

  it("switches to approved reports only, and the exports follow the choice", async () => {
    const blob = new Blob(["x"]);
    const approvedOnly: WardSummary = { ...summary, counted: "approved_only", completeness: { ...summary.completeness, counted: 2 } };
    const get = vi.spyOn(api, "get").mockImplementation(async (url: string, config?: unknown) => {
      if (url.endsWith("/summary")) return { data: (config as { params?: { counted?: string } } | undefined)?.params?.counted ? approvedOnly : summary };
      return { data: blob, headers: {} };
    });
    URL.createObjectURL = vi.fn(() => "blob:fake");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    renderPage();
    expect(await screen.findByTestId("counted-submitted_and_approved")).toHaveAttribute("aria-checked", "true");
    fireEvent.click(screen.getByTestId("counted-approved_only"));
    await waitFor(() => expect(get).toHaveBeenCalledWith("/api/periods/5/summary", { params: { counted: "approved_only" } }));
    expect(await screen.findByTestId("summary-counted-note")).toHaveTextContent("Đang tính 2/4 báo cáo đã nộp (chỉ báo cáo đã duyệt).");
    fireEvent.click(screen.getByTestId("download-xlsx"));
    await waitFor(() =>
      expect(get).toHaveBeenCalledWith("/api/periods/5/export.xlsx", expect.objectContaining({ responseType: "blob", timeout: 120_000, params: { counted: "approved_only" } })),
    );
  });

  it("says each unit's reporting status in words, and asks for the ward plan's number when it is missing", async () => {
    vi.spyOn(api, "get").mockResolvedValue({ data: summary });
    renderPage();
    expect(await screen.findByTestId("summary-plan")).toHaveTextContent("Chưa nhập số, ngày Kế hoạch của phường");
    expect(screen.getByTestId("open-catalog")).toHaveAttribute("href", "/catalog");
    fireEvent.click(screen.getByTestId("summary-tab-status"));
    expect(screen.getByTestId("reporting-late")).toHaveTextContent("Nộp muộn 1 đơn vị");
    expect(screen.getByTestId("reporting-late")).toHaveTextContent("Công an phường — nộp lúc 09:30 03/12/2026");
    expect(screen.getByTestId("reporting-returned")).toHaveTextContent("Hội LHTN phường — lý do: Thiếu số liệu CT07");
    expect(screen.getByTestId("reporting-on_time_extended")).toHaveTextContent("UB MTTQ phường — gia hạn đến 05/12/2026");
    expect(screen.getByTestId("reporting-not_submitted")).toHaveTextContent("TDP 1");
    fireEvent.click(screen.getByTestId("summary-tab-indicators"));
    expect(screen.getByTestId("flagged-list")).toHaveTextContent("CT02 · Đoàn phường: 68,2% (năm trước 32,3%)Giải thích: Mở trang Zalo của phường.");
  });

  it("lets staff edit a drafted section, and keeps the typed text when the save fails", async () => {
    vi.spyOn(api, "get").mockResolvedValue({ data: summary });
    const { ApiError } = await import("../../../lib/api-client");
    const put = vi
      .spyOn(api, "put")
      .mockRejectedValueOnce(new ApiError(400, "VALIDATION_FAILED", "Dữ liệu gửi lên chưa hợp lệ, vui lòng kiểm tra lại."))
      .mockImplementationOnce(async (_url: string, body?: unknown) => ({ data: { ...sections[0], text: (body as { text: string }).text, updatedBy: "Cán bộ VHXH", updatedAt: "2026-11-27T03:00:00.000Z" } }));
    renderPage();
    fireEvent.click(await screen.findByTestId("summary-tab-sections"));
    const card = screen.getByTestId("section-assessment");
    expect(within(card).getByTestId("section-state")).toHaveTextContent("Bản soạn sẵn từ số liệu (chưa lưu)");
    const area = within(card).getByTestId("section-text") as HTMLTextAreaElement;
    expect(area.value).toBe("1. Kết quả đạt được\n3/18 chỉ tiêu đạt.");
    fireEvent.change(area, { target: { value: "Phường hoàn thành phần lớn chỉ tiêu." } });
    fireEvent.click(within(card).getByTestId("section-save"));
    expect(await screen.findByText("Dữ liệu gửi lên chưa hợp lệ, vui lòng kiểm tra lại.")).toBeInTheDocument();
    expect(area.value).toBe("Phường hoàn thành phần lớn chỉ tiêu.");
    fireEvent.click(within(card).getByTestId("section-save"));
    await waitFor(() => expect(within(card).getByTestId("section-state")).toHaveTextContent("bởi Cán bộ VHXH"));
    expect(put).toHaveBeenLastCalledWith("/api/periods/5/summary/sections/assessment", { text: "Phường hoàn thành phần lớn chỉ tiêu." });
    expect(within(screen.getByTestId("section-next_year")).getByTestId("section-text")).toHaveValue("Tập trung CT02.");
    expect(screen.getByTestId("commendation-list")).toHaveTextContent("Nguyễn Văn An (cá nhân, Bí thư Đoàn phường)");
  });

  it("lets the observer read the sections without editing them", async () => {
    signedIn("observer");
    vi.spyOn(api, "get").mockResolvedValue({ data: summary });
    renderPage();
    fireEvent.click(await screen.findByTestId("summary-tab-sections"));
    expect(within(screen.getByTestId("section-assessment")).getByTestId("section-text")).toHaveAttribute("readonly");
    expect(screen.queryByTestId("section-save")).toBeNull();
    expect(screen.queryByTestId("open-catalog")).toBeNull();
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
