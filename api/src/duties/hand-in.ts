import type { Kysely } from "kysely";
import type { z } from "zod";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import type { DutyDetail, HandInSchema } from "../contract/duties.js";
import { assertUnitAccess } from "../identity/policy.js";
import { badRequest, conflict, forbidden } from "../lib/errors.js";
import { formatDateVN } from "../lib/time.js";
import { linkFiles, requireAttachable } from "../files/access.js";
import { enqueueNotifications } from "../notifications/outbox.js";
import { pushEnabled } from "../notifications/channel-name.js";
import { loadDuty, loadDutyUnit } from "./lookup.js";
import { getDuty } from "./detail.js";

type Db = Kysely<DB>;

/** The enabled staff accounts of a ward (who hear of its hand-ins). */
export const wardStaffIds = async (db: Db, wardId: number) =>
  (await db.selectFrom("users").select("id").where("role", "=", "staff").where("ward_id", "=", wardId).where("disabled", "=", 0).execute()).map((r) => r.id);

/** A focal point hands in their own unit's document and short text (again after a return). */
export async function handIn(ctx: AppContext, user: AuthUser, dutyId: number, unitId: number, body: z.output<typeof HandInSchema>): Promise<DutyDetail> {
  const { db } = ctx.database;
  const d = await loadDuty(db, dutyId, user);
  if (user.role === "focal" && user.unitId !== unitId) {
    throw forbidden("Bạn chỉ nộp được cho đơn vị của mình. Nội dung đang soạn vẫn được giữ trên máy.", "UNIT_FORBIDDEN");
  }
  assertUnitAccess(user, unitId);
  const nowIso = ctx.clock.now().toISOString();
  if (nowIso < d.starts_at) throw conflict("DUTY_NOT_STARTED", `Nhiệm vụ bắt đầu từ ${formatDateVN(d.starts_at)}, chưa nộp được.`);
  // attaching a file means having uploaded it (or being staff); it then has the hand-in's access
  const files = await requireAttachable(db, user, body.fileIds);
  if (d.requires_document && files.length === 0) {
    throw badRequest("DOCUMENT_REQUIRED", "Nhiệm vụ này cần đính kèm văn bản (tệp). Vui lòng chọn tệp rồi nộp lại; nội dung đã nhập vẫn được giữ.");
  }
  await db.transaction().execute(async (trx) => {
    const row = await loadDutyUnit(trx, dutyId, unitId);
    if (row.status === "accepted") throw conflict("DUTY_ALREADY_ACCEPTED", "Phường đã chấp nhận phần nộp của đơn vị, không cần nộp lại.");
    await trx
      .updateTable("duty_units")
      .set({ status: "handed_in", text: body.text, files: JSON.stringify(files), handed_in_at: nowIso, handed_in_by: user.id, updated_at: nowIso })
      .where("duty_id", "=", dutyId)
      .where("unit_id", "=", unitId)
      .execute();
    const handIn = await trx
      .insertInto("duty_history")
      .values({ duty_id: dutyId, unit_id: unitId, action: "hand_in", note: body.text.slice(0, 500), user_id: user.id, at: nowIso })
      .returning("id")
      .executeTakeFirstOrThrow();
    await linkFiles(trx, "duty_hand_in", handIn.id, files.map((f) => f.id), nowIso);
    const unit = await trx.selectFrom("units").select("name").where("id", "=", unitId).executeTakeFirstOrThrow();
    await enqueueNotifications(
      trx,
      (await wardStaffIds(trx, d.ward_id)).map((userId) => ({
        userId,
        kind: "duty_handed_in",
        title: `${unit.name} đã nộp: ${d.title}`.slice(0, 200),
        body: body.text.slice(0, 200),
        link: `/duties/${dutyId}`,
        dedupeKey: `duty:${dutyId}:${unitId}:hand-in:${nowIso}`,
        source: `duty:${dutyId}`,
      })),
      nowIso,
      pushEnabled(ctx.config),
    );
  });
  return getDuty(ctx, user, dutyId);
}
