// Vietnamese labels for identity values. Kept free of zod so the mini app imports them at runtime
// without bundling the schema library (contract *.ts files are imported with `import type` only).
import type { Role } from "./identity";

export const ROLE_LABELS: Record<Role, string> = {
  youth: "Thanh niên",
  focal: "Đầu mối đơn vị",
  staff: "Cán bộ phường",
  observer: "Giám sát (MTTQ)",
  city_staff: "Cán bộ thành phố (Sở Nội vụ)",
};

/** The name of a Zalo account that has not agreed to share its Zalo name. */
export const NEUTRAL_NAME = "Thanh niên";

export const INVITATION_STATUS_LABELS: Record<"active" | "used" | "expired", string> = {
  active: "Còn hiệu lực",
  used: "Đã sử dụng",
  expired: "Hết hạn",
};

export const SOURCE_LABELS: Record<string, string> = {
  zalo: "Zalo",
  password: "Mật khẩu",
  dev: "Thử nghiệm",
  demo: "Minh họa",
  system: "Hệ thống",
};
