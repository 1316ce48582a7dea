import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ReportSave } from "@contract/reports";
import { ApiError } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { reportsApi } from "./api";
import { DraftSync } from "./draft-sync";
import { removeSent } from "./pending-edits";
import { applySave, form, renderForm, signInFocal } from "./test-fixtures";

beforeEach(signInFocal);
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
});


describe("the unit's report form", () => {
  it("shows the percentage live, flags a value far from last year, and shows the sync state", async () => {
    let server = form();
    vi.spyOn(reportsApi, "get").mockImplementation(async () => server);
    let release: () => void = () => undefined;
    const save = vi.spyOn(reportsApi, "save").mockImplementation(async (_p, _u, body) => {
      await new Promise<void>((r) => (release = r));
      server = applySave(server, body);
      return server;
    });
    renderForm();
    const card = await screen.findByTestId("indicator-CT10");
    expect(within(card).getByTestId("last-year").textContent).toBe("40% (40/100)");
    expect(within(card).getByTestId("percent").textContent).toBe("= —");
    expect(screen.getByTestId("sync-state").textContent).toBe("Đã lưu");

    fireEvent.change(within(card).getByTestId("numerator"), { target: { value: "412" } });
    fireEvent.change(within(card).getByTestId("denominator"), { target: { value: "530" } });
    expect(within(card).getByTestId("percent").textContent).toBe("= 77,7%");
    // 77.7% against 40% last year: highlighted, a comment is asked for
    expect(within(card).getByTestId("flag-note").textContent).toContain("Cần giải thích");
    expect(screen.getByTestId("sync-state").textContent).toBe("Đang lưu…");
    // kept on the phone before the server answers
    expect(localStorage.getItem("tns.report-draft.1.8")).toContain("412");

    await waitFor(() => expect(save).toHaveBeenCalledTimes(1), { timeout: 3000 });
    expect(save.mock.calls[0][2]).toEqual({ version: 0, indicators: [{ indicatorId: 10, numerator: 412, denominator: 530 }] });
    expect(screen.getByTestId("sync-state").textContent).toBe("Đang lưu…");
    await act(async () => release());
    await waitFor(() => expect(screen.getByTestId("sync-state").textContent).toBe("Đã lưu"));
    fireEvent.change(within(card).getByTestId("denominator"), { target: { value: "1030" } });
    expect(within(card).getByTestId("percent").textContent).toBe("= 40%");
    expect(within(card).queryByTestId("flag-note")).toBeNull();
  });

  it("a locked report never started says plainly the period is closed and whom to ask", async () => {
    const lock = { locked: true, reason: "PERIOD_LOCKED", deadlineAt: "2026-11-30T16:59:59.000Z", exceptionUntil: null, editableUntil: "2026-11-30T16:59:59.000Z", acceptsFrom: "2025-12-31T17:00:00.000Z" };
    vi.spyOn(reportsApi, "get").mockResolvedValue(form({ id: 0, lock }));
    const save = vi.spyOn(reportsApi, "save");
    renderForm();
    const note = await screen.findByTestId("lock-reason");
    expect(note.textContent).toBe("Kỳ báo cáo đã hết hạn nộp lúc 23:59 30/11/2026, báo cáo bị khóa. Để được gia hạn, vui lòng liên hệ Phòng Văn hóa - Xã hội (UBND phường).");
    expect(note.getAttribute("role")).toBe("alert");
    expect(screen.getByTestId("report-status").textContent).toBe("Chưa nhập");
    expect(screen.queryByTestId("submit-report")).toHaveProperty("disabled", true);
    expect(save).not.toHaveBeenCalled();
  });

  it("shows the return reason prominently and the conflict choice on a 409", async () => {
    vi.spyOn(reportsApi, "get").mockResolvedValue(form({ status: "returned", returnReason: "Thiếu số liệu tổ dân phố 3.", version: 4 }));
    vi.spyOn(reportsApi, "save").mockRejectedValue(
      new ApiError(409, "VERSION_CONFLICT", "Báo cáo vừa được người khác cập nhật.", {
        serverVersion: 5,
        changes: [{ field: "indicator:10:numerator", label: "CT10 · Tử số", serverValue: 50, yourValue: 45, changedBy: "Cán bộ phường", changedById: 9, changedAt: "2026-11-20T03:00:00.000Z" }],
      }),
    );
    renderForm();
    expect((await screen.findByTestId("return-reason")).textContent).toContain("Thiếu số liệu tổ dân phố 3.");
    fireEvent.change(within(screen.getByTestId("indicator-CT10")).getByTestId("numerator"), { target: { value: "45" } });
    await waitFor(() => expect(screen.getByTestId("sync-state").textContent).toBe("Báo cáo vừa được sửa ở nơi khác — cần chọn"), { timeout: 3000 });
    const sheet = await screen.findByTestId("conflict-sheet");
    expect(sheet.textContent).toContain("CT10 · Tử số");
    expect(sheet.textContent).toContain("Cán bộ phường");
    expect(screen.getByText("Báo cáo vừa được Cán bộ phường cập nhật")).toBeInTheDocument();
    expect(sheet).toHaveAttribute("data-by", "another-person");
  });
});

describe("draft sync", () => {
  it("keeps edits on the phone while offline and sends them when the connection returns", async () => {
    let online = false;
    const sent: ReportSave[] = [];
    const d = new DraftSync(1, 8, {
      save: async (body) => {
        sent.push(body);
        return applySave(form(), body);
      },
      storage: localStorage,
      debounceMs: 5,
      isOnline: () => online,
    });
    d.loaded(form());
    d.setIndicator(10, { numerator: 30, denominator: 60 });
    await waitFor(() => expect(d.getState().sync).toBe("offline"));
    expect(sent).toHaveLength(0);
    // a new page load (e.g. the app was closed) finds the edit on the phone
    const again = new DraftSync(1, 8, { save: async () => form(), storage: localStorage, isOnline: () => false });
    expect(again.getState().pending.indicators["10"]).toEqual({ numerator: 30, denominator: 60 });
    expect(again.getState().sync).toBe("offline");
    again.dispose();

    online = true;
    window.dispatchEvent(new Event("online"));
    await waitFor(() => expect(d.getState().sync).toBe("saved"));
    expect(sent).toEqual([{ version: 0, indicators: [{ indicatorId: 10, numerator: 30, denominator: 60 }] }]);
    expect(d.getState().baseVersion).toBe(1);
    d.dispose();
  });

  it("leaving the screen sends a save still waiting for its pause", async () => {
    const sent: ReportSave[] = [];
    const d = new DraftSync(3, 8, {
      save: async (body) => {
        sent.push(body);
        return applySave(form(), body);
      },
      storage: localStorage,
      debounceMs: 60_000,
      isOnline: () => true,
    });
    d.loaded(form());
    d.setText("proposals", "Đề xuất hỗ trợ kinh phí");
    expect(sent).toHaveLength(0);
    d.dispose();
    await waitFor(() => expect(sent).toEqual([{ version: 0, proposals: "Đề xuất hỗ trợ kinh phí" }]));
  });

  it("a network failure mid-save keeps the edit; edits made during a save are sent next", async () => {
    let fail = true;
    const d = new DraftSync(2, 8, {
      save: async (body) => {
        if (fail) throw new ApiError(0, "NETWORK", "Không có kết nối mạng.");
        return applySave(form(), body);
      },
      storage: localStorage,
      debounceMs: 5,
      isOnline: () => true,
    });
    d.loaded(form());
    d.setText("difficulties", "Thiếu kinh phí");
    await waitFor(() => expect(d.getState().sync).toBe("offline"));
    expect(d.getState().pending.difficulties).toBe("Thiếu kinh phí");
    fail = false;
    await d.flush();
    expect(d.getState().sync).toBe("saved");
    expect(removeSent({ indicators: { 1: { numerator: 2, comment: "a" } }, tasks: {} }, { indicators: { 1: { numerator: 2, comment: "b" } }, tasks: {} })).toEqual({
      indicators: { 1: { comment: "a" } },
      tasks: {},
    });
    d.dispose();
  });
});

describe("staff looking at a unit's report", () => {
  it("a unit that never opened its report reads 'Chưa nhập', not 'Đang nhập', and offers no review", async () => {
    useSession.setState({
      status: "signed-in",
      me: { id: 6, name: "Cán bộ", avatarUrl: null, role: "staff", unit: null, ward: null, wardChosen: true, hasPhone: false, consented: true },
    });
    vi.spyOn(reportsApi, "get").mockResolvedValue(form({ id: 0 }));
    renderForm();
    expect((await screen.findByTestId("report-status")).textContent).toBe("Chưa nhập");
    expect(screen.queryByTestId("approve")).toBeNull();
    expect(screen.getByTestId("review-actions").textContent).toContain("Đơn vị chưa nộp báo cáo.");
    expect(screen.queryByTestId("sync-state")).toBeNull();
  });
});
