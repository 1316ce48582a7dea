import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SnackbarProvider } from "zmp-ui";
import type { Holiday } from "@contract/holidays";
import { ApiError } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { holidaysApi } from "./api";
import { HolidaysPage } from "./holidays-page";

const DAYS: Holiday[] = [
  { date: "2026-01-02", name: "Tết Dương lịch (nghỉ hoán đổi, làm bù thứ Bảy 10/01)", kind: "off" },
  { date: "2026-01-10", name: "Làm bù cho thứ Sáu 02/01 (nghỉ Tết Dương lịch)", kind: "working" },
];

const renderPage = () =>
  render(
    <SnackbarProvider>
      <MemoryRouter>
        <HolidaysPage />
      </MemoryRouter>
    </SnackbarProvider>,
  );

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-03-02T02:00:00.000Z"), toFake: ["Date"] });
  Element.prototype.scrollTo = () => undefined;
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe("the working calendar", () => {
  it("shows the year's days off and days worked, and says a change never moves a due date already given", async () => {
    useSession.setState({ me: { id: 1, name: "Thanh niên", role: "youth" } as never });
    const list = vi.spyOn(holidaysApi, "list").mockResolvedValue(DAYS);
    renderPage();
    expect(await screen.findByTestId("holiday-2026-01-10")).toHaveTextContent("Thứ Bảy 10/01/2026");
    expect(screen.getByTestId("holiday-2026-01-10")).toHaveTextContent("Ngày làm bù");
    expect(screen.getByTestId("holiday-2026-01-02")).toHaveTextContent("Thứ Sáu 02/01/2026");
    expect(list).toHaveBeenCalledWith(2026);
    expect(screen.getByTestId("holiday-rule").textContent).toContain("hạn của góp ý đã nhận giữ nguyên");
    // reading only: nothing to add or remove
    expect(screen.queryByTestId("add-holiday")).toBeNull();
    expect(screen.queryByTestId("remove-holiday")).toBeNull();
    fireEvent.click(screen.getByRole("tab", { name: "2027" }));
    await waitFor(() => expect(list).toHaveBeenLastCalledWith(2027));
  });

  it("staff add a worked Saturday (a weekday is refused on the spot), keep what they typed when the server refuses, and confirm a removal", async () => {
    useSession.setState({ me: { id: 2, name: "Cán bộ", role: "staff" } as never });
    vi.spyOn(holidaysApi, "list").mockResolvedValue(DAYS);
    const add = vi
      .spyOn(holidaysApi, "add")
      .mockRejectedValueOnce(new ApiError(409, "HOLIDAY_EXISTS", "Ngày 14/03/2026 đã có trong lịch."))
      .mockResolvedValueOnce({ date: "2026-03-14", name: "Làm bù", kind: "working" });
    const remove = vi.spyOn(holidaysApi, "remove").mockResolvedValue(undefined);
    renderPage();
    const form = await screen.findByTestId("add-holiday");
    fireEvent.click(within(form).getByTestId("holiday-kind-working"));
    fireEvent.change(within(form).getByTestId("holiday-date"), { target: { value: "11/03/2026" } });
    fireEvent.change(within(form).getByTestId("holiday-name"), { target: { value: "Làm bù" } });
    expect(within(form).getByText("Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.")).toBeTruthy();
    expect(within(form).getByTestId("holiday-add")).toHaveProperty("disabled", true);
    fireEvent.change(within(form).getByTestId("holiday-date"), { target: { value: "14/03/2026" } });
    fireEvent.click(within(form).getByTestId("holiday-add"));
    expect(await screen.findByText("Ngày 14/03/2026 đã có trong lịch.")).toBeTruthy();
    expect(within(form).getByTestId("holiday-date")).toHaveProperty("value", "14/03/2026");
    expect(within(form).getByTestId("holiday-name")).toHaveProperty("value", "Làm bù");
    fireEvent.click(within(form).getByTestId("holiday-add"));
    await waitFor(() => expect(add).toHaveBeenLastCalledWith({ date: "2026-03-14", name: "Làm bù", kind: "working" }));

    fireEvent.click(within(screen.getByTestId("holiday-2026-01-02")).getByTestId("remove-holiday"));
    expect(remove).not.toHaveBeenCalled();
    fireEvent.click(await screen.findByTestId("confirm-remove-holiday"));
    await waitFor(() => expect(remove).toHaveBeenCalledWith("2026-01-02"));
  });
});
