import { useEffect, useState } from "react";
import type { Unit } from "@contract/catalog";
import { listUnits } from "./api";

/** The units for pickers, loaded once per screen. */
export function useUnits(): { units: Unit[]; error: unknown } {
  const [units, setUnits] = useState<Unit[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let alive = true;
    listUnits().then(
      (u) => alive && setUnits(u),
      (e) => alive && setError(e),
    );
    return () => {
      alive = false;
    };
  }, []);
  return { units, error };
}
