import { useEffect } from "react";
import type { AnnouncementFile } from "@contract/announcements";
import type { ComposeForm } from "./compose-form";
import type { Upload } from "./use-attachments";

/** A new notice being written is kept on this phone, so a stray "back" or a closed app loses nothing. */
export const DRAFT_PREFIX = "tns.announcements.compose.v1:";

export interface SavedCompose {
  form: ComposeForm;
  cover: AnnouncementFile | null;
  files: AnnouncementFile[];
}

export function readSavedCompose(key: string): SavedCompose | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as SavedCompose) : null;
  } catch {
    return null;
  }
}

/** Drops the kept copy (sent, or "Soạn mới"). */
export function forgetSavedCompose(key: string | null) {
  if (key) localStorage.removeItem(key);
}

/** Keeps the notice being written under `draftKey` (new notices only: `null` keeps nothing) once loaded. */
export function useComposeDraft(draftKey: string | null, loading: boolean, form: ComposeForm, cover: Upload | null, files: Upload[]) {
  // Keep what is being written (new notices only), a moment after each change.
  useEffect(() => {
    if (!draftKey || loading) return;
    const t = window.setTimeout(() => {
      try {
        const saved: SavedCompose = { form, cover: cover?.file ?? null, files: files.flatMap((f) => (f.file ? [f.file] : [])) };
        if (form.title.trim() || form.body.trim() || saved.files.length || saved.cover) localStorage.setItem(draftKey, JSON.stringify(saved));
        else localStorage.removeItem(draftKey);
      } catch {
        /* storage full: writing still works, only the safety copy is missing */
      }
    }, 400);
    return () => window.clearTimeout(t);
  }, [draftKey, loading, form, cover, files]);
}
