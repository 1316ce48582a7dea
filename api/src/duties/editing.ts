import type { z } from "zod";
import type { AppContext, AuthUser } from "../http/context.js";
import type { DutyDetail, DutyPatchSchema, NewDutySchema } from "../contract/duties.js";
import { badRequest } from "../lib/errors.js";
import { vnParts } from "../lib/time.js";
import { dutySeedKey, insertDuty } from "./plan.js";
import { requestWardId } from "../wards/request-ward.js";
import { loadDuty } from "./lookup.js";
import { getDuty } from "./detail.js";

function checkDates(startsAt: string, dueAt: string): void {
  if (Date.parse(dueAt) <= Date.parse(startsAt)) {
    throw badRequest("DUE_BEFORE_START", "Hạn hoàn thành phải sau ngày bắt đầu của nhiệm vụ.", { startsAt, dueAt });
  }
}

/** A duty is given to units of the staff's own ward (another ward's unit is unknown here). */
export async function createDuty(ctx: AppContext, user: AuthUser, body: z.output<typeof NewDutySchema>): Promise<DutyDetail> {
  const { db } = ctx.database;
  const wardId = await requestWardId(db, user);
  const startsAt = new Date(body.startsAt).toISOString();
  const dueAt = new Date(body.dueAt).toISOString();
  checkDates(startsAt, dueAt);
  const nowIso = ctx.clock.now().toISOString();
  const ids = [...new Set(body.unitIds)];
  const found = await db.selectFrom("units").select("id").where("id", "in", ids).where("ward_id", "=", wardId).execute();
  const missing = ids.filter((i) => !found.some((f) => f.id === i));
  if (missing.length) throw badRequest("UNKNOWN_UNIT", "Có đơn vị được chọn không tồn tại.", { unitIds: missing });
  const id = await db.transaction().execute(async (trx) => {
    const created = (await insertDuty(
      trx,
      { wardId, kind: "custom", title: body.title, description: body.description, startsAt, dueAt, requiresDocument: body.requiresDocument, recursYearly: body.recursYearly, seriesKey: null, seedKey: null, createdBy: user.id, unitIds: ids },
      nowIso,
    ))!;
    // Its own series, so that a yearly duty gets next year's copy (and never two).
    const series = `duty-${created}`;
    await trx.updateTable("duties").set({ series_key: series, seed_key: dutySeedKey(wardId, series, vnParts(dueAt).year) }).where("id", "=", created).execute();
    return created;
  });
  return getDuty(ctx, user, id);
}

export async function patchDuty(ctx: AppContext, user: AuthUser, id: number, body: z.output<typeof DutyPatchSchema>): Promise<DutyDetail> {
  const { db } = ctx.database;
  const d = await loadDuty(db, id, user);
  if (Object.keys(body).length === 0) throw badRequest("NOTHING_TO_CHANGE", "Không có thay đổi nào được gửi lên.");
  const startsAt = body.startsAt ? new Date(body.startsAt).toISOString() : d.starts_at;
  const dueAt = body.dueAt ? new Date(body.dueAt).toISOString() : d.due_at;
  checkDates(startsAt, dueAt);
  await db
    .updateTable("duties")
    .set({
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.requiresDocument !== undefined ? { requires_document: body.requiresDocument ? 1 : 0 } : {}),
      ...(body.recursYearly !== undefined ? { recurs_yearly: body.recursYearly ? 1 : 0 } : {}),
      starts_at: startsAt,
      due_at: dueAt,
      updated_at: ctx.clock.now().toISOString(),
    })
    .where("id", "=", id)
    .execute();
  return getDuty(ctx, user, id);
}
