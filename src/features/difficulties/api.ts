import type { DifficultyDetail, DifficultyKind, DifficultyList, DifficultyState, DifficultyTheme } from "@contract/difficulties";
import { api } from "../../lib/api-client";

export const difficultiesApi = {
  list: (q: { year?: number; kind?: DifficultyKind; state?: DifficultyState; themeId?: number }) => api.get<DifficultyList>("/api/difficulties", { params: q }).then((r) => r.data),
  get: (id: number) => api.get<DifficultyDetail>(`/api/difficulties/${id}`).then((r) => r.data),
  themes: () => api.get<DifficultyTheme[]>("/api/difficulty-themes").then((r) => r.data),
  setTheme: (id: number, themeId: number | null) => api.patch<DifficultyDetail>(`/api/difficulties/${id}`, { themeId }).then((r) => r.data),
  forward: (id: number, to: string) => api.post<DifficultyDetail>(`/api/difficulties/${id}/forward`, { to }).then((r) => r.data),
  resolve: (id: number, answer: string) => api.post<DifficultyDetail>(`/api/difficulties/${id}/resolve`, { answer }).then((r) => r.data),
  merge: (id: number, intoId: number) => api.post<DifficultyDetail>(`/api/difficulties/${id}/merge`, { intoId }).then((r) => r.data),
};
