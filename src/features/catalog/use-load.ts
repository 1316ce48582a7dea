import { useCallback, useEffect, useState } from "react";

/** Loads something for a screen, with its error and a reload; a late answer for an old screen is dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: unknown; reload: () => void; setData: (v: T) => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  useEffect(() => {
    let alive = true;
    setError(null);
    run().then(
      (v) => alive && setData(v),
      (e) => alive && setError(e),
    );
    return () => {
      alive = false;
    };
  }, [run, tick]);
  return { data, error, reload: () => setTick((t) => t + 1), setData };
}
