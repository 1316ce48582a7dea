import type { FileChild } from "docx";
import type { Paragraph } from "docx";
import type { WardSummary } from "../../contract/summary.js";
import type { WardNames } from "./frame.js";

/**
 * The Word report is a list of section builders, each in its own module: a component that adds a part
 * of the report (duties, difficulties by theme, supervisions…) writes a builder and adds it to the
 * list passed to buildWordReport. Top-level headings are numbered I, II, III… in list order.
 */
export interface WordContext {
  summary: WardSummary;
  ward: WardNames;
  /** "năm 2026", or "năm 2026 (Báo cáo 6 tháng đầu năm)" for an ad hoc period */
  when: string;
  now: Date;
  /** data other components loaded for their own sections, by key */
  extras: Record<string, unknown>;
  /** the next numbered top-level heading ("III. ĐÁNH GIÁ CHUNG") */
  heading(title: string): Paragraph;
}

export interface WordSection {
  key: string;
  build(ctx: WordContext): FileChild[];
}

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"];
export const roman = (n: number) => ROMAN[n - 1] ?? String(n);

/** The staff-written text of a section, or its draft from the data. */
export function sectionText(summary: WardSummary, key: WardSummary["sections"][number]["key"]): string {
  const s = summary.sections.find((x) => x.key === key);
  return s ? (s.text ?? s.draft) : "";
}
