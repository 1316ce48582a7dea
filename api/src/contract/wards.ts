import { z } from "zod";
import { NameText } from "./common.js";
import { InvitationSchema } from "./identity.js";

/** The level of a commune-level unit of the city (Resolution 1669/NQ-UBTVQH15: wards, communes, special zones). */
export const WardLevelSchema = z.enum(["phuong", "xa", "dac_khu"]).meta({ id: "WardLevel" });
export type WardLevel = z.infer<typeof WardLevelSchema>;

/** A commune-level unit of the city (a tenant of the deployment), as everyone may see it. */
export const WardSchema = z
  .object({
    id: z.number().int(),
    /** its unit code (Lê Đại Hành: UBND; others: their own, e.g. HB), the prefix of its units' codes */
    code: z.string(),
    /** "Phường Lê Đại Hành", "Xã An Lão", "Đặc khu Cát Hải" */
    name: z.string(),
    /** the name of its People's Committee unit ("Ủy ban nhân dân phường Lê Đại Hành") */
    unitName: z.string(),
    level: WardLevelSchema,
    /** the mini app link that signs a youth into this ward (printed as a QR code: ?ward=<code>) */
    joinLink: z.string(),
  })
  .meta({ id: "Ward" });
export type Ward = z.infer<typeof WardSchema>;

export const WardJoinSchema = z
  .object({ ward: WardSchema, link: z.string(), qrDataUrl: z.string() })
  .meta({ id: "WardJoin" });
export type WardJoin = z.infer<typeof WardJoinSchema>;

/** A ward's code: letters and digits, 2–10 characters, stored in capitals. */
export const WardCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9]{1,9}$/, { message: "Mã phường, xã gồm 2–10 chữ cái không dấu hoặc chữ số, bắt đầu bằng chữ cái (ví dụ HB)." });

/**
 * Adding a ward (city staff): its units from the standard template of a ward (offices, police,
 * military command, Fatherland Front, Youth Union, Youth Federation, public service centre, health
 * station, residential groups) or from a CSV of units (columns code, name, short_name, kind,
 * parent_code; see README). The ward's first staff account comes with it as an invitation.
 */
export const NewWardSchema = z
  .strictObject({
    code: WardCodeSchema,
    level: WardLevelSchema,
    /** the place name without the level word: "Hồng Bàng" */
    placeName: NameText(2, 80),
    source: z.enum(["template", "csv"]).default("template"),
    /** template only: how many residential groups (tổ dân phố, thôn) */
    residentialGroups: z.number().int().min(0).max(300).default(10),
    /** csv only: the file's text (UTF-8; comma, semicolon or tab separated; header on the first line) */
    csv: z.string().max(500_000).optional(),
  })
  .meta({ id: "NewWard" });
export type NewWard = z.input<typeof NewWardSchema>;

export const NewWardResultSchema = z
  .object({
    ward: WardSchema,
    /** units created under the ward (the ward's own unit not counted) */
    unitCount: z.number().int(),
    /** the invitation that makes its holder the ward's first staff member */
    invitation: InvitationSchema,
  })
  .meta({ id: "NewWardResult" });
export type NewWardResult = z.infer<typeof NewWardResultSchema>;

/** One problem of an imported CSV, named by its line (the header is line 1) and column. */
export const CsvProblemSchema = z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() }).meta({ id: "CsvProblem" });
export type CsvProblem = z.infer<typeof CsvProblemSchema>;
