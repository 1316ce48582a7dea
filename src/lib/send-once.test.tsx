import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import axios, { type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from "axios";
import { describe, expect, it, vi } from "vitest";
import { sendOnceAdapter } from "./api-client";
import { sendsInFlight } from "./send-once";
import { SendButton } from "../components/send-button";

const later = () => {
  let resolve!: () => void;
  const p = new Promise<void>((r) => (resolve = r));
  return { p, resolve };
};

describe("every send goes out once", () => {
  it("the API client shares one request between identical sends under way, not between different ones", async () => {
    const gate = later();
    const base = vi.fn<AxiosAdapter>(async (config) => {
      await gate.p;
      return { data: { ok: config.url }, status: 200, statusText: "OK", headers: {}, config } as AxiosResponse;
    });
    const client = axios.create({ adapter: sendOnceAdapter(base) });
    const a = client.post("/api/periods/1/reports/2/submit", { version: 3 });
    const b = client.post("/api/periods/1/reports/2/submit", { version: 3 });
    const other = client.post("/api/periods/1/reports/3/submit", { version: 3 });
    const read = [client.get("/api/me"), client.get("/api/me")];
    await new Promise((r) => setTimeout(r, 0));
    expect(sendsInFlight()).toBe(2);
    gate.resolve();
    const [ra, rb] = await Promise.all([a, b, other, ...read]);
    expect(ra.data).toEqual(rb.data);
    // one submit for the double tap, one for the other unit, and reads are never merged
    expect(base.mock.calls.map(([c]) => `${(c as InternalAxiosRequestConfig).method} ${c.url}`)).toEqual([
      "post /api/periods/1/reports/2/submit",
      "post /api/periods/1/reports/3/submit",
      "get /api/me",
      "get /api/me",
    ]);
    // once answered, the same send can be made again (a real second submit)
    await client.post("/api/periods/1/reports/2/submit", { version: 3 });
    expect(base).toHaveBeenCalledTimes(5);
  });

  it("a send button ignores taps while it sends and shows that it is working", async () => {
    const gate = later();
    const onSend = vi.fn(() => gate.p);
    render(<SendButton onSend={onSend} data-testid="send">Nộp báo cáo</SendButton>);
    const button = screen.getByTestId("send");
    fireEvent.click(button);
    fireEvent.click(button);
    fireEvent.click(button);
    expect(onSend).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(button).toBeDisabled());
    gate.resolve();
    await waitFor(() => expect(button).not.toBeDisabled());
    fireEvent.click(button);
    expect(onSend).toHaveBeenCalledTimes(2);
  });
});

describe("a database outage reads as 'try again', like a lost connection", () => {
  it("treats 503 DATABASE_UNAVAILABLE as temporary, a 400 as a refusal", async () => {
    const { ApiError, isNetworkError } = await import("./api-client");
    expect(isNetworkError(new ApiError(503, "DATABASE_UNAVAILABLE", "Vui lòng thử lại sau ít phút"))).toBe(true);
    expect(isNetworkError(new ApiError(0, "NETWORK", "Không có kết nối mạng"))).toBe(true);
    expect(isNetworkError(new ApiError(400, "VALIDATION_FAILED", "Dữ liệu chưa hợp lệ"))).toBe(false);
  });
});
