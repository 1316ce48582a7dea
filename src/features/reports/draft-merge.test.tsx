import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConflictItem, Report, ReportSave } from "@contract/reports";
import { ApiError } from "../../lib/api-client";
import { reportsApi } from "./api";
import { DraftSync } from "./draft-sync";
import { NotesField } from "./fields";
import { applySave, form, renderForm, signInFocal } from "./test-fixtures";

const conflict = (serverVersion: number, changes: Partial<ConflictItem>[]) =>
  new ApiError(409, "VERSION_CONFLICT", "Báo cáo vừa được người khác cập nhật.", {
    serverVersion,
    changes: changes.map((c) => ({ label: c.field ?? "", serverValue: null, yourValue: null, changedBy: "Cán bộ phường", changedById: 9, changedAt: "2026-11-20T03:00:00.000Z", field: "", ...c })),
  });

beforeEach(signInFocal);
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** A DraftSync whose server answers 409 once (with `first`), then applies saves on top of `server`. */
function syncAgainst(server: Report, first: ApiError) {
  const sent: ReportSave[] = [];
  let refused = false;
  const d = new DraftSync(1, 8, {
    save: async (body) => {
      sent.push(body);
      if (!refused) {
        refused = true;
        throw first;
      }
      return applySave(server, body);
    },
    load: async () => server,
    storage: localStorage,
    debounceMs: 5,
    isOnline: () => true,
  });
  return { d, sent };
}

describe("a stale save (409)", () => {
  it("merges by itself when each side changed different fields: mine go again on the server's version, theirs show", async () => {
    const server = form({ version: 6, proposals: "Đề xuất của cán bộ phường", difficulties: "" });
    const { d, sent } = syncAgainst(server, conflict(6, [{ field: "proposals", serverValue: "Đề xuất của cán bộ phường" }]));
    d.loaded(form({ version: 5 }));
    d.setIndicator(10, { numerator: 45, denominator: 90 });
    await waitFor(() => expect(d.getState().sync).toBe("saved"));
    expect(d.getState().conflict).toBeNull();
    expect(sent.map((b) => b.version)).toEqual([5, 6]);
    expect(sent[1]).toEqual({ version: 6, indicators: [{ indicatorId: 10, numerator: 45, denominator: 90 }] });
    expect(d.getState().form?.proposals).toBe("Đề xuất của cán bộ phường");
    d.dispose();
  });

  it("merges a field both sides set to the same value; asks only about a field set differently", async () => {
    const server = form({ version: 6 });
    const { d, sent } = syncAgainst(
      server,
      conflict(6, [
        { field: "indicator:10:numerator", serverValue: 45, yourValue: 45 },
        { field: "indicator:10:denominator", serverValue: 100, yourValue: 90 },
        { field: "difficulties", serverValue: "Theo cán bộ" },
      ]),
    );
    d.loaded(form({ version: 5 }));
    d.setIndicator(10, { numerator: 45, denominator: 90 });
    await waitFor(() => expect(d.getState().sync).toBe("conflict"));
    expect(d.getState().conflict?.changes.map((c) => c.field)).toEqual(["indicator:10:denominator"]);
    expect(sent).toHaveLength(1);
    d.resolveConflict("mine");
    await waitFor(() => expect(d.getState().sync).toBe("saved"));
    expect(sent[1]).toEqual({ version: 6, indicators: [{ indicatorId: 10, numerator: 45, denominator: 90 }] });
    d.dispose();
  });
});


describe("the conflict sheet", () => {
  it("says it was the same person on another session or device when they made the other change", async () => {
    vi.spyOn(reportsApi, "get").mockResolvedValue(form({ version: 4 }));
    vi.spyOn(reportsApi, "save").mockRejectedValue(conflict(5, [{ field: "indicator:10:numerator", label: "CT10 · Tử số", serverValue: 50, yourValue: 45, changedBy: "Đầu mối", changedById: 5 }]));
    renderForm();
    fireEvent.change(within(await screen.findByTestId("indicator-CT10")).getByTestId("numerator"), { target: { value: "45" } });
    expect(await screen.findByText("Bạn vừa sửa báo cáo này ở một phiên hoặc thiết bị khác", {}, { timeout: 3000 })).toBeInTheDocument();
    const sheet = screen.getByTestId("conflict-sheet");
    expect(sheet).toHaveAttribute("data-by", "same-person");
    expect(sheet).toHaveTextContent("bởi bạn, ở phiên khác");
    expect(screen.getByTestId("keep-mine")).toHaveTextContent("Giữ bản trên điện thoại này");
  });
});

describe("difficulties and proposals", () => {
  it("counts towards 8 000 characters and, past it, refuses clearly without cutting the text", () => {
    const onChange = vi.fn();
    const long = "Thiếu kinh phí. ".repeat(520); // 8 320 characters
    const { rerender } = render(<NotesField label="Đề xuất, kiến nghị" testId="proposals" value="Ngắn" disabled={false} onChange={onChange} />);
    expect(screen.getByTestId("proposals-count")).toHaveTextContent("4 / 8.000 ký tự");
    expect(screen.getByTestId("proposals")).not.toHaveAttribute("maxlength");
    fireEvent.change(screen.getByTestId("proposals"), { target: { value: long } });
    expect(onChange).toHaveBeenCalledWith(long);
    rerender(<NotesField label="Đề xuất, kiến nghị" testId="proposals" value={long} disabled={false} onChange={onChange} />);
    expect(screen.getByTestId("proposals")).toHaveValue(long);
    expect(screen.getByTestId("proposals-count")).toHaveTextContent("8.320 / 8.000 ký tự");
    expect(screen.getByTestId("proposals-error")).toHaveTextContent("Đề xuất, kiến nghị dài 8.320 ký tự, quá giới hạn 8.000 ký tự: vui lòng rút gọn 320 ký tự.");
  });

  it("keeps an over-long text on the phone unsent, sends the rest, and says why", async () => {
    const sent: ReportSave[] = [];
    const d = new DraftSync(4, 8, {
      save: async (body) => {
        sent.push(body);
        return applySave(form(), body);
      },
      storage: localStorage,
      debounceMs: 5,
      isOnline: () => true,
    });
    d.loaded(form());
    d.setText("difficulties", "x".repeat(8001));
    d.setIndicator(10, { numerator: 1, denominator: 2 });
    await waitFor(() => expect(d.getState().sync).toBe("error"));
    expect(sent).toEqual([{ version: 0, indicators: [{ indicatorId: 10, numerator: 1, denominator: 2 }] }]);
    expect(d.getState().error).toContain("quá giới hạn 8.000 ký tự");
    expect(d.getState().pending.difficulties).toHaveLength(8001);
    expect(localStorage.getItem("tns.report-draft.4.8")).toContain("x".repeat(8001));
    await expect(d.flush()).rejects.toThrow("quá giới hạn 8.000 ký tự");
    d.setText("difficulties", "x".repeat(8000));
    await waitFor(() => expect(d.getState().sync).toBe("saved"));
    expect(sent[1]).toEqual({ version: 1, difficulties: "x".repeat(8000) });
    d.dispose();
  });
});
