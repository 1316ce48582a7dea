import type { SubmissionTiming } from "../contract/reports.js";

/** How a submission at `submittedAt` stands against the period's deadline and the unit's extension. */
export function submissionTiming(submittedAt: string, deadlineAt: string, exceptionUntil: string | null): SubmissionTiming {
  if (submittedAt <= deadlineAt) return "on_time";
  if (exceptionUntil && submittedAt <= exceptionUntil) return "on_time_extended";
  return "late";
}

/** The stored timing of a report row (older rows may only have on_time). */
export function storedTiming(row: { submit_timing?: SubmissionTiming | null; on_time: number | null }): SubmissionTiming | null {
  if (row.submit_timing) return row.submit_timing;
  if (row.on_time === null || row.on_time === undefined) return null;
  return row.on_time ? "on_time" : "late";
}
