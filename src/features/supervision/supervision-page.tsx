import { useParams } from "react-router-dom";
import { AppPage } from "../../components/app-page";
import { ErrorState, Skeleton } from "../../components/states";
import { toApiError } from "../../lib/api-client";
import { formatDate } from "../../lib/dates";
import { useLoad } from "../../lib/use-load";
import { supervisionApi } from "./api";
import { RecommendationView } from "./recommendation-view";

/** One supervision: findings, recommendations, and the answers (the addressed unit answers here). */
export function SupervisionPage() {
  const id = Number(useParams().id);
  const { data, error, reload, setData } = useLoad(() => supervisionApi.get(id), [id]);
  return (
    <AppPage title="Cuộc giám sát" back testId="supervision-page">
      {!!error && <ErrorState message={toApiError(error).message} onRetry={reload} />}
      {!data && !error && <Skeleton rows={2} />}
      {data && (
        <>
          <section className="card stack">
            <h3 data-testid="supervision-title">{data.title}</h3>
            <p className="muted">
              Ngày {formatDate(data.heldOn)} · {data.createdBy ?? "Ủy ban MTTQ phường"}
            </p>
            <p className="muted">Đơn vị được giám sát: {data.units.map((u) => u.name).join(", ")}</p>
            <div className="field-label">Kết quả giám sát</div>
            <p className="pre-line">{data.findings}</p>
          </section>
          <h3>Kiến nghị ({data.recommendations.length})</h3>
          <ul className="plain-list">
            {data.recommendations.map((r) => (
              <RecommendationView key={r.id} r={r} onAnswered={setData} />
            ))}
          </ul>
        </>
      )}
    </AppPage>
  );
}
