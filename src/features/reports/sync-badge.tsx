import { SYNC_LABELS, type SyncState } from "./draft-sync";

const TONE: Record<SyncState, string> = { saved: "ok", dirty: "muted", saving: "muted", offline: "warn", conflict: "bad", error: "bad" };

/** The visible sync state of a draft: "Đã lưu", "Đang lưu…", "Chưa đồng bộ — sẽ gửi khi có mạng". */
export function SyncBadge({ state, error }: { state: SyncState; error?: string | null }) {
  return (
    <span className={`pill pill--${TONE[state]} sync-badge`} data-testid="sync-state" data-state={state} role="status" aria-live="polite" title={error ?? undefined}>
      {SYNC_LABELS[state]}
    </span>
  );
}
