/**
 * Drafts that survive everything: every edit is kept on the phone at once (localStorage), then sent
 * to the server after a short pause. Offline, edits wait and go out when the connection returns
 * (`online` event). A stale version (409) never overwrites: fields changed on one side only merge
 * by themselves (the local edits are sent again on top of the server's version); only a field
 * changed on both sides, differently, is put to the person.
 */
import type { ConflictDetails, Evidence, Report, ReportSave } from "@contract/reports";
import type { Commendation } from "@contract/commendations";
import { ApiError, isNetworkError, toApiError } from "../../lib/api-client";
import { clashesOf, withoutServerChanges } from "./draft-conflict";
import { draftKey, readDraft, writeDraft } from "./draft-storage";
import { emptyPending, isEmpty, notesProblem, removeSent, sendable, toSaveBody, type IndicatorEdit, type PendingEdits, type TaskEdit } from "./pending-edits";

/** saved: nothing left to send; dirty/saving: on its way; offline: kept on the phone. */
export type SyncState = "saved" | "dirty" | "saving" | "offline" | "conflict" | "error";

export const SYNC_LABELS: Record<SyncState, string> = {
  saved: "Đã lưu",
  dirty: "Đang lưu…",
  saving: "Đang lưu…",
  offline: "Chưa đồng bộ — sẽ gửi khi có mạng",
  conflict: "Báo cáo vừa được sửa ở nơi khác — cần chọn",
  error: "Chưa lưu được",
};

export interface DraftState {
  form: Report | null;
  pending: PendingEdits;
  baseVersion: number;
  sync: SyncState;
  conflict: ConflictDetails | null;
  error: string | null;
  lastSavedAt: string | null;
}

/** A refusal's own reason for the field (e.g. a text too long), rather than the general sentence. */
function firstDetail(e: ApiError): string | null {
  const d = Array.isArray(e.details) ? (e.details[0] as { message?: unknown } | undefined) : undefined;
  return typeof d?.message === "string" ? d.message : null;
}

export interface DraftDeps {
  save(body: ReportSave): Promise<Report>;
  /** the server's current form (after a merge, so the screen shows what changed there) */
  load?(): Promise<Report>;
  storage?: Storage | null;
  debounceMs?: number;
  isOnline?: () => boolean;
}

export class DraftSync {
  private state: DraftState;
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private again = false;
  /** merges in a row without a successful save: someone keeps editing, or something is odd — then ask */
  private merges = 0;
  private readonly key: string;
  private readonly onOnline = () => {
    if (!isEmpty(this.state.pending)) void this.sync();
  };

  constructor(
    readonly periodId: number,
    readonly unitId: number,
    private deps: DraftDeps,
  ) {
    this.key = draftKey(periodId, unitId);
    const stored = readDraft(this.deps.storage, this.key);
    this.state = {
      form: stored?.form ?? null,
      pending: stored?.pending ?? emptyPending(),
      baseVersion: stored?.baseVersion ?? 0,
      sync: stored && !isEmpty(stored.pending) ? "offline" : "saved",
      conflict: null,
      error: null,
      lastSavedAt: null,
    };
    this.start();
  }

  /** Listens for the connection coming back (called again if the screen remounts). */
  start(): void {
    if (typeof window !== "undefined") window.addEventListener("online", this.onOnline);
  }

  /** The screen closes: a save still waiting for its pause goes out now rather than later. */
  dispose(): void {
    if (typeof window !== "undefined") window.removeEventListener("online", this.onOnline);
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      void this.sync();
    }
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getState = (): DraftState => this.state;

  private set(patch: Partial<DraftState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private persist(): void {
    writeDraft(this.deps.storage, this.key, { baseVersion: this.state.baseVersion, pending: this.state.pending, form: this.state.form });
  }

  /** The server's form arrived (first load or reload). Local edits made on top of it are kept. */
  loaded(form: Report): void {
    const hasLocal = !isEmpty(this.state.pending);
    this.set({ form, baseVersion: hasLocal ? this.state.baseVersion : form.version });
    this.persist();
    if (hasLocal && form.lock.locked) {
      // The server will refuse them: keep them visible, let the person decide to drop them.
      this.set({ sync: "error", error: "Báo cáo đã khóa nên các thay đổi còn trên máy này chưa gửi được." });
    } else if (hasLocal) void this.sync();
  }

  edit(apply: (p: PendingEdits) => PendingEdits): void {
    const pending = apply({ ...this.state.pending, indicators: { ...this.state.pending.indicators }, tasks: { ...this.state.pending.tasks } });
    this.set({ pending, sync: this.state.sync === "conflict" ? "conflict" : "dirty", error: null });
    this.persist();
    if (this.state.sync === "conflict") return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.sync(), this.deps.debounceMs ?? 1200);
  }

  setIndicator(id: number, edit: IndicatorEdit): void {
    this.edit((p) => ({ ...p, indicators: { ...p.indicators, [id]: { ...(p.indicators[id] ?? {}), ...edit } } }));
  }
  setTask(id: number, edit: TaskEdit): void {
    this.edit((p) => ({ ...p, tasks: { ...p.tasks, [id]: { ...(p.tasks[id] ?? {}), ...edit } } }));
  }
  setText(field: "difficulties" | "proposals", value: string): void {
    this.edit((p) => ({ ...p, [field]: value }));
  }
  setEvidence(list: Evidence[]): void {
    this.edit((p) => ({ ...p, evidence: list }));
  }
  setCommendations(list: Commendation[]): void {
    this.edit((p) => ({ ...p, commendations: list }));
  }

  /** Sends what is pending; resolves when this round is over (whatever its outcome). */
  sync(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    if (isEmpty(this.state.pending) || this.state.sync === "conflict") return Promise.resolve();
    const online = this.deps.isOnline ?? (() => (typeof navigator === "undefined" ? true : navigator.onLine !== false));
    if (!online()) {
      this.set({ sync: "offline" });
      return Promise.resolve();
    }
    const sent = sendable(this.state.pending);
    if (isEmpty(sent)) {
      this.set({ sync: "error", error: `${notesProblem(this.state.pending)} Phần này chưa gửi lên máy chủ (vẫn giữ trên điện thoại).` });
      return Promise.resolve();
    }
    this.set({ sync: "saving" });
    this.inFlight = this.deps
      .save(toSaveBody(this.state.baseVersion, sent))
      .then((form) => {
        const pending = removeSent(this.state.pending, sent);
        this.merges = 0;
        this.set({ form, pending, baseVersion: form.version, sync: isEmpty(pending) ? "saved" : "dirty", lastSavedAt: new Date().toISOString() });
      })
      .catch((err: unknown) => {
        const e = toApiError(err);
        if (isNetworkError(e)) this.set({ sync: "offline" });
        else if (e.code === "VERSION_CONFLICT") this.onConflict(e.details as ConflictDetails);
        else this.set({ sync: "error", error: firstDetail(e) ?? e.message });
      })
      .finally(() => {
        this.persist();
        this.inFlight = null;
        if (this.again || (this.state.sync === "dirty" && !isEmpty(this.state.pending))) {
          this.again = false;
          void this.sync();
        }
      });
    return this.inFlight;
  }

  /**
   * A 409: if no field was changed on both sides to different values, send the local edits again
   * on top of the server's version (its own changes stay as they are) and show its current form;
   * otherwise ask about those fields only.
   */
  private onConflict(details: ConflictDetails): void {
    const clashes = clashesOf(details.changes, this.state.pending);
    if (clashes.length === 0 && this.merges < 3) {
      this.merges++;
      this.set({ baseVersion: details.serverVersion, sync: "dirty", conflict: null });
      this.again = true;
      void this.deps.load?.().then(
        (form) => {
          if (form.version >= (this.state.form?.version ?? 0)) this.set({ form, baseVersion: isEmpty(this.state.pending) ? form.version : this.state.baseVersion });
        },
        () => undefined,
      );
      return;
    }
    this.set({ sync: "conflict", conflict: { ...details, changes: clashes.length ? clashes : details.changes } });
  }

  /** Sends everything pending now; throws when something is still not on the server. */
  async flush(): Promise<void> {
    for (let i = 0; i < 5 && !isEmpty(this.state.pending); i++) {
      await this.sync();
      if (this.state.sync === "offline") throw new ApiError(0, "NETWORK", "Không có kết nối mạng. Bản nháp đã được giữ trên điện thoại.");
      if (this.state.sync === "conflict") throw new ApiError(409, "VERSION_CONFLICT", "Báo cáo vừa được người khác cập nhật, vui lòng chọn giữ bản nào trước khi nộp.");
      if (this.state.sync === "error") throw new ApiError(400, "SAVE_FAILED", this.state.error ?? "Chưa lưu được bản nháp.");
    }
  }

  /** After a 409: keep my values (resend on top of the server's version) or take the server's. */
  resolveConflict(choice: "mine" | "server", serverForm?: Report): void {
    const details = this.state.conflict;
    if (!details) return;
    if (choice === "mine") {
      this.set({ baseVersion: details.serverVersion, conflict: null, sync: "dirty" });
      this.persist();
      void this.sync();
      return;
    }
    // Drop only the local values the server changed; other local edits still go out.
    const pending = withoutServerChanges(this.state.pending, details.changes);
    this.set({ pending, baseVersion: details.serverVersion, conflict: null, form: serverForm ?? this.state.form, sync: isEmpty(pending) ? "saved" : "dirty" });
    this.persist();
    void this.sync();
  }

  /** Forget the local copy (after a submit the server's copy is the truth). */
  clearLocal(form: Report): void {
    this.set({ form, pending: emptyPending(), baseVersion: form.version, sync: "saved", conflict: null, error: null });
    this.persist();
  }

  /** Drops the edits kept on this phone (the person chose the server's copy). */
  discardLocal(): void {
    if (this.state.form) this.clearLocal(this.state.form);
  }

  replaceForm(form: Report): void {
    this.set({ form, baseVersion: isEmpty(this.state.pending) ? form.version : this.state.baseVersion });
    this.persist();
  }
}
