import type { AppContext } from "../http/context.js";
import { defaultWardId } from "../wards/queries.js";
import { wardNames } from "./docx/frame.js";

/**
 * The name a ward's reports are issued under ("Phường Lê Đại Hành"): the configured WARD_NAME for the
 * first ward (a single-ward install reads exactly as before), else the ward unit's own name written
 * as a place ("Ủy ban nhân dân phường Hồng Bàng" → "Phường Hồng Bàng").
 */
export async function wardTitle(ctx: AppContext, wardId: number | null): Promise<string> {
  if (await isFirstWard(ctx, wardId)) return ctx.config.wardName;
  const unit = await ctx.database.db.selectFrom("units").select("name").where("id", "=", wardId).executeTakeFirst();
  return unit ? wardNames(unit.name).place : ctx.config.wardName;
}

/** Whether the ward is the install's first one (whose signer and name come from the configuration). */
export async function isFirstWard(ctx: AppContext, wardId: number | null): Promise<boolean> {
  return wardId === null || wardId === (await defaultWardId(ctx.database.db));
}
