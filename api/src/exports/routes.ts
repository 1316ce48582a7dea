import type { RouteBuilder } from "../http/route.js";
import { ExportQuery, SectionBodySchema, SectionParams, SectionQuery, SectionSchema, SummaryParams, SummaryQuery, WardSummarySchema } from "../contract/summary.js";
import type { AppContext } from "../http/context.js";
import type { Counted } from "../contract/summary.js";
import { loadSummaryInput } from "./load.js";
import { computeSummary } from "./compute/summary.js";
import { saveSection, scopeKey } from "./sections.js";
import { resolveScope } from "./scope.js";
import { buildWorkbook } from "./xlsx.js";
import { buildWordReport } from "./docx.js";
import { loadFollowUp } from "./follow-up-sections.js";
import { FOLLOW_UP } from "./docx/sections/follow-up.js";
import { DOCX_MIME, XLSX_MIME, exportBaseName, sendFile } from "./download.js";
import { REPORT_SIGNER } from "./signature.js";
import { isFirstWard } from "./ward-title.js";
import type { AuthUser } from "../http/context.js";

const TAG = "Tổng hợp và xuất báo cáo";

/**
 * Load (database) → compute (pure) → render: the same result feeds the JSON, the Excel and the Word.
 * The period is the caller's ward's (another ward's answers 404); city staff read any ward's.
 */
async function summaryOf(ctx: AppContext, user: AuthUser | null, periodId: number, query: { unitId?: number; counted: Counted }) {
  const input = await loadSummaryInput(ctx, periodId, { ...query, user });
  return { input, ...computeSummary(input) };
}

/** The ward summary and its Excel/Word exports (the ward's staff and Fatherland Front observer, city staff). */
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
    async ({ ctx, params, query, user }) => (await summaryOf(ctx, user, params.periodId, query)).summary,
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
    async ({ ctx, params, query, user, body }) => {
      const scope = await resolveScope(ctx, params.periodId, query.unitId, user);
      await saveSection(ctx, user!, params.periodId, scopeKey(scope), params.key, body.text);
      const { summary } = await summaryOf(ctx, user, params.periodId, { unitId: query.unitId, counted: "submitted_and_approved" });
      return summary.sections.find((s) => s.key === params.key)!;
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
      const { input, summary, detail } = await summaryOf(ctx, user, params.periodId, query);
      const buffer = await buildWorkbook(summary, detail, input.scope, input.wardName);
      sendFile(res, buffer, XLSX_MIME, `${exportBaseName("xlsx", input.scope)}.xlsx`);
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
      const { input, summary } = await summaryOf(ctx, user, params.periodId, query);
      const { wardId } = input.scope;
      // the follow-up of the plan's other duties belongs to the ward's own report only
      const wardReport = wardId !== null && (!input.scope.root || input.scope.root.kind === "ward");
      const extras = wardReport ? { [FOLLOW_UP]: await loadFollowUp(ctx, wardId, summary.period.year) } : {};
      // the configured signer is the first ward's; another ward's report leaves the name for staff to give
      const signer = query.signer ?? ((await isFirstWard(ctx, wardId)) ? REPORT_SIGNER.name : "");
      const buffer = await buildWordReport({ summary, wardName: input.wardName, now: ctx.clock.now(), signer, extras });
      sendFile(res, buffer, DOCX_MIME, `${exportBaseName("docx", input.scope)}.docx`);
    },
  );
}
