import type { CatalogChange, Indicator, IndicatorCreate, IndicatorDetail, IndicatorPatch, PlanReference, Task, TaskPatch, Unit } from "@contract/catalog";
import { api, toApiError } from "../../lib/api-client";

/** The plan catalog staff edit: indicators (with rules and milestones), tasks, the ward plan's reference. */
export const catalogApi = {
  units: async () => (await api.get<Unit[]>("/api/units")).data,
  indicators: async () => (await api.get<Indicator[]>("/api/indicators")).data,
  createIndicator: async (body: IndicatorCreate) => (await api.post<IndicatorDetail>("/api/indicators", body)).data,
  indicator: async (id: number) => (await api.get<IndicatorDetail>(`/api/indicators/${id}`)).data,
  patchIndicator: async (id: number, body: IndicatorPatch) => (await api.patch<IndicatorDetail>(`/api/indicators/${id}`, body)).data,
  indicatorHistory: async (id: number) => (await api.get<CatalogChange[]>(`/api/indicators/${id}/history`)).data,
  tasks: async () => (await api.get<Task[]>("/api/tasks")).data,
  patchTask: async (id: number, body: TaskPatch) => (await api.patch<Task>(`/api/tasks/${id}`, body)).data,
  taskHistory: async (id: number) => (await api.get<CatalogChange[]>(`/api/tasks/${id}/history`)).data,
  planReference: async () => (await api.get<PlanReference>("/api/plan-reference")).data,
  setPlanReference: async (body: { number: string; date: string }) => (await api.put<PlanReference>("/api/plan-reference", body)).data,
};

/** The error in words: for a refused form, the field messages zod gave (not only "Dữ liệu chưa hợp lệ"). */
export function refusalText(err: unknown): string {
  const e = toApiError(err);
  if (e.code === "VALIDATION_FAILED" && Array.isArray(e.details)) {
    const lines = (e.details as { message?: string }[]).map((d) => d.message).filter(Boolean);
    if (lines.length) return lines.join(" ");
  }
  return e.message;
}
