// Vietnamese labels for announcement values. Free of zod so the mini app imports them at runtime.
import type { AnnouncementStatus, Audience } from "./announcements";

export const AUDIENCE_LABELS: Record<Audience, string> = {
  everyone: "Mọi người",
  all_units: "Tất cả đơn vị",
  units: "Đơn vị được chọn",
};

export const STATUS_LABELS: Record<AnnouncementStatus, string> = {
  draft: "Bản nháp",
  scheduled: "Đã hẹn giờ",
  published: "Đã đăng",
  archived: "Đã lưu trữ",
};

/** Limits the compose screen checks before sending (the API enforces the same). */
export const ANNOUNCEMENT_LIMITS = { title: 200, body: 20_000, attachments: 10 } as const;
