import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SnackbarProvider } from "zmp-ui";
import type { Me } from "@contract/identity";
import type { Ward } from "@contract/wards";
import { api } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { WardCard } from "./ward-card";

const ward = (id: number, code: string, name: string): Ward => ({ id, code, name, unitName: `Ủy ban nhân dân ${name.toLowerCase()}`, level: "phuong", joinLink: `https://zalo.me/s/x/?ward=${code}` });
const WARDS = [ward(2, "UBND", "Phường Lê Đại Hành"), ward(40, "HB", "Phường Hồng Bàng")];
const me = (over: Partial<Me> = {}): Me => ({
  id: 7,
  name: "Thanh niên",
  avatarUrl: null,
  role: "youth",
  unit: null,
  ward: { id: 2, code: "UBND", name: "Ủy ban nhân dân phường Lê Đại Hành" },
  wardChosen: false,
  hasPhone: false,
  consented: true,
  ...over,
});
const renderCard = () =>
  render(
    <SnackbarProvider>
      <WardCard />
    </SnackbarProvider>,
  );

describe("a youth's ward", () => {
  beforeEach(() => {
    vi.spyOn(api, "get").mockImplementation(async (url: string) => {
      if (url === "/api/wards") return { data: WARDS };
      throw new Error(`unexpected GET ${url}`);
    });
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    useSession.setState({ me: null, status: "anonymous", pendingWard: null });
  });

  it("asks a youth who has not chosen, and saves the choice", async () => {
    useSession.setState({ status: "signed-in", me: me(), pendingWard: null });
    const patch = vi.spyOn(api, "patch").mockResolvedValue({ data: me({ ward: { id: 40, code: "HB", name: "Ủy ban nhân dân phường Hồng Bàng" }, wardChosen: true }) });
    renderCard();
    const select = await screen.findByTestId("ward-choice");
    expect(select).toHaveValue("2"); // the default ward, preselected
    fireEvent.change(select, { target: { value: "40" } });
    fireEvent.click(screen.getByTestId("ward-choice-save"));
    await waitFor(() => expect(patch).toHaveBeenCalledWith("/api/me", { wardId: 40 }));
    expect(await screen.findByText("Bạn đã tham gia Phường Hồng Bàng.")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId("ward-choice-card")).toBeNull());
  });

  it("a ward's QR link settles a default ward at once, without a question", async () => {
    useSession.setState({ status: "signed-in", me: me(), pendingWard: "HB" });
    const patch = vi.spyOn(api, "patch").mockResolvedValue({ data: me({ ward: { id: 40, code: "HB", name: "Ủy ban nhân dân phường Hồng Bàng" }, wardChosen: true }) });
    renderCard();
    await waitFor(() => expect(patch).toHaveBeenCalledWith("/api/me", { wardId: 40 }));
    await waitFor(() => expect(useSession.getState().pendingWard).toBeNull());
    expect(screen.queryByTestId("ward-choice-card")).toBeNull();
  });

  it("asks before a QR link moves a youth who chose another ward; keeping it changes nothing", async () => {
    useSession.setState({ status: "signed-in", me: me({ wardChosen: true }), pendingWard: "HB" });
    const patch = vi.spyOn(api, "patch");
    renderCard();
    expect(await screen.findByTestId("ward-link-card")).toHaveTextContent("Tham gia Phường Hồng Bàng?");
    expect(screen.getByTestId("ward-link-card")).toHaveTextContent("hiện bạn thuộc Phường Lê Đại Hành");
    fireEvent.click(screen.getByTestId("ward-link-dismiss"));
    await waitFor(() => expect(screen.queryByTestId("ward-link-card")).toBeNull());
    expect(useSession.getState().pendingWard).toBeNull();
    expect(patch).not.toHaveBeenCalled();
  });

  it("shows nothing to other roles and drops a ward link they opened", async () => {
    useSession.setState({ status: "signed-in", me: me({ role: "staff", wardChosen: true }), pendingWard: "HB" });
    const { container } = renderCard();
    await waitFor(() => expect(useSession.getState().pendingWard).toBeNull());
    expect(container.querySelector(".ward-card")).toBeNull();
  });
});
