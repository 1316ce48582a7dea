import { z } from "zod";
import { DbId, NameText } from "./common.js";
import { AggregationRuleSchema, IndicatorDefinition, PeriodKindSchema } from "./catalog.js";
import { SECTION_MAX, SIGNER_MAX } from "./summary-labels.js";
import { CommendationKindSchema } from "./commendations.js";

/**
 * The ward summary of a reporting period (Appendix 01 and 02 aggregated over units): one
 * computation (api/src/exports/compute) rendered three ways — this JSON for the screen, the Excel
 * workbook and the Word report — so the three agree to the last digit.
 * Which reports count is a choice (`counted`): submitted and approved (the default), or approved only.
 */

export const SummaryParams = z.object({ periodId: DbId });

/** submitted_and_approved: every report sent to the ward (default); approved_only: only those staff accepted */
export const CountedSchema = z.enum(["submitted_and_approved", "approved_only"], {
  error: "Chọn tính báo cáo đã nộp và đã duyệt (submitted_and_approved) hoặc chỉ báo cáo đã duyệt (approved_only).",
});
export type Counted = z.infer<typeof CountedSchema>;

export const SummaryQuery = z.object({
  /** Restrict the aggregation to the subtree of this unit (e.g. one ward of a city); default: every unit. */
  unitId: DbId.optional(),
  counted: CountedSchema.default("submitted_and_approved"),
});

export const ExportQuery = SummaryQuery.extend({
  /** The name under the signature block of the Word report (default: the configured signer). */
  signer: NameText(2, SIGNER_MAX).optional(),
});

/** on_track: the ward figure meets the year's milestone (or the 2030 target when the year has none); unknown: no figure or nothing to compare with. */
export const OnTrackSchema = z.enum(["on_track", "off_track", "unknown"]);
export type OnTrack = z.infer<typeof OnTrackSchema>;

export const CountedStatusSchema = z.enum(["submitted", "approved"]);

const Figure = z.object({
  /** the ward figure: a percentage (0–100) for percent indicators, a number otherwise; null without data */
  value: z.number().nullable(),
  /** the numerator and denominator the percentage comes from (sums, or the standing unit's) */
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** coverage: how many units' counted reports carry a value for this indicator */
  unitsReported: z.number().int(),
  /** for "lead" and "max": the unit whose figure stands (null for sums, or several wards) */
  sourceUnitName: z.string().nullable(),
});
export type FigureValue = z.infer<typeof Figure>;

/** plan: the plan's yearly target; staff: set by staff; even_steps: between the first year's ward figure (or a set milestone) and the next one */
export const MilestoneKindSchema = z.enum(["plan", "staff", "even_steps", "target"]);
export type MilestoneKind = z.infer<typeof MilestoneKindSchema>;

export const TrajectoryPointSchema = z.object({
  year: z.number().int(),
  /** the ward figure of that year's annual period; null when there is none (yet) */
  value: z.number().nullable(),
  milestone: z.number().nullable(),
  milestoneKind: MilestoneKindSchema.nullable(),
  onTrack: OnTrackSchema,
});
export type TrajectoryPoint = z.infer<typeof TrajectoryPointSchema>;

export const ContributionSchema = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** the value entered the ward figure (every unit for a sum; the standing unit otherwise) */
  counted: z.boolean(),
  lead: z.boolean(),
});

export const IndicatorSummarySchema = IndicatorDefinition.extend({
  id: z.number().int(),
  active: z.boolean(),
  aggregation: z.object({ rule: AggregationRuleSchema, unitName: z.string().nullable(), reason: z.string() }),
  /** units responsible for the indicator that are expected to report in the period */
  unitsExpected: z.number().int(),
  current: Figure,
  /** the ward figure of the annual period of the previous year; null when there is no such period */
  lastYear: Figure.extend({ year: z.number().int(), periodId: z.number().int() }).nullable(),
  /** the milestone of the period's year; null when none is set or derivable (judged against the 2030 target) */
  milestone: z.object({ year: z.number().int(), value: z.number(), kind: MilestoneKindSchema }).nullable(),
  /** what the verdict compares with */
  basis: z.enum(["milestone", "target"]),
  onTrack: OnTrackSchema,
  /** each plan year: the ward figure against its milestone */
  trajectory: z.array(TrajectoryPointSchema),
  /** the reporting units' own figures (one ward's summary; empty across several wards) */
  contributions: z.array(ContributionSchema),
}).meta({ id: "IndicatorSummary" });
export type IndicatorSummary = z.infer<typeof IndicatorSummarySchema>;

export const TaskStatusSchema = z.enum(["not_started", "in_progress", "done"]);

export const TaskUnitResultSchema = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  status: TaskStatusSchema.nullable(),
  progress: z.number().nullable(),
  result: z.string(),
  lead: z.boolean(),
});

export const TaskSummarySchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    timing: z.string(),
    /** units responsible (lead or partner) that are expected to report in the period */
    unitsExpected: z.number().int(),
    unitsReported: z.number().int(),
    notStarted: z.number().int(),
    inProgress: z.number().int(),
    done: z.number().int(),
    /** mean over every reporting unit (done = 100, not started = 0); null when nobody reported */
    meanProgress: z.number().nullable(),
    /** lead: done when the lead unit's counted report says so; all: when every assigned unit's does */
    completionRule: z.enum(["lead", "all"]),
    leadUnitName: z.string().nullable(),
    /** the ward's status of the task; null when nobody reported on it */
    wardStatus: TaskStatusSchema.nullable(),
    /**
     * The units' results. In the summary answer an excerpt: the first TASK_RESULT_EXCERPT units that
     * wrote one, each cut at TASK_RESULT_EXCERPT_CHARS (a city's summary would otherwise carry every
     * unit's text); all of them, whole, from GET /api/periods/:periodId/summary/tasks/:taskId/results.
     * The Word report and the snapshot sent upward keep every unit's.
     */
    results: z.array(TaskUnitResultSchema),
    /** how many units wrote a result (the size of the list behind the excerpt) */
    resultCount: z.number().int(),
  })
  .meta({ id: "TaskSummary" });
export type TaskSummary = z.infer<typeof TaskSummarySchema>;
export type TaskUnitResult = z.infer<typeof TaskUnitResultSchema>;

export const TASK_RESULT_EXCERPT = 3;
export const TASK_RESULT_EXCERPT_CHARS = 160;
export const TASK_RESULTS_PAGE_MAX = 200;

export const TaskResultsParams = z.object({ periodId: DbId, taskId: DbId });
export const TaskResultsQuery = SummaryQuery.extend({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(TASK_RESULTS_PAGE_MAX, { error: `Mỗi trang tối đa ${TASK_RESULTS_PAGE_MAX} đơn vị.` })
    .default(50),
});

/** One page of the units' written results of a task, in the catalog's unit order. */
export const TaskResultsPageSchema = z
  .object({
    taskId: z.number().int(),
    /** units that wrote a result in the counted reports of the scope */
    total: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
    items: z.array(TaskUnitResultSchema),
  })
  .meta({ id: "TaskResultsPage" });
export type TaskResultsPage = z.infer<typeof TaskResultsPageSchema>;

export const UnitIssuesSchema = z
  .object({
    unitId: z.number().int(),
    unitCode: z.string(),
    unitName: z.string(),
    difficulties: z.string(),
    proposals: z.string(),
  })
  .meta({ id: "UnitIssues" });
export type UnitIssues = z.infer<typeof UnitIssuesSchema>;

export const SummaryCompletenessSchema = z
  .object({
    expected: z.number().int(),
    /** submitted or approved (sent to the ward) */
    submitted: z.number().int(),
    approved: z.number().int(),
    /** the reports the figures are computed from (submitted and approved, or approved only) */
    counted: z.number().int(),
    returned: z.number().int(),
    draft: z.number().int(),
    /** expected units without a submitted or approved report */
    missing: z.number().int(),
    /** on time, including those within an extension */
    onTime: z.number().int(),
    extended: z.number().int(),
    late: z.number().int(),
  })
  .meta({ id: "SummaryCompleteness" });
export type SummaryCompleteness = z.infer<typeof SummaryCompletenessSchema>;

/** How an expected unit stands in the period, in words (late, returned and missing units are named). */
export const ReportingStateSchema = z.enum(["on_time", "on_time_extended", "late", "returned", "not_submitted"]);
export type ReportingState = z.infer<typeof ReportingStateSchema>;

export const ReportingRowSchema = z
  .object({
    unitId: z.number().int(),
    unitName: z.string(),
    state: ReportingStateSchema,
    reportStatus: z.enum(["missing", "draft", "submitted", "approved", "returned"]),
    submittedAt: z.string().nullable(),
    exceptionUntil: z.string().nullable(),
    returnReason: z.string().nullable(),
    /** its figures are in the summary */
    counted: z.boolean(),
  })
  .meta({ id: "ReportingRow" });
export type ReportingRow = z.infer<typeof ReportingRowSchema>;

/** A value saved far from the unit's figure of last year, with the unit's explanation. */
export const FlaggedValueSchema = z
  .object({
    indicatorId: z.number().int(),
    code: z.string(),
    measure: z.enum(["percent", "count", "times"]),
    unitId: z.number().int(),
    unitName: z.string(),
    value: z.number(),
    lastYear: z.number(),
    comment: z.string(),
  })
  .meta({ id: "FlaggedValue" });
export type FlaggedValue = z.infer<typeof FlaggedValueSchema>;

export const CommendationRowSchema = z
  .object({
    unitId: z.number().int(),
    unitName: z.string(),
    kind: CommendationKindSchema,
    name: z.string(),
    position: z.string(),
    achievement: z.string(),
    form: z.string(),
  })
  .meta({ id: "CommendationRow" });
export type CommendationRow = z.infer<typeof CommendationRowSchema>;

/** The parts of the ward report staff write; each is drafted from the data until staff save their text. */
export const SectionKeySchema = z.enum(["assessment", "next_year", "proposals", "commendations"], {
  error: "Phần báo cáo không tồn tại: assessment, next_year, proposals hoặc commendations.",
});
export type SectionKey = z.infer<typeof SectionKeySchema>;

export const SectionSchema = z
  .object({
    key: SectionKeySchema,
    title: z.string(),
    /** what staff saved; null until they do (the report then uses the draft) */
    text: z.string().nullable(),
    /** drafted from the data */
    draft: z.string(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: "ReportSection" });
export type Section = z.infer<typeof SectionSchema>;

export const SectionParams = z.object({ periodId: DbId, key: SectionKeySchema });
export const SectionQuery = z.object({ unitId: DbId.optional() });
export const SectionBodySchema = z
  .strictObject({
    /** null goes back to the draft */
    text: z
      .string()
      .max(SECTION_MAX, { error: `Mỗi phần của báo cáo tối đa ${SECTION_MAX.toLocaleString("vi-VN")} ký tự; hãy rút gọn hoặc chuyển chi tiết sang phụ lục.` })
      .nullable(),
  })
  .meta({ id: "ReportSectionSave" });

export const WardSummarySchema = z
  .object({
    period: z.object({
      id: z.number().int(),
      year: z.number().int(),
      kind: PeriodKindSchema,
      title: z.string(),
      deadlineAt: z.string(),
    }),
    scope: z.object({ unitId: z.number().int().nullable(), name: z.string() }),
    counted: CountedSchema,
    countedStatuses: z.array(CountedStatusSchema),
    generatedAt: z.string(),
    /** the ward's plan, cited in the report's opening */
    planReference: z.object({ number: z.string().nullable(), date: z.string().nullable() }),
    completeness: SummaryCompletenessSchema,
    reporting: z.array(ReportingRowSchema),
    indicators: z.array(IndicatorSummarySchema),
    tasks: z.array(TaskSummarySchema),
    /** difficulties and proposals of the counted reports, one entry per unit that wrote any */
    issues: z.array(UnitIssuesSchema),
    /** the first FLAGGED_LISTED of them (a whole city may have thousands: the Excel marks every one) */
    flagged: z.array(FlaggedValueSchema),
    flaggedTotal: z.number().int(),
    commendations: z.array(CommendationRowSchema),
    sections: z.array(SectionSchema),
  })
  .meta({ id: "WardSummary" });
export type WardSummary = z.infer<typeof WardSummarySchema>;
