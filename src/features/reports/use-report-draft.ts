import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { Report } from "@contract/reports";
import { isNetworkError } from "../../lib/api-client";
import { reportsApi } from "./api";
import { DraftSync } from "./draft-sync";
import { mergedForm } from "./pending-edits";

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * Loads a unit's report and keeps a DraftSync for it: the form shown is the server's copy with
 * the local edits on top. When the server cannot be reached, the copy kept on the phone is shown.
 */
export function useReportDraft(periodId: number, unitId: number) {
  const draft = useMemo(
    () => new DraftSync(periodId, unitId, { save: (body) => reportsApi.save(periodId, unitId, body), load: () => reportsApi.get(periodId, unitId), storage: storage() }),
    [periodId, unitId],
  );
  useEffect(() => {
    draft.start();
    return () => draft.dispose();
  }, [draft]);
  const state = useSyncExternalStore(draft.subscribe, draft.getState);
  const [loading, setLoading] = useState(!draft.getState().form);
  const [loadError, setLoadError] = useState<unknown>(null);

  const reload = useCallback(async (): Promise<Report | null> => {
    setLoadError(null);
    try {
      const form = await reportsApi.get(periodId, unitId);
      draft.loaded(form);
      return form;
    } catch (err) {
      // offline with a copy on the phone: keep working on it
      if (!(isNetworkError(err) && draft.getState().form)) setLoadError(err);
      return null;
    } finally {
      setLoading(false);
    }
  }, [draft, periodId, unitId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const view = state.form ? mergedForm(state.form, state.pending) : null;
  return { draft, state, view, loading, loadError, reload };
}
