// Vietnamese labels of the city's view (the report sent upward), shared by the API's exports and the
// mini app. Free of zod so the mini app imports it at runtime.
import type { CityTiming, CityWardState, SnapshotStatus } from "./city";
import type { Measure } from "./catalog";

/** The shortest reason a return may give. */
export const RETURN_REASON_MIN = 5;

/** The city's deadline for the wards' reports, unless city staff set another for the year: 15/12. */
export const CITY_DEADLINE_DEFAULT = { day: 15, month: 12 } as const;
export const CITY_DEADLINE_DEFAULT_TEXT = "15/12 hằng năm";

export const SNAPSHOT_STATUS_LABELS: Record<SnapshotStatus, string> = {
  sent: "Đã gửi, chờ thành phố tiếp nhận",
  accepted: "Thành phố đã tiếp nhận",
  returned: "Thành phố trả lại để hoàn thiện",
  superseded: "Đã thay bằng phiên bản sau",
};

export const CITY_WARD_STATE_LABELS: Record<CityWardState, string> = {
  not_sent: "Chưa gửi",
  sent: "Đã gửi, chờ tiếp nhận",
  accepted: "Đã tiếp nhận",
  returned: "Bị trả lại",
};

export const CITY_TIMING_LABELS: Record<CityTiming, string> = {
  on_time: "Đúng hạn",
  late: "Gửi muộn",
};

/**
 * How a city figure is made, said on the screen and in the exports: wards split the city, so the city
 * adds up its wards' figures — each ward's already made by the indicator's own rule inside the ward.
 */
export const CITY_RULE_SENTENCE =
  "Số liệu toàn thành phố cộng số liệu của các phường, xã, đặc khu có báo cáo đã được Sở Nội vụ tiếp nhận: các phường, xã chia nhau địa bàn thành phố nên cộng lại không tính trùng " +
  "(trong mỗi phường, số liệu đã tính theo cách tổng hợp của từng chỉ tiêu). Chỉ tiêu tỷ lệ: cộng tử số và mẫu số của các phường rồi chia, không lấy trung bình các tỷ lệ; " +
  "chỉ tiêu số người: cộng số của các phường; chỉ tiêu số lần (như CT14, số lần Chủ tịch UBND đối thoại với thanh niên): cộng số lần của các phường, " +
  "và vì mục tiêu đặt cho từng phường nên đánh giá theo số phường đạt.";

export const CITY_RULE_BY_MEASURE: Record<Measure, string> = {
  percent: "Cộng tử số và mẫu số của các phường",
  count: "Cộng số của các phường; đánh giá theo số phường đạt",
  times: "Cộng số lần của các phường; đánh giá theo số phường đạt",
};

/** Timeliness, in one line: which version counts. */
export const CITY_TIMING_RULE = "Đúng hạn khi phiên bản đầu tiên đến thành phố trước hạn; phiên bản gửi lại sau khi bị trả lại không đổi điều đó.";

/** The issuer of the city's Word report (Decree 30: the body above, then the issuing body). */
export const CITY_ISSUER = {
  above: "UBND THÀNH PHỐ HẢI PHÒNG",
  body: "SỞ NỘI VỤ",
  place: "Hải Phòng",
  number: "Số: …/BC-SNV",
  name: "Sở Nội vụ thành phố Hải Phòng",
} as const;
