import { useEffect, useState } from "react";
import type { Period } from "@contract/catalog";
import { api } from "../../lib/api-client";

export interface LatestAnnouncement {
  id: number;
  title: string;
  category?: string | null;
  publishedAt?: string | null;
  pinned?: boolean;
}

/** The reporting periods (the screen picks the one that matters to who is signed in) and the latest notices. */
export function useHomeData() {
  const [periods, setPeriods] = useState<Period[] | null>(null);
  const [announcements, setAnnouncements] = useState<LatestAnnouncement[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let alive = true;
    Promise.all([
      api.get<Period[]>("/api/periods").then((r) => r.data),
      api
        .get<{ items: LatestAnnouncement[] }>("/api/announcements", { params: { limit: 3 } })
        .then((r) => r.data.items)
        .catch(() => [] as LatestAnnouncement[]),
    ])
      .then(([periods, items]) => {
        if (!alive) return;
        setPeriods(periods);
        setAnnouncements(items);
      })
      .catch((e) => alive && setError(e))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, []);

  return { periods, announcements, error, loading };
}
