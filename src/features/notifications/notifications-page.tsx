import { useCallback, useEffect } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import type { NotificationItem } from "@contract/notifications";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { errorMessage } from "../../lib/api-client";
import { relativeTime } from "../../lib/dates";
import { useSession } from "../../lib/session-store";
import { useInbox } from "./store";
import "./notifications.css";

/** The kinds other features enqueue (reports: `report_${action}`; feedback; invitations). */
const KIND_LABEL: Record<string, string> = {
  announcement: "Thông báo",
  announcement_reminder: "Nhắc tiếp nhận",
  report_reminder: "Nhắc báo cáo",
  report_approve: "Báo cáo được duyệt",
  report_return: "Báo cáo bị trả lại",
  report_reopen: "Báo cáo được mở lại",
  feedback_assigned: "Góp ý được chuyển đến",
  feedback_answered: "Góp ý được trả lời",
  feedback_closed: "Góp ý đã đóng",
  feedback_flagged: "Góp ý bị báo vi phạm",
  invitation_accepted: "Lời mời đã được nhận",
};

/** The in-app inbox: every message the ward sent me (also pushed through Zalo when configured). */
export function NotificationsPage() {
  const status = useSession((s) => s.status);
  const meId = useSession((s) => s.me?.id ?? null);
  return (
    <AppPage title="Hộp thư" back testId="inbox-page">
      {status === "loading" ? (
        <Skeleton rows={4} />
      ) : status !== "signed-in" || meId === null ? (
        <EmptyState title="Bạn chưa đăng nhập">Đăng nhập ở mục Cá nhân để xem hộp thư của mình.</EmptyState>
      ) : (
        <Inbox owner={meId} />
      )}
    </AppPage>
  );
}

function Inbox({ owner }: { owner: number }) {
  const { status, items, nextCursor, unreadCount, loadingMore, error, load, loadMore, read, readAll } = useInbox();
  const navigate = useNavigate();
  const notify = useNotify();

  const reload = useCallback(() => {
    load(owner).catch(() => {
      /* shown by the error state, or silently keeps the list we had */
    });
  }, [load, owner]);
  useEffect(reload, [reload]);

  const open = (item: NotificationItem) => {
    if (!item.readAt) read(item.id).catch(() => {});
    // Links are in-app paths; anything else is ignored rather than followed.
    if (item.link?.startsWith("/")) navigate(item.link);
  };

  const onReadAll = () => {
    readAll()
      .then(() => notify.success("Đã đánh dấu tất cả là đã đọc."))
      .catch((e) => notify.error(e));
  };

  const onMore = () => {
    loadMore().catch((e) => notify.error(e));
  };

  if (status === "idle" || status === "loading") return <Skeleton rows={4} />;
  if (status === "error") return <ErrorState message={errorMessage(error)} onRetry={reload} />;
  if (items.length === 0) {
    return (
      <div data-testid="inbox-empty">
        <EmptyState title="Chưa có tin nhắn nào">Thông báo của phường, lời nhắc báo cáo và phản hồi góp ý sẽ hiện ở đây.</EmptyState>
      </div>
    );
  }
  return (
    <>
      <div className="inbox__toolbar">
        <span className="muted" data-testid="inbox-unread">
          {unreadCount > 0 ? `${unreadCount} tin chưa đọc` : "Đã đọc hết"}
        </span>
        {unreadCount > 0 && (
          <Button size="small" variant="tertiary" onClick={onReadAll} data-testid="inbox-read-all">
            Đánh dấu đã đọc tất cả
          </Button>
        )}
      </div>
      <ul className="inbox__list" data-testid="inbox-list">
        {items.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className={`inbox-item${item.readAt ? "" : " inbox-item--unread"}`}
              onClick={() => open(item)}
              data-testid="inbox-item"
              data-unread={item.readAt ? "false" : "true"}
              aria-label={`${item.readAt ? "" : "Chưa đọc: "}${item.title}`}
            >
              <span className="inbox-item__dot" aria-hidden="true" />
              <span className="inbox-item__main">
                <span className="inbox-item__title">{item.title}</span>
                {item.body && <span className="inbox-item__body">{item.body}</span>}
                <span className="inbox-item__meta">
                  {KIND_LABEL[item.kind] ?? "Tin nhắn"} · {relativeTime(item.createdAt)}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {nextCursor && (
        <div className="inbox__more">
          <Button size="small" variant="secondary" loading={loadingMore} onClick={onMore} data-testid="inbox-more">
            Xem thêm
          </Button>
        </div>
      )}
    </>
  );
}
