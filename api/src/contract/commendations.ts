import { z } from "zod";
import { COMMENDATIONS_MAX_COUNT } from "./summary-labels.js";

/**
 * Commendation candidates a unit proposes in its yearly report (Decree 98/2023 table: collective or
 * person, position – unit, achievement, proposed form). Drafts may be incomplete; a candidate
 * without a name is refused at submit.
 */
export const COMMENDATIONS_MAX = COMMENDATIONS_MAX_COUNT;

export const CommendationKindSchema = z.enum(["collective", "person"], { error: "Chọn tập thể (collective) hoặc cá nhân (person)." });
export type CommendationKind = z.infer<typeof CommendationKindSchema>;

const field = (max: number, what: string) => z.string().max(max, { error: `${what} tối đa ${max} ký tự.` });

export const CommendationSchema = z
  .strictObject({
    kind: CommendationKindSchema,
    /** the collective's or the person's name */
    name: field(200, "Tên tập thể, cá nhân"),
    /** "Chức vụ – đơn vị" (a person's position and unit; a collective's parent unit) */
    position: field(300, "Chức vụ, đơn vị").default(""),
    achievement: field(2000, "Thành tích").default(""),
    /** e.g. "Giấy khen của Chủ tịch UBND phường" */
    form: field(200, "Hình thức đề nghị").default(""),
  })
  .meta({ id: "Commendation" });
export type Commendation = z.infer<typeof CommendationSchema>;
export type CommendationInput = z.input<typeof CommendationSchema>;
