/**
 * The one HTTP client of the mini app: base URL from VITE_API_URL, the sign-in token header, and
 * every failure turned into an ApiError with a Vietnamese message (shown with the zmp-ui snackbar).
 */
import axios, { AxiosError, type AxiosAdapter } from "axios";
import { sendOnce } from "./send-once";

const TOKEN_KEY = "tns.token";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const api = axios.create({
  baseURL: (import.meta.env.VITE_API_URL as string | undefined)?.replace(/\/$/, "") ?? "",
  timeout: 20_000,
});

let token: string | null = readStoredToken();

function readStoredToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function getToken(): string | null {
  return token;
}

export function setToken(value: string | null): void {
  token = value;
  try {
    if (value) localStorage.setItem(TOKEN_KEY, value);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    /* private mode: keep it in memory */
  }
}

/** Called when the server says the session is no longer valid (set by the session store). */
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

api.interceptors.request.use((config) => {
  if (token) config.headers.set("Authorization", `Bearer ${token}`);
  return config;
});

// Every send goes out once: a second identical send while the first is under way (a double tap,
// two taps in a confirm dialog) shares the first one's answer instead of sending again.
// (Uploads, whose body is a FormData, are each their own send.)
export function sendOnceAdapter(send: AxiosAdapter): AxiosAdapter {
  return (config) => {
    const method = (config.method ?? "get").toLowerCase();
    const body = config.data;
    if (method === "get" || method === "head" || (body !== undefined && typeof body !== "string")) return send(config);
    const key = `${method} ${config.baseURL ?? ""}${config.url ?? ""} ${String(config.headers?.Authorization ?? "")} ${body ?? ""}`;
    return sendOnce(key, () => send(config));
  };
}
api.defaults.adapter = sendOnceAdapter(axios.getAdapter(api.defaults.adapter));

api.interceptors.response.use(
  (res) => res,
  async (err: AxiosError<{ error?: { code?: string; message?: string; details?: unknown } }>) => {
    // Downloads ask for a Blob: read the JSON error body out of it so the real message shows.
    const data: unknown = err.response?.data;
    if (err.response && typeof Blob !== "undefined" && data instanceof Blob && data.type.includes("json")) {
      try {
        err.response.data = JSON.parse(await data.text());
      } catch {
        /* keep the status-based message */
      }
    }
    throw toApiError(err);
  },
);

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (axios.isAxiosError(err)) {
    const body = err.response?.data as { error?: { code?: string; message?: string; details?: unknown } } | undefined;
    if (err.response && body?.error?.message) {
      const e = new ApiError(err.response.status, body.error.code ?? "ERROR", body.error.message, body.error.details);
      if (e.status === 401 && token && !err.config?.url?.includes("/api/auth/")) onUnauthenticated?.();
      return e;
    }
    if (err.code === "ECONNABORTED" || err.code === "ETIMEDOUT") {
      return new ApiError(0, "TIMEOUT", "Máy chủ phản hồi quá lâu. Vui lòng thử lại.");
    }
    if (!err.response) {
      return new ApiError(0, "NETWORK", "Không có kết nối mạng hoặc không liên lạc được máy chủ.");
    }
    return new ApiError(err.response.status, `HTTP_${err.response.status}`, messageForStatus(err.response.status));
  }
  return new ApiError(0, "UNKNOWN", "Đã có lỗi xảy ra. Vui lòng thử lại.");
}

function messageForStatus(status: number): string {
  if (status === 401) return "Bạn cần đăng nhập để tiếp tục.";
  if (status === 403) return "Bạn không có quyền thực hiện thao tác này.";
  if (status === 404) return "Không tìm thấy dữ liệu yêu cầu.";
  if (status === 413) return "Dữ liệu gửi lên quá lớn.";
  if (status === 429) return "Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.";
  if (status >= 500) return "Máy chủ đang gặp sự cố. Vui lòng thử lại sau.";
  return "Yêu cầu không hợp lệ.";
}

/** A Vietnamese sentence for any error, for the snackbar. */
export function errorMessage(err: unknown): string {
  return toApiError(err).message;
}

/**
 * True when the failure is a lost connection (offline) or the server saying "try again shortly"
 * (503: its database is restarting) — not a refusal: drafts wait and are sent again, caches show.
 */
export function isNetworkError(err: unknown): boolean {
  const e = toApiError(err);
  return e.status === 0 || e.status === 503;
}

/** An absolute URL for an API path (links to files and exports opened outside axios). */
export function apiUrl(path: string): string {
  const base = api.defaults.baseURL ?? "";
  return `${base}${path}`;
}
