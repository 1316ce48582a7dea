import { useState } from "react";
import { Link } from "react-router-dom";
import type { DifficultyKind, DifficultyState } from "@contract/difficulties";
import { DIFFICULTY_KIND_LABELS, DIFFICULTY_STATE_LABELS } from "@contract/difficulties-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { toApiError } from "../../lib/api-client";
import { formatDate } from "../../lib/dates";
import { useRole } from "../../lib/session-store";
import { useLoad } from "../../lib/use-load";
import { difficultiesApi } from "./api";
import { StatePill } from "./state-pill";

/** The register: every difficulty and proposal from the units' reports and what became of it. */
export function DifficultiesPage() {
  const role = useRole();
  const [kind, setKind] = useState<DifficultyKind | "">("");
  const [state, setState] = useState<DifficultyState | "">("");
  const [themeId, setThemeId] = useState(0);
  const themes = useLoad(() => difficultiesApi.themes(), []);
  const { data, error, reload } = useLoad(() => difficultiesApi.list({ kind: kind || undefined, state: state || undefined, themeId: themeId || undefined }), [kind, state, themeId]);
  return (
    <AppPage title="Khó khăn, đề xuất" back testId="difficulties-page">
      <p className="muted">
        {role === "focal"
          ? "Mỗi khó khăn, đề xuất đơn vị ghi trong báo cáo được phường theo dõi đến khi có kết quả."
          : "Mỗi dòng khó khăn, đề xuất trong báo cáo đã nộp là một mục: phân loại, gộp mục trùng, chuyển cấp có thẩm quyền và ghi kết quả."}
      </p>
      <div className="row">
        <select className="native-select" aria-label="Loại" value={kind} onChange={(e) => setKind(e.target.value as DifficultyKind | "")}>
          <option value="">Tất cả</option>
          {Object.entries(DIFFICULTY_KIND_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <select className="native-select" aria-label="Tình trạng" value={state} onChange={(e) => setState(e.target.value as DifficultyState | "")}>
          <option value="">Mọi tình trạng</option>
          {Object.entries(DIFFICULTY_STATE_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </div>
      {role !== "focal" && themes.data && (
        <select className="native-select" aria-label="Chủ đề" value={themeId} onChange={(e) => setThemeId(Number(e.target.value))}>
          <option value={0}>Mọi chủ đề</option>
          {themes.data.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      )}
      {!!error && <ErrorState message={toApiError(error).message} onRetry={reload} />}
      {!data && !error && <Skeleton rows={3} />}
      {data && (
        <>
          <p className="muted" data-testid="difficulty-counts">
            Năm {data.year}: {data.counts.new} mới · {data.counts.forwarded} đã chuyển · {data.counts.resolved} đã giải quyết
          </p>
          {data.items.length === 0 ? (
            <EmptyState title="Chưa có mục nào">Khó khăn, đề xuất xuất hiện ở đây khi đơn vị nộp báo cáo.</EmptyState>
          ) : (
            <ul className="plain-list" data-testid="difficulty-list">
              {data.items.map((i) => (
                <li key={i.id}>
                  <Link to={`/difficulties/${i.id}`} className="list-link" data-testid="difficulty-item">
                    <span className="list-link__meta">
                      {DIFFICULTY_KIND_LABELS[i.kind]} · {i.unit.name}
                      {i.theme ? ` · ${i.theme.name}` : ""}
                      {i.mergedInto ? " · đã gộp" : i.mergedCount ? ` · gộp ${i.mergedCount} mục trùng` : ""}
                    </span>
                    <span className="list-link__title">{i.text}</span>
                    <span className="row">
                      <StatePill state={i.state} />
                      {i.resolvedAt && <span className="list-link__meta">{formatDate(i.resolvedAt)}</span>}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </AppPage>
  );
}
