import type { RouteBuilder } from "../http/route.js";
import { IdParams } from "../contract/common.js";
import {
  DutyCalendarQuery,
  DutyCalendarSchema,
  DutyDetailSchema,
  DutyPatchSchema,
  DutyRemindResultSchema,
  DutyRemindSchema,
  DutyUnitParams,
  HandInSchema,
  NewDutySchema,
  ReturnDutySchema,
} from "../contract/duties.js";
import { dutyCalendar } from "./calendar.js";
import { getDuty } from "./detail.js";
import { createDuty, patchDuty } from "./editing.js";
import { handIn } from "./hand-in.js";
import { reviewDuty } from "./review.js";
import { remindDuty } from "./reminders.js";

const TAG = "Nhiệm vụ có thời hạn";

/** Duties with deadlines: the calendar, hand-ins from the phone, review and reminders. */
export function registerDutyRoutes(r: RouteBuilder): void {
  r.add(
    {
      method: "get",
      path: "/api/duties",
      tag: TAG,
      summary: "Lịch nhiệm vụ của phường trong một năm (kèm báo cáo 30/11): số đơn vị đã nộp, quá hạn; đầu mối chỉ thấy việc của đơn vị mình; cán bộ thành phố: ?wardId=",
      query: DutyCalendarQuery,
      response: DutyCalendarSchema,
    },
    ({ ctx, user, query }) => dutyCalendar(ctx, user!, query.year, query.wardId),
  );
  r.add(
    { method: "post", path: "/api/duties", tag: TAG, summary: "Giao một nhiệm vụ có thời hạn cho các đơn vị (có thể lặp lại hằng năm)", body: NewDutySchema, response: DutyDetailSchema, status: 201 },
    ({ ctx, user, body }) => createDuty(ctx, user!, body),
  );
  r.add(
    { method: "get", path: "/api/duties/:id", tag: TAG, summary: "Chi tiết nhiệm vụ và tình trạng từng đơn vị (đầu mối: đơn vị mình)", params: IdParams, response: DutyDetailSchema },
    ({ ctx, user, params }) => getDuty(ctx, user!, params.id),
  );
  r.add(
    { method: "patch", path: "/api/duties/:id", tag: TAG, summary: "Sửa nhiệm vụ (tên, mô tả, thời hạn, lặp lại)", params: IdParams, body: DutyPatchSchema, response: DutyDetailSchema },
    ({ ctx, user, params, body }) => patchDuty(ctx, user!, params.id, body),
  );
  r.add(
    {
      method: "post",
      path: "/api/duties/:id/units/:unitId/hand-in",
      tag: TAG,
      summary: "Đơn vị nộp văn bản và nội dung tóm tắt (nộp lại sau khi bị trả lại)",
      params: DutyUnitParams,
      body: HandInSchema,
      response: DutyDetailSchema,
    },
    ({ ctx, user, params, body }) => handIn(ctx, user!, params.id, params.unitId, body),
  );
  r.add(
    { method: "post", path: "/api/duties/:id/units/:unitId/accept", tag: TAG, summary: "Chấp nhận phần nộp của đơn vị", params: DutyUnitParams, response: DutyDetailSchema },
    ({ ctx, user, params }) => reviewDuty(ctx, user!, params.id, params.unitId, "accept"),
  );
  r.add(
    {
      method: "post",
      path: "/api/duties/:id/units/:unitId/return",
      tag: TAG,
      summary: "Trả lại phần nộp kèm lý do (đơn vị nhận thông báo và nộp lại)",
      params: DutyUnitParams,
      body: ReturnDutySchema,
      response: DutyDetailSchema,
    },
    ({ ctx, user, params, body }) => reviewDuty(ctx, user!, params.id, params.unitId, "return", body.reason),
  );
  r.add(
    {
      method: "post",
      path: "/api/duties/:id/remind",
      tag: TAG,
      summary: "Nhắc các đơn vị chưa nộp hoặc bị trả lại (mỗi đơn vị một lần mỗi ngày)",
      params: IdParams,
      body: DutyRemindSchema,
      response: DutyRemindResultSchema,
    },
    ({ ctx, params, body, user }) => remindDuty(ctx, user!, params.id, body.unitIds),
  );
}
