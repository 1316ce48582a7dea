import { Link } from "react-router-dom";
import { DIALOGUE_STATE_LABELS } from "@contract/dialogues-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { toApiError } from "../../lib/api-client";
import { formatDateTime } from "../../lib/dates";
import { useRole } from "../../lib/session-store";
import { useLoad } from "../../lib/use-load";
import { dialoguesApi } from "./api";

/** The chair's dialogues with youth: send a question while they are open, read the answers after. */
export function DialoguesPage() {
  const role = useRole();
  const { data, error, reload } = useLoad(() => dialoguesApi.list(), []);
  return (
    <AppPage title="Đối thoại với thanh niên" back testId="dialogues-page">
      {role === "staff" && (
        <Link className="pill" to="/dialogues/new" data-testid="new-dialogue">
          + Công bố buổi đối thoại
        </Link>
      )}
      <p className="muted">Chủ tịch UBND phường đối thoại với thanh niên ít nhất mỗi năm một lần. Gửi câu hỏi, ủng hộ câu hỏi bạn quan tâm và xem câu trả lời tại đây.</p>
      {!!error && <ErrorState message={toApiError(error).message} onRetry={reload} />}
      {!data && !error && <Skeleton rows={2} />}
      {data?.length === 0 && <EmptyState title="Chưa có buổi đối thoại nào được công bố" />}
      {data && data.length > 0 && (
        <ul className="plain-list" data-testid="dialogue-list">
          {data.map((d) => (
            <li key={d.id}>
              <Link to={`/dialogues/${d.id}`} className="list-link" data-testid="dialogue-item">
                <span className="list-link__title">{d.title}</span>
                <span className="list-link__meta">
                  {formatDateTime(d.heldAt)} · {d.place}
                </span>
                <span className="row">
                  <span className={`pill${d.state === "collecting" ? " pill--ok" : d.state === "answered" ? "" : " pill--muted"}`}>{DIALOGUE_STATE_LABELS[d.state]}</span>
                  <span className="list-link__meta">{d.questionCount} câu hỏi</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </AppPage>
  );
}
