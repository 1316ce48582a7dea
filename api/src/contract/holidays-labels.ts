// Vietnamese labels for the working calendar. Kept free of zod so the mini app imports them at runtime.
import type { HolidayKind } from "./holidays";

export const HOLIDAY_KIND_LABELS: Record<HolidayKind, string> = {
  off: "Ngày nghỉ",
  working: "Ngày làm bù",
};
