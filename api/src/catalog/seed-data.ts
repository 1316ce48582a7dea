import type { HolidayKind, IndicatorMeasure, TargetDirection, UnitKind } from "./tables.js";

/**
 * The reference plan as data (shared/domain.md section 4, reconstructed from the national
 * Youth Development Strategy 2021–2030 scaled to a ward). Staff can edit it after seeding;
 * the seed only inserts what is missing, so a second start changes nothing.
 */

export interface SeedUnit {
  code: string;
  name: string;
  shortName: string;
  kind: UnitKind;
  parent: string | null;
}

export const RESIDENTIAL_GROUP_COUNT = 10;

const residentialGroups: SeedUnit[] = Array.from({ length: RESIDENTIAL_GROUP_COUNT }, (_, i) => {
  const n = i + 1;
  return {
    code: `TDP${String(n).padStart(2, "0")}`,
    name: `Tổ dân phố số ${n}`,
    shortName: `TDP ${n}`,
    kind: "residential_group" as const,
    parent: "UBND",
  };
});

/** The city above the wards (Sở Nội vụ gathers every ward's report), the code of its root unit. */
export const CITY_CODE = "HP";

export const SEED_UNITS: SeedUnit[] = [
  { code: CITY_CODE, name: "Thành phố Hải Phòng", shortName: "TP. Hải Phòng", kind: "city", parent: null },
  { code: "UBND", name: "Ủy ban nhân dân phường Lê Đại Hành", shortName: "UBND phường", kind: "ward", parent: CITY_CODE },
  { code: "VP", name: "Văn phòng HĐND và UBND phường", shortName: "Văn phòng HĐND-UBND", kind: "office", parent: "UBND" },
  { code: "VHXH", name: "Phòng Văn hóa - Xã hội", shortName: "Phòng VHXH", kind: "office", parent: "UBND" },
  { code: "KT", name: "Phòng Kinh tế, Hạ tầng và Đô thị", shortName: "Phòng KT-HT-ĐT", kind: "office", parent: "UBND" },
  { code: "CA", name: "Công an phường", shortName: "Công an phường", kind: "police", parent: "UBND" },
  { code: "QS", name: "Ban Chỉ huy Quân sự phường", shortName: "Ban CHQS phường", kind: "military", parent: "UBND" },
  { code: "MTTQ", name: "Ủy ban Mặt trận Tổ quốc Việt Nam phường", shortName: "UB MTTQ phường", kind: "front", parent: "UBND" },
  { code: "DOAN", name: "Đoàn TNCS Hồ Chí Minh phường", shortName: "Đoàn phường", kind: "youth_union", parent: "UBND" },
  { code: "HOI", name: "Hội Liên hiệp Thanh niên Việt Nam phường", shortName: "Hội LHTN phường", kind: "youth_federation", parent: "UBND" },
  { code: "TTDV", name: "Trung tâm sự nghiệp dịch vụ công", shortName: "TT dịch vụ công", kind: "service_centre", parent: "UBND" },
  { code: "TYT", name: "Trạm Y tế phường", shortName: "Trạm Y tế", kind: "health", parent: "UBND" },
  ...residentialGroups,
];

const ALL_TDP = residentialGroups.map((u) => u.code);

export interface SeedIndicator {
  code: string;
  name: string;
  measure: IndicatorMeasure;
  unitLabel: string;
  target: number | null;
  direction: TargetDirection;
  targetText: string;
  units: string[];
}

export const SEED_INDICATORS: SeedIndicator[] = [
  { code: "CT01", name: "Tỷ lệ cán bộ, công chức, viên chức, lực lượng vũ trang là thanh niên được học tập, quán triệt các nghị quyết, chính sách, pháp luật mới", measure: "percent", unitLabel: "%/năm", target: 100, direction: "at_least", targetText: "100%/năm", units: ["VP", "CA", "QS"] },
  { code: "CT02", name: "Tỷ lệ thanh niên được tiếp cận thông tin về chính sách, pháp luật qua ứng dụng và mạng xã hội", measure: "percent", unitLabel: "%", target: 70, direction: "at_least", targetText: "Trên 70%", units: ["VHXH", "DOAN"] },
  { code: "CT03", name: "Tỷ lệ thanh niên được trang bị kiến thức quốc phòng và an ninh", measure: "percent", unitLabel: "%", target: 80, direction: "at_least", targetText: "80%", units: ["QS"] },
  { code: "CT04", name: "Tỷ lệ thanh niên trong độ tuổi sẵn sàng tham gia nghĩa vụ quân sự và dân quân tự vệ", measure: "percent", unitLabel: "%/năm", target: 100, direction: "at_least", targetText: "100%/năm", units: ["QS"] },
  { code: "CT05", name: "Tỷ lệ thanh niên được tư vấn hướng nghiệp, giới thiệu việc làm", measure: "percent", unitLabel: "%", target: 80, direction: "at_least", targetText: "80%", units: ["HOI", "VHXH"] },
  { code: "CT06", name: "Tỷ lệ thanh niên được đào tạo nghề gắn với việc làm", measure: "percent", unitLabel: "%", target: 60, direction: "at_least", targetText: "60%", units: ["VHXH"] },
  { code: "CT07", name: "Số thanh niên được hỗ trợ giải quyết việc làm", measure: "count", unitLabel: "người/năm", target: null, direction: "at_least", targetText: "Theo chỉ tiêu phường giao", units: ["VHXH", "HOI"] },
  { code: "CT08", name: "Tỷ lệ thất nghiệp của thanh niên khu vực thành thị", measure: "percent", unitLabel: "%", target: 7, direction: "at_most", targetText: "Dưới 7%", units: ["VHXH"] },
  { code: "CT09", name: "Tỷ lệ thanh niên tham gia các hoạt động văn hóa, văn nghệ, thể dục thể thao, sinh hoạt cộng đồng", measure: "percent", unitLabel: "%/năm", target: 80, direction: "at_least", targetText: "Trên 80%/năm", units: ["DOAN", ...ALL_TDP] },
  { code: "CT10", name: "Tỷ lệ thanh niên thành thạo kỹ năng số", measure: "percent", unitLabel: "%", target: 50, direction: "at_least", targetText: "Từ 50% trở lên", units: ["DOAN"] },
  { code: "CT11", name: "Tỷ lệ thanh niên tốt nghiệp trung học phổ thông và tương đương", measure: "percent", unitLabel: "%", target: 80, direction: "at_least", targetText: "80%", units: ["VHXH"] },
  { code: "CT12", name: "Tỷ lệ thanh niên có hoàn cảnh đặc biệt được trang bị kỹ năng sống, hỗ trợ tái hòa nhập cộng đồng", measure: "percent", unitLabel: "%", target: 70, direction: "at_least", targetText: "Từ 70% trở lên", units: ["CA", "VHXH"] },
  { code: "CT13", name: "Tỷ lệ thanh niên được trang bị kiến thức cơ bản về sức khỏe sinh sản, sức khỏe tình dục", measure: "percent", unitLabel: "%", target: 70, direction: "at_least", targetText: "Từ 70% trở lên", units: ["TYT"] },
  { code: "CT14", name: "Số lần Chủ tịch UBND phường đối thoại với thanh niên", measure: "times", unitLabel: "lần/năm", target: 1, direction: "at_least", targetText: "Ít nhất 01 lần/năm", units: ["VP", "DOAN"] },
  { code: "CT15", name: "Tỷ lệ thanh niên tham gia hoạt động tình nguyện", measure: "percent", unitLabel: "%/năm", target: 70, direction: "at_least", targetText: "Từ 70%/năm trở lên", units: ["DOAN", "HOI"] },
  { code: "CT16", name: "Tỷ lệ thanh niên được tập hợp vào Đoàn TNCS Hồ Chí Minh, Hội LHTN Việt Nam", measure: "percent", unitLabel: "%", target: 70, direction: "at_least", targetText: "Từ 70% trở lên", units: ["DOAN", "HOI", "MTTQ"] },
  { code: "CT17", name: "Tỷ lệ tổ dân phố có danh sách thanh niên được cập nhật", measure: "percent", unitLabel: "%", target: 100, direction: "at_least", targetText: "100%", units: ALL_TDP },
  { code: "CT18", name: "Tỷ lệ cán bộ làm công tác thanh niên được bồi dưỡng (kế hoạch bồi dưỡng trước tháng 3)", measure: "percent", unitLabel: "%", target: 100, direction: "at_least", targetText: "100%", units: ["VHXH"] },
];

export interface SeedTask {
  code: string;
  name: string;
  timing: string;
  lead: string[];
  partners: string[];
}

export const SEED_TASKS: SeedTask[] = [
  { code: "NV01", name: "Tuyên truyền Nghị quyết số 83/NQ-HĐND trên Zalo, Facebook và trang thông tin điện tử của phường", timing: "Thường xuyên", lead: ["VHXH", "TTDV"], partners: ["DOAN", "HOI"] },
  { code: "NV02", name: "Hội nghị quán triệt Nghị quyết cho cán bộ và thanh niên", timing: "Quý I", lead: ["VP"], partners: ["VHXH", "DOAN"] },
  { code: "NV03", name: "Rà soát, thống kê thanh niên từ 16 đến 30 tuổi theo tổ dân phố", timing: "Hằng năm", lead: ALL_TDP, partners: ["CA"] },
  { code: "NV04", name: "Tổ chức Tháng Thanh niên", timing: "Tháng 3 hằng năm", lead: ["DOAN"], partners: ["HOI"] },
  { code: "NV05", name: "Chủ tịch UBND phường đối thoại với thanh niên ít nhất 01 lần/năm, công khai kế hoạch trước 30 ngày", timing: "Hằng năm", lead: ["VP"], partners: ["DOAN"] },
  { code: "NV06", name: "Tổ chức ngày hội việc làm, tư vấn hướng nghiệp", timing: "Hằng năm", lead: ["HOI"], partners: ["VHXH"] },
  { code: "NV07", name: "Giáo dục pháp luật, phòng chống ma túy và tội phạm cho thanh niên", timing: "Thường xuyên", lead: ["CA"], partners: ["DOAN"] },
  { code: "NV08", name: "Giáo dục quốc phòng, tuyển quân và xây dựng lực lượng dân quân", timing: "Hằng năm", lead: ["QS"], partners: [] },
  { code: "NV09", name: "Chiến dịch tình nguyện Mùa hè xanh, Xuân tình nguyện", timing: "Hằng năm", lead: ["DOAN"], partners: ["HOI"] },
  { code: "NV10", name: "Tổ công nghệ số cộng đồng, hỗ trợ VNeID và dịch vụ công trực tuyến", timing: "Thường xuyên", lead: ["DOAN"], partners: ["CA"] },
  { code: "NV11", name: "Hoạt động văn hóa, thể thao tại nhà văn hóa tổ dân phố", timing: "Thường xuyên", lead: ["VHXH", ...ALL_TDP], partners: [] },
  { code: "NV12", name: "Hỗ trợ thanh niên khởi nghiệp", timing: "Hằng năm", lead: ["HOI"], partners: ["MTTQ"] },
  { code: "NV13", name: "Giám sát, phản biện xã hội việc thực hiện Nghị quyết", timing: "Hằng năm", lead: ["MTTQ"], partners: [] },
  { code: "NV14", name: "Báo cáo theo Phụ lục 01, 02 trước ngày 30/11; tổng hợp và đề xuất khen thưởng", timing: "Trước 30/11 hằng năm", lead: ["VHXH"], partners: [] },
  { code: "NV15", name: "Xây dựng kế hoạch bồi dưỡng cán bộ làm công tác thanh niên", timing: "Trước tháng 3 hằng năm", lead: ["VHXH"], partners: [] },
];

const days = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

export interface SeedHoliday {
  date: string;
  name: string;
  kind: HolidayKind;
}

/**
 * The working calendar of 2026 as the government decided it, and the fixed dates of 2027 with their
 * substitute days (shared/domain.md section 6). "off" is a day off; "working" a Saturday worked in
 * exchange for a weekday off. Tết and Hùng Kings' day 2027 follow the lunar calendar and are set by
 * the government each year: seeded as expected dates for staff to confirm. Staff edit the list.
 */
export const SEED_HOLIDAYS: SeedHoliday[] = [
  // New Year 2026: off Thursday 01/01 to Sunday 04/01, Friday 02/01 swapped for Saturday 10/01
  { date: "2026-01-01", name: "Tết Dương lịch", kind: "off" },
  { date: "2026-01-02", name: "Tết Dương lịch (nghỉ hoán đổi, làm bù thứ Bảy 10/01)", kind: "off" },
  { date: "2026-01-03", name: "Tết Dương lịch", kind: "off" },
  { date: "2026-01-04", name: "Tết Dương lịch", kind: "off" },
  { date: "2026-01-10", name: "Làm bù cho thứ Sáu 02/01 (nghỉ Tết Dương lịch)", kind: "working" },
  ...days("2026-02-14", "2026-02-22").map((date) => ({ date, name: "Tết Nguyên Đán Bính Ngọ", kind: "off" as const })),
  { date: "2026-04-26", name: "Giỗ Tổ Hùng Vương (10/3 âm lịch)", kind: "off" },
  { date: "2026-04-27", name: "Nghỉ bù Giỗ Tổ Hùng Vương (26/04 là Chủ nhật)", kind: "off" },
  { date: "2026-04-30", name: "Ngày Giải phóng miền Nam, thống nhất đất nước", kind: "off" },
  { date: "2026-05-01", name: "Ngày Quốc tế Lao động", kind: "off" },
  { date: "2026-09-01", name: "Quốc khánh (ngày liền kề)", kind: "off" },
  { date: "2026-09-02", name: "Quốc khánh", kind: "off" },
  { date: "2027-01-01", name: "Tết Dương lịch", kind: "off" },
  ...["2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11"].map((date) => ({
    date,
    name: "Tết Nguyên Đán Đinh Mùi (dự kiến, theo quyết định của Chính phủ)",
    kind: "off" as const,
  })),
  { date: "2027-04-16", name: "Giỗ Tổ Hùng Vương (dự kiến, 10/3 âm lịch)", kind: "off" },
  { date: "2027-04-30", name: "Ngày Giải phóng miền Nam, thống nhất đất nước", kind: "off" },
  { date: "2027-05-01", name: "Ngày Quốc tế Lao động", kind: "off" },
  { date: "2027-05-03", name: "Nghỉ bù Ngày Quốc tế Lao động (01/05 là thứ Bảy)", kind: "off" },
  { date: "2027-09-02", name: "Quốc khánh", kind: "off" },
  { date: "2027-09-03", name: "Quốc khánh (ngày liền kề)", kind: "off" },
];
