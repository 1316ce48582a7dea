import { useCallback, useEffect, useState, type ReactNode } from "react";
import { Link, useParams } from "react-router-dom";
import type { Counted, WardSummary } from "@contract/summary";
import { AppPage } from "../../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../../components/states";
import { DownloadButtons } from "../../../components/download-buttons";
import { ApiError, errorMessage } from "../../../lib/api-client";
import { COUNTED_LABELS, DEFAULT_SIGNER_NAME, SIGNER_MAX, formatFigure } from "@contract/summary-labels";
import { formatDate, formatDateTime } from "../../../lib/dates";
import { useRole, useSession } from "../../../lib/session-store";
import { downloadExport, fetchSummary, fetchTaskResults, type ExportKind } from "./api";
import { IndicatorBar, TaskBar } from "./bars";
import { ReportingList } from "./reporting-list";
import { SectionsEditor } from "./sections-editor";
import { FlaggedList } from "./flagged-list";
import "./summary.css";

type Tab = "indicators" | "tasks" | "status" | "issues" | "sections";

/** Another feature's card under the summary's head (the report sent upward), composed by app.tsx. */
export type SummaryExtra = (props: { periodId: number; counted: Counted; period: WardSummary["period"] }) => ReactNode;

/** The ward summary of a period for staff and the Fatherland Front: figures, task status, issues, exports. */
export function SummaryPage({ extra }: { extra?: SummaryExtra }) {
  const { periodId } = useParams();
  const id = Number(periodId);
  const role = useRole();
  const status = useSession((s) => s.status);
  return (
    <AppPage title="Tổng hợp báo cáo" back testId="summary-page">
      {status === "loading" ? (
        <Skeleton rows={3} />
      ) : role !== "staff" && role !== "observer" ? (
        <EmptyState title="Bạn không có quyền xem trang này">Trang tổng hợp dành cho cán bộ phường và Ủy ban MTTQ phường.</EmptyState>
      ) : !Number.isInteger(id) || id <= 0 ? (
        <EmptyState title="Không tìm thấy kỳ báo cáo" />
      ) : (
        <Summary periodId={id} extra={extra} />
      )}
    </AppPage>
  );
}

function Summary({ periodId, extra }: { periodId: number; extra?: SummaryExtra }) {
  const [data, setData] = useState<WardSummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tab, setTab] = useState<Tab>("indicators");
  const [counted, setCounted] = useState<Counted>("submitted_and_approved");
  const canWrite = useRole() === "staff";

  const load = useCallback(() => {
    setError(null);
    fetchSummary(periodId, counted)
      .then(setData)
      .catch((e) => setError(e));
  }, [periodId, counted]);
  useEffect(load, [load]);

  if (error && !data) {
    // An unknown period will not appear on a retry: say so plainly instead of offering "Thử lại".
    if (error instanceof ApiError && error.status === 404)
      return (
        <div data-testid="summary-not-found">
          <EmptyState title="Không tìm thấy kỳ báo cáo">Kỳ báo cáo này không tồn tại hoặc đã bị xóa. Hãy chọn lại kỳ ở trang Báo cáo.</EmptyState>
        </div>
      );
    return <ErrorState message={errorMessage(error)} onRetry={load} />;
  }
  if (!data) return <Skeleton rows={4} />;

  const loadResults = (taskId: number, offset: number) => fetchTaskResults(periodId, taskId, data.counted, offset);
  const c = data.completeness;
  const rate = c.expected ? (c.submitted / c.expected) * 100 : 0;
  const onTrack = data.indicators.filter((i) => i.onTrack === "on_track").length;
  const plan = data.planReference;
  const stale = data.counted !== counted;
  return (
    <>
      <section className="card" data-testid="summary-head">
        <h3>{data.period.title}</h3>
        <p className="muted">
          Hạn nộp {formatDate(data.period.deadlineAt)} · tổng hợp lúc {formatDateTime(data.generatedAt)}
        </p>
        <div className="row row--between sum-rate">
          <span data-testid="summary-completeness">
            Đã nộp <strong>{c.submitted}/{c.expected}</strong> đơn vị · đã duyệt {c.approved}
          </span>
          <span className="muted" data-testid="summary-rate">
            {formatFigure(rate, "percent")}
          </span>
        </div>
        <div className="bar" aria-hidden="true">
          <div className="bar__fill bar__fill--ok" style={{ width: `${rate}%` }} />
        </div>
        <p className="muted sum-note">
          Đúng hạn {c.onTime} (gia hạn {c.extended}) · muộn {c.late} · bị trả lại {c.returned} · đang nhập {c.draft} · chưa nộp {c.missing}. Số liệu
          toàn phường của mỗi chỉ tiêu tính theo cách tổng hợp ghi dưới chỉ tiêu (cộng các đơn vị, số của đơn vị chủ trì hoặc số lớn nhất).
        </p>
        <div className="sum-switch" role="radiogroup" aria-label="Báo cáo được tính" data-testid="counted-switch">
          {(["submitted_and_approved", "approved_only"] as const).map((v) => (
            <button
              key={v}
              type="button"
              role="radio"
              aria-checked={counted === v}
              className={`sum-tab${counted === v ? " sum-tab--active" : ""}`}
              data-testid={`counted-${v}`}
              disabled={stale}
              onClick={() => setCounted(v)}
            >
              {COUNTED_LABELS[v]}
            </button>
          ))}
        </div>
        {c.counted < c.submitted && (
          <p className="muted sum-note" data-testid="summary-counted-note">
            Đang tính {c.counted}/{c.submitted} báo cáo đã nộp (chỉ báo cáo đã duyệt).
          </p>
        )}
        <p className={plan.number ? "muted sum-note" : "sum-warning"} data-testid="summary-plan">
          {plan.number && plan.date
            ? `Báo cáo trích dẫn Kế hoạch số ${plan.number} ngày ${formatDate(`${plan.date}T05:00:00Z`)} của phường.`
            : "Chưa nhập số, ngày Kế hoạch của phường: báo cáo Word sẽ ghi “Thực hiện Kế hoạch của Ủy ban nhân dân phường…”."}{" "}
          {canWrite && (
            <Link to="/catalog" data-testid="open-catalog">
              {plan.number ? "Danh mục, cách tính" : "Nhập ở Danh mục kế hoạch"}
            </Link>
          )}
        </p>
        {c.submitted === 0 && (
          <p className="sum-empty" data-testid="summary-no-reports">
            Chưa có đơn vị nào nộp báo cáo trong kỳ này: số liệu toàn phường sẽ hiện khi các đơn vị nộp. Tệp tải về lúc này chỉ có danh sách chỉ
            tiêu, nhiệm vụ và các đơn vị chưa nộp.
          </p>
        )}
        <Downloads periodId={periodId} counted={counted} />
      </section>

      {extra?.({ periodId, counted, period: data.period })}

      <div className="sum-tabs" role="tablist">
        <TabButton current={tab} value="indicators" onSelect={setTab}>
          Chỉ tiêu ({onTrack}/{data.indicators.length} đạt)
        </TabButton>
        <TabButton current={tab} value="tasks" onSelect={setTab}>
          Nhiệm vụ ({data.tasks.filter((t) => t.wardStatus === "done").length}/{data.tasks.length} xong)
        </TabButton>
        <TabButton current={tab} value="status" onSelect={setTab}>
          Tình hình báo cáo
        </TabButton>
        <TabButton current={tab} value="issues" onSelect={setTab}>
          Khó khăn, đề xuất ({data.issues.length})
        </TabButton>
        <TabButton current={tab} value="sections" onSelect={setTab}>
          Nội dung báo cáo
        </TabButton>
      </div>

      {tab === "indicators" && (
        <>
          <ul className="plain-list" data-testid="indicator-list">
            {data.indicators.map((i) => (
              <IndicatorBar key={i.id} item={i} year={data.period.year} />
            ))}
          </ul>
          <FlaggedList items={data.flagged} total={data.flaggedTotal} />
        </>
      )}
      {tab === "status" && <ReportingList rows={data.reporting} />}
      {tab === "sections" && (
        <SectionsEditor
          periodId={periodId}
          sections={data.sections}
          commendations={data.commendations}
          canWrite={canWrite}
          onSaved={(saved) => setData((d) => (d ? { ...d, sections: d.sections.map((x) => (x.key === saved.key ? saved : x)) } : d))}
        />
      )}
      {tab === "tasks" && (
        <ul className="plain-list" data-testid="task-list">
          {data.tasks.map((t) => (
            <TaskBar key={t.id} item={t} loadResults={loadResults} />
          ))}
        </ul>
      )}
      {tab === "issues" &&
        (data.issues.length === 0 ? (
          <EmptyState title="Chưa có khó khăn, đề xuất nào">Các báo cáo đã nộp chưa nêu khó khăn hoặc đề xuất.</EmptyState>
        ) : (
          <ul className="plain-list" data-testid="issue-list">
            {data.issues.map((u) => (
              <li key={u.unitId} className="card sum-issue">
                <h3>{u.unitName}</h3>
                {u.difficulties && (
                  <>
                    <div className="field-label">Khó khăn, vướng mắc</div>
                    <p className="sum-issue__text">{u.difficulties}</p>
                  </>
                )}
                {u.proposals && (
                  <>
                    <div className="field-label">Đề xuất, kiến nghị</div>
                    <p className="sum-issue__text">{u.proposals}</p>
                  </>
                )}
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}

function TabButton(props: { current: Tab; value: Tab; onSelect: (t: Tab) => void; children: ReactNode }) {
  const active = props.current === props.value;
  return (
    <button
      type="button"
      role="tab"
      aria-selected={active}
      className={`sum-tab${active ? " sum-tab--active" : ""}`}
      data-testid={`summary-tab-${props.value}`}
      onClick={() => props.onSelect(props.value)}
    >
      {props.children}
    </button>
  );
}

const LABELS: Record<ExportKind, { idle: string; busy: string }> = {
  xlsx: { idle: "Tải Excel", busy: "Đang tạo tệp Excel…" },
  docx: { idle: "Tải báo cáo Word", busy: "Đang tạo báo cáo…" },
};

/** The two exports, fetched with the token; one at a time, with their progress and errors on the screen. */
function Downloads({ periodId, counted }: { periodId: number; counted: Counted }) {
  const [signer, setSigner] = useState("");
  const signerTrim = signer.trim();
  const signerError = signerTrim.length === 1 ? "Tên người ký cần ít nhất 2 ký tự." : null;
  return (
    <>
      <label className="field-label" htmlFor="summary-signer">
        Người ký báo cáo Word
      </label>
      <input
        id="summary-signer"
        className="native-input"
        data-testid="summary-signer"
        value={signer}
        maxLength={SIGNER_MAX}
        placeholder={`Để trống: ${DEFAULT_SIGNER_NAME}`}
        onChange={(e) => setSigner(e.target.value)}
      />
      {signerError && (
        <p className="field-error" data-testid="summary-signer-error">
          {signerError}
        </p>
      )}
      <DownloadButtons
        className="sum-downloads"
        items={(["xlsx", "docx"] as const).map((kind) => ({
          testId: `download-${kind}`,
          label: LABELS[kind].idle,
          busyLabel: LABELS[kind].busy,
          variant: kind === "docx" ? "primary" : "secondary",
          disabled: kind === "docx" && signerError !== null,
          start: (onProgress) => downloadExport(periodId, kind, { counted, ...(kind === "docx" && signerTrim ? { signer: signerTrim } : {}) }, onProgress),
        }))}
      />
    </>
  );
}
