import type { WardSummary } from "@contract/summary";
import { api } from "../../../lib/api-client";

export type ExportKind = "xlsx" | "docx";

export async function fetchSummary(periodId: number): Promise<WardSummary> {
  return (await api.get<WardSummary>(`/api/periods/${periodId}/summary`)).data;
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
export async function downloadExport(periodId: number, kind: ExportKind, opts: { signer?: string } = {}): Promise<string> {
  const signer = opts.signer?.trim();
  const res = await api.get<Blob>(
    `/api/periods/${periodId}/export.${kind}`,
    signer ? { responseType: "blob", timeout: 120_000, params: { signer } } : { responseType: "blob", timeout: 120_000 },
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
