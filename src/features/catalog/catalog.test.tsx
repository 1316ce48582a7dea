import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SnackbarProvider } from "zmp-ui";
import type { IndicatorDetail, Unit } from "@contract/catalog";
import { api, ApiError } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { catalogRoutes } from "./routes";

const units: Unit[] = [
  { id: 1, code: "UBND", name: "UBND phường", shortName: "UBND phường", kind: "ward", parentId: null, wardId: 1 },
  { id: 3, code: "VHXH", name: "Phòng Văn hóa - Xã hội", shortName: "Phòng VHXH", kind: "office", parentId: 1, wardId: 1 },
  { id: 8, code: "DOAN", name: "Đoàn TNCS Hồ Chí Minh phường", shortName: "Đoàn phường", kind: "youth_union", parentId: 1, wardId: 1 },
];

const ct02: IndicatorDetail = {
  id: 2,
  code: "CT02",
  name: "Tỷ lệ thanh niên được tiếp cận thông tin",
  measure: "percent",
  unitLabel: "%",
  target: 70,
  direction: "at_least",
  targetText: "Trên 70%",
  unitIds: [3, 8],
  leadUnitIds: [3, 8],
  aggregation: { rule: "lead", unitId: 3, reason: "Lấy số của Phòng VHXH, số của Đoàn là phần đóng góp." },
  active: true,
  milestones: [],
  valueCount: 4,
};

function renderAt(path: string) {
  return render(
    <SnackbarProvider>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          {catalogRoutes.map((r) => (
            <Route key={r.path} path={r.path} element={r.element} />
          ))}
        </Routes>
      </MemoryRouter>
    </SnackbarProvider>,
  );
}

const signedIn = (role: "staff" | "observer" | "youth" | "city_staff") =>
  useSession.setState({ status: "signed-in", me: { id: 1, name: "Cán bộ", avatarUrl: null, role, unit: null, hasPhone: false, consented: true } as never });

function mockGet(detail = ct02, planReference: () => Promise<unknown> = async () => ({ data: { number: null, date: null, updatedAt: null } })) {
  return vi.spyOn(api, "get").mockImplementation(async (url: string) => {
    if (url === "/api/units") return { data: units };
    if (url === `/api/indicators/${detail.id}`) return { data: detail };
    if (url.endsWith("/history")) return { data: [{ id: 1, at: "2026-11-20T03:00:00.000Z", userName: "Cán bộ VHXH", field: "name", label: "Tên", oldValue: "Tên cũ", newValue: detail.name }] };
    if (url === "/api/indicators") return { data: [detail] };
    if (url === "/api/tasks") return { data: [] };
    if (url === "/api/plan-reference") return planReference();
    throw new Error(`unexpected ${url}`);
  });
}

describe("plan catalog (staff)", () => {
  beforeAll(() => {
    Element.prototype.scrollTo = () => {};
  });
  beforeEach(() => signedIn("staff"));
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("switches an indicator's rule and sends only that change", async () => {
    mockGet();
    const patch = vi.spyOn(api, "patch").mockResolvedValue({ data: { ...ct02, aggregation: { rule: "sum", unitId: null, reason: ct02.aggregation.reason } } });
    renderAt("/catalog/indicators/2");
    const editor = await screen.findByTestId("indicator-editor");
    expect(editor).toHaveTextContent("CT02 · 4 số liệu đã báo cáo");
    // values exist: the measure is locked, and the screen says why
    expect(screen.getByTestId("indicator-measure")).toBeDisabled();
    expect(screen.getByText(/không đổi được cách đo/)).toBeInTheDocument();
    expect(screen.getByTestId("rule-unit")).toHaveValue("3");
    expect(screen.getByTestId("indicator-save")).toBeDisabled();
    fireEvent.click(screen.getByTestId("rule-sum"));
    expect(screen.queryByTestId("rule-unit")).toBeNull();
    fireEvent.click(screen.getByTestId("indicator-save"));
    await waitFor(() => expect(patch).toHaveBeenCalledWith("/api/indicators/2", { aggregation: { rule: "sum", unitId: null, reason: ct02.aggregation.reason } }));
    expect(screen.getByTestId("catalog-history")).toHaveTextContent("Tên: Tên cũ → Tỷ lệ thanh niên được tiếp cận thông tin");
  });

  it("says how the years the plan did not set are filled, and sends a milestone with its measure", async () => {
    mockGet();
    const patch = vi.spyOn(api, "patch").mockResolvedValue({ data: { ...ct02, milestones: [{ year: 2026, value: 62, source: "staff" }] } });
    renderAt("/catalog/indicators/2");
    expect(await screen.findByTestId("milestones-note")).toHaveTextContent("năm để trống được chia đều từ kết quả năm 2026 của phường đến mục tiêu 2030");
    expect(screen.getByTestId("milestones")).toHaveTextContent("Để trống: chia đều từ kết quả 2026");
    fireEvent.change(screen.getByTestId("milestone-2027"), { target: { value: "abc" } });
    expect(screen.getByTestId("milestones")).toHaveTextContent("Chỉ nhập số");
    fireEvent.change(screen.getByTestId("milestone-2027"), { target: { value: "" } });
    fireEvent.change(screen.getByTestId("milestone-2026"), { target: { value: "62" } });
    fireEvent.click(screen.getByTestId("indicator-save"));
    await waitFor(() => expect(patch).toHaveBeenCalledWith("/api/indicators/2", { milestones: [{ year: 2026, measure: "percent", value: 62 }] }));
  });

  it("shows the server's refusal and keeps what was typed", async () => {
    mockGet();
    vi.spyOn(api, "patch").mockRejectedValue(new ApiError(400, "LEAD_NOT_REPORTING", "Đơn vị chủ trì phải là một trong các đơn vị báo cáo CT02."));
    renderAt("/catalog/indicators/2");
    const reason = await screen.findByTestId("rule-reason");
    fireEvent.change(reason, { target: { value: "Lý do mới của phường." } });
    fireEvent.click(screen.getByTestId("indicator-save"));
    expect(await screen.findByTestId("indicator-refusal")).toHaveTextContent("Đơn vị chủ trì phải là một trong các đơn vị báo cáo CT02.");
    expect(screen.getByTestId("rule-reason")).toHaveValue("Lý do mới của phường.");
  });

  it("lists the catalog and enters the plan's number once, showing the field message of a refusal", async () => {
    mockGet();
    const put = vi
      .spyOn(api, "put")
      .mockRejectedValueOnce(new ApiError(400, "VALIDATION_FAILED", "Dữ liệu gửi lên chưa hợp lệ.", [{ in: "body", path: "number", message: "Số kế hoạch ghi theo mẫu 15/KH-UBND.", code: "invalid_format" }]))
      .mockResolvedValueOnce({ data: { number: "15/KH-UBND", date: "2026-01-20", updatedAt: "2026-11-20T03:00:00.000Z" } });
    renderAt("/catalog");
    const item = await screen.findByTestId("catalog-indicator");
    expect(item).toHaveTextContent("CT02");
    expect(item).toHaveTextContent("Lấy số của đơn vị chủ trì");
    const card = screen.getByTestId("plan-reference");
    fireEvent.change(await within(card).findByTestId("plan-number"), { target: { value: "mười lăm" } });
    fireEvent.change(within(card).getByTestId("plan-date"), { target: { value: "20/01/2026" } });
    fireEvent.click(within(card).getByTestId("plan-save"));
    expect(await screen.findByTestId("plan-error")).toHaveTextContent("Số kế hoạch ghi theo mẫu 15/KH-UBND.");
    fireEvent.change(within(card).getByTestId("plan-number"), { target: { value: "15/KH-UBND" } });
    fireEvent.click(within(card).getByTestId("plan-save"));
    await waitFor(() => expect(card).toHaveTextContent("Báo cáo trích dẫn: “Kế hoạch số 15/KH-UBND ngày 20/01/2026”."));
    expect(put).toHaveBeenLastCalledWith("/api/plan-reference", { number: "15/KH-UBND", date: "2026-01-20" });
  });

  it("shows the plan's fields only once the saved number and date are in (a late answer never overwrites typing)", async () => {
    let answer: (v: unknown) => void = () => {};
    mockGet(ct02, () => new Promise((r) => (answer = r)));
    renderAt("/catalog");
    const card = await screen.findByTestId("plan-reference");
    expect(await within(card).findByTestId("plan-loading")).toHaveTextContent("Đang tải…");
    expect(within(card).queryByTestId("plan-number")).toBeNull();
    answer({ data: { number: "12/KH-UBND", date: "2026-01-15", updatedAt: "2026-01-15T03:00:00.000Z" } });
    expect(await within(card).findByTestId("plan-number")).toHaveValue("12/KH-UBND");
    expect(within(card).getByTestId("plan-date")).toHaveValue("15/01/2026");
  });

  it("city staff add an indicator to the city's list and open it for editing", async () => {
    signedIn("city_staff");
    mockGet();
    const post = vi.spyOn(api, "post").mockResolvedValue({ data: ct02 });
    renderAt("/catalog");
    fireEvent.click(await screen.findByTestId("new-indicator"));
    const form = screen.getByTestId("new-indicator-form");
    expect(within(form).getByDisplayValue("CT02")).toBeInTheDocument(); // the next free number after one indicator
    fireEvent.change(within(form).getByDisplayValue("CT02"), { target: { value: "CT19" } });
    fireEvent.change(within(form).getByRole("combobox", { name: /Cách đo/ }), { target: { value: "count" } });
    fireEvent.change(within(form).getByRole("textbox", { name: "Tên chỉ tiêu" }), { target: { value: "Số thanh niên được vay vốn" } });
    expect(form).toHaveTextContent("mỗi phường, xã chọn đơn vị báo cáo");
    fireEvent.click(within(form).getByText("Thêm và sửa tiếp"));
    await waitFor(() => expect(post).toHaveBeenCalledWith("/api/indicators", { code: "CT19", name: "Số thanh niên được vay vốn", measure: "count", unitLabel: "người/năm" }));
    expect(await screen.findByTestId("indicator-editor")).toBeInTheDocument();
    // the city edits the definition only: no ward's units, rule or milestones, no plan reference
    expect(screen.getByTestId("indicator-name")).not.toBeDisabled();
    expect(screen.queryByTestId("indicator-ward-settings")).toBeNull();
  });

  it("a ward's staff edit their settings, not the city's definition, and are told who edits it", async () => {
    mockGet();
    renderAt("/catalog/indicators/2");
    expect(await screen.findByTestId("indicator-name")).toBeDisabled();
    expect(screen.getByTestId("indicator-target")).toBeDisabled();
    expect(screen.getByTestId("indicator-active")).toBeDisabled();
    expect(screen.getByTestId("rule-reason")).not.toBeDisabled();
    expect(screen.getByTestId("catalog-levels")).toHaveTextContent("do Sở Nội vụ thành phố quy định");
    cleanup();
    renderAt("/catalog");
    await screen.findByTestId("catalog-indicator");
    expect(screen.queryByTestId("new-indicator")).toBeNull();
  });

  it("lets the observer read without editing, and keeps others out", async () => {
    signedIn("observer");
    mockGet();
    renderAt("/catalog/indicators/2");
    expect(await screen.findByTestId("indicator-name")).toBeDisabled();
    expect(screen.queryByTestId("indicator-save")).toBeNull();
    cleanup();
    signedIn("youth");
    renderAt("/catalog");
    expect(screen.getByText("Bạn không có quyền xem trang này")).toBeInTheDocument();
  });
});
