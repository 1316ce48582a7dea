/**
 * The feedback being written, kept in localStorage on every change: a lost connection, a crash or
 * closing Zalo loses nothing. Each draft carries its own idempotency key, so sending it twice (a
 * double tap, or a retry after a timeout whose request did reach the server) creates one item.
 */
import type { UploadedFile } from "./feedback-api";

export const DRAFT_KEY = "tns.feedback.draft";

export interface FeedbackDraft {
  categoryId: number | null;
  content: string;
  photos: UploadedFile[];
  placeUnitId: number | null;
  allowPublic: boolean;
  anonymous: boolean;
  idempotencyKey: string;
}

export function newIdempotencyKey(): string {
  const rnd =
    typeof crypto !== "undefined" && "randomUUID" in crypto
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
  return `fb-${rnd}`;
}

export function emptyDraft(): FeedbackDraft {
  return { categoryId: null, content: "", photos: [], placeUnitId: null, allowPublic: true, anonymous: false, idempotencyKey: newIdempotencyKey() };
}

export function loadDraft(): FeedbackDraft {
  try {
    const raw = localStorage.getItem(DRAFT_KEY);
    if (!raw) return emptyDraft();
    const d = JSON.parse(raw) as Partial<FeedbackDraft>;
    return {
      categoryId: typeof d.categoryId === "number" ? d.categoryId : null,
      content: typeof d.content === "string" ? d.content : "",
      photos: Array.isArray(d.photos) ? d.photos.filter((p) => p && typeof p.id === "string").slice(0, 5) : [],
      placeUnitId: typeof d.placeUnitId === "number" ? d.placeUnitId : null,
      allowPublic: d.allowPublic !== false,
      anonymous: d.anonymous === true,
      idempotencyKey: typeof d.idempotencyKey === "string" && d.idempotencyKey.length >= 8 ? d.idempotencyKey : newIdempotencyKey(),
    };
  } catch {
    return emptyDraft();
  }
}

export function saveDraft(d: FeedbackDraft): void {
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify(d));
  } catch {
    /* storage full or private mode: the form still works in memory */
  }
}

export function clearDraft(): void {
  try {
    localStorage.removeItem(DRAFT_KEY);
  } catch {
    /* ignore */
  }
}

export function hasContent(d: FeedbackDraft): boolean {
  return d.content.trim().length > 0 || d.photos.length > 0 || d.categoryId !== null;
}
