import { useCallback, useEffect, useState, type ReactNode } from "react";
import { useParams } from "react-router-dom";
import { Button } from "zmp-ui";
import type { WardSummary } from "@contract/summary";
import { AppPage } from "../../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../../components/states";
import { useNotify } from "../../../components/use-notify";
import { ApiError, errorMessage } from "../../../lib/api-client";
import { DEFAULT_SIGNER_NAME, SIGNER_MAX, formatFigure } from "@contract/summary-labels";
import { formatDate, formatDateTime } from "../../../lib/dates";
import { useRole, useSession } from "../../../lib/session-store";
import { downloadExport, fetchSummary, type ExportKind } from "./api";
import { IndicatorBar, TaskBar } from "./bars";
import "./summary.css";

type Tab = "indicators" | "tasks" | "issues";

/** The ward summary of a period for staff and the Fatherland Front: figures, task status, issues, exports. */
export function SummaryPage() {
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
        <Summary periodId={id} />
      )}
    </AppPage>
  );
}

function Summary({ periodId }: { periodId: number }) {
  const [data, setData] = useState<WardSummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tab, setTab] = useState<Tab>("indicators");

  const load = useCallback(() => {
    setError(null);
    fetchSummary(periodId)
      .then(setData)
      .catch((e) => setError(e));
  }, [periodId]);
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

  const c = data.completeness;
  const rate = c.expected ? (c.submitted / c.expected) * 100 : 0;
  const onTrack = data.indicators.filter((i) => i.onTrack === "on_track").length;
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
          Đúng hạn {c.onTime} · muộn {c.late} · bị trả lại {c.returned} · đang nhập {c.draft} · chưa nộp {c.missing}. Số liệu chỉ tính báo cáo đã nộp
          và đã duyệt; tỷ lệ % của phường = tổng tử số / tổng mẫu số.
        </p>
        {c.submitted === 0 && (
          <p className="sum-empty" data-testid="summary-no-reports">
            Chưa có đơn vị nào nộp báo cáo trong kỳ này: số liệu toàn phường sẽ hiện khi các đơn vị nộp. Tệp tải về lúc này chỉ có danh sách chỉ
            tiêu, nhiệm vụ và các đơn vị chưa nộp.
          </p>
        )}
        <Downloads periodId={periodId} />
      </section>

      <div className="sum-tabs" role="tablist">
        <TabButton current={tab} value="indicators" onSelect={setTab}>
          Chỉ tiêu ({onTrack}/{data.indicators.length} đạt)
        </TabButton>
        <TabButton current={tab} value="tasks" onSelect={setTab}>
          Nhiệm vụ
        </TabButton>
        <TabButton current={tab} value="issues" onSelect={setTab}>
          Khó khăn, đề xuất ({data.issues.length})
        </TabButton>
      </div>

      {tab === "indicators" && (
        <ul className="plain-list" data-testid="indicator-list">
          {data.indicators.map((i) => (
            <IndicatorBar key={i.id} item={i} />
          ))}
        </ul>
      )}
      {tab === "tasks" && (
        <ul className="plain-list" data-testid="task-list">
          {data.tasks.map((t) => (
            <TaskBar key={t.id} item={t} />
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

/** The two exports, fetched with the token; one at a time, with progress and errors in the snackbar. */
function Downloads({ periodId }: { periodId: number }) {
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [signer, setSigner] = useState("");
  const notify = useNotify();
  const signerTrim = signer.trim();
  const signerError = signerTrim.length === 1 ? "Tên người ký cần ít nhất 2 ký tự." : null;
  const run = async (kind: ExportKind) => {
    if (kind === "docx" && signerError) return;
    setBusy(kind);
    try {
      const name = await downloadExport(periodId, kind, kind === "docx" && signerTrim ? { signer: signerTrim } : {});
      notify.success(`Đã tải về: ${name}`);
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(null);
    }
  };
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
      <div className="sum-downloads">
        {(["xlsx", "docx"] as const).map((kind) => (
          <Button
            key={kind}
            size="medium"
            variant={kind === "docx" ? "primary" : "secondary"}
            disabled={busy !== null || (kind === "docx" && signerError !== null)}
            loading={busy === kind}
            onClick={() => void run(kind)}
            data-testid={`download-${kind}`}
          >
            {busy === kind ? LABELS[kind].busy : LABELS[kind].idle}
          </Button>
        ))}
      </div>
    </>
  );
}
