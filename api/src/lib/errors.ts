/**
 * The one error type of the API. Every error reaches the client as
 * {"error": {"code": "STABLE_CODE", "message": "Vietnamese message", "details": ...}}.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** for a 503 that will pass: sent as Retry-After, so a client (or a proxy) knows when to ask again */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const unauthorized = (message = "Bạn cần đăng nhập để tiếp tục.", code = "UNAUTHENTICATED") =>
  new AppError(401, code, message);
export const forbidden = (message = "Bạn không có quyền thực hiện thao tác này.", code = "FORBIDDEN") =>
  new AppError(403, code, message);
export const notFound = (message = "Không tìm thấy dữ liệu yêu cầu.", code = "NOT_FOUND") => new AppError(404, code, message);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new AppError(422, code, message, details);

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** The database (or another service the answer needs) cannot be reached now: try again shortly. */
export const DATABASE_UNAVAILABLE = {
  code: "DATABASE_UNAVAILABLE",
  message: "Hệ thống đang tạm gián đoạn kết nối cơ sở dữ liệu. Vui lòng thử lại sau ít phút; nội dung bạn đang nhập vẫn được giữ trên máy.",
} as const;

export const unsupportedMediaType = (message: string) => new AppError(415, "UNSUPPORTED_MEDIA_TYPE", message);
