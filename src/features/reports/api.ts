import type { Period } from "@contract/catalog";
import type { AuditEntry, BulkExceptionResult, Completeness, RemindResult, Report, ReportListItem, ReportSave } from "@contract/reports";
import type { Unit } from "@contract/catalog";
import { api } from "../../lib/api-client";

const reportUrl = (periodId: number, unitId: number) => `/api/periods/${periodId}/reports/${unitId}`;

export const reportsApi = {
  periods: () => api.get<Period[]>("/api/periods").then((r) => r.data),
  period: (id: number) => api.get<Period>(`/api/periods/${id}`).then((r) => r.data),
  units: () => api.get<Unit[]>("/api/units").then((r) => r.data),
  createPeriod: (body: { kind: "annual" | "adhoc"; year: number; title?: string; opensAt?: string; deadlineAt?: string }) =>
    api.post<Period>("/api/periods", body).then((r) => r.data),
  patchPeriod: (id: number, body: { title?: string; opensAt?: string; deadlineAt?: string; status?: "open" | "closed"; expectedUnitIds?: number[] }) =>
    api.patch<Period>(`/api/periods/${id}`, body).then((r) => r.data),
  setException: (periodId: number, unitId: number, until: string | null) =>
    api.put(`/api/periods/${periodId}/exceptions/${unitId}`, { until }).then((r) => r.data),
  /** one date for several units at once (the day after a deadline) */
  extendUnits: (periodId: number, unitIds: number[], until: string) =>
    api.post<BulkExceptionResult>(`/api/periods/${periodId}/exceptions`, { unitIds, until }).then((r) => r.data),
  list: (periodId: number) => api.get<ReportListItem[]>(`/api/periods/${periodId}/reports`).then((r) => r.data),
  get: (periodId: number, unitId: number) => api.get<Report>(reportUrl(periodId, unitId)).then((r) => r.data),
  save: (periodId: number, unitId: number, body: ReportSave) => api.put<Report>(reportUrl(periodId, unitId), body).then((r) => r.data),
  submit: (periodId: number, unitId: number, version: number) =>
    api.post<Report>(`${reportUrl(periodId, unitId)}/submit`, { version }).then((r) => r.data),
  approve: (periodId: number, unitId: number) => api.post<Report>(`${reportUrl(periodId, unitId)}/approve`).then((r) => r.data),
  returnReport: (periodId: number, unitId: number, reason: string) =>
    api.post<Report>(`${reportUrl(periodId, unitId)}/return`, { reason }).then((r) => r.data),
  reopen: (periodId: number, unitId: number, reason?: string) =>
    api.post<Report>(`${reportUrl(periodId, unitId)}/reopen`, reason ? { reason } : {}).then((r) => r.data),
  audit: (periodId: number, unitId: number) => api.get<AuditEntry[]>(`${reportUrl(periodId, unitId)}/audit`).then((r) => r.data),
  completeness: (periodId: number) => api.get<Completeness>(`/api/periods/${periodId}/completeness`).then((r) => r.data),
  remind: (periodId: number, unitIds?: number[]) =>
    api.post<RemindResult>(`/api/periods/${periodId}/remind`, unitIds ? { unitIds } : {}).then((r) => r.data),
  upload: (file: File) => {
    const fd = new FormData();
    fd.append("file", file);
    return api.post<{ id: string; url: string; name: string; size: number; mime: string }>("/api/files", fd).then((r) => r.data);
  },
};
