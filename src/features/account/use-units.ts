import { useEffect, useState } from "react";
import type { Unit } from "@contract/catalog";
import type { Ward } from "@contract/wards";
import { listUnits, listWards } from "./api";

/**
 * The units a person can belong to, for pickers, loaded once per screen: those of one ward when
 * `wardId` is given (a ward's staff pick among their own ward's units), every ward's otherwise. The
 * city and each ward's People's Committee are roots, not units to report for; `cityUnitId` is the
 * city's (a city staff invitation names it).
 */
export function useUnits(wardId?: number | null): { units: Unit[]; cityUnitId: number | null; error: unknown } {
  const [all, setAll] = useState<Unit[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let alive = true;
    listUnits().then(
      (u) => alive && setAll(u),
      (e) => alive && setError(e),
    );
    return () => {
      alive = false;
    };
  }, []);
  const units = all.filter((u) => u.kind !== "ward" && u.kind !== "city" && (!wardId || u.wardId === wardId));
  return { units, cityUnitId: all.find((u) => u.kind === "city")?.id ?? null, error };
}

/** The city's wards, loaded once per screen. */
export function useWards(): { wards: Ward[] | null; error: unknown } {
  const [wards, setWards] = useState<Ward[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let alive = true;
    listWards().then(
      (w) => alive && setWards(w),
      (e) => alive && setError(e),
    );
    return () => {
      alive = false;
    };
  }, []);
  return { wards, error };
}
