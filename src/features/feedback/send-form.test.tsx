import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SnackbarProvider } from "zmp-ui";
import type { FeedbackCategory, PublicFeedback } from "@contract/feedback";
import { api, ApiError } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import * as zalo from "../../lib/zalo";
import { DRAFT_KEY, loadDraft } from "./draft";
import { SendForm } from "./send-form";
import { PublicList } from "./public-list";

const categories: FeedbackCategory[] = [
  { id: 1, code: "MOI_TRUONG", name: "Môi trường", answerDays: 5 },
  { id: 2, code: "KHAC", name: "Khác", answerDays: 5 },
];

function renderForm() {
  return render(
    <SnackbarProvider>
      <MemoryRouter>
        <SendForm categories={categories} groups={[]} />
      </MemoryRouter>
    </SnackbarProvider>,
  );
}

function renderPublicList() {
  return render(
    <SnackbarProvider>
      <MemoryRouter>
        <PublicList categories={categories} />
      </MemoryRouter>
    </SnackbarProvider>,
  );
}

const me = { id: 5, name: "Thanh niên", avatarUrl: null, role: "youth" as const, unit: null, ward: null, wardChosen: true, hasPhone: false, consented: true };

describe("feedback send form", () => {
  beforeEach(() => {
    localStorage.clear();
    useSession.setState({ status: "signed-in", me });
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("keeps the draft across a remount and retries a lost request with the same idempotency key", async () => {
    const first = renderForm();
    fireEvent.change(screen.getByTestId("feedback-category"), { target: { value: "1" } });
    fireEvent.change(screen.getByTestId("feedback-content"), { target: { value: "Rác thải chưa được thu gom ở tổ 3." } });
    fireEvent.click(screen.getByTestId("feedback-anonymous"));
    expect(screen.getByTestId("feedback-counter")).toHaveTextContent("34/5000");
    const saved = JSON.parse(localStorage.getItem(DRAFT_KEY)!);
    expect(saved).toMatchObject({ categoryId: 1, content: "Rác thải chưa được thu gom ở tổ 3.", anonymous: true });
    first.unmount(); // the app is closed

    renderForm();
    expect(screen.getByTestId("feedback-content")).toHaveValue("Rác thải chưa được thu gom ở tổ 3.");
    expect(screen.getByTestId("feedback-anonymous")).toBeChecked();

    const keys: string[] = [];
    let resolveSecond: (v: unknown) => void = () => {};
    const post = vi.spyOn(api, "post").mockImplementation(async (_url: string, body?: unknown, config?: any) => {
      keys.push(config.headers["Idempotency-Key"]);
      expect((body as { idempotencyKey: string }).idempotencyKey).toBe(config.headers["Idempotency-Key"]);
      if (keys.length === 1) throw new ApiError(0, "NETWORK", "Không có kết nối mạng hoặc không liên lạc được máy chủ.");
      return new Promise((resolve) => {
        resolveSecond = resolve;
      });
    });

    fireEvent.click(screen.getByTestId("feedback-submit"));
    await waitFor(() => expect(screen.getByTestId("feedback-error")).toHaveTextContent("vẫn được lưu nháp"));
    expect(loadDraft().content).toBe("Rác thải chưa được thu gom ở tổ 3.");

    // Back online: a double tap sends one request, with the same key as the lost one.
    fireEvent.click(screen.getByTestId("feedback-submit"));
    fireEvent.click(screen.getByTestId("feedback-submit"));
    await waitFor(() => expect(post).toHaveBeenCalledTimes(2));
    expect(keys[0]).toBe(keys[1]);
    expect(keys[0]).toBe(saved.idempotencyKey);
    await act(async () => resolveSecond({ data: { id: 9, code: "GY-2026-000042", status: "received", dueAt: "2026-12-04T16:59:59.000Z" } }));
    expect(await screen.findByTestId("feedback-code")).toHaveTextContent("GY-2026-000042");
    expect(screen.getByText(/04\/12\/2026/)).toBeInTheDocument();
    expect(localStorage.getItem(DRAFT_KEY)).toBeNull();
    expect(post).toHaveBeenCalledTimes(2);
  });

  it("explains what is missing instead of sending", async () => {
    const post = vi.spyOn(api, "post");
    renderForm();
    fireEvent.change(screen.getByTestId("feedback-content"), { target: { value: "ngắn" } });
    fireEvent.click(screen.getByTestId("feedback-submit"));
    expect(await screen.findByText("Vui lòng chọn lĩnh vực.")).toBeInTheDocument();
    expect(screen.getByText("Nội dung cần ít nhất 10 ký tự.")).toBeInTheDocument();
    expect(post).not.toHaveBeenCalled();
  });
});

describe("feedback send form: photos and signing in", () => {
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("six photos chosen at once: five are added and the sixth is refused out loud", async () => {
    localStorage.clear();
    useSession.setState({ status: "signed-in", me });
    const files = Array.from({ length: 6 }, (_, i) => new File([new Uint8Array([1])], `anh-${i + 1}.png`, { type: "image/png" }));
    vi.spyOn(zalo, "pickImages").mockResolvedValue(files);
    let n = 0;
    vi.spyOn(api, "post").mockImplementation(async () => {
      n += 1;
      return { data: { id: `f${n}`, url: `/api/files/f${n}`, name: `anh-${n}.png`, size: 1, mime: "image/png" } };
    });
    renderForm();
    fireEvent.click(screen.getByTestId("add-photos"));
    await waitFor(() => expect(screen.getAllByTestId("photo-preview")).toHaveLength(5));
    expect(screen.getByTestId("feedback-error")).toHaveTextContent("tối đa 5 ảnh: chỉ thêm 5 trong 6 ảnh đã chọn");
    expect(screen.getByTestId("add-photos")).toBeDisabled();
    expect(screen.getByTestId("add-photos")).toHaveTextContent("Đã đủ 5 ảnh");
    expect(n).toBe(5);
  });

  it("a document chosen as a photo is refused at once, with its name and only the image types", async () => {
    localStorage.clear();
    useSession.setState({ status: "signed-in", me });
    vi.spyOn(zalo, "pickImages").mockResolvedValue([new File([new Uint8Array([1])], "ke-hoach.pdf", { type: "application/pdf" })]);
    const post = vi.spyOn(api, "post");
    renderForm();
    fireEvent.click(screen.getByTestId("add-photos"));
    await waitFor(() => expect(screen.getByTestId("feedback-error")).toHaveTextContent("Tệp “ke-hoach.pdf” không phải là ảnh: chỉ nhận ảnh JPG, PNG, WEBP hoặc GIF."));
    expect(post).not.toHaveBeenCalled(); // not even uploaded
    expect(screen.queryAllByTestId("photo-preview")).toHaveLength(0);
    expect(loadDraft().photos).toEqual([]);
  });

  it("a file the server refuses as a photo is named in photo words, not with the list of documents it takes", async () => {
    localStorage.clear();
    useSession.setState({ status: "signed-in", me });
    vi.spyOn(zalo, "pickImages").mockResolvedValue([
      new File([new Uint8Array([1])], "gia-anh.png", { type: "image/png" }),
      new File([new Uint8Array([1])], "video.mp4", { type: "video/mp4" }),
    ]);
    vi.spyOn(api, "post").mockRejectedValue(new ApiError(400, "FILE_TYPE_MISMATCH", "Nội dung tệp không khớp đuôi. Chỉ nhận PDF, Word, Excel, JPG, PNG, WEBP, GIF."));
    renderForm();
    fireEvent.click(screen.getByTestId("add-photos"));
    await waitFor(() => expect(screen.getByTestId("feedback-error")).toHaveTextContent("2 tệp không phải là ảnh (“video.mp4”, “gia-anh.png”): chỉ nhận ảnh JPG, PNG, WEBP hoặc GIF."));
    expect(screen.getByTestId("feedback-error")).not.toHaveTextContent("Word");
  });

  it("a visitor who is not signed in is shown how to sign in, not a form that fails", async () => {
    useSession.setState({ status: "anonymous", me: null });
    const post = vi.spyOn(api, "post");
    renderForm();
    expect(screen.getByTestId("feedback-signin")).toHaveTextContent("Đăng nhập để gửi góp ý");
    expect(screen.getByTestId("feedback-go-signin")).toHaveTextContent("Đăng nhập");
    expect(screen.queryByTestId("feedback-form")).toBeNull();
    expect(post).not.toHaveBeenCalled();
  });
});

describe("public feedback list", () => {
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("renders user text as text, hides anonymous senders, and supports once", async () => {
    useSession.setState({ status: "signed-in", me });
    const item: PublicFeedback = {
      id: 3,
      code: "GY-2026-000003",
      category: { id: 1, name: "Môi trường" },
      content: '<img src=x onerror="window.__pwned=1"> Cống bị tắc',
      senderName: null,
      place: null,
      photos: [],
      answers: [{ id: 1, text: "Đã nạo vét xong.", attachments: [], isPublic: true, authorName: "A", authorUnitName: "Đoàn phường", createdAt: "2026-11-20T03:00:00.000Z" }],
      supportsCount: 2,
      supported: false,
      flagged: false,
      createdAt: "2026-11-18T03:00:00.000Z",
      answeredAt: "2026-11-20T03:00:00.000Z",
    };
    vi.spyOn(api, "get").mockResolvedValue({ data: { items: [item], nextCursor: null } });
    const post = vi.spyOn(api, "post").mockResolvedValue({ data: { supported: true, supportsCount: 3 } });
    renderPublicList();
    const card = await screen.findByTestId("public-item");
    expect(card).toHaveTextContent('<img src=x onerror="window.__pwned=1"> Cống bị tắc');
    expect(card.querySelector("img")).toBeNull();
    expect(screen.getByTestId("public-sender")).toHaveTextContent("Người gửi ẩn danh");
    expect(screen.getByTestId("feedback-answer")).toHaveTextContent("Trả lời của Đoàn phường");
    fireEvent.click(screen.getByTestId("support-button"));
    await waitFor(() => expect(screen.getByTestId("support-button")).toHaveTextContent("Đã ủng hộ (3)"));
    expect(screen.getByTestId("support-button")).toBeDisabled();
    expect(post).toHaveBeenCalledWith("/api/feedback/3/support");
  });
});

describe("public feedback list for a visitor", () => {
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("flagging without signing in says how to sign in instead of opening a confirmation that cannot succeed", async () => {
    useSession.setState({ status: "anonymous", me: null });
    const item: PublicFeedback = {
      id: 4,
      code: "GY-2026-000004",
      category: { id: 1, name: "Môi trường" },
      content: "Cống bị tắc ở tổ 3",
      senderName: null,
      place: null,
      photos: [],
      answers: [],
      supportsCount: 0,
      supported: false,
      flagged: false,
      createdAt: "2026-11-18T03:00:00.000Z",
      answeredAt: "2026-11-20T03:00:00.000Z",
    };
    vi.spyOn(api, "get").mockResolvedValue({ data: { items: [item], nextCursor: null } });
    const post = vi.spyOn(api, "post");
    renderPublicList();
    fireEvent.click(await screen.findByTestId("flag-button"));
    expect(await screen.findByText(/cần đăng nhập \(tab Cá nhân\) để báo cáo vi phạm/)).toBeInTheDocument();
    expect(screen.queryByTestId("flag-button-confirm")).toBeNull();
    expect(post).not.toHaveBeenCalled();
  });

  it("a search with no match says so, rather than that there is nothing public yet", async () => {
    useSession.setState({ status: "anonymous", me: null });
    vi.spyOn(api, "get").mockResolvedValue({ data: { items: [], nextCursor: null } });
    renderPublicList();
    expect(await screen.findByText("Chưa có góp ý công khai nào")).toBeInTheDocument();
    const search = screen.getByPlaceholderText("Tìm kiếm…");
    fireEvent.change(search, { target: { value: "đèn đường" } });
    fireEvent.blur(search);
    expect(await screen.findByText("Không tìm thấy góp ý công khai nào với “đèn đường”")).toBeInTheDocument();
    expect(screen.queryByText("Chưa có góp ý công khai nào")).toBeNull();
  });
});
