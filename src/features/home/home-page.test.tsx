import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SnackbarProvider } from "zmp-ui";
import { api } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { HomePage } from "./home-page";
import type { Period } from "@contract/catalog";

const period = (over: Partial<Period>): Period => ({
  id: 1,
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
  ...over,
});

describe("home page", () => {
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("shows the ward name, the period countdown and the latest notices", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-27T02:00:00.000Z"), toFake: ["Date"] });
    useSession.setState({ config: { wardName: "Phường Lê Đại Hành", timeZone: "Asia/Ho_Chi_Minh", devSignIn: true, zaloAppId: "x", pushChannel: "inbox" } });
    vi.spyOn(api, "get").mockImplementation(async (url: string) => {
      if (url === "/api/periods") return { data: [period({})] };
      if (url === "/api/announcements") return { data: { items: [{ id: 7, title: "Triển khai Nghị quyết 83", publishedAt: "2026-11-20T02:00:00.000Z" }] } };
      throw new Error(`unexpected ${url}`);
    });
    render(
      <SnackbarProvider>
        <MemoryRouter>
          <HomePage />
        </MemoryRouter>
      </SnackbarProvider>,
    );
    expect(screen.getByTestId("ward-name")).toHaveTextContent("Phường Lê Đại Hành");
    await waitFor(() => expect(screen.getByTestId("period-countdown")).toHaveTextContent("Còn 3 ngày đến hạn nộp báo cáo 30/11/2026"));
    expect(screen.getByText("Triển khai Nghị quyết 83")).toBeInTheDocument();
    expect(screen.getByText("20/11/2026")).toBeInTheDocument();
    vi.useRealTimers();
  });

  it("the day after the deadline: red overdue for focal points and staff, a plain fact for youth and visitors", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T02:00:00.000Z"), toFake: ["Date"] });
    const locked = period({ state: "locked", exceptions: [{ unitId: 2, until: "2026-12-10T16:59:59.000Z" }] });
    vi.spyOn(api, "get").mockImplementation(async (url: string) => {
      if (url === "/api/periods") return { data: [locked] };
      return { data: { items: [] } };
    });
    const show = async (me: unknown) => {
      useSession.setState({ me: me as never });
      const view = render(
        <SnackbarProvider>
          <MemoryRouter>
            <HomePage />
          </MemoryRouter>
        </SnackbarProvider>,
      );
      const line = await screen.findByTestId("period-countdown");
      const out = { text: line.textContent, red: line.classList.contains("countdown--locked") };
      view.unmount();
      return out;
    };
    expect(await show(null)).toEqual({ text: "Đã hết hạn nộp báo cáo ngày 30/11/2026", red: false });
    expect(await show({ id: 3, name: "Thanh niên", role: "youth", unit: null })).toEqual({ text: "Đã hết hạn nộp báo cáo ngày 30/11/2026", red: false });
    expect(await show({ id: 1, name: "Cán bộ", role: "staff", unit: null })).toEqual({ text: "Đã quá hạn nộp báo cáo 30/11/2026 (1 ngày)", red: true });
    expect(await show({ id: 4, name: "Đầu mối", role: "focal", unit: { id: 1, name: "Đoàn" } })).toEqual({ text: "Đã quá hạn nộp báo cáo 30/11/2026 (1 ngày)", red: true });
    // a focal point whose unit was extended sees its own date, not "overdue"
    expect(await show({ id: 5, name: "Đầu mối", role: "focal", unit: { id: 2, name: "Hội" } })).toEqual({ text: "Đơn vị được gia hạn nộp đến 23:59 10/12/2026", red: false });
    useSession.setState({ me: null });
    vi.useRealTimers();
  });

  it("gives staff a shortcut to invite a unit's focal point (the invitation screen had no way in but Cá nhân)", () => {
    useSession.setState({ me: { id: 1, name: "Cán bộ", role: "staff" } as never });
    vi.spyOn(api, "get").mockImplementation(async () => new Promise(() => {}));
    render(
      <SnackbarProvider>
        <MemoryRouter>
          <HomePage />
        </MemoryRouter>
      </SnackbarProvider>,
    );
    const links = screen.getAllByRole("link").map((a) => [a.textContent, a.getAttribute("href")]);
    expect(links).toContainEqual(["Mời đầu mối", "/account/invite"]);
    expect(links).toContainEqual(["Đăng thông báo", "/announcements/new"]);
    useSession.setState({ me: null });
  });
});
