import { AlignmentType } from "docx";
import { TASK_STATUS_TEXT, formatNumber } from "../../../contract/summary-labels.js";
import { body, dataTable, leadParagraphs, run, spacer } from "../primitives.js";
import type { WordSection } from "../sections.js";

/** Results listed per task in the Word report; the Excel file has every row. */
const MAX_RESULTS_PER_TASK = 100;

export const tasksSection: WordSection = {
  key: "tasks",
  build({ summary, heading }) {
    const tasks = summary.tasks;
    const by = (s: string | null) => tasks.filter((t) => t.wardStatus === s).length;
    const table = dataTable(
      [
        { header: "STT", align: AlignmentType.CENTER },
        { header: "Nhiệm vụ, giải pháp", flex: true },
        { header: "Số đơn vị báo cáo", align: AlignmentType.CENTER, min: 640 },
        { header: "Hoàn thành", align: AlignmentType.CENTER },
        { header: "Đang triển khai", align: AlignmentType.CENTER, min: 640 },
        { header: "Chưa triển khai", align: AlignmentType.CENTER, min: 640 },
        { header: "Tiến độ bình quân", align: AlignmentType.CENTER, min: 640 },
        { header: "Đánh giá", align: AlignmentType.CENTER, min: 1150 },
      ],
      tasks.map((t, n) => [
        String(n + 1),
        t.name,
        `${t.unitsReported}/${t.unitsExpected}`,
        String(t.done),
        String(t.inProgress),
        String(t.notStarted),
        t.meanProgress === null ? "—" : `${formatNumber(t.meanProgress)}%`,
        t.wardStatus ? TASK_STATUS_TEXT[t.wardStatus] : "Chưa có báo cáo",
      ]),
    );
    const results = tasks.flatMap((t, n) => {
      const withText = t.results.filter((r) => r.result.trim() || r.status);
      if (!withText.length) return [];
      const lines = [body([run(`${n + 1}. ${t.name}:`, { italics: true })])];
      for (const r of withText.slice(0, MAX_RESULTS_PER_TASK)) {
        const state = [r.lead ? "chủ trì" : null, r.status ? TASK_STATUS_TEXT[r.status].toLowerCase() : null, r.progress !== null ? `${r.progress}%` : null]
          .filter(Boolean)
          .join(", ");
        lines.push(...leadParagraphs([run(`- ${r.unitName}${state ? ` (${state})` : ""}${r.result.trim() ? ": " : "."}`)], r.result));
      }
      if (withText.length > MAX_RESULTS_PER_TASK) lines.push(body(`- Và ${withText.length - MAX_RESULTS_PER_TASK} đơn vị khác (chi tiết tại Phụ lục 02 trong tệp Excel tổng hợp).`));
      return lines;
    });
    return [
      heading("KẾT QUẢ THỰC HIỆN NHIỆM VỤ, GIẢI PHÁP (Phụ lục 02)"),
      body(
        `Trong ${tasks.length} nhiệm vụ, giải pháp, có ${by("done")} nhiệm vụ hoàn thành, ${by("in_progress")} nhiệm vụ đang triển khai, ` +
          `${by("not_started")} nhiệm vụ chưa triển khai và ${by(null)} nhiệm vụ chưa có báo cáo. Một nhiệm vụ hoàn thành khi báo cáo của đơn vị chủ trì ` +
          "xác nhận hoàn thành (nhiệm vụ do nhiều đơn vị cùng chủ trì: khi tất cả các đơn vị được giao xác nhận); tiến độ bình quân tính trên mọi đơn vị " +
          "báo cáo (hoàn thành = 100%, chưa triển khai = 0%).",
      ),
      table,
      spacer(),
      ...(results.length ? [body([run("Kết quả cụ thể của các đơn vị:", { bold: true, italics: true })]), ...results] : []),
    ];
  },
};
