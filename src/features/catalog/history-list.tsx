import type { CatalogChange } from "@contract/catalog";
import { formatDateTime } from "../../lib/dates";

/** Who changed what in a catalog item, newest first (the audit trail). */
export function HistoryList({ items }: { items: CatalogChange[] | null }) {
  return (
    <section className="card" data-testid="catalog-history">
      <h3>Lịch sử thay đổi</h3>
      {items === null ? (
        <p className="muted">Đang tải…</p>
      ) : items.length === 0 ? (
        <p className="muted">Chưa có thay đổi nào từ khi khởi tạo theo kế hoạch.</p>
      ) : (
        <ul className="plain-list cat-history">
          {items.map((c) => (
            <li key={c.id}>
              <div className="muted">
                {formatDateTime(c.at)} · {c.userName ?? "Hệ thống"}
              </div>
              <div>
                <b>{c.label}</b>: {c.oldValue ?? "(trống)"} → {c.newValue ?? "(trống)"}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
