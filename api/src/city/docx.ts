import { AlignmentType, Document, Packer, type FileChild } from "docx";
import type { CitySummary, CityWardRow } from "../contract/city.js";
import { CITY_ISSUER, CITY_RULE_SENTENCE, CITY_TIMING_LABELS } from "../contract/city-labels.js";
import { formatMilestone, formatTarget, onTrackText, trajectorySentence } from "../contract/summary-labels.js";
import { formatDateVN } from "../lib/time.js";
import { RESOLUTION } from "../exports/signature.js";
import { headerBlock, pageSection, signatureBlock, titleBlock, wardNames, type Issuer, type Signing } from "../exports/docx/frame.js";
import { FONT, body, dataTable, heading, run, spacer } from "../exports/docx/primitives.js";
import { figureLines } from "../exports/docx/sections/indicators.js";
import { roman } from "../exports/docx/sections.js";
import type { CityReportData } from "./summary.js";

/** The city's report is issued by the Department of Home Affairs under the city's People's Committee (Decree 30). */
const ISSUER: Issuer = {
  lines: [
    { text: CITY_ISSUER.above, bold: false, size: 12 },
    { text: CITY_ISSUER.body, bold: true },
  ],
  number: CITY_ISSUER.number,
  place: CITY_ISSUER.place,
};

const SIGNING: Signing = {
  titles: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
  recipients: ["UBND thành phố (để báo cáo)", "Thành đoàn Hải Phòng", "UBND các phường, xã, đặc khu", "Các phòng, đơn vị thuộc Sở"],
  archive: "- Lưu: VT, CTTN.",
};

/** "Phường Lê Đại Hành" (the unit is "Ủy ban nhân dân phường Lê Đại Hành"). */
const place = (w: { ward: { name: string } }) => wardNames(w.ward.name).place;

/** Names in a sentence, cut at 40 so a city of 114 wards stays readable. */
function names(list: string[]): string {
  const shown = list.slice(0, 40);
  return `${shown.join("; ")}${list.length > shown.length ? ` và ${list.length - shown.length} phường, xã khác` : ""}`;
}

function statusParagraphs(s: CityReportData, now: Date): FileChild[] {
  const c = s.counts;
  const of = (f: (w: CityWardRow) => boolean) => s.wardRows.filter(f);
  const lines: string[] = [];
  const accepted = of((w) => w.state === "accepted");
  if (accepted.length) lines.push(`- Đã được Sở tiếp nhận (${accepted.length}): ${names(accepted.map((w) => `${place(w)} (phiên bản ${w.latest!.version})`))}.`);
  const waiting = of((w) => w.state === "sent");
  if (waiting.length) lines.push(`- Đã gửi, đang chờ Sở tiếp nhận (${waiting.length}): ${names(waiting.map(place))}.`);
  const returned = of((w) => w.state === "returned");
  if (returned.length)
    lines.push(`- Bị trả lại để hoàn thiện, chưa gửi lại (${returned.length}): ${names(returned.map((w) => `${place(w)} (lý do: ${(w.latest!.returnReason ?? "").replace(/\s+/g, " ").replace(/\.$/, "")})`))}.`);
  const late = of((w) => w.timing === "late");
  if (late.length) lines.push(`- Gửi muộn (${late.length}): ${names(late.map((w) => `${place(w)} (gửi ngày ${formatDateVN(w.firstSentAt!)})`))}.`);
  const missing = of((w) => w.state === "not_sent");
  if (missing.length) lines.push(`- Chưa gửi báo cáo (${missing.length}): ${names(missing.map(place))}.`);
  return [
    body(
      `Hạn gửi báo cáo về Sở Nội vụ: ngày ${formatDateVN(s.deadline.deadlineAt)}. Tính đến ngày ${formatDateVN(now)}, ${c.sent}/${c.expected} phường, xã, đặc khu đã gửi báo cáo ` +
        `(${c.accepted} báo cáo đã được tiếp nhận, ${c.waiting} báo cáo đang chờ tiếp nhận); ${c.onTime} đơn vị gửi đúng hạn, ${c.late ? `${c.late} đơn vị gửi muộn` : "không có đơn vị gửi muộn"}; ` +
        `${c.returned} báo cáo bị trả lại chưa gửi lại; ${c.notSent} đơn vị chưa gửi. Đúng hạn tính theo lần gửi đầu tiên.`,
    ),
    ...lines.map((l) => body(l)),
  ];
}

function indicatorParagraphs(s: CitySummary): FileChild[] {
  const year = s.year;
  const table = dataTable(
    [
      { header: "STT", align: AlignmentType.CENTER },
      { header: "Chỉ tiêu", flex: true },
      { header: "Đơn vị tính", align: AlignmentType.CENTER },
      { header: `Kết quả năm ${year}`, align: AlignmentType.CENTER },
      { header: "Số phường đạt / báo cáo", align: AlignmentType.CENTER, min: 700 },
      { header: `Lộ trình năm ${year}`, align: AlignmentType.CENTER, min: 640 },
      { header: "Mục tiêu đến năm 2030", align: AlignmentType.CENTER },
      { header: "Đánh giá", align: AlignmentType.CENTER, min: 680 },
    ],
    s.indicators.map((i, n) => [
      String(n + 1),
      i.name,
      i.unitLabel,
      figureLines(i),
      `${i.current.wardsOnTrack}/${i.current.wardsReported}`,
      i.milestone ? formatMilestone(i.milestone.value, i.measure) : i.basis === "wards" ? "Từng phường" : "—",
      formatTarget(i),
      onTrackText(i),
    ]),
  );
  return [
    body(`${CITY_RULE_SENTENCE} Số liệu dưới đây tổng hợp từ báo cáo của ${s.wards.length}/${s.counts.expected} phường, xã, đặc khu đã được Sở Nội vụ tiếp nhận.`),
    table,
    spacer(),
    body([run("Lộ trình đến năm 2030 của từng chỉ tiêu trên địa bàn thành phố:", { bold: true, italics: true })]),
    ...s.indicators.map((i) => body(`- ${i.code}: ${trajectorySentence(i, year)}${i.basis === "wards" && i.current.wardsReported ? ` (đặt cho từng phường: ${i.current.wardsOnTrack}/${i.current.wardsReported} phường đạt)` : ""}.`)),
  ];
}

function wardTable(s: CitySummary): FileChild[] {
  if (!s.wards.length) return [body("Chưa có báo cáo nào của phường, xã, đặc khu được Sở tiếp nhận.")];
  const rows = s.wards.map((w, k) => {
    const known = s.indicators.filter((i) => i.byWard[k].value !== null);
    const ok = known.filter((i) => i.byWard[k].onTrack === "on_track").length;
    return [String(k + 1), place(w), String(w.version), formatDateVN(w.sentAt), CITY_TIMING_LABELS[w.timing], `${ok}/${known.length}`];
  });
  return [
    body("Chi tiết số liệu từng chỉ tiêu của từng phường, xã, đặc khu tại tệp Excel tổng hợp kèm theo (trang “Theo phường”)."),
    dataTable(
      [
        { header: "STT", align: AlignmentType.CENTER },
        { header: "Phường, xã, đặc khu", flex: true },
        { header: "Phiên bản", align: AlignmentType.CENTER },
        { header: "Ngày gửi", align: AlignmentType.CENTER },
        { header: "Thời hạn", align: AlignmentType.CENTER, min: 1100 },
        { header: "Chỉ tiêu đạt lộ trình", align: AlignmentType.CENTER, min: 900 },
      ],
      rows,
    ),
  ];
}

export interface CityWordInput {
  summary: CityReportData;
  now: Date;
  signer: string;
}

/** The city's report in the format of Decree 30/2020/NĐ-CP, issued by Sở Nội vụ: the ward report's frame and primitives. */
export async function buildCityWordReport(input: CityWordInput): Promise<Buffer> {
  const { summary: s, now } = input;
  const when = `năm ${s.year}`;
  let n = 0;
  const h = (title: string) => heading(`${roman(++n)}. ${title}`);
  const doc = new Document({
    creator: "Thanh niên số",
    title: `Báo cáo tổng hợp kết quả thực hiện ${RESOLUTION.short} ${when}`,
    description: CITY_ISSUER.name,
    styles: { default: { document: { run: { font: FONT, size: 28 }, paragraph: { spacing: { before: 0, after: 0 } } } } },
    sections: [
      pageSection([
        headerBlock(ISSUER, now),
        ...titleBlock(`Tổng hợp kết quả thực hiện ${RESOLUTION.short} ${when} của các phường, xã, đặc khu`),
        body(
          `Thực hiện ${RESOLUTION.ref} ${RESOLUTION.subject}; trên cơ sở báo cáo của Ủy ban nhân dân các phường, xã, đặc khu, ` +
            `Sở Nội vụ tổng hợp kết quả thực hiện ${when} như sau:`,
        ),
        h("TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC PHƯỜNG, XÃ, ĐẶC KHU"),
        ...statusParagraphs(s, now),
        h("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU TRÊN ĐỊA BÀN THÀNH PHỐ (Phụ lục 01)"),
        ...indicatorParagraphs(s),
        h("KẾT QUẢ THEO TỪNG PHƯỜNG, XÃ, ĐẶC KHU"),
        ...wardTable(s),
        spacer(),
        body(`Trên đây là báo cáo tổng hợp kết quả thực hiện ${RESOLUTION.short} ${when} trên địa bàn thành phố của Sở Nội vụ./.`),
        spacer(),
        signatureBlock(input.signer, SIGNING),
      ]),
    ],
  });
  return Packer.toBuffer(doc);
}
