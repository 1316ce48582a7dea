import type { AppContext, AuthUser } from "../http/context.js";
import type { Counted, Section, SectionKey } from "../contract/summary.js";
import { loadSummaryInput } from "./load.js";
import { computeSummary } from "./compute/summary.js";
import { buildWorkbook } from "./xlsx.js";
import { buildWordReport } from "./docx.js";
import { loadFollowUp } from "./follow-up-sections.js";
import { FOLLOW_UP } from "./docx/sections/follow-up.js";
import { exportBaseName } from "./download.js";
import { REPORT_SIGNER } from "./signature.js";
import { isFirstWard } from "./ward-title.js";
import { summaryView } from "./task-results.js";

/**
 * The ward summary's heavy work as jobs of the export workers (workers/jobs.ts): each one loads (its
 * own database connection in a worker), computes and renders, and returns bytes or a small object.
 * `user` is the caller: the period must be of their ward (404 otherwise), city staff read any ward's.
 */
export interface WardExportArgs {
  periodId: number;
  unitId?: number;
  counted: Counted;
  user: AuthUser | null;
}

export interface ExportFile {
  name: string;
  bytes: Uint8Array;
}

async function summaryOf(ctx: AppContext, a: WardExportArgs) {
  const input = await loadSummaryInput(ctx, a.periodId, { unitId: a.unitId, counted: a.counted, user: a.user });
  return { input, ...computeSummary(input) };
}

export const wardExportJobs = {
  /** The summary JSON as the screen gets it (UTF-8 bytes: serialised here, not on the event loop). */
  async wardSummary(ctx: AppContext, a: WardExportArgs): Promise<Uint8Array> {
    const { summary } = await summaryOf(ctx, a);
    return Buffer.from(JSON.stringify(summaryView(summary)));
  },

  /** One section of the summary (after staff saved it: its text and the draft beside it). */
  async wardSection(ctx: AppContext, a: WardExportArgs & { key: SectionKey }): Promise<Section> {
    const { summary } = await summaryOf(ctx, a);
    return summary.sections.find((s) => s.key === a.key)!;
  },

  async wardXlsx(ctx: AppContext, a: WardExportArgs): Promise<ExportFile> {
    const { input, summary, detail } = await summaryOf(ctx, a);
    return { name: `${exportBaseName("xlsx", input.scope)}.xlsx`, bytes: await buildWorkbook(summary, detail, input.scope, input.wardName) };
  },

  async wardDocx(ctx: AppContext, a: WardExportArgs & { signer?: string }): Promise<ExportFile> {
    const { input, summary } = await summaryOf(ctx, a);
    const { wardId } = input.scope;
    // the follow-up of the plan's other duties belongs to the ward's own report only
    const wardReport = wardId !== null && (!input.scope.root || input.scope.root.kind === "ward");
    const extras = wardReport ? { [FOLLOW_UP]: await loadFollowUp(ctx, wardId, summary.period.year) } : {};
    // the configured signer is the first ward's; another ward's report leaves the name for staff to give
    const signer = a.signer ?? ((await isFirstWard(ctx, wardId)) ? REPORT_SIGNER.name : "");
    const bytes = await buildWordReport({ summary, wardName: input.wardName, now: ctx.clock.now(), signer, extras });
    return { name: `${exportBaseName("docx", input.scope)}.docx`, bytes };
  },
};
