import { z } from "zod";
import { DbId } from "./common.js";
import { IndicatorDefinition } from "./catalog.js";
import { CountedSchema, MilestoneKindSchema, OnTrackSchema, TrajectoryPointSchema, WardSummarySchema } from "./summary.js";
import { PLAN_FIRST_YEAR, PLAN_LAST_YEAR } from "./plan.js";
import { SIGNER_MAX } from "./summary-labels.js";

/**
 * The report sent upward and the city's view (DHIS2's approval levels, one level up, with the reason
 * on a return that DHIS2 lacks). A ward's staff send the ward report of a period as a frozen,
 * versioned snapshot; the city's Department of Home Affairs (Sở Nội vụ) accepts it or returns it with
 * a reason; the city's figures add up the wards' accepted snapshots.
 *
 * Convention: a ward is named in the path (`/api/city/wards/:wardId/…`) or reached through a
 * snapshot id; ward staff and observers reach only their own ward (another ward answers 404, as if it
 * did not exist), city staff every ward, read-only except for accepting and returning.
 */

export const SnapshotStatusSchema = z.enum(["sent", "accepted", "returned", "superseded"]);
export type SnapshotStatus = z.infer<typeof SnapshotStatusSchema>;

/** Against the city's deadline for the year: on time when the ward's first version reached the city by it. */
export const CityTimingSchema = z.enum(["on_time", "late"]);
export type CityTiming = z.infer<typeof CityTimingSchema>;

const PlanYear = z.coerce
  .number({ error: "Năm phải là số." })
  .int()
  .min(PLAN_FIRST_YEAR, { error: `Năm của Kế hoạch từ ${PLAN_FIRST_YEAR} đến ${PLAN_LAST_YEAR}.` })
  .max(PLAN_LAST_YEAR, { error: `Năm của Kế hoạch từ ${PLAN_FIRST_YEAR} đến ${PLAN_LAST_YEAR}.` });

export const WardParams = z.object({ wardId: DbId });
export const SnapshotParams = z.object({ id: DbId });
export const YearQuery = z.object({ year: PlanYear.optional() });
export const YearParams = z.object({ year: PlanYear });
export const SnapshotListQuery = z.object({ periodId: DbId.optional(), year: PlanYear.optional() });

export const SendSnapshotSchema = z
  .strictObject({
    periodId: z.number({ error: "Chọn kỳ báo cáo." }).int().positive().max(2_147_483_647),
    /** which unit reports the figures count (as on the summary screen) */
    counted: CountedSchema.default("submitted_and_approved"),
    /** the name under the Word report's signature (default: the configured signer) */
    signer: z.string().trim().min(2, { error: "Tên người ký cần ít nhất 2 ký tự." }).max(SIGNER_MAX).optional(),
  })
  .meta({ id: "SnapshotSend" });
export type SendSnapshot = z.input<typeof SendSnapshotSchema>;

/** The reason is checked by the handler, so that a missing one gets its own code (RETURN_REASON_REQUIRED). */
export const ReturnSnapshotSchema = z.strictObject({ reason: z.string().max(2000, { error: "Lý do tối đa 2000 ký tự." }).optional() }).meta({ id: "SnapshotReturn" });

export const CityDeadlineBodySchema = z
  .strictObject({
    /** the last day (Vietnam), yyyy-MM-dd: the deadline is 23:59:59 that day */
    date: z.iso.date({ error: "Ngày phải có dạng yyyy-MM-dd." }),
  })
  .meta({ id: "CityDeadlineSet" });

export const CityRemindSchema = z
  .strictObject({
    year: PlanYear.optional(),
    /** only these wards; default: every ward that has not sent or was returned */
    wardIds: z.array(z.number().int().positive().max(2_147_483_647)).max(500).optional(),
  })
  .meta({ id: "CityRemind" });

export const CityRemindResultSchema = z
  .object({ year: z.number().int(), wards: z.array(z.number().int()), skipped: z.array(z.object({ wardId: z.number().int(), reason: z.string() })), notified: z.number().int() })
  .meta({ id: "CityRemindResult" });
export type CityRemindResult = z.infer<typeof CityRemindResultSchema>;

export const WardRefSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string() });

export const SnapshotFileSchema = z.object({ name: z.string(), size: z.number().int(), url: z.string() });

export const SnapshotSchema = z
  .object({
    id: z.number().int(),
    ward: WardRefSchema,
    periodId: z.number().int(),
    year: z.number().int(),
    version: z.number().int(),
    status: SnapshotStatusSchema,
    counted: CountedSchema,
    sentAt: z.string(),
    sentBy: z.string().nullable(),
    /** this version against the city's deadline in force */
    sentOnTime: z.boolean(),
    decidedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    returnReason: z.string().nullable(),
    /** the newest version of its ward and period (the only one the city decides on) */
    latest: z.boolean(),
    docx: SnapshotFileSchema,
    xlsx: SnapshotFileSchema,
    /** headline of the frozen figures */
    unitsSubmitted: z.number().int(),
    unitsExpected: z.number().int(),
    indicatorsOnTrack: z.number().int(),
    indicatorsTotal: z.number().int(),
  })
  .meta({ id: "WardSnapshot" });
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const SnapshotDetailSchema = SnapshotSchema.extend({ summary: WardSummarySchema }).meta({ id: "WardSnapshotDetail" });
export type SnapshotDetail = z.infer<typeof SnapshotDetailSchema>;

export const SnapshotListSchema = z
  .object({
    ward: WardRefSchema,
    items: z.array(SnapshotSchema),
    /** for one period: whether a new version can be sent now, and why not */
    canSend: z.boolean(),
    cannotSendReason: z.string().nullable(),
    /** the city's deadline of the period's year (for one period or year) */
    deadlineAt: z.string().nullable(),
  })
  .meta({ id: "WardSnapshotList" });
export type SnapshotList = z.infer<typeof SnapshotListSchema>;

/** not_sent: nothing yet; sent: waiting for the city; accepted; returned: to be corrected and sent again. */
export const CityWardStateSchema = z.enum(["not_sent", "sent", "accepted", "returned"]);
export type CityWardState = z.infer<typeof CityWardStateSchema>;

export const CityCountsSchema = z
  .object({
    expected: z.number().int(),
    /** the latest version is with the city (waiting or accepted) */
    sent: z.number().int(),
    accepted: z.number().int(),
    waiting: z.number().int(),
    returned: z.number().int(),
    notSent: z.number().int(),
    /** of the wards that sent at least once: first version by the city's deadline, or after it */
    onTime: z.number().int(),
    late: z.number().int(),
    /** not sent (or returned and not sent again) once the deadline has passed */
    overdue: z.number().int(),
    /** sent / expected, 0–1 */
    rate: z.number(),
  })
  .meta({ id: "CityCounts" });
export type CityCounts = z.infer<typeof CityCountsSchema>;

export const CityWardRowSchema = z
  .object({
    ward: WardRefSchema,
    state: CityWardStateSchema,
    timing: CityTimingSchema.nullable(),
    overdue: z.boolean(),
    versions: z.number().int(),
    firstSentAt: z.string().nullable(),
    latest: z
      .object({
        id: z.number().int(),
        version: z.number().int(),
        status: SnapshotStatusSchema,
        sentAt: z.string(),
        decidedAt: z.string().nullable(),
        returnReason: z.string().nullable(),
      })
      .nullable(),
    /** the ward's enabled staff accounts (who get the reminders) */
    staffCount: z.number().int(),
  })
  .meta({ id: "CityWardRow" });
export type CityWardRow = z.infer<typeof CityWardRowSchema>;

export const CityDeadlineSchema = z.object({ year: z.number().int(), deadlineAt: z.string(), isDefault: z.boolean() }).meta({ id: "CityDeadline" });
export type CityDeadlineInfo = z.infer<typeof CityDeadlineSchema>;

export const CityCompletenessSchema = z
  .object({
    year: z.number().int(),
    years: z.array(z.number().int()),
    deadline: CityDeadlineSchema,
    asOf: z.string(),
    counts: CityCountsSchema,
    wards: z.array(CityWardRowSchema),
  })
  .meta({ id: "CityCompleteness" });
export type CityCompleteness = z.infer<typeof CityCompletenessSchema>;

const CityFigure = z.object({
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** wards whose accepted snapshot carries a figure */
  wardsReported: z.number().int(),
  /** of them, wards that meet their own milestone (or the 2030 target) */
  wardsOnTrack: z.number().int(),
});
export type CityFigureValue = z.infer<typeof CityFigure>;

export const CityWardFigureSchema = z.object({
  wardId: z.number().int(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  onTrack: OnTrackSchema,
});

export const CityIndicatorSchema = IndicatorDefinition.extend({
  id: z.number().int(),
  current: CityFigure,
  lastYear: CityFigure.extend({ year: z.number().int() }).nullable(),
  milestone: z.object({ year: z.number().int(), value: z.number(), kind: MilestoneKindSchema }).nullable(),
  /** milestone/target: a percentage judged as a city rate; wards: a count judged by how many wards meet their own target */
  basis: z.enum(["milestone", "target", "wards"]),
  onTrack: OnTrackSchema,
  trajectory: z.array(TrajectoryPointSchema),
  /** in the order of `wards` of the summary: each accepted ward's figure (null when it has none) */
  byWard: z.array(CityWardFigureSchema),
}).meta({ id: "CityIndicator" });
export type CityIndicator = z.infer<typeof CityIndicatorSchema>;

export const CitySummarySchema = z
  .object({
    year: z.number().int(),
    years: z.array(z.number().int()),
    deadline: CityDeadlineSchema,
    generatedAt: z.string(),
    counts: CityCountsSchema,
    /** the wards whose accepted snapshot of the year makes the figures */
    wards: z.array(
      z.object({ ward: WardRefSchema, snapshotId: z.number().int(), version: z.number().int(), sentAt: z.string(), decidedAt: z.string().nullable(), timing: CityTimingSchema }),
    ),
    indicators: z.array(CityIndicatorSchema),
  })
  .meta({ id: "CitySummary" });
export type CitySummary = z.infer<typeof CitySummarySchema>;

export const CityExportQuery = YearQuery.extend({
  /** the name under the Word report's signature (default: left blank for the signer to write) */
  signer: z.string().trim().min(2, { error: "Tên người ký cần ít nhất 2 ký tự." }).max(SIGNER_MAX).optional(),
});
