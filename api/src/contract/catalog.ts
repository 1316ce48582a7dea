import { z } from "zod";

export const UnitKindSchema = z.enum([
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

export const IndicatorSchema = IndicatorDefinition.extend({
  id: z.number().int(),
  unitIds: z.array(z.number().int()),
  leadUnitIds: z.array(z.number().int()),
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

export const PeriodKindSchema = z.enum(["annual", "adhoc"]);
/** open: accepting reports; locked: past the deadline; upcoming: not yet open; closed: ended by staff */
export const PeriodStateSchema = z.enum(["upcoming", "open", "locked", "closed"]);

export const PeriodSchema = z
  .object({
    id: z.number().int(),
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
