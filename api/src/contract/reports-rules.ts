// Report value rules shared by the API and the mini app (no zod, no server imports), so the form
// can show a percentage and the "far from last year" flag live, exactly as the server decides them.

import type { CompletenessCounts, ReportListItem } from "./reports";

export type Measure = "percent" | "count" | "times";

/** Longest "difficulties" or "proposals" text of a report, in characters (the form counts towards it). */
export const REPORT_NOTES_MAX = 8000;

/** Why a notes text is refused, or null: the same words in the form and from the API. */
export function notesTooLong(label: string, text: string): string | null {
  if (text.length <= REPORT_NOTES_MAX) return null;
  const over = text.length - REPORT_NOTES_MAX;
  return `${label} dài ${text.length.toLocaleString("vi-VN")} ký tự, quá giới hạn ${REPORT_NOTES_MAX.toLocaleString("vi-VN")} ký tự: vui lòng rút gọn ${over.toLocaleString("vi-VN")} ký tự.`;
}

export interface FigureParts {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

/** The comparable figure of a value: the percentage for a percentage, else the value itself. */
export function comparable(measure: Measure, v: FigureParts): number | null {
  if (measure === "percent") {
    if (v.numerator === null || v.denominator === null || v.denominator <= 0) return null;
    return (v.numerator / v.denominator) * 100;
  }
  return v.value;
}

/**
 * DHIS2's min–max idea against last year: a value is flagged (saved, but a comment is required
 * before submit) when it moved by more than half of last year's figure — so also when it is ≥ 3×
 * or ≤ 1/3 of it — or when it rose from zero.
 */
export function isFarFromLastYear(current: number | null, last: number | null): boolean {
  if (current === null || last === null) return false;
  if (last === 0) return current > 0;
  return Math.abs(current - last) / Math.abs(last) > 0.5;
}

/** "76,5%" style percentage text, or "—" when it cannot be computed yet. */
export function percentText(numerator: number | null, denominator: number | null): string {
  const p = comparable("percent", { numerator, denominator, value: null });
  if (p === null) return "—";
  return `${(Math.round(p * 10) / 10).toLocaleString("vi-VN")}%`;
}

/** A unit has reported when its report is submitted or approved (a returned one must be sent again). */
export const hasReported = (s: ReportListItem["status"]) => s === "submitted" || s === "approved";

/**
 * DHIS2's reporting-rate arithmetic over a set of expected units. A report sent within the unit's
 * extension is on time ("Đúng hạn (được gia hạn)"): `extended` counts those, and is part of `onTime`.
 */
export function countsOf(items: Pick<ReportListItem, "status" | "onTime" | "timing">[]): CompletenessCounts {
  const expected = items.length;
  const submitted = items.filter((i) => hasReported(i.status)).length;
  const onTime = items.filter((i) => hasReported(i.status) && i.onTime === true).length;
  const extended = items.filter((i) => hasReported(i.status) && i.timing === "on_time_extended").length;
  const approved = items.filter((i) => i.status === "approved").length;
  const returned = items.filter((i) => i.status === "returned").length;
  const drafts = items.filter((i) => i.status === "draft").length;
  const rate = (n: number) => (expected === 0 ? 0 : Math.round((n / expected) * 10000) / 10000);
  return {
    expected,
    submitted,
    onTime,
    extended,
    late: submitted - onTime,
    missing: expected - submitted,
    approved,
    returned,
    drafts,
    reportingRate: rate(submitted),
    onTimeRate: rate(onTime),
    approvedRate: rate(approved),
  };
}
