import { z } from "zod";
import { cleanName } from "./text.js";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Stable machine code, e.g. VALIDATION_FAILED" }),
      message: z.string().meta({ description: "Vietnamese message for people" }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "Error" });

/** A database id in a path or query: a positive integer that fits PostgreSQL's integer column. */
export const DbId = z.coerce.number().int().positive().max(2_147_483_647);
export const IdParams = z.object({ id: DbId });
/**
 * The ward a request about the plan's work reads: city staff name it, a ward's people may only name
 * their own (api/src/wards/request-ward.ts); an anonymous caller of a public route reads the default ward without it.
 */
export const WardQuery = z.object({ wardId: DbId.optional() });
export const IsoInstant = z.iso.datetime({ offset: true });

/** A short text shown as a name (person, category, period title): cleaned first, then measured. */
export const NameText = (min: number, max: number) => z.string().overwrite(cleanName).min(min).max(max);

/** Cursor pagination: `nextCursor` is null on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const HealthSchema = z
  .object({
    ok: z.boolean(),
    db: z.enum(["sqlite", "postgres"]),
    version: z.string(),
    /** what cannot be reached right now (empty when ok) */
    down: z.array(z.enum(["database"])),
  })
  .meta({ id: "Health" });
export type Health = z.infer<typeof HealthSchema>;

export const PublicConfigSchema = z
  .object({
    wardName: z.string(),
    timeZone: z.string(),
    devSignIn: z.boolean(),
    zaloAppId: z.string(),
    pushChannel: z.enum(["inbox", "zalo_oa", "zalo_miniapp"]),
  })
  .meta({ id: "PublicConfig" });
export type PublicConfig = z.infer<typeof PublicConfigSchema>;
