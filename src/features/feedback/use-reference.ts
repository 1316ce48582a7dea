import { useEffect } from "react";
import { create } from "zustand";
import type { FeedbackCategory } from "@contract/feedback";
import type { Unit } from "@contract/catalog";
import { fetchCategories, fetchUnits } from "./feedback-api";

interface ReferenceState {
  categories: FeedbackCategory[] | null;
  units: Unit[] | null;
  error: unknown;
  load(): Promise<void>;
}

/** Categories and units, loaded once per app run (they rarely change). */
export const useReferenceStore = create<ReferenceState>((set, get) => ({
  categories: null,
  units: null,
  error: null,
  async load() {
    if (get().categories && get().units) return;
    try {
      const [categories, units] = await Promise.all([fetchCategories(), fetchUnits()]);
      set({ categories, units, error: null });
    } catch (error) {
      set({ error });
    }
  },
}));

export function useReference() {
  const state = useReferenceStore();
  useEffect(() => {
    void state.load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const units = state.units ?? [];
  return {
    categories: state.categories,
    units,
    groups: units.filter((u) => u.kind === "residential_group"),
    error: state.error,
    retry: () => {
      useReferenceStore.setState({ error: null });
      void state.load();
    },
  };
}
