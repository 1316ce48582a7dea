import type { RouteBuilder } from "../http/route.js";
import { ExportQuery, SummaryParams, SummaryQuery, WardSummarySchema } from "../contract/summary.js";
import { loadSummary, missingUnitNames } from "./summary.js";
import { loadUnitDetail } from "./detail.js";
import { buildWorkbook } from "./xlsx.js";
import { buildWordReport } from "./docx.js";
import { DOCX_MIME, XLSX_MIME, exportBaseName, sendFile } from "./download.js";
import { REPORT_SIGNER } from "./signature.js";
import { followUpDocx } from "./follow-up-sections.js";

const TAG = "Tổng hợp và xuất báo cáo";

/** The ward summary and its Excel/Word exports (staff and the Fatherland Front observer). */
export function registerExportRoutes(r: RouteBuilder): void {
  r.add(
    {
      method: "get",
      path: "/api/periods/:periodId/summary",
      tag: TAG,
      summary:
        "Tổng hợp toàn phường của một kỳ: chỉ tiêu (tỷ lệ = tổng tử số / tổng mẫu số), so với năm trước và mục tiêu 2030; nhiệm vụ; khó khăn, đề xuất theo đơn vị. Chỉ tính báo cáo đã nộp và đã duyệt.",
      params: SummaryParams,
      query: SummaryQuery,
      response: WardSummarySchema,
    },
    async ({ ctx, params, query }) => (await loadSummary(ctx, params.periodId, query.unitId)).summary,
  );

  r.add(
    {
      method: "get",
      path: "/api/periods/:periodId/export.xlsx",
      tag: TAG,
      summary: "Tệp Excel tổng hợp: Phụ lục 01 (chỉ tiêu), Phụ lục 02 (nhiệm vụ) theo từng đơn vị và toàn phường; khó khăn, đề xuất",
      params: SummaryParams,
      query: SummaryQuery,
      produces: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    },
    async ({ ctx, params, query, res }) => {
      const { summary, scope } = await loadSummary(ctx, params.periodId, query.unitId);
      const detail = await loadUnitDetail(ctx, scope);
      const buffer = await buildWorkbook(summary, detail, scope, ctx.config.wardName);
      sendFile(res, buffer, XLSX_MIME, `${exportBaseName("xlsx", scope)}.xlsx`);
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
    async ({ ctx, params, query, res }) => {
      const { summary, scope } = await loadSummary(ctx, params.periodId, query.unitId);
      const missingUnits = await missingUnitNames(ctx, scope);
      const wardName = scope.root && scope.root.kind === "ward" ? scope.root.name : ctx.config.wardName;
      const buffer = await buildWordReport({
        summary,
        wardName,
        now: ctx.clock.now(),
        signer: query.signer ?? REPORT_SIGNER.name,
        missingUnits,
        // the ward's follow-up of the plan's other duties belongs to the ward's own report only
        followUp: !scope.root || scope.root.kind === "ward" ? await followUpDocx(ctx, summary.period.year) : [],
      });
      sendFile(res, buffer, DOCX_MIME, `${exportBaseName("docx", scope)}.docx`);
    },
  );
}
