import type { Counted, Section, SectionKey, TaskResultsPage, WardSummary } from "@contract/summary";
import { api } from "../../../lib/api-client";
import { downloadFile, fileNameFromDisposition, type DownloadProgress } from "../../../lib/download";

export type ExportKind = "xlsx" | "docx";

/** The default (submitted and approved) is left out of the address. */
const countedParams = (counted: Counted): Record<string, string> => (counted === "approved_only" ? { counted } : {});

export async function fetchSummary(periodId: number, counted: Counted = "submitted_and_approved"): Promise<WardSummary> {
  const url = `/api/periods/${periodId}/summary`;
  return (await (counted === "approved_only" ? api.get<WardSummary>(url, { params: { counted } }) : api.get<WardSummary>(url))).data;
}

/** Saves staff's text of a section of the ward report (null: back to the draft from the data). */
export async function saveSection(periodId: number, key: SectionKey, text: string | null): Promise<Section> {
  return (await api.put<Section>(`/api/periods/${periodId}/summary/sections/${key}`, { text })).data;
}

export { fileNameFromDisposition };

/** Downloads an export of the period (Excel or Word) with the staff's choices. */
export async function downloadExport(
  periodId: number,
  kind: ExportKind,
  opts: { signer?: string; counted?: Counted } = {},
  onProgress?: (p: DownloadProgress) => void,
): Promise<string> {
  const signer = opts.signer?.trim();
  const params: Record<string, string> = { ...(signer ? { signer } : {}), ...countedParams(opts.counted ?? "submitted_and_approved") };
  return downloadFile(`/api/periods/${periodId}/export.${kind}`, `bao-cao-ky-${periodId}.${kind}`, params, onProgress);
}

/** A page of the units' written results of a task (the summary carries only an excerpt of them). */
export async function fetchTaskResults(periodId: number, taskId: number, counted: Counted, offset: number, limit = 50): Promise<TaskResultsPage> {
  const params = { ...countedParams(counted), offset, limit };
  return (await api.get<TaskResultsPage>(`/api/periods/${periodId}/summary/tasks/${taskId}/results`, { params })).data;
}
