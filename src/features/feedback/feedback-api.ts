import type {
  CreateAnswer,
  CreateFeedback,
  FeedbackCategory,
  FeedbackCreated,
  FeedbackDetail,
  FeedbackInbox,
  FeedbackNote,
  FeedbackStats,
  MyFeedbackPage,
  PublicFeedbackPage,
  UpdateFeedback,
} from "@contract/feedback";
import type { Period, Unit } from "@contract/catalog";
import { api } from "../../lib/api-client";

export interface UploadedFile {
  id: string;
  url: string;
  name: string;
  size: number;
  mime: string;
}

export async function fetchCategories(): Promise<FeedbackCategory[]> {
  return (await api.get<FeedbackCategory[]>("/api/feedback/categories")).data;
}

export async function fetchUnits(): Promise<Unit[]> {
  return (await api.get<Unit[]>("/api/units")).data;
}

export async function updateCategory(id: number, body: { name?: string; answerDays?: number }): Promise<FeedbackCategory> {
  return (await api.patch<FeedbackCategory>(`/api/feedback/categories/${id}`, body)).data;
}

export async function uploadFile(file: File): Promise<UploadedFile> {
  const form = new FormData();
  form.append("file", file, file.name);
  return (await api.post<UploadedFile>("/api/files", form, { timeout: 60_000 })).data;
}

export async function sendFeedback(body: CreateFeedback, idempotencyKey: string): Promise<FeedbackCreated> {
  return (await api.post<FeedbackCreated>("/api/feedback", { ...body, idempotencyKey }, { headers: { "Idempotency-Key": idempotencyKey } })).data;
}

export async function fetchPublic(params: { cursor?: string | null; categoryId?: number; q?: string }): Promise<PublicFeedbackPage> {
  return (
    await api.get<PublicFeedbackPage>("/api/feedback/public", {
      params: { cursor: params.cursor ?? undefined, categoryId: params.categoryId || undefined, q: params.q || undefined },
    })
  ).data;
}

export async function fetchMine(cursor?: string | null): Promise<MyFeedbackPage> {
  return (await api.get<MyFeedbackPage>("/api/feedback/mine", { params: { cursor: cursor ?? undefined } })).data;
}

export interface InboxFilters {
  status?: string;
  categoryId?: number;
  unitId?: number;
  overdue?: boolean;
  /** only items hidden from the public (by staff, or by three flags pending review) */
  hidden?: boolean;
  q?: string;
}

export async function fetchInbox(filters: InboxFilters, cursor?: string | null): Promise<FeedbackInbox> {
  return (
    await api.get<FeedbackInbox>("/api/feedback", {
      params: {
        status: filters.status || undefined,
        categoryId: filters.categoryId || undefined,
        unitId: filters.unitId || undefined,
        overdue: filters.overdue ? "true" : undefined,
        hidden: filters.hidden ? "true" : undefined,
        q: filters.q || undefined,
        cursor: cursor ?? undefined,
      },
    })
  ).data;
}

export async function fetchDetail(id: number): Promise<FeedbackDetail> {
  return (await api.get<FeedbackDetail>(`/api/feedback/${id}`)).data;
}

export async function patchFeedback(id: number, body: UpdateFeedback): Promise<FeedbackDetail> {
  return (await api.patch<FeedbackDetail>(`/api/feedback/${id}`, body)).data;
}

export async function postAnswer(id: number, body: CreateAnswer): Promise<FeedbackDetail> {
  return (await api.post<FeedbackDetail>(`/api/feedback/${id}/answer`, body)).data;
}

export async function postNote(id: number, text: string): Promise<FeedbackNote> {
  return (await api.post<FeedbackNote>(`/api/feedback/${id}/notes`, { text })).data;
}

export async function supportItem(id: number): Promise<{ supported: boolean; supportsCount: number }> {
  return (await api.post<{ supported: boolean; supportsCount: number }>(`/api/feedback/${id}/support`)).data;
}

export async function flagItem(id: number, reason?: string): Promise<{ flagged: boolean; hidden: boolean }> {
  return (await api.post<{ flagged: boolean; hidden: boolean }>(`/api/feedback/${id}/flag`, { reason })).data;
}

/** Figures for the ward report, within the latest reporting period's year (all time when there is none). */
export async function fetchStats(): Promise<FeedbackStats> {
  const periods = (await api.get<Period[]>("/api/periods")).data;
  const periodId = periods[0]?.id;
  return (await api.get<FeedbackStats>("/api/feedback/stats", { params: { periodId } })).data;
}

/** A photo of an item even while it is hidden (sender and handlers only): fetched with the token, as a blob. */
export async function fetchReviewPhoto(itemId: number, photoId: string): Promise<Blob> {
  return (await api.get<Blob>(`/api/feedback/${itemId}/photos/${photoId}`, { responseType: "blob" })).data;
}
