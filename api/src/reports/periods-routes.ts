import type { RouteBuilder } from "../http/route.js";
import type { AppContext } from "../http/context.js";
import { PeriodSchema, type Period } from "../contract/catalog.js";
import { IdParams } from "../contract/common.js";
import {
  BulkExceptionBodySchema,
  BulkExceptionResultSchema,
  ExceptionBodySchema,
  ExceptionSchema,
  PeriodCreateSchema,
  PeriodParams,
  PeriodPatchSchema,
  PeriodUnitParams,
} from "../contract/reports.js";
import { listPeriods } from "../catalog/queries.js";
import { defaultExpectedUnitIds } from "../catalog/seed.js";
import { badRequest, conflict } from "../lib/errors.js";
import { toIso } from "../lib/time.js";
import { annualDeadline, annualOpensAt, ensureWardAnnualPeriods, followPreviousDeadline, previousDeadline } from "./yearly-periods.js";
import { checkExceptionUntil, grantExceptions, notifyExtension } from "./exceptions.js";
import { annualPeriodTitle } from "../contract/plan.js";
import { loadExpected, loadPeriodFor } from "./access.js";
import { requestWardId } from "../wards/request-ward.js";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";

const TAG = "Kỳ báo cáo";

/** The expected units must be units of the period's ward (another ward's unit is unknown here). */
async function assertUnitsExist(db: Kysely<DB>, wardId: number | null, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  let q = db.selectFrom("units").select("id").where("id", "in", ids);
  if (wardId !== null) q = q.where("ward_id", "=", wardId);
  const rows = await q.execute();
  const missing = ids.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length) throw badRequest("UNKNOWN_UNIT", "Có đơn vị không tồn tại trong danh sách đơn vị phải báo cáo.", missing);
}

async function onePeriod(ctx: AppContext, id: number): Promise<Period> {
  const [p] = await listPeriods(ctx, { id });
  return p!;
}

export function registerPeriodRoutes(r: RouteBuilder): void {
  r.add(
    {
      method: "post",
      path: "/api/periods",
      tag: TAG,
      summary: "Tạo kỳ báo cáo của phường (hằng năm hoặc đột xuất)",
      body: PeriodCreateSchema,
      response: PeriodSchema,
      status: 201,
    },
    async ({ ctx, body, user }) => {
      const { db } = ctx.database;
      // a period belongs to the ward of the staff who create it
      const wardId = await requestWardId(db, user);
      const nowIso = ctx.clock.now().toISOString();
      if (body.kind === "adhoc" && !body.title) throw badRequest("TITLE_REQUIRED", "Kỳ báo cáo đột xuất cần có tiêu đề.");
      const title = body.title ?? annualPeriodTitle(body.year);
      const opensAt = body.opensAt ? toIso(body.opensAt) : body.kind === "annual" ? annualOpensAt(body.year) : nowIso;
      const deadlineAt = body.deadlineAt ? toIso(body.deadlineAt) : annualDeadline(body.year);
      if (body.kind === "adhoc" && !body.opensAt && deadlineAt <= nowIso) {
        // the period would open now: a deadline already passed can never be met
        throw badRequest("DEADLINE_IN_PAST", "Hạn nộp đã qua, vui lòng chọn một ngày trong tương lai (hoặc ghi rõ ngày mở kỳ).");
      }
      if (opensAt >= deadlineAt) throw badRequest("INVALID_DATES", "Ngày mở phải trước hạn nộp báo cáo.");
      const expected = body.expectedUnitIds ? [...new Set(body.expectedUnitIds)] : await defaultExpectedUnitIds(db, wardId);
      await assertUnitsExist(db, wardId, expected);
      const id = await db.transaction().execute(async (trx) => {
        if (body.kind === "annual") {
          const dup = await trx.selectFrom("periods").select("id").where("ward_id", "=", wardId).where("year", "=", body.year).where("kind", "=", "annual").executeTakeFirst();
          if (dup) throw conflict("PERIOD_EXISTS", `Đã có kỳ báo cáo hằng năm ${body.year}.`, { periodId: dup.id });
        }
        // like a recurring year: a yearly report accepts drafts once the previous year's deadline has passed
        const acceptsFrom = body.kind === "annual" ? await previousDeadline(trx, wardId, body.year) : null;
        const { id } = await trx
          .insertInto("periods")
          .values({
            ward_id: wardId,
            year: body.year,
            kind: body.kind,
            title,
            opens_at: opensAt,
            accepts_from: acceptsFrom,
            deadline_at: deadlineAt,
            status: "open",
            created_at: nowIso,
            updated_at: nowIso,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        if (expected.length) {
          await trx
            .insertInto("period_units")
            .values(expected.map((unit_id) => ({ period_id: id, unit_id, exception_until: null })))
            .execute();
        }
        return id;
      });
      return onePeriod(ctx, id);
    },
  );

  r.add(
    {
      method: "patch",
      path: "/api/periods/:id",
      tag: TAG,
      summary: "Sửa kỳ báo cáo: tiêu đề, ngày mở, hạn nộp, đơn vị phải báo cáo, đóng/mở lại",
      params: IdParams,
      body: PeriodPatchSchema,
      response: PeriodSchema,
    },
    async ({ ctx, params, body, user }) => {
      const { db } = ctx.database;
      const period = await loadPeriodFor(db, user, params.id);
      const nowIso = ctx.clock.now().toISOString();
      const opensAt = body.opensAt ? toIso(body.opensAt) : period.opens_at;
      const deadlineAt = body.deadlineAt ? toIso(body.deadlineAt) : period.deadline_at;
      if (opensAt >= deadlineAt) throw badRequest("INVALID_DATES", "Ngày mở phải trước hạn nộp báo cáo.");
      if (body.expectedUnitIds) await assertUnitsExist(db, period.ward_id, body.expectedUnitIds);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("periods")
          .set({
            ...(body.title ? { title: body.title } : {}),
            opens_at: opensAt,
            deadline_at: deadlineAt,
            ...(body.status ? { status: body.status } : {}),
            updated_at: nowIso,
          })
          .where("id", "=", period.id)
          .execute();
        if (body.expectedUnitIds) {
          const want = new Set(body.expectedUnitIds);
          const have = await trx.selectFrom("period_units").select("unit_id").where("period_id", "=", period.id).execute();
          const drop = have.filter((h) => !want.has(h.unit_id)).map((h) => h.unit_id);
          const add = [...want].filter((u) => !have.some((h) => h.unit_id === u));
          // Kept units keep their lock exceptions; reports of dropped units stay in the database.
          if (drop.length) await trx.deleteFrom("period_units").where("period_id", "=", period.id).where("unit_id", "in", drop).execute();
          if (add.length) await trx.insertInto("period_units").values(add.map((unit_id) => ({ period_id: period.id, unit_id, exception_until: null }))).execute();
        }
        if (period.kind === "annual" && period.ward_id !== null && deadlineAt !== period.deadline_at) {
          await followPreviousDeadline(trx, period.ward_id, period.year, deadlineAt, nowIso);
        }
      });
      // a deadline moved into the past makes the ward's next year's period due now
      if (period.kind === "annual" && period.ward_id !== null) await ensureWardAnnualPeriods(ctx, period.ward_id);
      return onePeriod(ctx, period.id);
    },
  );

  r.add(
    {
      method: "put",
      path: "/api/periods/:periodId/exceptions/:unitId",
      tag: TAG,
      summary: "Gia hạn (ngoại lệ khóa sổ) cho một đơn vị; until = null để bỏ gia hạn",
      params: PeriodUnitParams,
      body: ExceptionBodySchema,
      response: ExceptionSchema,
    },
    async ({ ctx, params, body, user }) => {
      const { db } = ctx.database;
      const period = await loadPeriodFor(db, user, params.periodId);
      await loadExpected(db, params.periodId, params.unitId);
      // null ends the extension now (staff end it early); a date is checked like a bulk extension
      const until = body.until ? checkExceptionUntil(period, body.until, ctx.clock.now()) : null;
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("period_units")
          .set({ exception_until: until })
          .where("period_id", "=", params.periodId)
          .where("unit_id", "=", params.unitId)
          .execute();
        if (until) await notifyExtension(ctx, trx, period, [params.unitId], until);
      });
      return { periodId: params.periodId, unitId: params.unitId, exceptionUntil: until };
    },
  );

  r.add(
    {
      method: "post",
      path: "/api/periods/:periodId/exceptions",
      tag: TAG,
      summary: "Gia hạn cùng lúc cho nhiều đơn vị (các đơn vị chọn, hoặc mọi đơn vị chưa nộp) đến một ngày",
      params: PeriodParams,
      body: BulkExceptionBodySchema,
      response: BulkExceptionResultSchema,
    },
    async ({ ctx, params, body, user }) => {
      await loadPeriodFor(ctx.database.db, user, params.periodId);
      return grantExceptions(ctx, params.periodId, body.until, body.unitIds);
    },
  );
}
