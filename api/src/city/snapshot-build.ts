import type { WardSummary } from "../contract/summary.js";
import { computeSummary } from "../exports/compute/summary.js";
import { buildWorkbook } from "../exports/xlsx.js";
import { buildWordReport } from "../exports/docx.js";
import { FOLLOW_UP } from "../exports/docx/sections/follow-up.js";
import { exportBaseName } from "../exports/download.js";
import type { WardSnapshotFiguresTable } from "./tables.js";
import type { WardSummarySource } from "./ward-source.js";

export type SnapshotFigure = Omit<WardSnapshotFiguresTable, "snapshot_id">;

export interface RenderedSnapshot {
  summary: WardSummary;
  figures: SnapshotFigure[];
  docx: { name: string; bytes: Uint8Array };
  xlsx: { name: string; bytes: Uint8Array };
}

/** The ward figures the city adds up, one per indicator of the ward summary. */
export function figuresOf(summary: WardSummary): SnapshotFigure[] {
  return summary.indicators.map((i) => ({
    indicator_id: i.id,
    value: i.current.value,
    numerator: i.current.numerator,
    denominator: i.current.denominator,
    units_reported: i.current.unitsReported,
    units_expected: i.unitsExpected,
    on_track: i.onTrack,
  }));
}

/**
 * Compute and render a ward's snapshot from what was loaded: no database call here (load → compute →
 * render): it runs in an export worker (city/export-jobs.ts). The Word and the Excel are the ward's
 * own exports, byte for byte what its staff would download at that instant.
 */
export async function renderSnapshot(source: WardSummarySource, opts: { now: Date; signer: string; wardName: string }): Promise<RenderedSnapshot> {
  const { input } = source;
  const { summary, detail } = computeSummary(input);
  const [xlsx, docx] = await Promise.all([
    buildWorkbook(summary, detail, input.scope, opts.wardName),
    buildWordReport({ summary, wardName: input.wardName, now: opts.now, signer: opts.signer, extras: { [FOLLOW_UP]: source.followUp } }),
  ]);
  return {
    summary,
    figures: figuresOf(summary),
    docx: { name: `${exportBaseName("docx", input.scope)}.docx`, bytes: docx },
    xlsx: { name: `${exportBaseName("xlsx", input.scope)}.xlsx`, bytes: xlsx },
  };
}
