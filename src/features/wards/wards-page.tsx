import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import type { Ward } from "@contract/wards";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { errorMessage } from "../../lib/api-client";
import { useRole } from "../../lib/session-store";
import { listWards } from "./api";
import "./wards.css";

/** The city's communes and wards; city staff add one from here. */
export function WardsPage() {
  const role = useRole();
  const [wards, setWards] = useState<Ward[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => {
    setError(null);
    listWards().then(setWards, (e) => setError(errorMessage(e)));
  };
  useEffect(load, []);

  return (
    <AppPage title="Phường, xã của thành phố" back testId="wards-page">
      {role === "city_staff" && (
        <Link to="/wards/new" className="card account-link" data-testid="ward-add-link">
          + Thêm phường, xã
        </Link>
      )}
      {error && <ErrorState message={error} onRetry={load} />}
      {!wards && !error && <Skeleton rows={3} />}
      {wards && wards.length === 0 && <EmptyState title="Chưa có phường, xã nào" />}
      {wards && wards.length > 0 && (
        <ul className="plain-list" data-testid="wards-list">
          {wards.map((w) => (
            <li key={w.id} className="card ward-item">
              <span>{w.name}</span>
              <span className="ward-item__code">{w.code}</span>
            </li>
          ))}
        </ul>
      )}
    </AppPage>
  );
}
