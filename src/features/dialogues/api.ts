import type { Dialogue, DialogueQuestion, NewDialogue } from "@contract/dialogues";
import { api } from "../../lib/api-client";

const q = (id: number) => `/api/dialogues/${id}/questions`;

export const dialoguesApi = {
  list: () => api.get<Dialogue[]>("/api/dialogues").then((r) => r.data),
  get: (id: number) => api.get<Dialogue>(`/api/dialogues/${id}`).then((r) => r.data),
  create: (body: NewDialogue) => api.post<Dialogue>("/api/dialogues", body).then((r) => r.data),
  questions: (id: number, order: "popular" | "agenda") => api.get<{ items: DialogueQuestion[] }>(q(id), { params: { order } }).then((r) => r.data.items),
  ask: (id: number, text: string, anonymous: boolean) => api.post<{ id: number; code: string }>(q(id), { text, anonymous }).then((r) => r.data),
  support: (id: number, qid: number) => api.post<{ supported: boolean; supportsCount: number }>(`${q(id)}/${qid}/support`).then((r) => r.data),
  flag: (id: number, qid: number) => api.post<{ flagged: boolean; hidden: boolean }>(`${q(id)}/${qid}/flag`, {}).then((r) => r.data),
  patch: (id: number, qid: number, body: { group?: string | null; position?: number | null; hidden?: boolean; answer?: string | null }) =>
    api.patch<DialogueQuestion>(`${q(id)}/${qid}`, body).then((r) => r.data),
  publish: (id: number, body: { attendees?: number; summary?: string }) => api.post<Dialogue>(`/api/dialogues/${id}/publish`, body).then((r) => r.data),
};
