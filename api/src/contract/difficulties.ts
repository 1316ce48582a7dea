import { z } from "zod";
import { DbId, IsoInstant, WardQuery } from "./common.js";
import { RowId, oneLine, plainText } from "./plain-text.js";

export const DifficultyKindSchema = z.enum(["difficulty", "proposal"]).meta({ id: "DifficultyKind" });
export type DifficultyKind = z.infer<typeof DifficultyKindSchema>;
export const DifficultyStateSchema = z
  .enum(["new", "forwarded", "resolved"])
  .meta({ id: "DifficultyState", description: "new Mới tiếp nhận, forwarded Đã chuyển cấp có thẩm quyền, resolved Đã giải quyết" });
export type DifficultyState = z.infer<typeof DifficultyStateSchema>;

export const DifficultyThemeSchema = z.object({ id: z.number().int(), name: z.string() }).meta({ id: "DifficultyTheme" });
export type DifficultyTheme = z.infer<typeof DifficultyThemeSchema>;

const Ref = z.object({ id: z.number().int(), name: z.string() });

export const DifficultyItemSchema = z
  .object({
    id: z.number().int(),
    kind: DifficultyKindSchema,
    year: z.number().int(),
    periodId: z.number().int(),
    unit: Ref,
    text: z.string().meta({ description: "One difficulty or proposal as the unit wrote it in its report" }),
    theme: Ref.nullable(),
    state: DifficultyStateSchema.meta({ description: "For a merged item: the state of the item it was merged into" }),
    mergedInto: z.object({ id: z.number().int(), text: z.string(), unitName: z.string() }).nullable(),
    mergedCount: z.number().int().meta({ description: "Items of other units merged into this one" }),
    forwardedTo: z.string().nullable(),
    forwardedAt: z.string().nullable(),
    answer: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "DifficultyItem" });
export type DifficultyItem = z.infer<typeof DifficultyItemSchema>;

export const DifficultyDetailSchema = DifficultyItemSchema.extend({
  merged: z.array(z.object({ id: z.number().int(), text: z.string(), unit: Ref })).meta({ description: "Duplicates merged into this item" }),
}).meta({ id: "DifficultyDetail" });
export type DifficultyDetail = z.infer<typeof DifficultyDetailSchema>;

export const DifficultyListSchema = z
  .object({
    year: z.number().int(),
    items: z.array(DifficultyItemSchema),
    counts: z.object({ new: z.number().int(), forwarded: z.number().int(), resolved: z.number().int() }),
  })
  .meta({ id: "DifficultyList" });
export type DifficultyList = z.infer<typeof DifficultyListSchema>;

export const DifficultyQuery = WardQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  kind: DifficultyKindSchema.optional(),
  state: DifficultyStateSchema.optional(),
  themeId: DbId.optional(),
  unitId: DbId.optional(),
});

export const DifficultyPatchSchema = z.object({ themeId: RowId.nullable() }).meta({ id: "DifficultyPatch" });
export const ForwardSchema = z
  .object({ to: oneLine("Nơi nhận", 2, 200), at: IsoInstant.optional().meta({ description: "When it was sent (default: now)" }) })
  .meta({ id: "DifficultyForward" });
export const ResolveSchema = z.object({ answer: plainText("Kết quả giải quyết", 10, 2000) }).meta({ id: "DifficultyResolve" });
export const MergeSchema = z.object({ intoId: RowId }).meta({ id: "DifficultyMerge" });
export const NewThemeSchema = z.object({ name: oneLine("Tên chủ đề", 2, 60) }).meta({ id: "NewDifficultyTheme" });
