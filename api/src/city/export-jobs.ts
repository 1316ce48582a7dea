import type { AppContext } from "../http/context.js";
import type { Counted } from "../contract/summary.js";
import type { ExportFile } from "../exports/export-jobs.js";
import { cityReportData, citySummary } from "./summary.js";
import { buildCityWorkbook } from "./xlsx.js";
import { buildCityWordReport } from "./docx.js";
import { wardSummary } from "./ward-source.js";
import { renderSnapshot, type RenderedSnapshot } from "./snapshot-build.js";

/**
 * The city's heavy work as jobs of the export workers (workers/jobs.ts): the city's figures, Excel and
 * Word, and a ward's snapshot (load → compute → render of the ward's report, stored by the caller).
 */
export const cityExportJobs = {
  /** The city's figures as JSON bytes (a few hundred kB for a city: computed and serialised off the event loop). */
  async citySummary(ctx: AppContext, a: { year: number }): Promise<Uint8Array> {
    return Buffer.from(JSON.stringify(await citySummary(ctx, a.year)));
  },

  async cityXlsx(ctx: AppContext, a: { year: number }): Promise<ExportFile> {
    const data = await cityReportData(ctx, a.year);
    return { name: `Tổng hợp NQ83 các phường, xã năm ${data.year} - Sở Nội vụ.xlsx`, bytes: await buildCityWorkbook(data) };
  },

  async cityDocx(ctx: AppContext, a: { year: number; signer: string }): Promise<ExportFile> {
    const data = await cityReportData(ctx, a.year);
    const bytes = await buildCityWordReport({ summary: data, now: ctx.clock.now(), signer: a.signer });
    return { name: `Báo cáo tổng hợp NQ83 năm ${data.year} - Sở Nội vụ.docx`, bytes };
  },

  async wardSnapshot(ctx: AppContext, a: { wardId: number; periodId: number; counted: Counted; signer: string }): Promise<RenderedSnapshot> {
    const source = await wardSummary(ctx, a.wardId, a.periodId, a.counted);
    return renderSnapshot(source, { now: ctx.clock.now(), signer: a.signer, wardName: source.input.wardName });
  },
};
