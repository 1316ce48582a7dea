import { useState } from "react";
import { Button } from "zmp-ui";
import type { TaskResultsPage, TaskSummary, TaskUnitResult } from "@contract/summary";
import { errorMessage } from "../../../lib/api-client";

/** Loads a page of a task's results from `offset` (the summary screen binds the period and the counted reports). */
export type TaskResultsLoader = (taskId: number, offset: number) => Promise<TaskResultsPage>;

function ResultLine({ r }: { r: TaskUnitResult }) {
  return (
    <li>
      <strong>{r.unitName}</strong>
      {r.lead && <span className="muted"> (chủ trì)</span>}
      {r.progress !== null && <span className="muted"> · {r.progress}%</span>}: {r.result}
    </li>
  );
}

/**
 * The units' results of a task, fetched when opened: a city's summary would otherwise carry every
 * unit's text. Until the first page arrives the summary's excerpt shows; then page by page.
 */
export function TaskResults({ item, load }: { item: TaskSummary; load: TaskResultsLoader }) {
  const [items, setItems] = useState<TaskUnitResult[] | null>(null);
  const [total, setTotal] = useState(item.resultCount);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const more = async (offset: number) => {
    if (loading) return;
    setLoading(true);
    setError(null);
    try {
      const page = await load(item.id, offset);
      setItems((prev) => [...(offset ? (prev ?? []) : []), ...page.items]);
      setTotal(page.total);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };

  const shown = items ?? item.results;
  const rest = total - (items?.length ?? 0);
  return (
    <details
      className="sum-results"
      data-testid="task-results"
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open && items === null) void more(0);
      }}
    >
      <summary>Kết quả của các đơn vị ({total})</summary>
      <ul>
        {shown.map((r) => (
          <ResultLine key={r.unitId} r={r} />
        ))}
      </ul>
      {loading && <p className="muted" data-testid="task-results-loading">Đang tải kết quả của các đơn vị…</p>}
      {error && (
        <>
          <p className="field-error" role="alert">
            {error}
          </p>
          <Button size="small" variant="tertiary" onClick={() => void more(items?.length ?? 0)}>
            Thử lại
          </Button>
        </>
      )}
      {items !== null && rest > 0 && !loading && (
        <Button size="small" variant="tertiary" data-testid="task-results-more" onClick={() => void more(items.length)}>
          Xem thêm ({rest} đơn vị)
        </Button>
      )}
    </details>
  );
}
