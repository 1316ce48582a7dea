import type { Counted, Section, SectionKey, WardSummary } from "@contract/summary";
import { api } from "../../../lib/api-client";

export type ExportKind = "xlsx" | "docx";

/** The default (submitted and approved) is left out of the address. */
const countedParams = (counted: Counted) => (counted === "approved_only" ? { counted } : {});

export async function fetchSummary(periodId: number, counted: Counted = "submitted_and_approved"): Promise<WardSummary> {
  const url = `/api/periods/${periodId}/summary`;
  return (await (counted === "approved_only" ? api.get<WardSummary>(url, { params: { counted } }) : api.get<WardSummary>(url))).data;
}

/** Saves staff's text of a section of the ward report (null: back to the draft from the data). */
export async function saveSection(periodId: number, key: SectionKey, text: string | null): Promise<Section> {
  return (await api.put<Section>(`/api/periods/${periodId}/summary/sections/${key}`, { text })).data;
}

/** The file name the server gave (RFC 5987 `filename*` first), else a fallback. */
export function fileNameFromDisposition(header: string | undefined | null, fallback: string): string {
  if (!header) return fallback;
  const star = header.match(/filename\*\s*=\s*UTF-8''([^;]+)/i);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* malformed: try the plain name */
    }
  }
  const plain = header.match(/filename\s*=\s*"?([^";]+)"?/i);
  return plain ? plain[1].trim() : fallback;
}

/**
 * Downloads an export through the API with the bearer token (a plain link would carry no token),
 * then hands it to the browser as a file. Exports of a big period take a few seconds: longer timeout.
 */
export async function downloadExport(periodId: number, kind: ExportKind, opts: { signer?: string; counted?: Counted } = {}): Promise<string> {
  const signer = opts.signer?.trim();
  const params = { ...(signer ? { signer } : {}), ...countedParams(opts.counted ?? "submitted_and_approved") };
  const res = await api.get<Blob>(
    `/api/periods/${periodId}/export.${kind}`,
    Object.keys(params).length ? { responseType: "blob", timeout: 120_000, params } : { responseType: "blob", timeout: 120_000 },
  );
  const name = fileNameFromDisposition(res.headers["content-disposition"] as string | undefined, `bao-cao-ky-${periodId}.${kind}`);
  saveBlob(res.data, name);
  return name;
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
