import { DateInput } from "../../components/date-input";
import { isDayValue } from "../../lib/date-text";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { Button } from "zmp-ui";
import type { PlanReference } from "@contract/catalog";
import { AGGREGATION_RULE_LABELS, MEASURE_LABELS } from "@contract/catalog-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { errorMessage } from "../../lib/api-client";
import { formatDate } from "../../lib/dates";
import { useRole, useSession } from "../../lib/session-store";
import { catalogApi, refusalText } from "./api";
import { useLoad } from "../../lib/use-load";
import { NewIndicator } from "./new-indicator";
import "./catalog.css";

type Tab = "indicators" | "tasks";

/**
 * Who edits what in the catalog: the definitions (names, measures, 2030 targets, timings) are the
 * city's, edited by city staff; a ward's settings (its units, rules, milestones, its plan's number) are
 * the ward's, edited by its staff. The Fatherland Front reads. City staff see the city's view (no ward's settings).
 */
export interface CatalogLevels {
  definitions: boolean;
  settings: boolean;
  /** the city's view: definitions only */
  cityView: boolean;
}

/** Gates the catalog screens: ward staff and city staff edit their level, the Fatherland Front reads. */
export function CatalogGate({ title, children }: { title: string; children: (levels: CatalogLevels) => JSX.Element }) {
  const role = useRole();
  const status = useSession((s) => s.status);
  return (
    <AppPage title={title} back testId="catalog-page">
      {status === "loading" ? (
        <Skeleton rows={3} />
      ) : role !== "staff" && role !== "observer" && role !== "city_staff" ? (
        <EmptyState title="Bạn không có quyền xem trang này">Danh mục kế hoạch dành cho cán bộ phường, Ủy ban MTTQ phường và cán bộ thành phố.</EmptyState>
      ) : (
        children({ definitions: role === "city_staff", settings: role === "staff", cityView: role === "city_staff" })
      )}
    </AppPage>
  );
}

/** Says which level edits what, so nobody looks for a field they cannot change. */
export function LevelsNote({ levels }: { levels: CatalogLevels }) {
  return (
    <p className="muted" data-testid="catalog-levels">
      {levels.cityView
        ? "Danh mục chung của thành phố: cán bộ Sở Nội vụ sửa tên, cách đo, mục tiêu 2030; mỗi phường, xã chọn đơn vị báo cáo, cách tổng hợp và lộ trình từng năm của mình."
        : "Tên, cách đo, mục tiêu 2030 và thời gian thực hiện là danh mục chung do Sở Nội vụ thành phố quy định; phường chọn đơn vị báo cáo, cách tổng hợp và lộ trình từng năm."}
    </p>
  );
}

/** The plan catalog: the ward plan's reference, the indicators (Appendix I) and the tasks (Appendix II). */
export function CatalogPage() {
  return <CatalogGate title="Danh mục kế hoạch">{(levels) => <Catalog levels={levels} />}</CatalogGate>;
}

function Catalog({ levels }: { levels: CatalogLevels }) {
  const [tab, setTab] = useState<Tab>("indicators");
  const indicators = useLoad(catalogApi.indicators, []);
  const tasks = useLoad(catalogApi.tasks, []);
  const nextCode = `CT${String((indicators.data?.length ?? 0) + 1).padStart(2, "0")}`;
  return (
    <>
      <LevelsNote levels={levels} />
      {!levels.cityView && <PlanReferenceCard canWrite={levels.settings} />}
      <div className="sum-tabs" role="tablist">
        {(["indicators", "tasks"] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className={`sum-tab${tab === t ? " sum-tab--active" : ""}`} data-testid={`catalog-tab-${t}`} onClick={() => setTab(t)}>
            {t === "indicators" ? `Chỉ tiêu (${indicators.data?.length ?? "…"})` : `Nhiệm vụ (${tasks.data?.length ?? "…"})`}
          </button>
        ))}
      </div>
      {tab === "indicators" &&
        (indicators.error ? (
          <ErrorState message={errorMessage(indicators.error)} onRetry={indicators.reload} />
        ) : !indicators.data ? (
          <Skeleton rows={4} />
        ) : (
          <>
            {levels.definitions && <NewIndicator nextCode={nextCode} />}
            <ul className="plain-list" data-testid="catalog-indicators">
              {indicators.data.map((i) => (
                <li key={i.id}>
                  <Link className="cat-item" to={`/catalog/indicators/${i.id}`} data-testid="catalog-indicator" data-code={i.code}>
                    <div className="cat-item__head">
                      <span className="cat-item__code">{i.code}</span>
                      <span>{i.name}</span>
                    </div>
                    <div className="cat-item__meta">
                      {MEASURE_LABELS[i.measure]} · {i.unitLabel}
                      {!levels.cityView && ` · ${AGGREGATION_RULE_LABELS[i.aggregation.rule]}`}
                      {i.milestones.length ? ` · lộ trình ${i.milestones.length} năm` : ""}
                      {!i.active && " · ngừng theo dõi"}
                    </div>
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ))}
      {tab === "tasks" &&
        (tasks.error ? (
          <ErrorState message={errorMessage(tasks.error)} onRetry={tasks.reload} />
        ) : !tasks.data ? (
          <Skeleton rows={4} />
        ) : (
          <ul className="plain-list" data-testid="catalog-tasks">
            {tasks.data.map((t) => (
              <li key={t.id}>
                <Link className="cat-item" to={`/catalog/tasks/${t.id}`} data-testid="catalog-task" data-code={t.code}>
                  <div className="cat-item__head">
                    <span className="cat-item__code">{t.code}</span>
                    <span>{t.name}</span>
                  </div>
                  <div className="cat-item__meta">
                    {t.timing}
                    {!levels.cityView && ` · ${t.leadUnitIds.length} đơn vị chủ trì, ${t.partnerUnitIds.length} phối hợp`}
                  </div>
                </Link>
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}

/** The ward plan's number and date, entered once and cited in the opening of every report. */
function PlanReferenceCard({ canWrite }: { canWrite: boolean }) {
  const notify = useNotify();
  const ref = useLoad(catalogApi.planReference, []);
  const [number, setNumber] = useState("");
  const [date, setDate] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (ref.data) {
      setNumber(ref.data.number ?? "");
      setDate(ref.data.date ?? "");
    }
  }, [ref.data]);
  async function save() {
    setBusy(true);
    setError(null);
    try {
      const saved: PlanReference = await catalogApi.setPlanReference({ number: number.trim(), date });
      ref.setData(saved);
      notify.success("Đã lưu số, ngày Kế hoạch của phường.");
    } catch (e) {
      setError(refusalText(e));
    } finally {
      setBusy(false);
    }
  }
  const current = ref.data;
  return (
    <section className="card stack" data-testid="plan-reference">
      <h3>Kế hoạch triển khai của phường</h3>
      <p className="muted">
        {current?.number && current.date
          ? `Báo cáo trích dẫn: “Kế hoạch số ${current.number} ngày ${formatDate(`${current.date}T05:00:00Z`)}”.`
          : "Nhập một lần số và ngày ban hành Kế hoạch của UBND phường; báo cáo của phường trích dẫn ở đoạn mở đầu."}
      </p>
      {canWrite && current === undefined && !ref.error && (
        // the fields appear once the saved number and date are in: typed text is never overwritten by a late answer
        <p className="muted" data-testid="plan-loading">
          Đang tải…
        </p>
      )}
      {canWrite && ref.error !== null && current === undefined && (
        <p className="field-error" role="alert">
          Chưa tải được số, ngày Kế hoạch đã lưu.{" "}
          <Button size="small" variant="tertiary" onClick={ref.reload}>
            Thử lại
          </Button>
        </p>
      )}
      {canWrite && current !== undefined && (
        <>
          <div className="row">
            <label style={{ flex: 1 }}>
              <span className="field-label">Số kế hoạch</span>
              <input className="native-input" data-testid="plan-number" placeholder="15/KH-UBND" maxLength={40} value={number} onChange={(e) => setNumber(e.target.value)} />
            </label>
            <div style={{ flex: 1 }}>
              <span className="field-label">Ngày ban hành</span>
              <DateInput testId="plan-date" label="Ngày ban hành kế hoạch" value={date} onChange={setDate} />
            </div>
          </div>
          {error && (
            <p className="field-error" role="alert" data-testid="plan-error">
              {error}
            </p>
          )}
          <Button size="small" loading={busy} disabled={busy || !number.trim() || !isDayValue(date)} onClick={() => void save()} data-testid="plan-save">
            Lưu
          </Button>
        </>
      )}
    </section>
  );
}
