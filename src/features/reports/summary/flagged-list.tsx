import type { FlaggedValue } from "@contract/summary";
import { formatFigure } from "@contract/summary-labels";

/** Values saved far from the unit's figure of last year, each with the unit's explanation. */
export function FlaggedList({ items, total }: { items: FlaggedValue[]; total: number }) {
  if (!items.length) return null;
  return (
    <section className="card" data-testid="flagged-list">
      <h3>Số liệu chênh lệch nhiều so với năm trước ({total})</h3>
      <ul className="plain-list">
        {items.map((f) => (
          <li key={`${f.indicatorId}:${f.unitId}`} className="sum-flag">
            <strong>
              {f.code} · {f.unitName}
            </strong>
            : {formatFigure(f.value, f.measure)} (năm trước {formatFigure(f.lastYear, f.measure)})
            <div className={f.comment ? "" : "muted"}>{f.comment ? `Giải thích: ${f.comment}` : "Đơn vị chưa giải thích."}</div>
          </li>
        ))}
      </ul>
      {total > items.length && <p className="muted">Và {total - items.length} số liệu khác, đánh dấu trong Phụ lục 01 của tệp Excel.</p>}
    </section>
  );
}
