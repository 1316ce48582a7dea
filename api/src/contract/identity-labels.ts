// Vietnamese labels for identity values. Kept free of zod so the mini app imports them at runtime
// without bundling the schema library (contract *.ts files are imported with `import type` only).
import type { Role } from "./identity";

export const ROLE_LABELS: Record<Role, string> = {
  youth: "Thanh niên",
  focal: "Đầu mối đơn vị",
  staff: "Cán bộ phường",
  observer: "Giám sát (MTTQ)",
};
