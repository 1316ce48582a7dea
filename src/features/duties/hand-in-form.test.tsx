import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DutyDetail } from "@contract/duties";
import { api, ApiError } from "../../lib/api-client";
import { HandInForm } from "./hand-in-form";

const duty: DutyDetail = {
  id: 3,
  kind: "unit_plan",
  title: "Ban hành kế hoạch của đơn vị",
  description: "",
  year: 2026,
  startsAt: "2025-12-31T17:00:00.000Z",
  dueAt: "2026-01-31T16:59:59.000Z",
  requiresDocument: true,
  recursYearly: false,
  counts: { expected: 1, notStarted: 1, handedIn: 0, accepted: 0, returned: 0, overdue: 1 },
  units: [],
};
const file = { id: "f1234567", name: "ke-hoach.pdf", size: 10, mime: "application/pdf", url: "/api/files/f1234567" };

describe("duty hand-in form", () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("asks for the document before sending, and keeps the text and file when the server refuses", async () => {
    const onDone = vi.fn();
    const first = render(<HandInForm duty={duty} unitId={7} onDone={onDone} />);
    fireEvent.change(screen.getByTestId("hand-in-text"), { target: { value: "Kế hoạch số 12/KH ngày 20/01/2026." } });
    const post = vi.spyOn(api, "post");
    fireEvent.click(screen.getByTestId("hand-in-submit"));
    expect(await screen.findByTestId("hand-in-error")).toHaveTextContent("đính kèm văn bản");
    expect(post).not.toHaveBeenCalled();

    post.mockResolvedValueOnce({ data: file });
    fireEvent.change(screen.getByTestId("hand-in-file"), { target: { files: [new File(["%PDF"], "ke-hoach.pdf", { type: "application/pdf" })] } });
    expect(await screen.findByText("ke-hoach.pdf")).toBeInTheDocument();
    post.mockRejectedValueOnce(new ApiError(403, "UNIT_FORBIDDEN", "Bạn chỉ nộp được cho đơn vị của mình."));
    fireEvent.click(screen.getByTestId("hand-in-submit"));
    expect(await screen.findByTestId("hand-in-error")).toHaveTextContent("đơn vị của mình");
    expect(post).toHaveBeenLastCalledWith("/api/duties/3/units/7/hand-in", { text: "Kế hoạch số 12/KH ngày 20/01/2026.", fileIds: ["f1234567"] });
    expect(onDone).not.toHaveBeenCalled();

    // closing the app loses nothing
    first.unmount();
    render(<HandInForm duty={duty} unitId={7} onDone={onDone} />);
    expect(screen.getByTestId("hand-in-text")).toHaveValue("Kế hoạch số 12/KH ngày 20/01/2026.");
    expect(screen.getByText("ke-hoach.pdf")).toBeInTheDocument();
    post.mockResolvedValueOnce({ data: { ...duty, units: [] } });
    fireEvent.click(screen.getByTestId("hand-in-submit"));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(localStorage.getItem("tns.duty-draft.3.7")).toBeNull();
  });
});
