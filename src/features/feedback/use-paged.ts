import { useCallback, useEffect, useRef, useState } from "react";

/** A cursor-paginated list: first page on mount (and when `deps` change), `more()` for the next. */
export function usePaged<T>(load: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>, deps: unknown[]) {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(() => {
    const gen = ++generation.current;
    setItems(null);
    setError(null);
    loadRef
      .current(null)
      .then((p) => {
        if (gen !== generation.current) return;
        setItems(p.items);
        setCursor(p.nextCursor);
      })
      .catch((e) => gen === generation.current && setError(e));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useEffect(() => {
    reload();
  }, [reload]);

  const more = useCallback(async () => {
    if (!cursor || loadingMore) return;
    const gen = generation.current;
    setLoadingMore(true);
    try {
      const p = await loadRef.current(cursor);
      if (gen !== generation.current) return;
      setItems((prev) => [...(prev ?? []), ...p.items]);
      setCursor(p.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  }, [cursor, loadingMore]);

  return { items, setItems, hasMore: !!cursor, more, loadingMore, error, reload };
}

/** Calls `onVisible` when the sentinel scrolls into view (infinite scroll); a button remains as fallback. */
export function useSentinel(onVisible: () => void, enabled: boolean) {
  const ref = useRef<HTMLDivElement | null>(null);
  const cb = useRef(onVisible);
  cb.current = onVisible;
  useEffect(() => {
    const el = ref.current;
    if (!el || !enabled || typeof IntersectionObserver === "undefined") return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && cb.current(), { rootMargin: "200px" });
    io.observe(el);
    return () => io.disconnect();
  }, [enabled]);
  return ref;
}
