import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SnackbarProvider } from "zmp-ui";
import type { NewWardResult } from "@contract/wards";
import { api, ApiError } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { WardNewPage } from "./ward-new-page";

const cityStaff = { id: 1, name: "Sở Nội vụ", avatarUrl: null, role: "city_staff" as const, unit: null, ward: null, wardChosen: true, hasPhone: false, consented: true };
const result: NewWardResult = {
  ward: { id: 40, code: "HB", name: "Phường Hồng Bàng", unitName: "Ủy ban nhân dân phường Hồng Bàng", level: "phuong", joinLink: "https://zalo.me/s/x/?ward=HB" },
  unitCount: 22,
  invitation: {
    id: 9,
    code: "K7M2P9QRST",
    link: "https://zalo.me/s/x/?invite=K7M2P9QRST",
    role: "staff",
    unit: { id: 42, code: "HB-VHXH", name: "Phòng Văn hóa - Xã hội phường Hồng Bàng" },
    ward: { id: 40, code: "HB", name: "Ủy ban nhân dân phường Hồng Bàng" },
    status: "active",
    createdAt: "2026-11-20T03:00:00.000Z",
    expiresAt: "2026-12-20T03:00:00.000Z",
    createdBy: "Sở Nội vụ",
    usedBy: null,
    usedAt: null,
    qrDataUrl: "data:image/png;base64,AAAA",
  },
};
const renderPage = () =>
  render(
    <SnackbarProvider>
      <MemoryRouter>
        <WardNewPage />
      </MemoryRouter>
    </SnackbarProvider>,
  );
const fill = () => {
  fireEvent.change(screen.getByTestId("ward-name"), { target: { value: "Hồng Bàng" } });
  fireEvent.change(screen.getByTestId("ward-code"), { target: { value: "hb" } });
};

describe("adding a ward", () => {
  beforeEach(() => {
    Element.prototype.scrollIntoView = () => {};
    useSession.setState({ status: "signed-in", me: cityStaff });
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    useSession.setState({ me: null, status: "anonymous" });
  });

  it("from the template: asks to confirm, then shows the first staff's invitation", async () => {
    const post = vi.spyOn(api, "post").mockResolvedValue({ data: result });
    renderPage();
    fill();
    fireEvent.change(screen.getByTestId("ward-groups"), { target: { value: "12" } });
    fireEvent.click(screen.getByTestId("ward-review"));
    expect(screen.getByTestId("ward-confirm")).toHaveTextContent("Thêm Phường Hồng Bàng (mã HB) với các đơn vị theo mẫu chuẩn và 12 tổ dân phố?");
    expect(post).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("ward-confirm-ok"));
    await waitFor(() => expect(post).toHaveBeenCalledWith("/api/wards", { code: "HB", level: "phuong", placeName: "Hồng Bàng", source: "template", residentialGroups: 12 }));
    expect(await screen.findByTestId("ward-result")).toHaveTextContent("Đã thêm Phường Hồng Bàng");
    expect(screen.getByTestId("ward-result-summary")).toHaveTextContent("Mã HB · 22 đơn vị");
    expect(screen.getByTestId("ward-invite-code")).toHaveTextContent("K7M2P9QRST");
    expect(screen.getByTestId("ward-invite-link")).toHaveTextContent("https://zalo.me/s/x/?invite=K7M2P9QRST");
  });

  it("a CSV with broken rows: every problem by line and column, and the form keeps what was entered", async () => {
    const problems = [
      { row: 4, column: "kind", message: "Loại đơn vị “bao_ve” không hợp lệ." },
      { row: 5, column: "name", message: "Thiếu tên đơn vị." },
    ];
    vi.spyOn(api, "post").mockRejectedValue(
      new ApiError(400, "CSV_INVALID", "Tệp CSV có lỗi ở dòng 4, cột “kind”: Loại đơn vị “bao_ve” không hợp lệ. (và 1 lỗi khác) Chưa nhập đơn vị nào; hãy sửa tệp rồi gửi lại.", { problems }),
    );
    renderPage();
    fill();
    fireEvent.click(screen.getByTestId("ward-source-csv"));
    fireEvent.click(screen.getByTestId("ward-review"));
    expect(screen.getByTestId("ward-field-error")).toHaveTextContent("Vui lòng chọn tệp CSV");
    const file = new File(["code,name,kind\nA,Một,office\n"], "don-vi.csv", { type: "text/csv" });
    fireEvent.change(screen.getByTestId("ward-csv"), { target: { files: [file] } });
    expect(await screen.findByText("Đã chọn don-vi.csv.")).toBeInTheDocument();
    fireEvent.click(screen.getByTestId("ward-review"));
    fireEvent.click(screen.getByTestId("ward-confirm-ok"));
    expect(await screen.findByTestId("ward-refusal")).toHaveTextContent("Tệp CSV có lỗi ở dòng 4, cột “kind”");
    expect(screen.getByTestId("ward-problems")).toHaveTextContent("Dòng 5, cột “name”: Thiếu tên đơn vị.");
    expect(screen.getByTestId("ward-name")).toHaveValue("Hồng Bàng");
    expect(screen.getByTestId("ward-code")).toHaveValue("HB");
    expect(api.post).toHaveBeenCalledWith("/api/wards", expect.objectContaining({ source: "csv", csv: "code,name,kind\nA,Một,office\n" }));
  });

  it("a taken code is said in words and marked on the field", async () => {
    vi.spyOn(api, "post").mockRejectedValue(new ApiError(409, "WARD_CODE_TAKEN", "Mã “HB” đã được dùng cho một phường, xã hoặc đơn vị khác. Vui lòng chọn mã khác."));
    renderPage();
    fill();
    fireEvent.click(screen.getByTestId("ward-review"));
    fireEvent.click(screen.getByTestId("ward-confirm-ok"));
    expect(await screen.findByTestId("ward-refusal")).toHaveTextContent("Mã “HB” đã được dùng");
    expect(screen.getByTestId("ward-code")).toHaveAttribute("aria-invalid", "true");
  });

  it("checks the code before asking the server, and is for city staff only", () => {
    renderPage();
    fireEvent.change(screen.getByTestId("ward-name"), { target: { value: "Hồng Bàng" } });
    fireEvent.change(screen.getByTestId("ward-code"), { target: { value: "H" } });
    fireEvent.click(screen.getByTestId("ward-review"));
    expect(screen.getByTestId("ward-field-error")).toHaveTextContent("Mã gồm 2–10 chữ cái");
    cleanup();
    useSession.setState({ status: "signed-in", me: { ...cityStaff, role: "staff" } });
    renderPage();
    expect(screen.getByText("Chỉ cán bộ thành phố (Sở Nội vụ) thêm được phường, xã")).toBeInTheDocument();
  });
});
