import type { SectionKey, WardSummary } from "../../contract/summary.js";
import { COMMENDATION_KIND_LABELS, formatFigure, formatMilestone } from "../../contract/summary-labels.js";
import { formatDateVN } from "../../lib/time.js";

type Parts = Pick<WardSummary, "period" | "completeness" | "reporting" | "indicators" | "tasks" | "issues" | "commendations">;

const codes = (list: { code: string }[]) => list.map((i) => i.code).join(", ");
const firstLine = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(" ");

/** "CT02 (67,2%, lộ trình 2026 là 70%)" for an indicator behind its milestone (or target). */
function behind(i: WardSummary["indicators"][number], year: number): string {
  const against = i.milestone ? `lộ trình ${year} là ${formatMilestone(i.milestone.value, i.measure)}` : `mục tiêu 2030 là ${formatMilestone(i.target, i.measure)}`;
  return `${i.code} (${formatFigure(i.current.value, i.measure)}, ${against})`;
}

/** Late, returned and missing units, named; empty when every unit reported on time. */
export function reportingProblems(p: Parts): string[] {
  const named = (state: string) => p.reporting.filter((r) => r.state === state);
  const out: string[] = [];
  const late = named("late");
  if (late.length) out.push(`Nộp muộn: ${late.map((r) => (r.submittedAt ? `${r.unitName} (nộp ngày ${formatDateVN(r.submittedAt)})` : r.unitName)).join("; ")}.`);
  const returned = named("returned");
  if (returned.length) out.push(`Bị trả lại để hoàn thiện: ${returned.map((r) => r.unitName).join("; ")}.`);
  const missing = named("not_submitted");
  if (missing.length) out.push(`Chưa gửi báo cáo: ${missing.map((r) => r.unitName).join("; ")}.`);
  return out;
}

function assessment(p: Parts): string {
  const year = p.period.year;
  const c = p.completeness;
  const withFigure = p.indicators.filter((i) => i.current.value !== null);
  const good = withFigure.filter((i) => i.onTrack === "on_track");
  const bad = withFigure.filter((i) => i.onTrack === "off_track");
  const none = p.indicators.filter((i) => i.current.value === null);
  const done = p.tasks.filter((t) => t.wardStatus === "done");
  const lines = [
    "1. Kết quả đạt được",
    `${c.counted}/${c.expected} cơ quan, đơn vị có báo cáo được tổng hợp. ` +
      `${good.length}/${p.indicators.length} chỉ tiêu đạt lộ trình năm ${year} (chỉ tiêu chưa có lộ trình năm được so với mục tiêu 2030)${good.length ? `: ${codes(good)}` : ""}. ` +
      `${done.length}/${p.tasks.length} nhiệm vụ, giải pháp đã hoàn thành${done.length ? `: ${codes(done)}` : ""}.`,
    "2. Tồn tại, hạn chế",
  ];
  const problems = [
    ...(bad.length ? [`- ${bad.length} chỉ tiêu chưa đạt: ${bad.map((i) => behind(i, year)).join("; ")}.`] : []),
    ...(none.length ? [`- ${none.length} chỉ tiêu chưa có số liệu: ${codes(none)}.`] : []),
    ...reportingProblems(p).map((l) => `- ${l}`),
  ];
  lines.push(...(problems.length ? problems : ["- Chưa phát hiện tồn tại qua số liệu tổng hợp."]));
  lines.push("3. Nguyên nhân");
  const causes = p.issues.filter((u) => u.difficulties);
  lines.push(...(causes.length ? causes.map((u) => `- ${u.unitName}: ${firstLine(u.difficulties)}`) : ["- Các cơ quan, đơn vị không nêu khó khăn, vướng mắc."]));
  return lines.join("\n");
}

function nextYear(p: Parts): string {
  const year = p.period.year + 1;
  const bad = p.indicators.filter((i) => i.onTrack === "off_track" || i.current.value === null);
  const open = p.tasks.filter((t) => t.wardStatus !== "done");
  const nextMilestone = (i: WardSummary["indicators"][number]) => i.trajectory.find((t) => t.year === year)?.milestone ?? null;
  const lines = [`Năm ${year}, Ủy ban nhân dân phường tập trung chỉ đạo:`];
  if (bad.length) {
    lines.push(
      `- Thực hiện các chỉ tiêu chưa đạt hoặc chưa có số liệu: ${bad
        .map((i) => {
          const m = nextMilestone(i);
          return m === null ? i.code : `${i.code} (lộ trình ${year}: ${formatMilestone(m, i.measure)})`;
        })
        .join("; ")}.`,
    );
  }
  if (open.length) lines.push(`- Hoàn thành các nhiệm vụ, giải pháp chưa hoàn thành: ${codes(open)}.`);
  lines.push(`- Các cơ quan, đơn vị báo cáo đầy đủ, đúng hạn trước ngày 30/11/${year} theo Phụ lục 01, 02.`);
  return lines.join("\n");
}

function proposals(p: Parts): string {
  const list = p.issues.filter((u) => u.proposals);
  if (!list.length) return "Các cơ quan, đơn vị không có đề xuất, kiến nghị.";
  return list.map((u) => `- ${u.unitName}: ${firstLine(u.proposals)}`).join("\n");
}

function commendations(p: Parts): string {
  if (!p.commendations.length) return "Các cơ quan, đơn vị chưa đề nghị khen thưởng.";
  const n = (k: "collective" | "person") => p.commendations.filter((c) => c.kind === k).length;
  const parts = (["collective", "person"] as const).filter((k) => n(k) > 0).map((k) => `${n(k)} ${COMMENDATION_KIND_LABELS[k].toLowerCase()}`);
  return (
    `Đề nghị Chủ tịch Ủy ban nhân dân phường xem xét, khen thưởng ${parts.join(" và ")} có thành tích trong thực hiện ` +
    `Nghị quyết số 83/NQ-HĐND năm ${p.period.year} (danh sách kèm theo).`
  );
}

/** The staff-written sections, drafted from what the data says; staff edit them on the summary screen. */
export function draftSections(p: Parts): Record<SectionKey, string> {
  return { assessment: assessment(p), next_year: nextYear(p), proposals: proposals(p), commendations: commendations(p) };
}
