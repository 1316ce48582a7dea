import type { Paragraph, Table } from "docx";
import type { AppContext } from "../http/context.js";
import { DIFFICULTY_KIND_LABELS, DIFFICULTY_STATE_LABELS, NO_THEME_LABEL } from "../contract/difficulties-labels.js";
import { RECOMMENDATION_STATE_LABELS } from "../contract/supervision-labels.js";
import { DIALOGUE_LIMITS } from "../contract/dialogues-labels.js";
import { formatDateTimeVN, formatDateVN } from "../lib/time.js";
import { dutiesOfYear } from "../duties/year-summary.js";
import { difficultiesByTheme } from "../difficulties/service.js";
import { supervisionsOfYear } from "../supervision/service.js";
import { dialoguesOfYear } from "../dialogues/service.js";
import { defaultDocxKit, type DocxKit } from "./follow-up-kit.js";

/**
 * The ward report's sections on the plan's other duties: duties done and overdue, the difficulties
 * and proposals by theme with what became of them, the Fatherland Front's supervisions and the
 * answers, and the chair's dialogues (the evidence of CT14 and task 5). Built in two steps so the
 * content can be tested as data: a model of headings, paragraphs and tables, then docx objects.
 */
export interface FollowUpData {
  year: number;
  duties: Awaited<ReturnType<typeof dutiesOfYear>>;
  difficulties: Awaited<ReturnType<typeof difficultiesByTheme>>;
  supervisions: Awaited<ReturnType<typeof supervisionsOfYear>>;
  dialogues: Awaited<ReturnType<typeof dialoguesOfYear>>;
}

export type Block =
  | { type: "para"; text: string; lead?: string }
  | { type: "table"; columns: { header: string; width: number; center?: boolean }[]; rows: string[][] };
export interface Section {
  heading: string;
  blocks: Block[];
}

/** One ward's duties, difficulties, supervisions and dialogues of the year. */
export async function loadFollowUp(ctx: AppContext, wardId: number, year: number): Promise<FollowUpData> {
  const { db } = ctx.database;
  const nowIso = ctx.clock.now().toISOString();
  const [duties, difficulties, supervisions, dialogues] = await Promise.all([
    dutiesOfYear(db, wardId, year, nowIso),
    difficultiesByTheme(db, wardId, year),
    supervisionsOfYear(db, wardId, year, nowIso),
    dialoguesOfYear(db, wardId, year, nowIso),
  ]);
  return { year, duties, difficulties, supervisions, dialogues };
}

const list = (names: string[], max = 12) => (names.length > max ? `${names.slice(0, max).join("; ")} và ${names.length - max} đơn vị khác` : names.join("; "));

function dutiesSection(d: FollowUpData): Section {
  if (!d.duties.length) return { heading: "THỰC HIỆN CÁC NHIỆM VỤ CÓ THỜI HẠN", blocks: [{ type: "para", text: "Trong năm không có nhiệm vụ có thời hạn nào được giao." }] };
  const done = d.duties.filter((x) => x.counts.expected > 0 && x.counts.accepted === x.counts.expected).length;
  const overdue = d.duties.filter((x) => x.counts.overdue > 0);
  const blocks: Block[] = [
    {
      type: "para",
      text: `Trong năm ${d.year} có ${d.duties.length} nhiệm vụ có thời hạn theo Kế hoạch; ${done} nhiệm vụ đã được tất cả các đơn vị hoàn thành, ${overdue.length} nhiệm vụ còn đơn vị quá hạn chưa nộp.`,
    },
    {
      type: "table",
      columns: [
        { header: "STT", width: 680, center: true },
        { header: "Nhiệm vụ", width: 3570 },
        { header: "Thời hạn", width: 1600, center: true },
        { header: "Hoàn thành", width: 1200, center: true },
        { header: "Chờ xem xét", width: 1200, center: true },
        { header: "Quá hạn", width: 1104, center: true },
      ],
      rows: d.duties.map((x, i) => [String(i + 1), x.title, formatDateVN(x.dueAt), `${x.counts.accepted}/${x.counts.expected}`, String(x.counts.handedIn), String(x.counts.overdue)]),
    },
  ];
  for (const x of overdue) blocks.push({ type: "para", lead: `- ${x.title}: `, text: `các đơn vị quá hạn chưa nộp: ${list(x.overdueUnits)}.` });
  return { heading: "THỰC HIỆN CÁC NHIỆM VỤ CÓ THỜI HẠN", blocks };
}

function difficultiesSection(d: FollowUpData): Section {
  const heading = `KẾT QUẢ XỬ LÝ KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ`;
  if (!d.difficulties.length) return { heading, blocks: [{ type: "para", text: "Các cơ quan, đơn vị không phản ánh khó khăn, đề xuất trong báo cáo." }] };
  const all = d.difficulties.flatMap((g) => g.items);
  const count = (s: string) => all.filter((i) => i.state === s).length;
  const blocks: Block[] = [
    {
      type: "para",
      text: `Phòng Văn hóa - Xã hội đã tổng hợp ${all.length} nội dung khó khăn, đề xuất từ báo cáo của các đơn vị (các nội dung trùng nhau được gộp): ${count("resolved")} nội dung đã được giải quyết, ${count("forwarded")} nội dung đã chuyển cấp có thẩm quyền, ${count("new")} nội dung đang tổng hợp, xem xét.`,
    },
  ];
  d.difficulties.forEach((g, i) => {
    blocks.push({ type: "para", lead: `${i + 1}. ${g.theme ?? NO_THEME_LABEL}`, text: "" });
    for (const it of g.items) {
      let state = DIFFICULTY_STATE_LABELS[it.state];
      if (it.state === "forwarded" && it.forwardedTo) state += ` (${it.forwardedTo}${it.forwardedAt ? `, ngày ${formatDateVN(it.forwardedAt)}` : ""})`;
      if (it.state === "resolved" && it.answer) state += `: ${it.answer}`;
      blocks.push({ type: "para", lead: `- ${DIFFICULTY_KIND_LABELS[it.kind]} (${it.units.join("; ")}): `, text: `${it.text.replace(/\.$/, "")}. Tình trạng: ${state}` });
    }
  });
  return { heading, blocks };
}

function supervisionSection(d: FollowUpData): Section {
  const heading = `GIÁM SÁT CỦA ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM PHƯỜNG`;
  if (!d.supervisions.length) return { heading, blocks: [{ type: "para", text: `Trong năm ${d.year} chưa ghi nhận cuộc giám sát nào.` }] };
  const recs = d.supervisions.flatMap((s) => s.recommendations);
  const answered = recs.filter((r) => r.answeredAt).length;
  const blocks: Block[] = [
    { type: "para", text: `Trong năm ${d.year}, Ủy ban MTTQ Việt Nam phường tổ chức ${d.supervisions.length} cuộc giám sát với ${recs.length} kiến nghị; ${answered} kiến nghị đã được trả lời, ${recs.filter((r) => r.state === "overdue").length} kiến nghị quá hạn chưa trả lời.` },
  ];
  d.supervisions.forEach((s, i) => {
    blocks.push({ type: "para", lead: `${i + 1}. ${s.title} (ngày ${formatDateVN(s.heldOn)}; đơn vị được giám sát: ${s.units.map((u) => u.name).join("; ")}). `, text: `Kết quả: ${s.findings}` });
    blocks.push({
      type: "table",
      columns: [
        { header: "Kiến nghị", width: 2900 },
        { header: "Đơn vị trả lời", width: 1650 },
        { header: "Hạn", width: 1600, center: true },
        { header: "Trả lời", width: 3204 },
      ],
      rows: s.recommendations.map((r) => [r.text, r.unit.name, formatDateVN(r.dueAt), r.answer ? `${r.answer}\n(${RECOMMENDATION_STATE_LABELS[r.state].toLowerCase()}, ${formatDateVN(r.answeredAt!)})` : RECOMMENDATION_STATE_LABELS[r.state]]),
    });
  });
  return { heading, blocks };
}

function dialogueSection(d: FollowUpData): Section {
  const heading = `ĐỐI THOẠI GIỮA CHỦ TỊCH UBND PHƯỜNG VỚI THANH NIÊN (CHỈ TIÊU CT14, NHIỆM VỤ 5)`;
  const held = d.dialogues.held;
  const blocks: Block[] = [
    {
      type: "para",
      text: held.length
        ? `Trong năm ${d.year}, Chủ tịch UBND phường đã đối thoại với thanh niên ${held.length} lần (chỉ tiêu: ít nhất 01 lần/năm) — ${held.length >= 1 ? "đạt" : "chưa đạt"} chỉ tiêu CT14.`
        : `Trong năm ${d.year}, Chủ tịch UBND phường chưa tổ chức đối thoại với thanh niên (chỉ tiêu: ít nhất 01 lần/năm) — chưa đạt chỉ tiêu CT14.`,
    },
  ];
  for (const x of held) {
    const notice = x.noticeDays >= DIALOGUE_LIMITS.noticeDays ? `kế hoạch được công khai trước ${x.noticeDays} ngày` : `kế hoạch chỉ được công khai trước ${x.noticeDays} ngày (yêu cầu ${DIALOGUE_LIMITS.noticeDays} ngày)`;
    blocks.push({
      type: "para",
      lead: `- ${x.title}: `,
      text: `${formatDateTimeVN(x.heldAt)} tại ${x.place}, ${x.presidedBy} chủ trì; ${notice}; ${x.questionCount} câu hỏi của thanh niên, ${x.answeredCount} câu đã được trả lời công khai${x.attendees !== null ? `; ${x.attendees} thanh niên tham dự` : ""}.${x.summary ? ` ${x.summary}` : ""}`,
    });
  }
  for (const x of d.dialogues.planned) blocks.push({ type: "para", lead: `- ${x.title}: `, text: `dự kiến ${formatDateTimeVN(x.heldAt)} tại ${x.place} (chưa công bố kết quả).` });
  return { heading, blocks };
}

/** The sections' content; their headings are numbered by the report they go into. */
export function followUpModel(d: FollowUpData): Section[] {
  return [dutiesSection, difficultiesSection, supervisionSection, dialogueSection].map((b) => b(d));
}

/** docx objects for the sections; `heading` numbers each heading (the Word report's own, in the report). */
export function renderFollowUp(sections: Section[], kit: DocxKit = defaultDocxKit, heading: (title: string) => Paragraph = kit.heading): (Paragraph | Table)[] {
  return sections.flatMap((s) => [
    heading(s.heading),
    ...s.blocks.flatMap((b) => (b.type === "para" ? [kit.body(b.text, { lead: b.lead })] : [kit.table(b.columns, b.rows), kit.spacer()])),
  ]);
}
