import { z } from "zod";
import { DbId, NameText } from "./common.js";
import { IndicatorDefinition, PeriodKindSchema } from "./catalog.js";
import { SIGNER_MAX } from "./summary-labels.js";

/**
 * The ward summary of a reporting period (Appendix 01 and 02 aggregated over units).
 * Only reports that were submitted or approved count (`countedStatuses`); drafts and returned
 * reports are in the completeness counts but never in the figures.
 */

export const SummaryParams = z.object({ periodId: DbId });

export const SummaryQuery = z.object({
  /** Restrict the aggregation to the subtree of this unit (e.g. one ward of a city); default: every unit. */
  unitId: DbId.optional(),
});

export const ExportQuery = SummaryQuery.extend({
  /** The name under the signature block of the Word report (default: the configured signer). */
  signer: NameText(2, SIGNER_MAX).optional(),
});

/** on_track: the ward figure already meets the 2030 target; unknown: no target (set by the ward) or no data. */
export const OnTrackSchema = z.enum(["on_track", "off_track", "unknown"]);
export type OnTrack = z.infer<typeof OnTrackSchema>;

export const CountedStatusSchema = z.enum(["submitted", "approved"]);

const Figure = z.object({
  /** the ward figure: a percentage (0–100) for percent indicators, a sum otherwise; null without data */
  value: z.number().nullable(),
  /** sums over units, for percent indicators (value = 100 × numerator / denominator) */
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** how many units' counted reports carry a value for this indicator */
  unitsReported: z.number().int(),
});

export const IndicatorSummarySchema = IndicatorDefinition.extend({
  id: z.number().int(),
  /** units responsible for the indicator that are expected to report in the period */
  unitsExpected: z.number().int(),
  current: Figure,
  /** the ward figure of the annual period of the previous year; null when there is no such period */
  lastYear: Figure.extend({ year: z.number().int(), periodId: z.number().int() }).nullable(),
  onTrack: OnTrackSchema,
}).meta({ id: "IndicatorSummary" });
export type IndicatorSummary = z.infer<typeof IndicatorSummarySchema>;

export const TaskStatusSchema = z.enum(["not_started", "in_progress", "done"]);

export const TaskUnitResultSchema = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  status: TaskStatusSchema.nullable(),
  progress: z.number().nullable(),
  result: z.string(),
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
    /** mean of the reported progress percentages; null when nobody gave one */
    meanProgress: z.number().nullable(),
    results: z.array(TaskUnitResultSchema),
  })
  .meta({ id: "TaskSummary" });
export type TaskSummary = z.infer<typeof TaskSummarySchema>;

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
    /** submitted or approved (the reports the figures are computed from) */
    submitted: z.number().int(),
    approved: z.number().int(),
    returned: z.number().int(),
    draft: z.number().int(),
    /** expected units without a submitted or approved report */
    missing: z.number().int(),
    onTime: z.number().int(),
    late: z.number().int(),
  })
  .meta({ id: "SummaryCompleteness" });
export type SummaryCompleteness = z.infer<typeof SummaryCompletenessSchema>;

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
    countedStatuses: z.array(CountedStatusSchema),
    generatedAt: z.string(),
    completeness: SummaryCompletenessSchema,
    indicators: z.array(IndicatorSummarySchema),
    tasks: z.array(TaskSummarySchema),
    /** difficulties and proposals of the counted reports, one entry per unit that wrote any */
    issues: z.array(UnitIssuesSchema),
  })
  .meta({ id: "WardSummary" });
export type WardSummary = z.infer<typeof WardSummarySchema>;
