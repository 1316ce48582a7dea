import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SnackbarProvider } from "zmp-ui";
import type { Period, Unit } from "@contract/catalog";
import type { ReportListItem } from "@contract/reports";
import { useSession } from "../../lib/session-store";
import { reportsApi } from "./api";
import { PeriodsPage } from "./periods-page";

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
  state: "locked",
  expectedUnitIds: [1, 2, 3, 4],
  exceptions: [
    { unitId: 4, until: "2026-11-30T17:30:00.000Z" },
    { unitId: 1, until: "2026-12-10T16:59:59.000Z" },
  ],
};
const unit = (id: number, code: string): Unit => ({ id, code, name: `Đơn vị ${code}`, shortName: code, kind: "residential_group", parentId: null, wardId: 1 });
const units = [unit(1, "TDP01"), unit(2, "TDP02"), unit(3, "TDP03"), unit(4, "TDP04")];
const row = (u: Unit, status: ReportListItem["status"]): ReportListItem => ({
  unitId: u.id,
  unitCode: u.code,
  unitName: u.name,
  reportId: null,
  status,
  submittedAt: null,
  onTime: null,
  timing: null,
  version: 0,
  updatedAt: null,
  exceptionUntil: null,
});

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-12-01T02:00:00.000Z"), toFake: ["Date"] });
  Element.prototype.scrollTo = () => undefined;
  useSession.setState({ status: "signed-in", me: { id: 2, name: "Cán bộ", avatarUrl: null, role: "staff", unit: null, ward: null, wardChosen: true, hasPhone: false, consented: true } });
  vi.spyOn(reportsApi, "periods").mockResolvedValue([period]);
  vi.spyOn(reportsApi, "units").mockResolvedValue(units);
  vi.spyOn(reportsApi, "list").mockResolvedValue([row(units[0], "draft"), row(units[1], "missing"), row(units[2], "submitted"), row(units[3], "missing")]);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const renderAt = (path: string) =>
  render(
    <SnackbarProvider>
      <MemoryRouter initialEntries={[path]}>
        <PeriodsPage />
      </MemoryRouter>
    </SnackbarProvider>,
  );

describe("extensions on the periods screen", () => {
  it("lists every extension with its date; a running one can be ended early after a confirmation", async () => {
    const end = vi.spyOn(reportsApi, "setException").mockResolvedValue({});
    renderAt("/reports/periods?period=3");
    const list = await screen.findByTestId("exception-list");
    expect(within(screen.getByTestId("exception-1")).getByText(/đến 23:59 10\/12\/2026/)).toBeTruthy();
    // an extension that has already ended is shown as such, with nothing to end
    expect(screen.getByTestId("exception-4").textContent).toContain("(đã hết)");
    expect(within(screen.getByTestId("exception-4")).queryByTestId("end-exception")).toBeNull();
    expect(list.textContent).toContain("Đơn vị TDP01");
    fireEvent.click(within(screen.getByTestId("exception-1")).getByTestId("end-exception"));
    expect(end).not.toHaveBeenCalled();
    fireEvent.click(await screen.findByTestId("confirm-end-exception"));
    await waitFor(() => expect(end).toHaveBeenCalledWith(3, 1, null));
  });

  it("extends every unit not submitted, or those chosen, with one date", async () => {
    const extend = vi.spyOn(reportsApi, "extendUnits").mockResolvedValue({ periodId: 3, until: "2026-12-07T16:59:59.000Z", units: [1, 2, 4], skipped: [], notified: 3 });
    renderAt("/reports/periods?period=3");
    const form = await screen.findByTestId("extend-form");
    await within(form).findByTestId("extend-all");
    // a unit that has submitted is not offered
    expect(within(form).queryByTestId("extend-TDP03")).toBeNull();
    expect(within(form).getByTestId("extend-submit")).toHaveProperty("disabled", true);
    fireEvent.click(within(form).getByTestId("extend-all"));
    fireEvent.change(within(form).getByTestId("extend-date"), { target: { value: "07/12/2026" } });
    expect(within(form).getByTestId("extend-submit").textContent).toBe("Gia hạn cho 3 đơn vị");
    fireEvent.click(within(form).getByTestId("extend-submit"));
    await waitFor(() => expect(extend).toHaveBeenCalledWith(3, [1, 2, 4], "2026-12-07T23:59:59+07:00"));
    expect(await screen.findByText("Đã gia hạn cho 3 đơn vị đến 07/12/2026.")).toBeTruthy();

    fireEvent.click(within(form).getByTestId("extend-TDP02"));
    fireEvent.change(within(form).getByTestId("extend-date"), { target: { value: "08/12/2026" } });
    fireEvent.click(within(form).getByTestId("extend-submit"));
    await waitFor(() => expect(extend).toHaveBeenLastCalledWith(3, [2], "2026-12-08T23:59:59+07:00"));
  });
});
