import type { RouteBuilder } from "../http/route.js";
import {
  ExportQuery,
  SectionBodySchema,
  SectionParams,
  SectionQuery,
  SectionSchema,
  SummaryParams,
  SummaryQuery,
  TaskResultsPageSchema,
  TaskResultsParams,
  TaskResultsQuery,
  WardSummarySchema,
} from "../contract/summary.js";
import { saveSection, scopeKey } from "./sections.js";
import { resolveScope } from "./scope.js";
import { DOCX_MIME, XLSX_MIME, sendFile, sendJson } from "./download.js";
import { taskResults } from "./task-results.js";
import { runExport } from "../workers/run.js";

const TAG = "Tổng hợp và xuất báo cáo";

/**
 * The ward summary and its Excel/Word exports (the ward's staff and Fatherland Front observer, city
 * staff). Load (database) → compute (pure) → render: the same result feeds the JSON, the Excel and the
 * Word, built in an export worker (workers/run.ts) so that a city-sized period never freezes the API.
 * The period is the caller's ward's (another ward's answers 404); city staff read any ward's.
 */
export function registerExportRoutes(r: RouteBuilder): void {
  r.add(
    {
      method: "get",
      path: "/api/periods/:periodId/summary",
      tag: TAG,
      summary:
        "Tổng hợp toàn phường của một kỳ: mỗi chỉ tiêu theo cách tổng hợp của nó (cộng các đơn vị, lấy số của đơn vị chủ trì, hoặc số lớn nhất), số đơn vị báo cáo, lộ trình năm và mục tiêu 2030; nhiệm vụ; tình hình gửi báo cáo; số liệu chênh lệch; đề nghị khen thưởng; các phần cán bộ viết. `counted` chọn tính báo cáo đã nộp và đã duyệt (mặc định) hay chỉ báo cáo đã duyệt.",
      params: SummaryParams,
      query: SummaryQuery,
      response: WardSummarySchema,
    },
    async ({ ctx, params, query, user, res }) => sendJson(res, await runExport(ctx, "wardSummary", { periodId: params.periodId, ...query, user }, res)),
  );

  r.add(
    {
      method: "get",
      path: "/api/periods/:periodId/summary/tasks/:taskId/results",
      tag: TAG,
      summary:
        "Kết quả các đơn vị đã viết cho một nhiệm vụ (theo trang, thứ tự đơn vị của danh mục): bản tổng hợp chỉ mang vài dòng trích, màn hình lấy phần còn lại khi mở",
      params: TaskResultsParams,
      query: TaskResultsQuery,
      response: TaskResultsPageSchema,
    },
    ({ ctx, params, query, user }) => taskResults(ctx, user, params.periodId, params.taskId, query),
  );

  r.add(
    {
      method: "put",
      path: "/api/periods/:periodId/summary/sections/:key",
      tag: TAG,
      summary: "Lưu nội dung một phần báo cáo do cán bộ viết (đánh giá chung, nhiệm vụ năm tới, đề xuất, khen thưởng); text = null để dùng lại bản soạn từ số liệu",
      params: SectionParams,
      query: SectionQuery,
      body: SectionBodySchema,
      response: SectionSchema,
    },
    async ({ ctx, params, query, user, body, res }) => {
      const scope = await resolveScope(ctx, params.periodId, query.unitId, user);
      await saveSection(ctx, user!, params.periodId, scopeKey(scope), params.key, body.text);
      return runExport(ctx, "wardSection", { periodId: params.periodId, unitId: query.unitId, counted: "submitted_and_approved", user, key: params.key }, res);
    },
  );

  r.add(
    {
      method: "get",
      path: "/api/periods/:periodId/export.xlsx",
      tag: TAG,
      summary: "Tệp Excel tổng hợp: Phụ lục 01, 02 theo từng đơn vị và toàn phường; lộ trình đến 2030; tình hình gửi báo cáo; khó khăn, đề xuất; đề nghị khen thưởng",
      params: SummaryParams,
      query: SummaryQuery,
      produces: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    },
    async ({ ctx, params, query, res, user }) => {
      const file = await runExport(ctx, "wardXlsx", { periodId: params.periodId, ...query, user }, res);
      sendFile(res, file.bytes, XLSX_MIME, file.name);
    },
  );

  r.add(
    {
      method: "get",
      path: "/api/periods/:periodId/export.docx",
      tag: TAG,
      summary: "Báo cáo của phường (tệp Word) theo thể thức Nghị định 30/2020/NĐ-CP, sẵn sàng in và ký",
      params: SummaryParams,
      query: ExportQuery,
      produces: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    },
    async ({ ctx, params, query, res, user }) => {
      const file = await runExport(ctx, "wardDocx", { periodId: params.periodId, ...query, user }, res);
      sendFile(res, file.bytes, DOCX_MIME, file.name);
    },
  );
}
