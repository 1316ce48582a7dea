import { useCallback, useEffect, useRef, useState } from "react";

/**
 * Loads one thing for a screen: `data` (undefined while loading), `error`, `reload()`, and `setData`
 * to put in what an action returned. A late answer for old `deps` is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(() => {
    const gen = ++generation.current;
    setError(null);
    loadRef.current().then(
      (d) => gen === generation.current && setData(d),
      (e) => gen === generation.current && setError(e),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(reload, [reload]);
  return { data, error, reload, setData };
}
