import { AlignmentType, type FileChild } from "docx";
import { COMMENDATION_KIND_LABELS } from "../../../contract/summary-labels.js";
import { dataTable, spacer, writtenText } from "../primitives.js";
import { sectionText, type WordSection } from "../sections.js";

/** The sections staff write on the summary screen (drafted from the data until they do). */
export const assessmentSection: WordSection = {
  key: "assessment",
  build: ({ summary, heading }) => [heading("ĐÁNH GIÁ CHUNG"), ...writtenText(sectionText(summary, "assessment"))],
};

export const nextYearSection: WordSection = {
  key: "next_year",
  build: ({ summary, heading }) => [heading(`NHIỆM VỤ, GIẢI PHÁP NĂM ${summary.period.year + 1}`), ...writtenText(sectionText(summary, "next_year"))],
};

export const proposalsSection: WordSection = {
  key: "proposals",
  build: ({ summary, heading }) => [heading("ĐỀ XUẤT, KIẾN NGHỊ"), ...writtenText(sectionText(summary, "proposals"))],
};

/** The commendation proposals, with the candidates the units proposed in the usual table. */
export const commendationsSection: WordSection = {
  key: "commendations",
  build({ summary, heading }) {
    const out: FileChild[] = [heading("ĐỀ NGHỊ KHEN THƯỞNG"), ...writtenText(sectionText(summary, "commendations"))];
    if (!summary.commendations.length) return out;
    out.push(
      dataTable(
        [
          { header: "STT", align: AlignmentType.CENTER },
          { header: "Tập thể / cá nhân", min: 1800 },
          { header: "Chức vụ – đơn vị", min: 1800 },
          { header: "Thành tích", flex: true },
          { header: "Hình thức đề nghị", min: 1500 },
        ],
        summary.commendations.map((c, n) => [
          String(n + 1),
          [{ text: c.name }, { text: `(${COMMENDATION_KIND_LABELS[c.kind].toLowerCase()}, ${c.unitName} đề nghị)`, size: 10, italics: true }],
          c.position || "—",
          c.achievement || "—",
          c.form || "—",
        ]),
      ),
      spacer(),
    );
    return out;
  },
};
