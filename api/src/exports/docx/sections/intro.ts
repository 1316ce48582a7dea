import { COUNTED_SENTENCE } from "../../../contract/summary-labels.js";
import type { ReportingRow } from "../../../contract/summary.js";
import { formatDateVN } from "../../../lib/time.js";
import { RESOLUTION } from "../../signature.js";
import { body } from "../primitives.js";
import type { WordSection } from "../sections.js";

/** Names in a sentence, cut at 40 ("… và 12 đơn vị khác") so a city-wide report stays readable. */
function names(list: string[]): string {
  const shown = list.slice(0, 40);
  const more = list.length - shown.length;
  return `${shown.join("; ")}${more > 0 ? ` và ${more} đơn vị khác` : ""}`;
}

/** The reporting status in words: every state named, the late with their date, the returned with the reason. */
export function statusLines(rows: ReportingRow[]): string[] {
  const of = (state: ReportingRow["state"]) => rows.filter((r) => r.state === state);
  const out: string[] = [];
  const onTime = of("on_time");
  if (onTime.length) out.push(`- Nộp đúng hạn (${onTime.length}): ${names(onTime.map((r) => r.unitName))}.`);
  const extended = of("on_time_extended");
  if (extended.length)
    out.push(`- Nộp đúng hạn trong thời gian được gia hạn (${extended.length}): ${names(extended.map((r) => (r.exceptionUntil ? `${r.unitName} (gia hạn đến ${formatDateVN(r.exceptionUntil)})` : r.unitName)))}.`);
  const late = of("late");
  if (late.length) out.push(`- Nộp muộn (${late.length}): ${names(late.map((r) => (r.submittedAt ? `${r.unitName} (nộp ngày ${formatDateVN(r.submittedAt)})` : r.unitName)))}.`);
  const returned = of("returned");
  if (returned.length)
    out.push(`- Bị trả lại để hoàn thiện (${returned.length}): ${names(returned.map((r) => (r.returnReason ? `${r.unitName} (lý do: ${r.returnReason.replace(/\s+/g, " ").replace(/\.$/, "")})` : r.unitName)))}.`);
  const missing = of("not_submitted");
  if (missing.length) out.push(`- Chưa gửi báo cáo (${missing.length}): ${names(missing.map((r) => r.unitName))}.`);
  return out;
}

/** The opening: the plan it reports on (with its number and date), then who reported and how. */
export const introSection: WordSection = {
  key: "intro",
  build({ summary, ward, when, now }) {
    const plan = summary.planReference;
    const planRef = plan.number && plan.date ? `Kế hoạch số ${plan.number} ngày ${formatDateVN(`${plan.date}T05:00:00Z`)}` : "Kế hoạch";
    const c = summary.completeness;
    const extended = c.extended ? `, trong đó ${c.extended} đơn vị nộp trong thời gian được gia hạn` : "";
    const approvedOnly = summary.counted === "approved_only" ? ` (${c.counted} báo cáo đã duyệt được tính)` : "";
    return [
      body(
        `Thực hiện ${planRef} của Ủy ban nhân dân ${ward.full} triển khai thực hiện ${RESOLUTION.ref} ${RESOLUTION.subject}; ` +
          `trên cơ sở báo cáo của các cơ quan, đơn vị theo Phụ lục 01, 02 kèm theo Kế hoạch, Ủy ban nhân dân ${ward.full} báo cáo kết quả thực hiện ${when} như sau:`,
      ),
      body(
        `Tính đến ngày ${formatDateVN(now)}, ${c.submitted}/${c.expected} cơ quan, đơn vị đã gửi báo cáo (${c.approved} báo cáo đã được duyệt): ` +
          `${c.onTime} đơn vị nộp đúng hạn${extended}; ${c.late ? `${c.late} đơn vị nộp muộn` : "không có đơn vị nộp muộn"}. ${COUNTED_SENTENCE[summary.counted]}${approvedOnly}; ` +
          "cách tổng hợp số liệu toàn phường của từng chỉ tiêu ghi tại Mục I.",
      ),
      ...statusLines(summary.reporting).map((l) => body(l)),
    ];
  },
};
