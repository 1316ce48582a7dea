import type { CityReportData } from "./summary.js";
import { CITY_RULE_BY_MEASURE, CITY_TIMING_LABELS, CITY_WARD_STATE_LABELS, SNAPSHOT_STATUS_LABELS } from "../contract/city-labels.js";
import { MILESTONE_KIND_LABELS, ON_TRACK_LABELS, formatTarget, onTrackText } from "../contract/summary-labels.js";
import { PLAN_YEARS } from "../contract/plan.js";
import { CITY_CODE } from "../catalog/seed-data.js";
import { formatDateTimeVN, formatDateVN } from "../lib/time.js";
import { COUNT, PERCENT, fraction, rowWriter, sheet, streamingBook, type Book, type Column } from "../exports/xlsx/writer.js";

export const CITY_SHEET_INDICATORS = "Chỉ tiêu toàn thành phố";
export const CITY_SHEET_WARDS = "Theo phường";
export const CITY_SHEET_TRAJECTORY = "Lộ trình đến 2030";
export const CITY_SHEET_REPORTING = "Tình hình gửi báo cáo";

type Input = CityReportData;

function indicatorsSheet(wb: Book, s: Input, notes: string): void {
  const y = s.year;
  const cols: Column[] = [
    { header: "STT", key: "stt", width: 6, center: true },
    { header: "Mã", key: "code", width: 7, center: true },
    { header: "Chỉ tiêu", key: "name", width: 48, wrap: true },
    { header: "Đơn vị tính", key: "unitLabel", width: 11, center: true },
    { header: "Tử số", key: "numerator", width: 12 },
    { header: "Mẫu số", key: "denominator", width: 12 },
    { header: `Kết quả năm ${y}`, key: "value", width: 13 },
    { header: `Năm ${y - 1}`, key: "lastYear", width: 12 },
    { header: "Số phường báo cáo", key: "reported", width: 11, center: true },
    { header: "Số phường đạt", key: "onTrackWards", width: 11, center: true },
    { header: "Cách tổng hợp", key: "rule", width: 30, wrap: true },
    { header: `Lộ trình năm ${y}`, key: "milestone", width: 12 },
    { header: "Mục tiêu đến năm 2030", key: "target", width: 18, wrap: true },
    { header: "Đánh giá", key: "onTrack", width: 14, center: true },
  ];
  const ws = sheet(wb, CITY_SHEET_INDICATORS, `KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU TRÊN ĐỊA BÀN THÀNH PHỐ NĂM ${y}`, notes, cols);
  const add = rowWriter(ws, cols);
  s.indicators.forEach((i, n) => {
    const percent = i.measure === "percent";
    const fig = (v: number | null) => (percent ? fraction(v) : v);
    add(
      {
        stt: n + 1,
        code: i.code,
        name: i.name,
        unitLabel: i.unitLabel,
        numerator: i.current.numerator,
        denominator: i.current.denominator,
        value: fig(i.current.value),
        lastYear: fig(i.lastYear?.value ?? null),
        reported: i.current.wardsReported,
        onTrackWards: i.current.wardsOnTrack,
        rule: CITY_RULE_BY_MEASURE[i.measure],
        milestone: fig(i.milestone?.value ?? null),
        target: formatTarget(i),
        onTrack: onTrackText(i),
      },
      { numerator: COUNT, denominator: COUNT, value: percent ? PERCENT : COUNT, lastYear: percent ? PERCENT : COUNT, milestone: percent ? PERCENT : COUNT },
      true,
    );
  });
  ws.commit();
}

/** The wards side by side: a row per accepted ward, a column per indicator (its ward figure). */
function wardsSheet(wb: Book, s: Input, notes: string): void {
  const cols: Column[] = [
    { header: "STT", key: "stt", width: 6, center: true },
    { header: "Mã", key: "code", width: 10, center: true },
    { header: "Phường, xã, đặc khu", key: "name", width: 36, wrap: true },
    { header: "Phiên bản", key: "version", width: 9, center: true },
    ...s.indicators.map((i) => ({ header: `${i.code} (${i.unitLabel})`, key: `i${i.id}`, width: 11, center: true })),
  ];
  const ws = sheet(wb, CITY_SHEET_WARDS, `SỐ LIỆU CÁC CHỈ TIÊU THEO TỪNG PHƯỜNG, XÃ, ĐẶC KHU NĂM ${s.year}`, notes, cols);
  const add = rowWriter(ws, cols);
  const formats = Object.fromEntries(s.indicators.map((i) => [`i${i.id}`, i.measure === "percent" ? PERCENT : COUNT]));
  add(
    { stt: null, code: CITY_CODE, name: "Toàn thành phố", version: null, ...Object.fromEntries(s.indicators.map((i) => [`i${i.id}`, i.measure === "percent" ? fraction(i.current.value) : i.current.value])) },
    formats,
    true,
  );
  s.wards.forEach((w, k) => {
    const cells = Object.fromEntries(s.indicators.map((i) => [`i${i.id}`, i.measure === "percent" ? fraction(i.byWard[k].value) : i.byWard[k].value]));
    add({ stt: k + 1, code: w.ward.code, name: w.ward.name, version: w.version, ...cells }, formats);
  });
  ws.commit();
}

function trajectorySheet(wb: Book, s: Input, notes: string): void {
  const cols: Column[] = [
    { header: "STT", key: "stt", width: 6, center: true },
    { header: "Mã", key: "code", width: 7, center: true },
    { header: "Chỉ tiêu", key: "name", width: 44, wrap: true },
    { header: "Nội dung", key: "what", width: 12 },
    ...PLAN_YEARS.map((y) => ({ header: `Năm ${y}`, key: `y${y}`, width: 11, center: true })),
    { header: "Mục tiêu đến năm 2030", key: "target", width: 18, wrap: true },
    { header: "Ghi chú", key: "note", width: 34, wrap: true },
  ];
  const ws = sheet(wb, CITY_SHEET_TRAJECTORY, "LỘ TRÌNH THỰC HIỆN CÁC CHỈ TIÊU TRÊN ĐỊA BÀN THÀNH PHỐ ĐẾN NĂM 2030", notes, cols);
  const add = rowWriter(ws, cols);
  s.indicators.forEach((i, n) => {
    const percent = i.measure === "percent";
    const fmt = Object.fromEntries(PLAN_YEARS.map((y) => [`y${y}`, percent ? PERCENT : COUNT]));
    const byYear = (pick: (p: (typeof i.trajectory)[number]) => unknown) => Object.fromEntries(i.trajectory.map((p) => [`y${p.year}`, pick(p)]));
    const kinds = [...new Set(i.trajectory.filter((p) => p.milestoneKind && p.milestoneKind !== "target").map((p) => MILESTONE_KIND_LABELS[p.milestoneKind!]))];
    add({ stt: n + 1, code: i.code, name: i.name, what: "Kết quả", ...byYear((p) => (percent ? fraction(p.value) : p.value)), target: formatTarget(i), note: null }, fmt, true);
    if (percent) add({ stt: null, code: i.code, name: null, what: "Lộ trình", ...byYear((p) => fraction(p.milestone)), target: null, note: kinds.length ? `Lộ trình: ${kinds.join(", ")}` : null }, fmt);
    add({
      stt: null,
      code: i.code,
      name: null,
      what: "Đánh giá",
      ...byYear((p) => (p.value === null ? null : ON_TRACK_LABELS[p.onTrack])),
      target: null,
      note: percent ? null : "Mục tiêu đặt cho từng phường: đạt khi mọi phường báo cáo đều đạt",
    });
  });
  ws.commit();
}

function reportingSheet(wb: Book, s: Input, notes: string): void {
  const cols: Column[] = [
    { header: "STT", key: "stt", width: 6, center: true },
    { header: "Mã", key: "code", width: 10, center: true },
    { header: "Phường, xã, đặc khu", key: "name", width: 36, wrap: true },
    { header: "Tình trạng", key: "state", width: 20, wrap: true },
    { header: "Thời hạn", key: "timing", width: 12, center: true },
    { header: "Gửi lần đầu", key: "first", width: 17 },
    { header: "Phiên bản mới nhất", key: "version", width: 10, center: true },
    { header: "Trạng thái phiên bản", key: "status", width: 24, wrap: true },
    { header: "Gửi lúc", key: "sentAt", width: 17 },
    { header: "Sở xử lý lúc", key: "decidedAt", width: 17 },
    { header: "Lý do trả lại", key: "reason", width: 40, wrap: true },
  ];
  const ws = sheet(wb, CITY_SHEET_REPORTING, `TÌNH HÌNH GỬI BÁO CÁO NĂM ${s.year} CỦA CÁC PHƯỜNG, XÃ, ĐẶC KHU`, notes, cols);
  const add = rowWriter(ws, cols);
  s.wardRows.forEach((w, k) =>
    add({
      stt: k + 1,
      code: w.ward.code,
      name: w.ward.name,
      state: CITY_WARD_STATE_LABELS[w.state] + (w.overdue ? " (quá hạn)" : ""),
      timing: w.timing ? CITY_TIMING_LABELS[w.timing] : null,
      first: w.firstSentAt ? formatDateTimeVN(w.firstSentAt) : null,
      version: w.latest?.version ?? null,
      status: w.latest ? SNAPSHOT_STATUS_LABELS[w.latest.status] : null,
      sentAt: w.latest ? formatDateTimeVN(w.latest.sentAt) : null,
      decidedAt: w.latest?.decidedAt ? formatDateTimeVN(w.latest.decidedAt) : null,
      reason: w.latest?.returnReason ?? null,
    }),
  );
  ws.commit();
}

/** The city's workbook: the city figures, the wards side by side, the road to 2030, who sent what. */
export async function buildCityWorkbook(s: Input): Promise<Buffer> {
  const { wb, done } = streamingBook(s.wards.length * s.indicators.length, s.generatedAt);
  const c = s.counts;
  const notes =
    `Sở Nội vụ thành phố Hải Phòng — năm ${s.year}, tổng hợp lúc ${formatDateTimeVN(s.generatedAt)}: ${c.accepted}/${c.expected} phường, xã, đặc khu đã được tiếp nhận ` +
    `(hạn ${formatDateVN(s.deadline.deadlineAt)}). Số liệu toàn thành phố cộng số liệu của các phường, xã đã được tiếp nhận (các phường chia nhau địa bàn, không tính trùng).`;
  indicatorsSheet(wb, s, notes);
  wardsSheet(wb, s, notes);
  trajectorySheet(wb, s, notes);
  reportingSheet(wb, s, notes);
  return done();
}
