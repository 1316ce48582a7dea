import { useState } from "react";
import { Link } from "react-router-dom";
import { Button } from "zmp-ui";
import type { FeedbackCategory, PublicFeedback } from "@contract/feedback";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { errorMessage, toApiError } from "../../lib/api-client";
import { formatDate } from "../../lib/dates";
import { useSession } from "../../lib/session-store";
import { AnswerView, ConfirmButton, PhotoGrid, PlainText } from "./components";
import { fetchPublic, flagItem, supportItem } from "./feedback-api";
import { usePaged, useSentinel } from "./use-paged";

/** Support once and flag with confirmation: shared by the public list and the public detail. */
export function Reactions({ item, onChange }: { item: PublicFeedback | { id: number; supportsCount: number; supported: boolean; flagged: boolean }; onChange: (patch: Partial<PublicFeedback>) => void }) {
  const notify = useNotify();
  const signedIn = useSession((s) => s.status === "signed-in");
  const observer = useSession((s) => s.me?.role === "observer");
  const [busy, setBusy] = useState(false);
  // The observer follows read-only: a count, no buttons.
  if (observer) return <div className="fb-actions">{item.supportsCount} lượt ủng hộ</div>;
  return (
    <div className="fb-actions">
      <Button
        size="small"
        variant={item.supported ? "secondary" : "primary"}
        disabled={item.supported || busy}
        data-testid="support-button"
        onClick={async () => {
          if (!signedIn) return notify.info("Bạn cần đăng nhập (tab Cá nhân) để ủng hộ góp ý.");
          setBusy(true);
          try {
            const r = await supportItem(item.id);
            onChange({ supported: true, supportsCount: r.supportsCount });
          } catch (err) {
            const e = toApiError(err);
            if (e.code === "ALREADY_SUPPORTED") onChange({ supported: true });
            notify.error(e.message);
          } finally {
            setBusy(false);
          }
        }}
      >
        {item.supported ? "Đã ủng hộ" : "Ủng hộ"} ({item.supportsCount})
      </Button>
      {!signedIn ? (
        // Nobody is asked to confirm something they cannot do yet: say how first.
        <Button size="small" variant="tertiary" data-testid="flag-button" onClick={() => notify.info("Bạn cần đăng nhập (tab Cá nhân) để báo cáo vi phạm.")}>
          Báo cáo vi phạm
        </Button>
      ) : (
        <ConfirmButton
          label={item.flagged ? "Đã báo cáo" : "Báo cáo vi phạm"}
          disabled={item.flagged}
          title="Báo cáo vi phạm"
          message="Bạn cho rằng góp ý này có nội dung sai sự thật, xúc phạm hoặc vi phạm pháp luật? Cán bộ phường sẽ xem xét."
          confirmLabel="Báo cáo"
          testId="flag-button"
          onConfirm={async () => {
            try {
              await flagItem(item.id);
              onChange({ flagged: true });
              notify.success("Đã gửi báo cáo vi phạm. Cảm ơn bạn.");
            } catch (err) {
              const e = toApiError(err);
              if (e.code === "ALREADY_FLAGGED") onChange({ flagged: true });
              notify.error(e.message);
            }
          }}
        />
      )}
    </div>
  );
}

export function PublicCard({ item, onChange }: { item: PublicFeedback; onChange: (patch: Partial<PublicFeedback>) => void }) {
  const answer = item.answers[item.answers.length - 1];
  return (
    <article className="card fb-card" data-testid="public-item">
      <div className="fb-card__head">
        <span className="pill pill--muted">{item.category.name}</span>
        <Link to={`/feedback/${item.id}`} className="fb-code">
          {item.code}
        </Link>
      </div>
      <PlainText text={item.content} />
      <div className="fb-meta">
        <span data-testid="public-sender">{item.senderName ?? "Người gửi ẩn danh"}</span>
        {item.place && <span>· {item.place.name}</span>}
        <span>· {formatDate(item.createdAt)}</span>
      </div>
      <PhotoGrid photos={item.photos} />
      {answer && <AnswerView answer={answer} />}
      <Reactions item={item} onChange={onChange} />
    </article>
  );
}

export function PublicList({ categories }: { categories: FeedbackCategory[] }) {
  const [categoryId, setCategoryId] = useState(0);
  const [q, setQ] = useState("");
  const [query, setQuery] = useState("");
  const list = usePaged((cursor) => fetchPublic({ cursor, categoryId, q: query }), [categoryId, query]);
  const sentinel = useSentinel(() => void list.more(), list.hasMore);

  return (
    <div data-testid="public-list">
      <form
        className="fb-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(q.trim());
        }}
      >
        <select className="native-select fb-input" aria-label="Lĩnh vực" value={categoryId} onChange={(e) => setCategoryId(Number(e.target.value))}>
          <option value={0}>Tất cả lĩnh vực</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <input className="fb-input" type="search" placeholder="Tìm kiếm…" value={q} onChange={(e) => setQ(e.target.value)} onBlur={() => setQuery(q.trim())} />
      </form>
      {!list.items && !list.error && <Skeleton rows={3} />}
      {!!list.error && !list.items && <ErrorState message={errorMessage(list.error)} onRetry={list.reload} />}
      {list.items?.length === 0 &&
        (query || categoryId ? (
          // A search or a filter that finds nothing says so: the list itself is not empty.
          <EmptyState title={query ? `Không tìm thấy góp ý công khai nào với “${query}”` : "Lĩnh vực này chưa có góp ý công khai nào"}>
            {query ? "Thử từ khóa khác (không cần gõ dấu), hoặc chọn “Tất cả lĩnh vực”." : "Chọn “Tất cả lĩnh vực” để xem mọi góp ý đã được trả lời."}
          </EmptyState>
        ) : (
          <EmptyState title="Chưa có góp ý công khai nào">Các góp ý đã được trả lời và cho phép công khai sẽ hiện ở đây.</EmptyState>
        ))}
      {list.items?.map((item) => (
        <PublicCard
          key={item.id}
          item={item}
          onChange={(patch) => list.setItems((all) => all?.map((x) => (x.id === item.id ? { ...x, ...patch } : x)) ?? null)}
        />
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
