import { Document, Packer } from "docx";
import type { WardSummary } from "../contract/summary.js";
import { RESOLUTION } from "./signature.js";
import { headerBlock, pageSection, signatureBlock, titleBlock, wardNames } from "./docx/frame.js";
import { FONT, body, heading, spacer } from "./docx/primitives.js";
import { roman, type WordContext, type WordSection } from "./docx/sections.js";
import { introSection } from "./docx/sections/intro.js";
import { indicatorsSection } from "./docx/sections/indicators.js";
import { tasksSection } from "./docx/sections/tasks.js";
import { followUpSection } from "./docx/sections/follow-up.js";
import { assessmentSection, commendationsSection, nextYearSection, proposalsSection } from "./docx/sections/written.js";

export { placeAndDate, wardNames } from "./docx/frame.js";
export type { WordContext, WordSection } from "./docx/sections.js";

/**
 * The ward's report in the format of Decree 30/2020/NĐ-CP, Appendix I: the frame (header, title,
 * closing, signature) around a list of section builders. Another component adds a part of the report
 * by passing its builder in `sections` (and the data it needs in `extras`); headings number themselves.
 */
export const DEFAULT_SECTIONS: WordSection[] = [
  introSection,
  indicatorsSection,
  tasksSection,
  followUpSection,
  assessmentSection,
  nextYearSection,
  proposalsSection,
  commendationsSection,
];

export interface WordReportInput {
  summary: WardSummary;
  wardName: string;
  now: Date;
  signer: string;
  sections?: WordSection[];
  extras?: Record<string, unknown>;
}

export async function buildWordReport(input: WordReportInput): Promise<Buffer> {
  const { summary, now } = input;
  const ward = wardNames(input.wardName);
  const year = summary.period.year;
  // An ad hoc period (e.g. "Báo cáo 6 tháng đầu năm") keeps its own title next to the year.
  const when = summary.period.kind === "adhoc" ? `năm ${year} (${summary.period.title.replace(/\.$/, "")})` : `năm ${year}`;
  let n = 0;
  const ctx: WordContext = { summary, ward, when, now, extras: input.extras ?? {}, heading: (title) => heading(`${roman(++n)}. ${title}`) };
  const parts = (input.sections ?? DEFAULT_SECTIONS).flatMap((s) => s.build(ctx));

  const doc = new Document({
    creator: "Thanh niên số",
    title: `Báo cáo kết quả thực hiện ${RESOLUTION.short} ${when}`,
    description: `Ủy ban nhân dân ${ward.full}`,
    styles: { default: { document: { run: { font: FONT, size: 28 }, paragraph: { spacing: { before: 0, after: 0 } } } } },
    sections: [
      pageSection([
        headerBlock(ward, now),
        ...titleBlock(`Kết quả thực hiện ${RESOLUTION.short} ${RESOLUTION.subject}, ${when}`),
        ...parts,
        body(`Trên đây là báo cáo kết quả thực hiện ${RESOLUTION.short} ${when} của Ủy ban nhân dân ${ward.full}./.`),
        spacer(),
        signatureBlock(input.signer),
      ]),
    ],
  });
  return Packer.toBuffer(doc);
}
