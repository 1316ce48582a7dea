// Vietnamese labels for announcement values. Free of zod so the mini app imports them at runtime.
import type { AnnouncementStatus, Audience } from "./announcements";

export const AUDIENCE_LABELS: Record<Audience, string> = {
  everyone: "Mọi người",
  all_units: "Tất cả đơn vị",
  units: "Đơn vị được chọn",
};

/** A city notice (Sở Nội vụ) goes to every ward: to everyone, or to the wards' staff and focal points. */
export const CITY_AUDIENCE_LABELS: Record<Exclude<Audience, "units">, string> = {
  everyone: "Thanh niên và mọi người ở tất cả phường, xã",
  all_units: "Cán bộ và đầu mối đơn vị của tất cả phường, xã",
};

/** The sender of a city notice, as the feed and the detail show it. */
export const CITY_SENDER = "Sở Nội vụ thành phố Hải Phòng";
/** The short tag of a city notice in a ward's feed. */
export const CITY_SENDER_SHORT = "Thành phố";

export const STATUS_LABELS: Record<AnnouncementStatus, string> = {
  draft: "Bản nháp",
  scheduled: "Đã hẹn giờ",
  published: "Đã đăng",
  archived: "Đã lưu trữ",
};

/** Limits the compose screen checks before sending (the API enforces the same). */
export const ANNOUNCEMENT_LIMITS = { title: 200, body: 20_000, attachments: 10 } as const;
