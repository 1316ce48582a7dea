import type { NotificationPage, NotificationRead, NotificationReadAll } from "@contract/notifications";
import { api } from "../../lib/api-client";

export const PAGE_SIZE = 20;

export async function fetchInbox(cursor: string | null, limit = PAGE_SIZE): Promise<NotificationPage> {
  const res = await api.get<NotificationPage>("/api/notifications", { params: { limit, ...(cursor ? { cursor } : {}) } });
  return res.data;
}

export async function markRead(id: number): Promise<NotificationRead> {
  return (await api.post<NotificationRead>(`/api/notifications/${id}/read`)).data;
}

export async function markAllRead(): Promise<NotificationReadAll> {
  return (await api.post<NotificationReadAll>("/api/notifications/read-all")).data;
}
