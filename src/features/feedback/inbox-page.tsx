import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { Button } from "zmp-ui";
import type { FeedbackInbox, FeedbackStats, FeedbackStatus, FeedbackSummary } from "@contract/feedback";
import { FEEDBACK_STATUS_LABELS, FEEDBACK_STATUS_ORDER } from "@contract/feedback-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { errorMessage } from "../../lib/api-client";
import { formatDate } from "../../lib/dates";
import { useRole, useSession } from "../../lib/session-store";
import { DueDate, StatusPill } from "./components";
import { fetchInbox, fetchStats, type InboxFilters } from "./feedback-api";
import { usePaged, useSentinel } from "./use-paged";
import { useReference } from "./use-reference";
import "./feedback.css";

/** Staff, observer (read-only) and focal points (their unit's items): filters, search, due dates. */
export function InboxPage() {
  const role = useRole();
  const myUnit = useSession((s) => s.me?.unit ?? null);
  const { categories, units } = useReference();
  const [filters, setFilters] = useState<InboxFilters>({});
  const [q, setQ] = useState("");
  const [overdueCount, setOverdueCount] = useState<number | null>(null);
  const allowed = role === "staff" || role === "observer" || role === "focal";

  const list = usePaged<FeedbackSummary>(
    async (cursor) => {
      if (!allowed) return { items: [], nextCursor: null };
      const page: FeedbackInbox = await fetchInbox(filters, cursor);
      setOverdueCount(page.overdueCount);
      return page;
    },
    [JSON.stringify(filters), allowed],
  );
  const sentinel = useSentinel(() => void list.more(), list.hasMore);
  const set = (patch: InboxFilters) => setFilters((f) => ({ ...f, ...patch }));

  if (!allowed) {
    return (
      <AppPage title="Hộp thư góp ý" back>
        <EmptyState title="Bạn không có quyền xem hộp thư góp ý" />
      </AppPage>
    );
  }

  return (
    <AppPage
      title="Hộp thư góp ý"
      back
      testId="feedback-inbox"
      actions={
        role === "staff" ? (
          <Link to="/feedback/settings" className="fb-header-link" data-testid="open-settings">
            Thời hạn
          </Link>
        ) : undefined
      }
    >
      {role === "observer" && <div className="fb-banner fb-banner--ok">Chế độ giám sát: chỉ xem, không thay đổi.</div>}
      {role === "focal" && myUnit && <div className="fb-banner fb-banner--ok">Góp ý được giao cho {myUnit.name}.</div>}
      {(role === "staff" || role === "observer") && <StatsCard />}
      {!!overdueCount && (
        <button
          type="button"
          className="fb-banner fb-banner--bad fb-row-link"
          data-testid="overdue-banner"
          onClick={() => set({ overdue: !filters.overdue })}
        >
          {filters.overdue ? "Đang xem danh sách quá hạn · bấm để xem tất cả" : `Có ${overdueCount} góp ý quá hạn trả lời · bấm để xem`}
        </button>
      )}
      <form
        className="fb-filters"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: q.trim() || undefined });
        }}
      >
        <select
          className="native-select fb-input"
          aria-label="Trạng thái"
          data-testid="filter-status"
          value={filters.status ?? ""}
          onChange={(e) => set({ status: (e.target.value as FeedbackStatus) || undefined })}
        >
          <option value="">Mọi trạng thái</option>
          {FEEDBACK_STATUS_ORDER.map((s) => (
            <option key={s} value={s}>
              {FEEDBACK_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <select
          className="native-select fb-input"
          aria-label="Lĩnh vực"
          data-testid="filter-category"
          value={filters.categoryId ?? ""}
          onChange={(e) => set({ categoryId: Number(e.target.value) || undefined })}
        >
          <option value="">Mọi lĩnh vực</option>
          {(categories ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        {role !== "focal" && (
          <select
            className="native-select fb-input"
            aria-label="Đơn vị"
            data-testid="filter-unit"
            value={filters.unitId ?? ""}
            onChange={(e) => set({ unitId: Number(e.target.value) || undefined })}
          >
            <option value="">Mọi đơn vị</option>
            {units
              .filter((u) => u.kind !== "ward")
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.shortName}
                </option>
              ))}
          </select>
        )}
        <label className="fb-switch">
          <input type="checkbox" data-testid="filter-overdue" checked={!!filters.overdue} onChange={(e) => set({ overdue: e.target.checked || undefined })} />
          <span>Chỉ quá hạn</span>
        </label>
        <label className="fb-switch">
          <input type="checkbox" data-testid="filter-hidden" checked={!!filters.hidden} onChange={(e) => set({ hidden: e.target.checked || undefined })} />
          <span>Đang ẩn (chờ xem xét)</span>
        </label>
        <input
          className="fb-input fb-wide"
          type="search"
          data-testid="filter-q"
          placeholder="Tìm theo mã hoặc nội dung, rồi nhấn Enter"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onBlur={() => set({ q: q.trim() || undefined })}
        />
      </form>

      {!list.items && !list.error && <Skeleton rows={3} />}
      {!!list.error && !list.items && <ErrorState message={errorMessage(list.error)} onRetry={list.reload} />}
      {list.items?.length === 0 && <EmptyState title="Không có góp ý nào phù hợp" />}
      {list.items?.map((item) => (
        <Link key={item.id} to={`/feedback/${item.id}`} className="card fb-card fb-row-link" data-testid="inbox-item">
          <div className="fb-card__head">
            <span className="fb-code">{item.code}</span>
            <StatusPill status={item.status} />
          </div>
          <div className="fb-meta">
            <span>{item.category.name}</span>
            <span>· {formatDate(item.createdAt)}</span>
            {item.senderName && <span>· {item.senderName}</span>}
            {item.hidden && <span className="pill pill--bad">Đang ẩn</span>}
            {item.flagsCount > 0 && <span>· {item.flagsCount} báo cáo</span>}
          </div>
          <div className="fb-text">{item.content.length > 160 ? `${item.content.slice(0, 160)}…` : item.content}</div>
          <div className="fb-meta">
            {item.status === "received" || item.status === "in_progress" ? <DueDate dueAt={item.dueAt} overdue={item.overdue} /> : null}
            <span>{item.assignedUnit ? `Đơn vị: ${item.assignedUnit.name}` : "Chưa giao đơn vị"}</span>
          </div>
        </Link>
      ))}
      <div ref={sentinel} className="fb-sentinel" />
      {list.hasMore && (
        <Button size="small" variant="tertiary" fullWidth loading={list.loadingMore} onClick={() => void list.more()}>
          Xem thêm
        </Button>
      )}
    </AppPage>
  );
}

/** Received, answered, on time, overdue: the figures the ward report needs. */
function StatsCard() {
  const [stats, setStats] = useState<FeedbackStats | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    fetchStats().then(setStats, () => setFailed(true));
  }, []);
  if (failed) return null;
  if (!stats) return <Skeleton rows={1} />;
  const cells: [string, number | string][] = [
    ["Tiếp nhận", stats.received],
    ["Đã trả lời", stats.answered],
    ["Đúng hạn", stats.onTimeRate === null ? stats.answeredOnTime : `${stats.answeredOnTime} (${stats.onTimeRate.toLocaleString("vi-VN")}%)`],
    ["Quá hạn", stats.overdue],
  ];
  return (
    <section className="card" data-testid="feedback-stats">
      <div className="fb-section-title">Số liệu góp ý{stats.year ? ` năm ${stats.year}` : ""}</div>
      <div className="fb-stats">
        {cells.map(([label, value]) => (
          <div key={label} className={label === "Quá hạn" && stats.overdue > 0 ? "fb-stat fb-stat--bad" : "fb-stat"}>
            <strong>{value}</strong>
            <span>{label}</span>
          </div>
        ))}
      </div>
    </section>
  );
}
