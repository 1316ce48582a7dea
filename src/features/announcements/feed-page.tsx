import { useEffect, useRef, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import type { AnnouncementCategory, AnnouncementItem } from "@contract/announcements";
import type { Me } from "@contract/identity";
import { STATUS_LABELS } from "@contract/announcements-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { apiUrl, errorMessage } from "../../lib/api-client";
import { formatDate } from "../../lib/dates";
import { useSession } from "../../lib/session-store";
import { fetchCategories } from "./api";
import { useFeed } from "./store";
import { composes, SenderPill } from "./sender";
import "./announcements.css";

const CATEGORY_CACHE = "tns.announcements.categories.v1";

function useCategories(): AnnouncementCategory[] {
  const [cats, setCats] = useState<AnnouncementCategory[]>(() => {
    try {
      return JSON.parse(localStorage.getItem(CATEGORY_CACHE) ?? "[]") as AnnouncementCategory[];
    } catch {
      return [];
    }
  });
  useEffect(() => {
    fetchCategories()
      .then((c) => {
        setCats(c);
        try {
          localStorage.setItem(CATEGORY_CACHE, JSON.stringify(c));
        } catch {
          /* ignore */
        }
      })
      .catch(() => {});
  }, []);
  return cats;
}

function FeedItem({ item, showUnread, staff, me }: { item: AnnouncementItem; showUnread: boolean; staff: boolean; me: Me | null }) {
  const date = item.publishedAt ?? item.publishAt;
  return (
    <li>
      <Link to={`/announcements/${item.id}`} className={`ann-item${item.pinned ? " ann-item--pinned" : ""}`} data-testid="ann-item" data-id={item.id}>
        {item.coverUrl && <img className="ann-item__cover" src={apiUrl(item.coverUrl)} alt="" loading="lazy" />}
        <div className="ann-item__body">
          <div className="ann-item__tags">
            {showUnread && !item.read && item.status === "published" && <span className="ann-dot" data-testid="ann-unread" aria-label="Chưa đọc" />}
            {item.pinned && <span className="pill pill--warn">Ghim</span>}
            <SenderPill sender={item.sender} me={me} />
            <span className="pill">{item.category.name}</span>
            {staff && item.status !== "published" && <span className="pill pill--muted">{STATUS_LABELS[item.status]}</span>}
            {item.status === "published" && item.expiresAt && Date.parse(item.expiresAt) <= Date.now() && (
              <span className="pill pill--muted" data-testid="ann-expired">
                Đã hết hạn
              </span>
            )}
            {item.requiresAck && <span className="pill pill--bad">Cần xác nhận</span>}
          </div>
          <span className={`ann-item__title${showUnread && !item.read ? " ann-item__title--unread" : ""}`}>{item.title}</span>
          {item.excerpt && <span className="ann-item__excerpt">{item.excerpt}</span>}
          <span className="ann-item__meta">
            {item.status === "draft" || !date ? "Chưa đăng" : item.status === "scheduled" ? `Hẹn đăng ${formatDate(date)}` : formatDate(date)}
            {item.attachmentCount > 0 && ` · ${item.attachmentCount} tệp đính kèm`}
            {item.edited && " · đã chỉnh sửa"}
          </span>
        </div>
      </Link>
    </li>
  );
}

/** The feed: pinned first, category chips, search, infinite scroll, saved copy when offline. */
export function FeedPage() {
  const navigate = useNavigate();
  const sessionStatus = useSession((s) => s.status);
  const me = useSession((s) => s.me);
  // a ward's staff and city staff write notices (each their own level's) and see drafts
  const staff = composes(me);
  const { items, status, error, offline, loadingMore, nextCursor, filters, setFilters, load, loadMore, setViewer } = useFeed();
  const categories = useCategories();
  const [q, setQ] = useState(filters.q);
  const sentinel = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    if (sessionStatus === "loading") return;
    setViewer(me ? String(me.id) : "anon");
    void load();
  }, [sessionStatus, me?.id, setViewer, load]);

  // Search as the user types (debounced).
  useEffect(() => {
    if (q === filters.q) return;
    const t = window.setTimeout(() => setFilters({ q }), 350);
    return () => window.clearTimeout(t);
  }, [q, filters.q, setFilters]);

  // Infinite scroll: load the next page when the end of the list comes into view.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !nextCursor || typeof IntersectionObserver === "undefined") return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void loadMore();
    }, { rootMargin: "300px" });
    io.observe(el);
    return () => io.disconnect();
  }, [nextCursor, loadMore, items.length]);

  const searching = !!filters.q.trim() || filters.category !== null || !!filters.unpublished || !!filters.cityOnly;

  return (
    <AppPage
      title="Thông báo"
      testId="ann-feed"
      actions={
        staff ? (
          <button type="button" className="ann-compose-btn" data-testid="ann-compose" onClick={() => navigate("/announcements/new")}>
            + Soạn
          </button>
        ) : undefined
      }
    >
      <input
        className="native-input ann-search"
        type="search"
        inputMode="search"
        placeholder="Tìm thông báo (có dấu hoặc không dấu)"
        aria-label="Tìm thông báo"
        data-testid="ann-search"
        value={q}
        maxLength={100}
        onChange={(e) => setQ(e.target.value)}
      />
      <div className="ann-chips" role="tablist" aria-label="Chuyên mục">
        <button
          type="button"
          role="tab"
          aria-selected={filters.category === null && !filters.unpublished && !filters.cityOnly}
          className={`ann-chip${filters.category === null && !filters.unpublished && !filters.cityOnly ? " ann-chip--on" : ""}`}
          onClick={() => setFilters({ category: null, unpublished: false, cityOnly: false })}
        >
          Tất cả
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={!!filters.cityOnly}
          className={`ann-chip${filters.cityOnly ? " ann-chip--on" : ""}`}
          onClick={() => setFilters({ cityOnly: !filters.cityOnly })}
          data-testid="ann-chip-city"
        >
          {me?.role === "city_staff" ? "Của thành phố" : "Từ thành phố"}
        </button>
        {staff && (
          <button
            type="button"
            role="tab"
            aria-selected={!!filters.unpublished}
            className={`ann-chip${filters.unpublished ? " ann-chip--on" : ""}`}
            onClick={() => setFilters({ unpublished: !filters.unpublished })}
            data-testid="ann-chip-unpublished"
          >
            Nháp & hẹn giờ
          </button>
        )}
        {categories.map((c) => (
          <button
            key={c.id}
            type="button"
            role="tab"
            aria-selected={filters.category === c.id}
            className={`ann-chip${filters.category === c.id ? " ann-chip--on" : ""}`}
            onClick={() => setFilters({ category: c.id })}
          >
            {c.name}
          </button>
        ))}
      </div>

      {offline && status === "ready" && (
        <div className="ann-offline" role="status" data-testid="ann-offline">
          {searching
            ? "Bạn đang ngoại tuyến — đang tìm trong bản tin đã lưu gần nhất."
            : "Bạn đang ngoại tuyến — đang hiển thị bản tin đã lưu gần nhất."}
        </div>
      )}

      {status === "loading" && <Skeleton rows={4} />}
      {status === "error" && (
        <ErrorState message={offline ? "Bạn đang ngoại tuyến và chưa có bản tin nào được lưu trên máy." : errorMessage(error)} onRetry={() => void load()} />
      )}
      {status === "ready" && items.length === 0 && (
        <EmptyState
          title={
            filters.unpublished && !filters.q.trim() && filters.category === null
              ? "Không có bản nháp hay thông báo hẹn giờ nào"
              : searching
                ? "Không tìm thấy thông báo phù hợp"
                : "Chưa có thông báo nào"
          }
        >
          {searching ? "Thử từ khóa khác hoặc chọn “Tất cả”." : null}
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="plain-list" data-testid="ann-list">
          {items.map((i) => (
            <FeedItem key={i.id} item={i} showUnread={!!me} staff={staff} me={me} />
          ))}
        </ul>
      )}
      {status === "ready" && error !== null && !offline && (
        <p className="field-error" role="alert" data-testid="ann-more-error">
          {errorMessage(error)}
        </p>
      )}
      {nextCursor && status === "ready" && (
        <div ref={sentinel} className="ann-more">
          {loadingMore ? (
            <span className="muted" data-testid="ann-loading-more">
              Đang tải thêm…
            </span>
          ) : (
            <Button size="small" variant="tertiary" onClick={() => void loadMore()}>
              Xem thêm
            </Button>
          )}
        </div>
      )}
    </AppPage>
  );
}
