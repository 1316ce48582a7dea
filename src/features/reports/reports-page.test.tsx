import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SnackbarProvider } from "zmp-ui";
import type { Period } from "@contract/catalog";
import type { Completeness, ReportListItem } from "@contract/reports";
import { useSession } from "../../lib/session-store";
import { reportsApi } from "./api";
import { countsOf } from "@contract/reports-rules";
import { ReportsPage } from "./reports-page";

const period: Period = {
  id: 3,
  wardId: 2,
  year: 2026,
  kind: "annual",
  title: "Báo cáo kết quả thực hiện Nghị quyết 83 năm 2026",
  opensAt: "2025-12-31T17:00:00.000Z",
  acceptsFrom: "2025-12-31T17:00:00.000Z",
  deadlineAt: "2026-11-30T16:59:59.000Z",
  status: "open",
  state: "open",
  expectedUnitIds: [1, 2, 3],
  exceptions: [],
};

const item = (unitId: number, code: string, status: ReportListItem["status"], onTime: boolean | null = null): ReportListItem => ({
  unitId,
  unitCode: code,
  unitName: `Đơn vị ${code}`,
  reportId: status === "missing" ? null : unitId,
  status,
  submittedAt: status === "submitted" || status === "approved" ? "2026-11-20T03:00:00.000Z" : null,
  onTime,
  timing: onTime === null ? null : onTime ? "on_time" : "late",
  version: 1,
  updatedAt: null,
  exceptionUntil: null,
});

function completeness(items: ReportListItem[], withoutFocal: string[] = []): Completeness {
  return {
    periodId: 3,
    deadlineAt: period.deadlineAt,
    asOf: "2026-11-27T03:00:00.000Z",
    total: countsOf(items),
    units: items.map((i) => ({ ...i, counts: countsOf([i]), focalCount: withoutFocal.includes(i.unitCode) ? 0 : 1 })),
  };
}

beforeEach(() => {
  Element.prototype.scrollTo = () => undefined;
  useSession.setState({
    status: "signed-in",
    me: { id: 2, name: "Cán bộ VHXH", avatarUrl: null, role: "staff", unit: null, ward: null, wardChosen: true, hasPhone: false, consented: true },
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("the staff completeness dashboard", () => {
  it("never promises a reminder to units that have no focal point yet", async () => {
    vi.spyOn(reportsApi, "periods").mockResolvedValue([period]);
    vi.spyOn(reportsApi, "completeness").mockResolvedValue(
      completeness([item(1, "DOAN", "missing"), item(2, "HOI", "missing"), item(3, "TDP01", "missing")], ["HOI", "TDP01"]),
    );
    render(
      <SnackbarProvider>
        <MemoryRouter>
          <ReportsPage />
        </MemoryRouter>
      </SnackbarProvider>,
    );
    expect((await screen.findByTestId("remind-all")).textContent).toBe("Nhắc tất cả đơn vị chưa nộp (1)");
    expect(screen.getByTestId("remind-unreachable").textContent).toContain("2 đơn vị chưa nộp chưa có đầu mối");
  });


  it("shows counts and rates, reminds one unit or all late units", async () => {
    vi.spyOn(reportsApi, "periods").mockResolvedValue([period]);
    vi.spyOn(reportsApi, "completeness").mockResolvedValue(
      completeness([item(1, "DOAN", "approved", true), item(2, "HOI", "submitted", false), item(3, "VHXH", "returned"), item(4, "QS", "missing")]),
    );
    const remind = vi.spyOn(reportsApi, "remind").mockResolvedValue({ units: [4], skipped: [], notified: 1 });
    render(
      <SnackbarProvider>
        <MemoryRouter>
          <ReportsPage />
        </MemoryRouter>
      </SnackbarProvider>,
    );
    expect((await screen.findByTestId("kpi-expected")).textContent).toContain("4");
    expect(screen.getByTestId("kpi-submitted").textContent).toContain("2");
    expect(screen.getByTestId("kpi-ontime").textContent).toContain("1");
    expect(screen.getByTestId("kpi-late").textContent).toContain("1");
    expect(screen.getByTestId("kpi-missing").textContent).toContain("2");
    expect(screen.getByTestId("kpi-returned").textContent).toContain("1");
    expect(screen.getByText("50%")).toBeTruthy(); // reporting rate 2/4
    expect(screen.getAllByText("25%").length).toBe(2); // on time 1/4, approved 1/4
    // before the deadline the units are "not submitted", not "late"
    expect(screen.getByTestId("remind-all").textContent).toBe("Nhắc tất cả đơn vị chưa nộp (2)");
    expect(screen.getByTestId("open-summary").getAttribute("href")).toBe("/reports/3/summary");

    const qs = screen.getByTestId("unit-QS");
    expect(within(qs).getByTestId("unit-status").textContent).toBe("Chưa nhập");
    expect(within(screen.getByTestId("unit-DOAN")).queryByTestId("remind-unit")).toBeNull();
    fireEvent.click(within(qs).getByTestId("remind-unit"));
    // a confirmation naming the unit comes first
    expect(remind).not.toHaveBeenCalled();
    fireEvent.click(await screen.findByTestId("confirm-remind-unit"));
    await waitFor(() => expect(remind).toHaveBeenCalledWith(3, [4]));

    fireEvent.click(screen.getByTestId("remind-all"));
    fireEvent.click(await screen.findByTestId("confirm-remind-all"));
    await waitFor(() => expect(remind).toHaveBeenLastCalledWith(3, undefined));
  });
});

describe("the day after the deadline", () => {
  it("counts on time, on time within an extension and late apart, and leads to the extensions", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-03T02:00:00.000Z"), toFake: ["Date"] });
    const locked: Period = { ...period, state: "locked", exceptions: [{ unitId: 2, until: "2026-12-10T16:59:59.000Z" }] };
    const next: Period = { ...period, id: 4, year: 2027, title: "Báo cáo năm 2027", acceptsFrom: period.deadlineAt, deadlineAt: "2027-11-30T16:59:59.000Z" };
    vi.spyOn(reportsApi, "periods").mockResolvedValue([next, locked]);
    const extended = { ...item(2, "HOI", "submitted", true), timing: "on_time_extended" as const, submittedAt: "2026-12-02T03:00:00.000Z", exceptionUntil: "2026-12-10T16:59:59.000Z" };
    const items = [item(1, "DOAN", "approved", true), extended, item(3, "VHXH", "draft"), item(4, "QS", "submitted", false)];
    const spy = vi.spyOn(reportsApi, "completeness").mockResolvedValue(completeness(items));
    render(
      <SnackbarProvider>
        <MemoryRouter>
          <ReportsPage />
        </MemoryRouter>
      </SnackbarProvider>,
    );
    // the extension is still running, so 2026 is the period that matters
    expect((await screen.findByTestId("report-countdown")).textContent).toBe("Đã quá hạn nộp báo cáo 30/11/2026 (3 ngày)");
    expect(spy).toHaveBeenCalledWith(3);
    expect(screen.getByTestId("kpi-ontime").textContent).toContain("1");
    expect(screen.getByTestId("kpi-extended").textContent).toBe("1Đúng hạn (được gia hạn)");
    expect(screen.getByTestId("kpi-late").textContent).toContain("1");
    expect(within(screen.getByTestId("unit-HOI")).getByRole("link").textContent).toContain("đúng hạn (được gia hạn)");
    expect(within(screen.getByTestId("unit-QS")).getByRole("link").textContent).toContain("nộp muộn");
    expect(screen.getByTestId("extend-late").getAttribute("href")).toBe("/reports/periods?period=3");
    vi.useRealTimers();
  });

  it("once no extension runs, opens the next year's report and keeps the one just locked one tap away", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T02:00:00.000Z"), toFake: ["Date"] });
    const locked: Period = { ...period, state: "locked" };
    const next: Period = { ...period, id: 4, year: 2027, title: "Báo cáo năm 2027", acceptsFrom: period.deadlineAt, deadlineAt: "2027-11-30T16:59:59.000Z" };
    vi.spyOn(reportsApi, "periods").mockResolvedValue([next, locked]);
    const spy = vi.spyOn(reportsApi, "completeness").mockResolvedValue(completeness([item(1, "DOAN", "missing")]));
    render(
      <SnackbarProvider>
        <MemoryRouter>
          <ReportsPage />
        </MemoryRouter>
      </SnackbarProvider>,
    );
    expect((await screen.findByTestId("report-countdown")).textContent).toBe("Còn 364 ngày đến hạn nộp báo cáo 30/11/2027");
    expect(spy).toHaveBeenCalledWith(4);
    fireEvent.click(screen.getByTestId("recently-locked"));
    await waitFor(() => expect(spy).toHaveBeenLastCalledWith(3));
    vi.useRealTimers();
  });
});

describe("rates in Vietnamese", () => {
  it("write a decimal comma", async () => {
    vi.spyOn(reportsApi, "periods").mockResolvedValue([period]);
    const units = [item(1, "DOAN", "submitted", true), ...Array.from({ length: 18 }, (_, k) => item(10 + k, `TDP${k}`, "missing"))];
    vi.spyOn(reportsApi, "completeness").mockResolvedValue(completeness(units));
    render(
      <SnackbarProvider>
        <MemoryRouter>
          <ReportsPage />
        </MemoryRouter>
      </SnackbarProvider>,
    );
    expect((await screen.findByTestId("kpi-expected")).textContent).toContain("19");
    expect(screen.getAllByText("5,3%").length).toBe(2); // 1/19 submitted, on time
    expect(screen.queryByText("5.3%")).toBeNull();
  });
});
