import { z } from "zod";
import { DbId, IsoInstant, WardQuery } from "./common.js";
import { FileMetaSchema } from "./files.js";
import { FileIds, RowId, oneLine, plainText } from "./plain-text.js";
import { DUTY_LIMITS as L } from "./duties-labels.js";

export const DutyKindSchema = z.enum(["unit_plan", "training_plan", "youth_month", "dialogue", "report", "custom"]).meta({ id: "DutyKind" });
export type DutyKind = z.infer<typeof DutyKindSchema>;

export const DutyUnitStatusSchema = z
  .enum(["not_started", "handed_in", "accepted", "returned"])
  .meta({ id: "DutyUnitStatus", description: "not_started Chưa nộp, handed_in Đã nộp, accepted Đã chấp nhận, returned Bị trả lại" });
export type DutyUnitStatus = z.infer<typeof DutyUnitStatusSchema>;

const Counts = z.object({
  expected: z.number().int(),
  notStarted: z.number().int(),
  handedIn: z.number().int(),
  accepted: z.number().int(),
  returned: z.number().int(),
  overdue: z.number().int().meta({ description: "Units that have not handed in (or must fix) after the due date" }),
});
export type DutyCounts = z.infer<typeof Counts>;

/** One line of the calendar: a duty, or the year's Appendix 01/02 report shown beside them. */
export const CalendarEntrySchema = z
  .object({
    key: z.string().meta({ description: "duty:<id> or report:<periodId>" }),
    kind: DutyKindSchema,
    dutyId: z.number().int().nullable(),
    periodId: z.number().int().nullable(),
    title: z.string(),
    startsAt: z.string(),
    dueAt: z.string(),
    recursYearly: z.boolean(),
    link: z.string().meta({ description: "In-app path" }),
    counts: Counts,
    myStatus: DutyUnitStatusSchema.nullable().meta({ description: "The focal point's unit status (null for staff and observers)" }),
    overdue: z.boolean().meta({ description: "Past due with units still owing it (for a focal point: their unit)" }),
  })
  .meta({ id: "CalendarEntry" });
export type CalendarEntry = z.infer<typeof CalendarEntrySchema>;

export const DutyCalendarSchema = z.object({ year: z.number().int(), years: z.array(z.number().int()), entries: z.array(CalendarEntrySchema) }).meta({ id: "DutyCalendar" });
export type DutyCalendar = z.infer<typeof DutyCalendarSchema>;

export const DutyHistorySchema = z.object({
  action: z.enum(["hand_in", "accept", "return"]),
  note: z.string().nullable(),
  userName: z.string().nullable(),
  at: z.string(),
});

export const DutyUnitSchema = z
  .object({
    unitId: z.number().int(),
    unitCode: z.string(),
    unitName: z.string(),
    status: DutyUnitStatusSchema,
    text: z.string(),
    files: z.array(FileMetaSchema),
    handedInAt: z.string().nullable(),
    handedInBy: z.string().nullable(),
    late: z.boolean().meta({ description: "Handed in after the due date" }),
    overdue: z.boolean(),
    reviewedAt: z.string().nullable(),
    returnReason: z.string().nullable(),
    focalCount: z.number().int(),
    history: z.array(DutyHistorySchema),
  })
  .meta({ id: "DutyUnit" });
export type DutyUnit = z.infer<typeof DutyUnitSchema>;

export const DutyDetailSchema = z
  .object({
    id: z.number().int(),
    kind: DutyKindSchema,
    title: z.string(),
    description: z.string(),
    year: z.number().int(),
    startsAt: z.string(),
    dueAt: z.string(),
    requiresDocument: z.boolean(),
    recursYearly: z.boolean(),
    counts: Counts,
    units: z.array(DutyUnitSchema).meta({ description: "Every unit that owes it (a focal point: only their own)" }),
  })
  .meta({ id: "DutyDetail" });
export type DutyDetail = z.infer<typeof DutyDetailSchema>;

export const DutyCalendarQuery = WardQuery.extend({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const DutyUnitParams = z.object({ id: DbId, unitId: DbId });

export const NewDutySchema = z
  .object({
    title: oneLine("Tên nhiệm vụ", 3, L.titleMax),
    description: plainText("Mô tả", 0, L.descriptionMax).default(""),
    startsAt: IsoInstant,
    dueAt: IsoInstant,
    unitIds: z.array(RowId).min(1, "Vui lòng chọn ít nhất một đơn vị phải thực hiện.").max(200),
    requiresDocument: z.boolean().default(true),
    recursYearly: z.boolean().default(false),
  })
  .meta({ id: "NewDuty" });
export type NewDuty = z.input<typeof NewDutySchema>;

export const DutyPatchSchema = z
  .object({
    title: oneLine("Tên nhiệm vụ", 3, L.titleMax),
    description: plainText("Mô tả", 0, L.descriptionMax),
    startsAt: IsoInstant,
    dueAt: IsoInstant,
    requiresDocument: z.boolean(),
    recursYearly: z.boolean(),
  })
  .partial()
  .meta({ id: "DutyPatch" });

export const HandInSchema = z
  .object({
    text: plainText("Nội dung tóm tắt", L.textMin, L.textMax),
    fileIds: FileIds(L.files).default([]),
  })
  .meta({ id: "DutyHandIn" });
export type HandIn = z.input<typeof HandInSchema>;

export const ReturnDutySchema = z.object({ reason: plainText("Lý do trả lại", L.reasonMin, L.reasonMax) }).meta({ id: "DutyReturn" });

export const DutyRemindSchema = z.object({ unitIds: z.array(RowId).max(200).optional() }).meta({ id: "DutyRemind" });
export const DutyRemindResultSchema = z
  .object({
    units: z.array(z.number().int()).meta({ description: "Units reminded (not handed in, or returned)" }),
    notified: z.number().int().meta({ description: "New messages (0 when already reminded today)" }),
    withoutFocal: z.number().int(),
  })
  .meta({ id: "DutyRemindResult" });
export type DutyRemindResult = z.infer<typeof DutyRemindResultSchema>;
