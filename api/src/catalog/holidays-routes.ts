import { z } from "zod";
import type { RouteBuilder } from "../http/route.js";
import { HolidayCreateSchema, HolidayParams, HolidayQuerySchema, HolidaySchema, type Holiday } from "../contract/holidays.js";
import { HOLIDAY_KIND_LABELS } from "../contract/holidays-labels.js";
import { badRequest, conflict, notFound } from "../lib/errors.js";
import { isWeekendDate } from "../lib/time.js";
import { assertCityLevel } from "../wards/request-ward.js";

const TAG = "Lịch làm việc";

const showDate = (key: string) => key.split("-").reverse().join("/");
const HOLIDAYS_WHAT = "Lịch ngày nghỉ lễ, ngày làm bù";

/** A real calendar day (2026-02-30 is not), in the years a plan can concern. */
function assertCalendarDate(key: string): void {
  const [y, m, d] = key.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) {
    throw badRequest("INVALID_DATE", `Ngày ${showDate(key)} không có trong lịch.`);
  }
  if (y < 2020 || y > 2100) throw badRequest("INVALID_DATE", "Năm phải từ 2020 đến 2100.");
}

/**
 * The working calendar is national, one list for the whole city: city staff keep it (days off and
 * weekend days worked in exchange), every ward reads it; a ward's staff get 403 CITY_LEVEL_ONLY.
 * Answer due dates are computed from it when a feedback item arrives and stored, so a change here never
 * moves the due date of an item already received.
 */
export function registerHolidayRoutes(r: RouteBuilder): void {
  r.add(
    {
      method: "get",
      path: "/api/holidays",
      tag: TAG,
      summary: "Ngày nghỉ lễ và ngày làm bù (để tính ngày làm việc), theo năm",
      query: HolidayQuerySchema,
      response: z.array(HolidaySchema),
    },
    async ({ ctx, query }) => {
      let q = ctx.database.db.selectFrom("holidays").select(["date", "name", "kind"]).orderBy("date");
      if (query.year) q = q.where("date", ">=", `${query.year}-01-01`).where("date", "<=", `${query.year}-12-31`);
      return (await q.execute()) as Holiday[];
    },
  );

  r.add(
    { method: "post", path: "/api/holidays", tag: TAG, summary: "Cán bộ thành phố thêm ngày nghỉ lễ hoặc ngày làm bù (lịch chung cả nước)", body: HolidayCreateSchema, response: HolidaySchema, status: 201 },
    async ({ ctx, body, user }) => {
      assertCityLevel(user!, HOLIDAYS_WHAT);
      const { db } = ctx.database;
      assertCalendarDate(body.date);
      if (body.kind === "working" && !isWeekendDate(body.date)) {
        throw badRequest("WORKING_DAY_NOT_WEEKEND", `Ngày làm bù phải là thứ Bảy hoặc Chủ nhật; ${showDate(body.date)} vốn là ngày làm việc.`);
      }
      const row = { date: body.date, name: body.name, kind: body.kind, created_at: ctx.clock.now().toISOString() };
      const res = await db.insertInto("holidays").values(row).onConflict((oc) => oc.column("date").doNothing()).executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) {
        const existing = await db.selectFrom("holidays").select(["name", "kind"]).where("date", "=", body.date).executeTakeFirstOrThrow();
        throw conflict(
          "HOLIDAY_EXISTS",
          `Ngày ${showDate(body.date)} đã có trong lịch (${HOLIDAY_KIND_LABELS[existing.kind].toLocaleLowerCase("vi")}: ${existing.name}). Xóa ngày đó trước nếu muốn sửa.`,
          { date: body.date },
        );
      }
      return { date: row.date, name: row.name, kind: row.kind };
    },
  );

  r.add(
    { method: "delete", path: "/api/holidays/:date", tag: TAG, summary: "Cán bộ thành phố xóa một ngày khỏi lịch (không đổi hạn trả lời của góp ý đã nhận)", params: HolidayParams, status: 204 },
    async ({ ctx, params, user }) => {
      assertCityLevel(user!, HOLIDAYS_WHAT);
      const res = await ctx.database.db.deleteFrom("holidays").where("date", "=", params.date).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw notFound(`Ngày ${showDate(params.date)} không có trong lịch.`, "HOLIDAY_NOT_FOUND");
    },
  );
}
