import type { AxiosProgressEvent } from "axios";
import type {
  AckResult,
  AnnouncementCategory,
  AnnouncementDetail,
  AnnouncementFeed,
  AnnouncementFile,
  NewAnnouncement,
  AnnouncementPatch,
  Receipts,
  RemindResult,
} from "@contract/announcements";
import type { Unit } from "@contract/catalog";
import { api } from "../../lib/api-client";

export interface FeedParams {
  category?: number;
  /** staff: drafts and scheduled notices only */
  status?: "unpublished";
  /** only the city's notices */
  origin?: "city";
  q?: string;
  cursor?: string;
  limit?: number;
}

/** The feed, revalidated with the ETag we hold: `null` data means "unchanged" (304). */
export async function fetchFeed(params: FeedParams, etag?: string | null): Promise<{ data: AnnouncementFeed | null; etag: string | null }> {
  const res = await api.get<AnnouncementFeed>("/api/announcements", {
    params: { ...params, q: params.q || undefined },
    headers: etag ? { "If-None-Match": etag } : undefined,
    validateStatus: (s) => s === 200 || s === 304,
  });
  const tag = (res.headers["etag"] as string | undefined) ?? null;
  return res.status === 304 ? { data: null, etag: tag ?? etag ?? null } : { data: res.data, etag: tag };
}

export const fetchDetail = (id: number) => api.get<AnnouncementDetail>(`/api/announcements/${id}`).then((r) => r.data);
export const fetchCategories = () => api.get<AnnouncementCategory[]>("/api/announcement-categories").then((r) => r.data);
export const createCategory = (name: string) => api.post<AnnouncementCategory>("/api/announcement-categories", { name }).then((r) => r.data);
export const fetchUnits = () => api.get<Unit[]>("/api/units").then((r) => r.data);
export const createAnnouncement = (body: NewAnnouncement) => api.post<AnnouncementDetail>("/api/announcements", body).then((r) => r.data);
export const updateAnnouncement = (id: number, body: AnnouncementPatch) => api.patch<AnnouncementDetail>(`/api/announcements/${id}`, body).then((r) => r.data);
export const archiveAnnouncement = (id: number) => api.delete(`/api/announcements/${id}`).then(() => undefined);
export const acknowledge = (id: number) => api.post<AckResult>(`/api/announcements/${id}/ack`).then((r) => r.data);
export const fetchReceipts = (id: number) => api.get<Receipts>(`/api/announcements/${id}/receipts`).then((r) => r.data);
export const remindUnits = (id: number) => api.post<RemindResult>(`/api/announcements/${id}/remind`).then((r) => r.data);

/** Uploads one file through POST /api/files, reporting progress from 0 to 1. */
export async function uploadFile(file: File, onProgress: (ratio: number) => void): Promise<AnnouncementFile> {
  const form = new FormData();
  form.append("file", file, file.name);
  const res = await api.post<AnnouncementFile>("/api/files", form, {
    timeout: 120_000,
    onUploadProgress: (e: AxiosProgressEvent) => onProgress(e.total ? e.loaded / e.total : 0),
  });
  onProgress(1);
  return res.data;
}
