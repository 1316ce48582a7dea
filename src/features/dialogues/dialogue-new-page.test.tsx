import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "../../lib/api-client";
import { DialogueNewPage } from "./dialogue-new-page";

describe("announcing a dialogue", () => {
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("warns when fewer than 30 days are left and announces only after a confirmation", async () => {
    const post = vi
      .spyOn(api, "post")
      .mockRejectedValueOnce(new ApiError(422, "SHORT_NOTICE", "Kế hoạch đối thoại cần được công khai trước ít nhất 30 ngày; buổi đối thoại này chỉ còn 20 ngày."))
      .mockResolvedValueOnce({ data: { id: 9 } });
    render(
      <MemoryRouter initialEntries={["/dialogues/new"]}>
        <Routes>
          <Route path="/dialogues/new" element={<DialogueNewPage />} />
          <Route path="/dialogues/:id" element={<p>Trang đối thoại</p>} />
        </Routes>
      </MemoryRouter>,
    );
    fireEvent.change(screen.getByTestId("dl-date"), { target: { value: "10/12/2026" } });
    fireEvent.change(screen.getByTestId("dl-place"), { target: { value: "Hội trường UBND phường" } });
    fireEvent.change(screen.getByTestId("dl-close"), { target: { value: "05/12/2026" } });
    fireEvent.click(screen.getByTestId("dl-submit"));
    expect(await screen.findByTestId("dl-warning")).toHaveTextContent("chỉ còn 20 ngày");
    expect(post.mock.calls[0][1]).toMatchObject({ heldAt: "2026-12-10T01:00:00.000Z", questionsCloseAt: "2026-12-05T16:59:59.000Z", acknowledgeShortNotice: false });
    fireEvent.click(screen.getByTestId("dl-confirm-short"));
    await waitFor(() => expect(screen.getByText("Trang đối thoại")).toBeInTheDocument());
    expect(post.mock.calls[1][1]).toMatchObject({ acknowledgeShortNotice: true, place: "Hội trường UBND phường" });
  });
});
