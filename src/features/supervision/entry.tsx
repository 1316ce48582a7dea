import { Link } from "react-router-dom";
import { RECOMMENDATION_STATE_LABELS } from "@contract/supervision-labels";
import { formatDate } from "../../lib/dates";
import { useLoad } from "../../lib/use-load";
import { supervisionApi } from "./api";

/**
 * A card on the Báo cáo tab: recommendations past due without an answer (the staff dashboard's late
 * answers; a unit's own), opening the supervisions.
 */
export function SupervisionEntry({ role }: { role: "staff" | "observer" | "focal" }) {
  const { data } = useLoad(() => supervisionApi.recommendations("overdue"), []);
  const open = useLoad(() => (role === "focal" ? supervisionApi.recommendations("open") : Promise.resolve([])), [role]);
  const late = data ?? [];
  return (
    <div className="card stack" data-testid="supervision-entry">
      <Link to="/supervisions" className="entry-card">
        <span className="entry-card__title">Giám sát của Ủy ban MTTQ phường</span>
        <span className="muted">
          {role === "observer" ? "Ghi nhận cuộc giám sát, theo dõi trả lời kiến nghị" : role === "focal" ? `${(open.data?.length ?? 0) + late.length} kiến nghị đơn vị cần trả lời` : "Kiến nghị giám sát và trả lời của các đơn vị"}
        </span>
      </Link>
      {late.length > 0 && (
        <ul className="plain-list" data-testid="late-recommendations">
          {late.slice(0, 5).map((r) => (
            <li key={r.id}>
              <Link to={`/supervisions/${r.supervisionId}`} className="list-link">
                <span className="list-link__title">{r.unit.name}</span>
                <span className="list-link__meta">
                  {RECOMMENDATION_STATE_LABELS[r.state]} (hạn {formatDate(r.dueAt)}): {r.text.slice(0, 90)}
                </span>
              </Link>
            </li>
          ))}
          {late.length > 5 && <li className="muted">và {late.length - 5} kiến nghị khác</li>}
        </ul>
      )}
    </div>
  );
}
