import { z } from "zod";

/** "off": a public holiday or day off; "working": a weekend day worked in exchange for a weekday off. */
export const HolidayKindSchema = z.enum(["off", "working"]);
export type HolidayKind = z.infer<typeof HolidayKindSchema>;

/** A calendar date in Vietnam, yyyy-MM-dd (a date input's value). */
export const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Ngày phải có dạng năm-tháng-ngày (yyyy-MM-dd)." });

export const HolidaySchema = z
  .object({
    date: z.string(),
    name: z.string(),
    kind: HolidayKindSchema,
  })
  .meta({ id: "Holiday" });
export type Holiday = z.infer<typeof HolidaySchema>;

export const HolidayCreateSchema = z
  .strictObject({
    date: CalendarDate,
    name: z.string().trim().min(2, { message: "Tên ngày nghỉ cần ít nhất 2 ký tự." }).max(120, { message: "Tên ngày nghỉ tối đa 120 ký tự." }),
    kind: HolidayKindSchema.default("off"),
  })
  .meta({ id: "HolidayCreate" });
export type HolidayCreate = z.input<typeof HolidayCreateSchema>;

export const HolidayQuerySchema = z.object({ year: z.coerce.number().int().min(2020).max(2100).optional() });
export const HolidayParams = z.object({ date: CalendarDate });
