import type { CityCompleteness, CityDeadlineInfo, CityRemindResult, CitySummary, SendSnapshot, Snapshot, SnapshotDetail, SnapshotList } from "@contract/city";
import { api } from "../../lib/api-client";
import { downloadFile, type DownloadProgress } from "../../lib/download";

const year = (y?: number) => (y ? { params: { year: y } } : {});

/** The report sent upward and the city's view (api/src/city). */
export const cityApi = {
  completeness: (y?: number) => api.get<CityCompleteness>("/api/city/completeness", year(y)).then((r) => r.data),
  setDeadline: (y: number, date: string) => api.put<CityDeadlineInfo>(`/api/city/deadlines/${y}`, { date }).then((r) => r.data),
  remind: (y: number, wardIds?: number[]) => api.post<CityRemindResult>("/api/city/remind", wardIds ? { year: y, wardIds } : { year: y }).then((r) => r.data),
  summary: (y?: number) => api.get<CitySummary>("/api/city/summary", year(y)).then((r) => r.data),
  download: (kind: "xlsx" | "docx", y: number, signer?: string, onProgress?: (p: DownloadProgress) => void) =>
    downloadFile(`/api/city/export.${kind}`, `bao-cao-thanh-pho-${y}.${kind}`, { year: String(y), ...(signer ? { signer } : {}) }, onProgress),
  versions: (wardId: number, filter: { periodId?: number; year?: number } = {}) =>
    api.get<SnapshotList>(`/api/city/wards/${wardId}/snapshots`, Object.keys(filter).length ? { params: filter } : {}).then((r) => r.data),
  snapshot: (id: number) => api.get<SnapshotDetail>(`/api/city/snapshots/${id}`).then((r) => r.data),
  send: (wardId: number, body: SendSnapshot) => api.post<Snapshot>(`/api/city/wards/${wardId}/snapshots`, body, { timeout: 120_000 }).then((r) => r.data),
  accept: (id: number) => api.post<SnapshotDetail>(`/api/city/snapshots/${id}/accept`).then((r) => r.data),
  returnIt: (id: number, reason: string) => api.post<SnapshotDetail>(`/api/city/snapshots/${id}/return`, { reason }).then((r) => r.data),
  file: (s: Pick<Snapshot, "docx" | "xlsx">, kind: "docx" | "xlsx", onProgress?: (p: DownloadProgress) => void) => downloadFile(s[kind].url, s[kind].name, {}, onProgress),
};
