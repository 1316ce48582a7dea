import type { NewSupervision, Recommendation, RecommendationState, Supervision, SupervisionList } from "@contract/supervision";
import type { Unit } from "@contract/catalog";
import { api } from "../../lib/api-client";

export const supervisionApi = {
  list: (year?: number) => api.get<SupervisionList>("/api/supervisions", { params: year ? { year } : {} }).then((r) => r.data),
  get: (id: number) => api.get<Supervision>(`/api/supervisions/${id}`).then((r) => r.data),
  create: (body: NewSupervision) => api.post<Supervision>("/api/supervisions", body).then((r) => r.data),
  answer: (id: number, recId: number, text: string) => api.post<Supervision>(`/api/supervisions/${id}/recommendations/${recId}/answer`, { text }).then((r) => r.data),
  recommendations: (state?: RecommendationState) => api.get<Recommendation[]>("/api/supervision-recommendations", { params: state ? { state } : {} }).then((r) => r.data),
  units: () => api.get<Unit[]>("/api/units").then((r) => r.data),
};
