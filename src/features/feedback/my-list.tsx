import { Link } from "react-router-dom";
import { Button } from "zmp-ui";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { errorMessage } from "../../lib/api-client";
import { formatDate } from "../../lib/dates";
import { useSession } from "../../lib/session-store";
import { AnswerView, DueDate, PlainText, SignInPrompt, StatusPill } from "./components";
import { fetchMine } from "./feedback-api";
import { usePaged, useSentinel } from "./use-paged";

/** "Góp ý của tôi": status, due date, the answer or the reason. */
export function MyList() {
  const status = useSession((s) => s.status);
  const list = usePaged((cursor) => (status === "signed-in" ? fetchMine(cursor) : Promise.resolve({ items: [], nextCursor: null })), [status]);
  const sentinel = useSentinel(() => void list.more(), list.hasMore);
  if (status === "anonymous") return <SignInPrompt title="Đăng nhập để xem góp ý của bạn" testId="mine-signin" />;
  return (
    <div data-testid="my-list">
      {!list.items && !list.error && <Skeleton rows={2} />}
      {!!list.error && !list.items && <ErrorState message={errorMessage(list.error)} onRetry={list.reload} />}
      {list.items?.length === 0 && <EmptyState title="Bạn chưa gửi góp ý nào" />}
      {list.items?.map((item) => (
        <article key={item.id} className="card fb-card" data-testid="my-item">
          <div className="fb-card__head">
            <Link to={`/feedback/${item.id}`} className="fb-code" data-testid="my-item-code">
              {item.code}
            </Link>
            <StatusPill status={item.status} />
          </div>
          <div className="fb-meta">
            <span>{item.category.name}</span>
            <span>· Gửi {formatDate(item.createdAt)}</span>
          </div>
          <PlainText text={item.content.length > 240 ? `${item.content.slice(0, 240)}…` : item.content} />
          {(item.status === "received" || item.status === "in_progress") && <DueDate dueAt={item.dueAt} overdue={item.overdue} />}
          {item.statusReason && <div className="fb-banner fb-banner--warn">Lý do: {item.statusReason}</div>}
          {item.latestAnswer && <AnswerView answer={item.latestAnswer} />}
          <Link to={`/feedback/${item.id}`} className="fb-more-link" data-testid="my-item-open">
            Xem chi tiết ›
          </Link>
        </article>
      ))}
      <div ref={sentinel} className="fb-sentinel" />
      {list.hasMore && (
        <Button size="small" variant="tertiary" fullWidth loading={list.loadingMore} onClick={() => void list.more()}>
          Xem thêm
        </Button>
      )}
    </div>
  );
}
