import { z } from "zod";
import { DbId, IsoInstant, NameText } from "./common.js";
import { IndicatorDefinition, PeriodKindSchema } from "./catalog.js";
import { COMMENDATIONS_MAX, CommendationSchema } from "./commendations.js";
import { notesTooLong, REPORT_NOTES_MAX } from "./reports-rules.js";

/** When a report was first submitted: before the deadline, within the unit's extension, or late. */
export const SubmissionTimingSchema = z.enum(["on_time", "on_time_extended", "late"]);
export type SubmissionTiming = z.infer<typeof SubmissionTimingSchema>;

// ---------- periods (write side; the read side is PeriodSchema in catalog.ts) ----------

/** Ids are 32-bit integers in both databases. */
const Id = z.number().int().positive().max(2_147_483_647);
/** Difficulties or proposals: refused past REPORT_NOTES_MAX with the length and what to cut, never cut. */
const notes = (label: string) =>
  z
    .string()
    .max(REPORT_NOTES_MAX, { error: (issue) => notesTooLong(label, String(issue.input)) ?? undefined })
    .optional();
const IdList = z.array(Id).max(500);

export const PeriodCreateSchema = z
  .strictObject({
    kind: PeriodKindSchema.default("annual"),
    year: z.number().int().min(2020).max(2100),
    /** required for an ad hoc period; an annual period gets the standard title when omitted */
    title: NameText(3, 200).optional(),
    opensAt: IsoInstant.optional(),
    /** default: 30/11 of the year at 23:59:59 +07:00 */
    deadlineAt: IsoInstant.optional(),
    /** default: every unit responsible for at least one indicator or task */
    expectedUnitIds: IdList.optional(),
  })
  .meta({ id: "PeriodCreate" });
export type PeriodCreate = z.infer<typeof PeriodCreateSchema>;

export const PeriodPatchSchema = z
  .strictObject({
    title: NameText(3, 200).optional(),
    opensAt: IsoInstant.optional(),
    deadlineAt: IsoInstant.optional(),
    expectedUnitIds: IdList.optional(),
    /** "closed" ends the period (nothing can be saved); "open" reopens it */
    status: z.enum(["open", "closed"]).optional(),
  })
  .meta({ id: "PeriodPatch" });
export type PeriodPatch = z.infer<typeof PeriodPatchSchema>;

export const PeriodUnitParams = z.object({
  periodId: DbId,
  unitId: DbId,
});
export const PeriodParams = z.object({ periodId: DbId });

export const ExceptionBodySchema = z
  .strictObject({
    /** the unit may still save and submit until this instant; null removes the exception */
    until: IsoInstant.nullable(),
  })
  .meta({ id: "LockException" });

export const ExceptionSchema = z
  .object({ periodId: z.number().int(), unitId: z.number().int(), exceptionUntil: z.string().nullable() })
  .meta({ id: "LockExceptionState" });

/** One action, one date, several units: the day after a deadline. */
export const BulkExceptionBodySchema = z
  .strictObject({
    /** the chosen units may still save and submit until this instant (after the deadline, in the future) */
    until: IsoInstant,
    /** the units chosen; without it, every expected unit that has not submitted (no report or a draft) */
    unitIds: IdList.min(1).optional(),
  })
  .meta({ id: "BulkLockException" });
export type BulkExceptionBody = z.infer<typeof BulkExceptionBodySchema>;

export const BulkExceptionResultSchema = z
  .object({
    periodId: z.number().int(),
    until: z.string(),
    /** the units now extended */
    units: z.array(z.number().int()),
    /** chosen units left as they were, with why (ALREADY_SUBMITTED) */
    skipped: z.array(z.object({ unitId: z.number().int(), reason: z.string() })),
    /** focal points told of their new date */
    notified: z.number().int(),
  })
  .meta({ id: "BulkLockExceptionResult" });
export type BulkExceptionResult = z.infer<typeof BulkExceptionResultSchema>;

// ---------- the unit's report ----------

export const ReportStatusSchema = z.enum(["draft", "submitted", "approved", "returned"]);
export type ReportStatus = z.infer<typeof ReportStatusSchema>;
export const TaskStatusSchema = z.enum(["not_started", "in_progress", "done"]);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

/** Where the report stands for this unit: whether it can still be edited, and why not. */
export const LockSchema = z
  .object({
    locked: z.boolean(),
    /** PERIOD_LOCKED | PERIOD_CLOSED | PERIOD_NOT_OPEN | REPORT_SUBMITTED | REPORT_APPROVED */
    reason: z.string().nullable(),
    deadlineAt: z.string(),
    exceptionUntil: z.string().nullable(),
    /** the instant until which this unit may save and submit */
    editableUntil: z.string(),
    /** the instant the period starts accepting drafts */
    acceptsFrom: z.string(),
  })
  .meta({ id: "ReportLock" });
export type ReportLock = z.infer<typeof LockSchema>;

export const ReportIndicatorSchema = IndicatorDefinition.extend({
  indicatorId: z.number().int(),
  /** the value this unit gave for the same indicator in last year's annual period (percent for a percentage) */
  lastYear: z
    .object({ numerator: z.number().nullable(), denominator: z.number().nullable(), value: z.number().nullable(), periodId: z.number().int() })
    .nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** the count / number of times; for a percentage, the computed percent (read-only) */
  value: z.number().nullable(),
  comment: z.string(),
  /** far from last year's value: saved, but a comment is required before submit */
  flagged: z.boolean(),
}).meta({ id: "ReportIndicator" });
export type ReportIndicator = z.infer<typeof ReportIndicatorSchema>;

export const ReportTaskSchema = z
  .object({
    taskId: z.number().int(),
    code: z.string(),
    name: z.string(),
    timing: z.string(),
    role: z.enum(["lead", "partner"]),
    status: TaskStatusSchema.nullable(),
    progress: z.number().int().nullable(),
    result: z.string(),
    comment: z.string(),
  })
  .meta({ id: "ReportTask" });
export type ReportTask = z.infer<typeof ReportTaskSchema>;

export const EvidenceSchema = z
  .object({
    fileId: z.string(),
    name: z.string(),
    size: z.number(),
    mime: z.string(),
    url: z.string(),
    itemKind: z.enum(["report", "indicator", "task"]),
    itemId: z.number().int().nullable(),
  })
  .meta({ id: "ReportEvidence" });
export type Evidence = z.infer<typeof EvidenceSchema>;

export const ReportSchema = z
  .object({
    id: z.number().int(),
    periodId: z.number().int(),
    unitId: z.number().int(),
    unitCode: z.string(),
    unitName: z.string(),
    status: ReportStatusSchema,
    version: z.number().int(),
    difficulties: z.string(),
    proposals: z.string(),
    submittedAt: z.string().nullable(),
    /** true for on time, also within an extension (see timing) */
    onTime: z.boolean().nullable(),
    timing: SubmissionTimingSchema.nullable(),
    reviewedAt: z.string().nullable(),
    returnReason: z.string().nullable(),
    updatedAt: z.string(),
    indicators: z.array(ReportIndicatorSchema),
    tasks: z.array(ReportTaskSchema),
    evidence: z.array(EvidenceSchema),
    /** commendation candidates the unit proposes (yearly report) */
    commendations: z.array(CommendationSchema),
    periodKind: PeriodKindSchema,
    lock: LockSchema,
  })
  .meta({ id: "Report" });
export type Report = z.infer<typeof ReportSchema>;

const Num = z.number().finite().nonnegative().max(1e12).nullable();

export const ReportSaveSchema = z
  .strictObject({
    /** the version the client last saw; a stale one answers 409 VERSION_CONFLICT */
    version: z.number().int().nonnegative(),
    indicators: z
      .array(
        z.strictObject({
          indicatorId: Id,
          numerator: Num.optional(),
          denominator: Num.optional(),
          value: Num.optional(),
          comment: z.string().max(2000).optional(),
        }),
      )
      .max(200)
      .optional(),
    tasks: z
      .array(
        z.strictObject({
          taskId: Id,
          status: TaskStatusSchema.nullable().optional(),
          progress: z.number().int().min(0).max(100).nullable().optional(),
          result: z.string().max(4000).optional(),
          comment: z.string().max(2000).optional(),
        }),
      )
      .max(200)
      .optional(),
    difficulties: notes("Khó khăn, vướng mắc"),
    proposals: notes("Đề xuất, kiến nghị"),
    /** the whole evidence list (replaces the previous one) */
    evidence: z
      .array(
        z.strictObject({
          fileId: z.string().min(1).max(100),
          itemKind: z.enum(["report", "indicator", "task"]).default("report"),
          itemId: Id.nullable().optional(),
        }),
      )
      .max(30)
      .optional(),
    /** the whole list of commendation candidates (replaces the previous one) */
    commendations: z.array(CommendationSchema).max(COMMENDATIONS_MAX, { error: `Tối đa ${COMMENDATIONS_MAX} đề nghị khen thưởng trong một báo cáo.` }).optional(),
  })
  .meta({ id: "ReportSave" });
export type ReportSave = z.input<typeof ReportSaveSchema>;

/** One field that differs between the server and a stale save (409 VERSION_CONFLICT details). */
export const ConflictItemSchema = z
  .object({
    field: z.string(),
    label: z.string(),
    serverValue: z.unknown(),
    yourValue: z.unknown(),
    changedBy: z.string().nullable(),
    /** who changed it: the caller themselves (another session or device) or someone else */
    changedById: z.number().int().nullable(),
    changedAt: z.string().nullable(),
  })
  .meta({ id: "ReportConflictItem" });
export type ConflictItem = z.infer<typeof ConflictItemSchema>;
export interface ConflictDetails {
  serverVersion: number;
  changes: ConflictItem[];
}

/** One problem found at submit (422 REPORT_INCOMPLETE details). */
export interface SubmitProblem {
  /** e.g. "indicator:12:numerator", "task:3:status" */
  field: string;
  itemKind: "indicator" | "task" | "report";
  itemId: number | null;
  code:
    | "REQUIRED"
    | "DENOMINATOR_ZERO"
    | "NUMERATOR_GT_DENOMINATOR"
    | "NOT_INTEGER"
    | "COMMENT_REQUIRED"
    | "PROGRESS_REQUIRED"
    | "COMMENDATION_NAME_REQUIRED"
    | "COMMENDATION_ACHIEVEMENT_REQUIRED";
  message: string;
}

export const ReturnBodySchema = z.strictObject({ reason: z.string().trim().min(5).max(2000) }).meta({ id: "ReportReturn" });
export const ReopenBodySchema = z.strictObject({ reason: z.string().trim().max(2000).optional() }).meta({ id: "ReportReopen" });

export const ReportListItemSchema = z
  .object({
    unitId: z.number().int(),
    unitCode: z.string(),
    unitName: z.string(),
    reportId: z.number().int().nullable(),
    /** "missing" when the unit has not opened its report */
    status: z.enum(["missing", "draft", "submitted", "approved", "returned"]),
    submittedAt: z.string().nullable(),
    /** true for on time, also within an extension (see timing) */
    onTime: z.boolean().nullable(),
    timing: SubmissionTimingSchema.nullable(),
    version: z.number().int(),
    updatedAt: z.string().nullable(),
    exceptionUntil: z.string().nullable(),
  })
  .meta({ id: "ReportListItem" });
export type ReportListItem = z.infer<typeof ReportListItemSchema>;

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    userId: z.number().int().nullable(),
    userName: z.string().nullable(),
    action: z.string(),
    field: z.string().nullable(),
    label: z.string().nullable(),
    oldValue: z.string().nullable(),
    newValue: z.string().nullable(),
    note: z.string().nullable(),
    version: z.number().int().nullable(),
  })
  .meta({ id: "ReportAuditEntry" });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

// ---------- completeness and reminders ----------

export const CompletenessCountsSchema = z
  .object({
    expected: z.number().int(),
    submitted: z.number().int(),
    /** on time, including those within an extension */
    onTime: z.number().int(),
    /** of onTime: submitted after the deadline but within the unit's extension */
    extended: z.number().int(),
    late: z.number().int(),
    missing: z.number().int(),
    approved: z.number().int(),
    returned: z.number().int(),
    drafts: z.number().int(),
    /** submitted / expected, 0..1 */
    reportingRate: z.number(),
    /** on time / expected, 0..1 */
    onTimeRate: z.number(),
    approvedRate: z.number(),
  })
  .meta({ id: "CompletenessCounts" });
export type CompletenessCounts = z.infer<typeof CompletenessCountsSchema>;

export const CompletenessUnitSchema = ReportListItemSchema.extend({
  counts: CompletenessCountsSchema,
  focalCount: z.number().int(),
}).meta({ id: "CompletenessUnit" });
export type CompletenessUnit = z.infer<typeof CompletenessUnitSchema>;

export const CompletenessSchema = z
  .object({
    periodId: z.number().int(),
    deadlineAt: z.string(),
    asOf: z.string(),
    total: CompletenessCountsSchema,
    units: z.array(CompletenessUnitSchema),
  })
  .meta({ id: "Completeness" });
export type Completeness = z.infer<typeof CompletenessSchema>;

export const RemindBodySchema = z
  .strictObject({ unitIds: IdList.optional() })
  .meta({ id: "RemindRequest" });
export const RemindResultSchema = z
  .object({
    units: z.array(z.number().int()),
    skipped: z.array(z.object({ unitId: z.number().int(), reason: z.string() })),
    notified: z.number().int(),
  })
  .meta({ id: "RemindResult" });
export type RemindResult = z.infer<typeof RemindResultSchema>;
