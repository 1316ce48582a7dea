import { z } from "zod";
import type { RouteBuilder } from "../http/route.js";
import type { AuthUser } from "../http/context.js";
import {
  AuditEntrySchema,
  CompletenessSchema,
  PeriodParams,
  PeriodUnitParams,
  RemindBodySchema,
  RemindResultSchema,
  ReopenBodySchema,
  ReportListItemSchema,
  ReportSaveSchema,
  ReportSchema,
  ReturnBodySchema,
} from "../contract/reports.js";
import { assertUnitAccess } from "../identity/policy.js";
import { registerPeriodRoutes } from "./periods-routes.js";
import { loadExpected, loadPeriodFor } from "./access.js";
import { completeness, listUnitReports, remindUnits } from "./completeness.js";
import { getReport, saveReport } from "./drafts.js";
import { submitReport } from "./submission.js";
import { reviewReport } from "./review.js";
import { reportAudit } from "./audit.js";
import { withEvidenceLinks } from "./file-access.js";

const TAG = "Báo cáo đơn vị";
const BASE = "/api/periods/:periodId/reports/:unitId";

/**
 * Checks the period exists in the caller's ward (404 otherwise), that a focal point only touches their
 * own unit, and that the unit is expected in the period (the period's units are its ward's).
 */
async function guard(db: Parameters<typeof loadPeriodFor>[0], user: AuthUser, periodId: number, unitId: number) {
  await loadPeriodFor(db, user, periodId);
  assertUnitAccess(user, unitId);
  await loadExpected(db, periodId, unitId);
}

export function registerReportRoutes(r: RouteBuilder): void {
  registerPeriodRoutes(r);

  r.add(
    {
      method: "get",
      path: "/api/periods/:periodId/reports",
      tag: TAG,
      summary: "Báo cáo của các đơn vị trong kỳ (đầu mối: chỉ đơn vị mình)",
      params: PeriodParams,
      response: z.array(ReportListItemSchema),
    },
    async ({ ctx, params, user }) => {
      const { db } = ctx.database;
      await loadPeriodFor(db, user, params.periodId);
      if (user!.role === "focal") {
        if (!user!.unitId) return [];
        return listUnitReports(db, params.periodId, user!.unitId);
      }
      return listUnitReports(db, params.periodId);
    },
  );

  r.add(
    { method: "get", path: BASE, tag: TAG, summary: "Phiếu báo cáo của một đơn vị (đầu mối mở lần đầu khi kỳ đang nhận báo cáo: tạo bản nháp; kỳ đã khóa: chỉ xem)", params: PeriodUnitParams, response: ReportSchema },
    async ({ ctx, params, user }) => {
      await guard(ctx.database.db, user!, params.periodId, params.unitId);
      return withEvidenceLinks(ctx, getReport(ctx, user!, params.periodId, params.unitId));
    },
  );

  r.add(
    {
      method: "put",
      path: BASE,
      tag: TAG,
      summary: "Lưu nháp (một phần hoặc toàn bộ), kèm version; version cũ → 409 VERSION_CONFLICT",
      params: PeriodUnitParams,
      body: ReportSaveSchema,
      response: ReportSchema,
    },
    async ({ ctx, params, user, body }) => {
      await guard(ctx.database.db, user!, params.periodId, params.unitId);
      return withEvidenceLinks(ctx, saveReport(ctx, user!, params.periodId, params.unitId, body));
    },
  );

  r.add(
    {
      method: "post",
      path: `${BASE}/submit`,
      tag: TAG,
      summary: "Nộp báo cáo (kiểm tra đủ số liệu; 422 REPORT_INCOMPLETE kèm danh sách mục cần sửa)",
      params: PeriodUnitParams,
      body: z.strictObject({ version: z.number().int().nonnegative().optional() }),
      response: ReportSchema,
    },
    async ({ ctx, params, user, body }) => {
      await guard(ctx.database.db, user!, params.periodId, params.unitId);
      return withEvidenceLinks(ctx, submitReport(ctx, user!, params.periodId, params.unitId, body.version));
    },
  );

  r.add(
    { method: "post", path: `${BASE}/approve`, tag: TAG, summary: "Duyệt báo cáo (khóa báo cáo)", params: PeriodUnitParams, response: ReportSchema },
    async ({ ctx, params, user }) => {
      await guard(ctx.database.db, user!, params.periodId, params.unitId);
      return withEvidenceLinks(ctx, reviewReport(ctx, user!, params.periodId, params.unitId, "approve"));
    },
  );
  r.add(
    {
      method: "post",
      path: `${BASE}/return`,
      tag: TAG,
      summary: "Trả lại báo cáo với lý do bắt buộc (thông báo cho đầu mối đơn vị)",
      params: PeriodUnitParams,
      body: ReturnBodySchema,
      response: ReportSchema,
    },
    async ({ ctx, params, user, body }) => {
      await guard(ctx.database.db, user!, params.periodId, params.unitId);
      return withEvidenceLinks(ctx, reviewReport(ctx, user!, params.periodId, params.unitId, "return", body.reason));
    },
  );
  r.add(
    {
      method: "post",
      path: `${BASE}/reopen`,
      tag: TAG,
      summary: "Mở lại báo cáo đã duyệt để đơn vị chỉnh sửa",
      params: PeriodUnitParams,
      body: ReopenBodySchema,
      response: ReportSchema,
    },
    async ({ ctx, params, user, body }) => {
      await guard(ctx.database.db, user!, params.periodId, params.unitId);
      return withEvidenceLinks(ctx, reviewReport(ctx, user!, params.periodId, params.unitId, "reopen", body.reason));
    },
  );

  r.add(
    { method: "get", path: `${BASE}/audit`, tag: TAG, summary: "Lịch sử thay đổi của báo cáo", params: PeriodUnitParams, response: z.array(AuditEntrySchema) },
    async ({ ctx, params, user }) => {
      await guard(ctx.database.db, user!, params.periodId, params.unitId);
      return reportAudit(ctx, params.periodId, params.unitId);
    },
  );

  r.add(
    {
      method: "get",
      path: "/api/periods/:periodId/completeness",
      tag: TAG,
      summary: "Tình hình nộp báo cáo: phải nộp, đã nộp, đúng hạn, muộn, chưa nộp, đã duyệt, bị trả lại",
      params: PeriodParams,
      response: CompletenessSchema,
    },
    async ({ ctx, params, user }) => {
      await loadPeriodFor(ctx.database.db, user, params.periodId);
      return completeness(ctx, params.periodId);
    },
  );

  r.add(
    {
      method: "post",
      path: "/api/periods/:periodId/remind",
      tag: TAG,
      summary: "Nhắc nộp báo cáo: một số đơn vị, hoặc mọi đơn vị chưa nộp khi không chỉ định",
      params: PeriodParams,
      body: RemindBodySchema,
      response: RemindResultSchema,
    },
    async ({ ctx, params, body, user }) => {
      await loadPeriodFor(ctx.database.db, user, params.periodId);
      return remindUnits(ctx, params.periodId, body.unitIds);
    },
  );
}
