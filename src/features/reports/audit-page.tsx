import { useCallback, useEffect, useState } from "react";
import { useParams } from "react-router-dom";
import type { AuditEntry } from "@contract/reports";
import { AUDIT_ACTION_LABELS } from "@contract/reports-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { toApiError } from "../../lib/api-client";
import { formatDateTime } from "../../lib/dates";
import { reportsApi } from "./api";
import "./reports.css";

const PAGE = 50;

/** Who changed what, when, from what to what. */
export function AuditPage() {
  const params = useParams();
  const periodId = Number(params.periodId);
  const unitId = Number(params.unitId);
  const [items, setItems] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState(PAGE);
  const load = useCallback(() => {
    setError(null);
    reportsApi.audit(periodId, unitId).then(setItems, setError);
  }, [periodId, unitId]);
  useEffect(load, [load]);
  return (
    <AppPage title="Lịch sử thay đổi" back testId="audit-page">
      {error ? <ErrorState message={toApiError(error).message} onRetry={load} /> : null}
      {!items && !error && <Skeleton rows={4} />}
      {items && items.length === 0 && <EmptyState title="Chưa có thay đổi nào" />}
      {items && items.length > 0 && (
        <ol className="audit" data-testid="audit-list">
          {items.slice(0, shown).map((a) => (
            <li key={a.id} className="audit__row">
              <div className="audit__meta">
                {formatDateTime(a.at)} · {a.userName ?? "Hệ thống"}
              </div>
              <div>
                <b>{AUDIT_ACTION_LABELS[a.action] ?? a.action}</b>
                {a.label && a.action === "save" && <> · {a.label}</>}
                {a.field && (
                  <>
                    : <span className="audit__old">{a.oldValue ?? "(trống)"}</span> → <span className="audit__new">{a.newValue ?? "(trống)"}</span>
                  </>
                )}
              </div>
              {a.note && <div className="muted">{a.note}</div>}
            </li>
          ))}
        </ol>
      )}
      {items && items.length > shown && (
        <button type="button" className="link-button" onClick={() => setShown((n) => n + PAGE)}>
          Xem thêm
        </button>
      )}
    </AppPage>
  );
}
