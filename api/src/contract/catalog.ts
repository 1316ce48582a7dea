import { z } from "zod";

export const UnitKindSchema = z.enum([
  "city",
  "ward",
  "office",
  "police",
  "military",
  "front",
  "youth_union",
  "youth_federation",
  "service_centre",
  "health",
  "residential_group",
]);

export const UnitSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    shortName: z.string(),
    kind: UnitKindSchema,
    parentId: z.number().int().nullable(),
    /** the ward (commune-level unit) this unit belongs to: its own id for a ward, null for the city */
    wardId: z.number().int().nullable(),
  })
  .meta({ id: "Unit" });
export type Unit = z.infer<typeof UnitSchema>;

export const MeasureSchema = z.enum(["percent", "count", "times"]);
export type Measure = z.infer<typeof MeasureSchema>;

/** What an indicator is (Appendix I): shared by the catalog, the unit report and the summary. */
export const IndicatorDefinition = z.object({
  code: z.string(),
  name: z.string(),
  measure: MeasureSchema,
  unitLabel: z.string(),
  target: z.number().nullable(),
  direction: z.enum(["at_least", "at_most"]),
  targetText: z.string(),
});

/**
 * How the ward figure of an indicator is made from the units' figures (DHIS2: an aggregation type
 * per data element). sum: the units split the population or count separate things; lead: the lead
 * unit's figure stands (the others' are contributions, shown but not added); max: the largest
 * unit figure stands (several units report on the same youth).
 */
export const AggregationRuleSchema = z.enum(["sum", "lead", "max"], {
  error: "Cách tổng hợp không hợp lệ: chọn cộng các đơn vị (sum), lấy số của đơn vị chủ trì (lead) hoặc lấy số lớn nhất (max).",
});
export type AggregationRule = z.infer<typeof AggregationRuleSchema>;

export const AggregationSchema = z.object({
  rule: AggregationRuleSchema,
  /** for "lead" when several units lead: the one whose figure stands */
  unitId: z.number().int().nullable(),
  /** one line staff can read: why this rule */
  reason: z.string(),
});
export type Aggregation = z.infer<typeof AggregationSchema>;

/** plan: set by the plan (a yearly target, seeded); staff: set on the catalog screen */
export const MilestoneSourceSchema = z.enum(["plan", "staff"]);
export const MilestoneSchema = z.object({ year: z.number().int(), value: z.number(), source: MilestoneSourceSchema });
export type Milestone = z.infer<typeof MilestoneSchema>;

export const IndicatorSchema = IndicatorDefinition.extend({
  id: z.number().int(),
  unitIds: z.array(z.number().int()),
  leadUnitIds: z.array(z.number().int()),
  aggregation: AggregationSchema,
  /** an inactive indicator is left out of new reports but stays in the reports that have it */
  active: z.boolean(),
  /** the milestones set for years of the plan (the 2030 one defaults to the target) */
  milestones: z.array(MilestoneSchema),
}).meta({ id: "Indicator" });
export type Indicator = z.infer<typeof IndicatorSchema>;

export const TaskSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    timing: z.string(),
    leadUnitIds: z.array(z.number().int()),
    partnerUnitIds: z.array(z.number().int()),
  })
  .meta({ id: "Task" });
export type Task = z.infer<typeof TaskSchema>;

// ---------- editing the catalog (staff) ----------

const Id = z.number().int().positive().max(2_147_483_647);
const UnitIdList = z.array(Id).max(500);
const text = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .min(min, { error: `${what} cần ít nhất ${min} ký tự.` })
    .max(max, { error: `${what} tối đa ${max} ký tự.` });

export const MilestoneInputSchema = z.strictObject({
  year: z.number().int(),
  /** what the value is measured in, as the editing screen showed it: it must match the indicator */
  measure: MeasureSchema,
  /** null clears the year's milestone */
  value: z.number().finite().nonnegative().max(1e12).nullable(),
});
export type MilestoneInput = z.infer<typeof MilestoneInputSchema>;

export const IndicatorPatchSchema = z
  .strictObject({
    name: text(3, 500, "Tên chỉ tiêu").optional(),
    measure: MeasureSchema.optional(),
    unitLabel: text(1, 40, "Đơn vị tính").optional(),
    target: z.number().finite().nonnegative().max(1e12).nullable().optional(),
    targetText: text(0, 200, "Mục tiêu (lời)").optional(),
    direction: z.enum(["at_least", "at_most"]).optional(),
    unitIds: UnitIdList.optional(),
    leadUnitIds: UnitIdList.optional(),
    aggregation: z
      .strictObject({
        rule: AggregationRuleSchema,
        unitId: Id.nullable().optional(),
        reason: text(5, 300, "Lý do chọn cách tổng hợp"),
      })
      .optional(),
    active: z.boolean().optional(),
    milestones: z.array(MilestoneInputSchema).max(20).optional(),
  })
  .meta({ id: "IndicatorPatch" });
export type IndicatorPatch = z.infer<typeof IndicatorPatchSchema>;

/**
 * A new indicator of the city's list (e.g. to replace one whose measure cannot change), added by city
 * staff: each ward's staff then choose which of their units report it and how it adds up.
 */
export const IndicatorCreateSchema = z
  .strictObject({
    code: z
      .string()
      .trim()
      .regex(/^CT\d{2,3}$/, { error: "Mã chỉ tiêu ghi theo mẫu CT19." }),
    name: text(3, 500, "Tên chỉ tiêu"),
    measure: MeasureSchema,
    unitLabel: text(1, 40, "Đơn vị tính"),
  })
  .meta({ id: "IndicatorCreate" });
export type IndicatorCreate = z.infer<typeof IndicatorCreateSchema>;

export const TaskPatchSchema = z
  .strictObject({
    name: text(3, 500, "Tên nhiệm vụ").optional(),
    timing: text(1, 100, "Thời gian thực hiện").optional(),
    leadUnitIds: UnitIdList.optional(),
    partnerUnitIds: UnitIdList.optional(),
  })
  .meta({ id: "TaskPatch" });
export type TaskPatch = z.infer<typeof TaskPatchSchema>;

/** An indicator as the catalog screen edits it: whether values exist decides if its measure may change. */
export const IndicatorDetailSchema = IndicatorSchema.extend({
  /** how many unit reports carry a value for it */
  valueCount: z.number().int(),
}).meta({ id: "IndicatorDetail" });
export type IndicatorDetail = z.infer<typeof IndicatorDetailSchema>;

export const CatalogChangeSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    userName: z.string().nullable(),
    field: z.string(),
    label: z.string(),
    oldValue: z.string().nullable(),
    newValue: z.string().nullable(),
  })
  .meta({ id: "CatalogChange" });
export type CatalogChange = z.infer<typeof CatalogChangeSchema>;

/** The ward's own plan implementing the resolution ("Kế hoạch số 15/KH-UBND ngày 20/01/2026"), cited in the report. */
export const PlanReferenceSchema = z
  .object({
    /** e.g. "15/KH-UBND"; null until staff enter it */
    number: z.string().nullable(),
    /** yyyy-MM-dd */
    date: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: "PlanReference" });
export type PlanReference = z.infer<typeof PlanReferenceSchema>;

export const PlanReferenceInputSchema = z
  .strictObject({
    number: z
      .string()
      .trim()
      .regex(/^\d{1,6}\/[\p{Lu}\d&.-]{2,30}$/u, { error: "Số kế hoạch ghi theo mẫu 15/KH-UBND." }),
    date: z.iso.date({ error: "Ngày ban hành ghi theo dạng yyyy-MM-dd." }),
  })
  .meta({ id: "PlanReferenceInput" });

export const PeriodKindSchema = z.enum(["annual", "adhoc"]);
/** open: accepting reports; locked: past the deadline; upcoming: not yet open; closed: ended by staff */
export const PeriodStateSchema = z.enum(["upcoming", "open", "locked", "closed"]);

export const PeriodSchema = z
  .object({
    id: z.number().int(),
    /** the ward whose units report in it */
    wardId: z.number().int().nullable(),
    year: z.number().int(),
    kind: PeriodKindSchema,
    title: z.string(),
    opensAt: z.string(),
    /** drafts accepted from (the previous year's deadline for a recurring year; else opensAt) */
    acceptsFrom: z.string(),
    deadlineAt: z.string(),
    status: z.enum(["open", "closed"]),
    state: PeriodStateSchema,
    expectedUnitIds: z.array(z.number().int()),
    /** lock exceptions (extensions) granted to expected units: until when each may still submit */
    exceptions: z.array(z.object({ unitId: z.number().int(), until: z.string() })),
  })
  .meta({ id: "Period" });
export type Period = z.infer<typeof PeriodSchema>;
