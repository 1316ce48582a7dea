/**
 * The one HTTP client of the mini app: base URL from VITE_API_URL, the sign-in token header, and
 * every failure turned into an ApiError with a Vietnamese message (shown with the zmp-ui snackbar).
 *
 * axios (about 22 kB gzip) is not part of the first download: its chunk is requested as soon as
 * this module runs, while the first screen renders, and `api` hands every call to it once loaded.
 */
import type { AxiosAdapter, AxiosError, AxiosInstance } from "axios";
import { sendOnce } from "./send-once";

const TOKEN_KEY = "tns.token";
const NETWORK_MESSAGE = "Không có kết nối mạng hoặc không liên lạc được máy chủ.";

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

const BASE_URL = (import.meta.env.VITE_API_URL as string | undefined)?.replace(/\/$/, "") ?? "";

let instance: Promise<AxiosInstance> | null = null;
function client(): Promise<AxiosInstance> {
  instance ??= import("axios").then(
    ({ default: axios }) => {
      const c = axios.create({ baseURL: BASE_URL, timeout: 20_000 });
      c.defaults.adapter = sendOnceAdapter(axios.getAdapter(c.defaults.adapter));
      return withInterceptors(c);
    },
    () => {
      // Its file could not be fetched: that is being offline (the session keeps its user), and the next call tries again.
      instance = null;
      throw new ApiError(0, "NETWORK", NETWORK_MESSAGE);
    },
  );
  return instance;
}
void client().catch(() => {});

type Client = Pick<AxiosInstance, "get" | "post" | "put" | "patch" | "delete">;

/** The API client: axios's get/post/put/patch/delete, waiting for axios on the first call. */
export const api: Client = {
  get: (...args) => client().then((c) => c.get(...args)),
  delete: (...args) => client().then((c) => c.delete(...args)),
  post: (...args) => client().then((c) => c.post(...args)),
  put: (...args) => client().then((c) => c.put(...args)),
  patch: (...args) => client().then((c) => c.patch(...args)),
};

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

function withInterceptors(c: AxiosInstance): AxiosInstance {
  c.interceptors.request.use((config) => {
    if (token) config.headers.set("Authorization", `Bearer ${token}`);
    return config;
  });
  c.interceptors.response.use(
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
  return c;
}

const isAxiosError = (err: unknown): err is AxiosError => typeof err === "object" && err !== null && (err as { isAxiosError?: unknown }).isAxiosError === true;

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isAxiosError(err)) {
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
      return new ApiError(0, "NETWORK", NETWORK_MESSAGE);
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
  return `${BASE_URL}${path}`;
}
