import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { Button, Modal, Sheet } from "zmp-ui";
import type { ConflictItem, Evidence, Report, SubmitProblem } from "@contract/reports";
import { REPORT_STATUS_LABELS, REPORT_STATUS_TONE, TASK_STATUS_LABELS, SUBMISSION_TIMING_LABELS } from "@contract/reports-labels";
import { AppPage } from "../../components/app-page";
import { SendButton } from "../../components/send-button";
import { ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { apiUrl, toApiError } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { deadlineCountdown, formatDateTime } from "../../lib/dates";
import { openDocument, pickFiles } from "../../lib/zalo";
import { reportsApi } from "./api";
import { IndicatorField, NotesField, TaskField } from "./fields";
import { CommendationsEditor } from "./commendations-editor";
import { SyncBadge } from "./sync-badge";
import { SYNC_LABELS } from "./draft-sync";
import { useReportDraft } from "./use-report-draft";
import "./reports.css";

type Step = "indicators" | "tasks" | "notes" | "evidence";
const STEPS: { key: Step; label: string }[] = [
  { key: "indicators", label: "Phụ lục 01" },
  { key: "tasks", label: "Phụ lục 02" },
  { key: "notes", label: "Khó khăn, đề xuất" },
  { key: "evidence", label: "Minh chứng" },
];

const ASK_VHXH = "vui lòng liên hệ Phòng Văn hóa - Xã hội (UBND phường)";

/** Why the report cannot be changed, said plainly, with whom to ask when the period is the reason. */
function lockText(lock: Report["lock"]): string {
  switch (lock.reason) {
    case "PERIOD_CLOSED":
      return `Kỳ báo cáo đã đóng, không nhận thêm báo cáo. Cần mở lại, ${ASK_VHXH}.`;
    case "PERIOD_LOCKED":
      return lock.exceptionUntil && lock.exceptionUntil > lock.deadlineAt
        ? `Thời gian gia hạn đã hết lúc ${formatDateTime(lock.exceptionUntil)}, báo cáo bị khóa. Để được gia hạn thêm, ${ASK_VHXH}.`
        : `Kỳ báo cáo đã hết hạn nộp lúc ${formatDateTime(lock.deadlineAt)}, báo cáo bị khóa. Để được gia hạn, ${ASK_VHXH}.`;
    case "PERIOD_NOT_OPEN":
      return `Kỳ báo cáo chưa mở: nhận báo cáo từ ${formatDateTime(lock.acceptsFrom)}.`;
    case "REPORT_SUBMITTED":
      return "Báo cáo đã nộp, đang chờ phường xem xét.";
    case "REPORT_APPROVED":
      return "Báo cáo đã được duyệt.";
    default:
      return "";
  }
}

/** The part of the form a submit problem is in (commendation problems are under "Khó khăn, đề xuất"). */
const stepOf = (p: SubmitProblem | undefined): Step => (p?.itemKind === "task" ? "tasks" : p?.field.startsWith("commendation:") ? "notes" : "indicators");

const showValue = (v: unknown) => {
  if (v === null || v === undefined || v === "") return "(trống)";
  if (typeof v === "string" && v in TASK_STATUS_LABELS) return TASK_STATUS_LABELS[v as keyof typeof TASK_STATUS_LABELS];
  return String(v);
};

export function ReportFormPage() {
  const params = useParams();
  const periodId = Number(params.periodId);
  const unitId = Number(params.unitId);
  const me = useSession((s) => s.me);
  const notify = useNotify();
  const { draft, state, view, loading, loadError, reload } = useReportDraft(periodId, unitId);
  const [step, setStepState] = useState<Step>("indicators");
  /** Shows a part of the form from its top (or at one item), not where the previous part was scrolled. */
  const setStep = (next: Step, anchor?: string) => {
    setStepState(next);
    requestAnimationFrame(() => {
      const el = (anchor && document.getElementById(anchor)) || document.querySelector("[data-testid=report-form] .report-head");
      el?.scrollIntoView?.({ block: "start" });
    });
  };
  const [problems, setProblems] = useState<SubmitProblem[]>([]);
  const [confirmSubmit, setConfirmSubmit] = useState(false);
  const [justSubmitted, setJustSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);

  const isFocal = me?.role === "focal";
  const editable = Boolean(view && isFocal && !view.lock.locked);

  useEffect(() => {
    if (view?.status !== "draft" && view?.status !== "returned") setProblems([]);
  }, [view?.status]);

  if (loading) {
    return (
      <AppPage title="Báo cáo đơn vị" back>
        <Skeleton rows={4} />
      </AppPage>
    );
  }
  if (loadError || !view) {
    return (
      <AppPage title="Báo cáo đơn vị" back>
        <ErrorState message={toApiError(loadError).message} onRetry={() => void reload()} />
      </AppPage>
    );
  }

  const problemsOf = (kind: "indicator" | "task", id: number) => problems.filter((p) => p.itemKind === kind && p.itemId === id).map((p) => p.message);

  async function submit() {
    setConfirmSubmit(false);
    setBusy(true);
    try {
      await draft.flush();
      const form = await reportsApi.submit(periodId, unitId, draft.getState().baseVersion);
      draft.clearLocal(form);
      setProblems([]);
      setJustSubmitted(true);
      // The button is at the bottom of a long form: bring the outcome to the top of the screen.
      requestAnimationFrame(() => document.querySelector("[data-testid=submit-success]")?.scrollIntoView?.({ block: "center" }));
      notify.success("Đã nộp báo cáo. Cảm ơn đơn vị!");
    } catch (err) {
      const e = toApiError(err);
      if (e.code === "REPORT_INCOMPLETE" && Array.isArray(e.details)) {
        const list = e.details as SubmitProblem[];
        setProblems(list);
        const first = list[0];
        setStep(stepOf(first), first?.itemId ? `item-${first.itemKind}-${first.itemId}` : undefined);
        notify.error(e.message);
      } else {
        notify.error(e);
        // the report changed on the server (a new version, a lock): show its current state
        if (e.status === 409) await reload();
      }
    } finally {
      setBusy(false);
    }
  }

  async function takeServer() {
    const form = await reportsApi.get(periodId, unitId).catch(() => undefined);
    draft.resolveConflict("server", form);
  }

  return (
    <AppPage title={view.unitName} back testId="report-form">
      <ReportHeader report={view} syncState={isFocal ? state.sync : null} syncError={state.error} />
      {justSubmitted && view.status === "submitted" && (
        <div className="success-state" role="status" data-testid="submit-success">
          <b>Đã nộp báo cáo{view.submittedAt ? ` lúc ${formatDateTime(view.submittedAt)}` : ""}.</b> Cảm ơn đơn vị! Phường sẽ xem xét; kết quả (duyệt hoặc trả lại kèm lý do) sẽ đến Hộp thư của bạn.
        </div>
      )}
      {state.sync === "error" && state.error && (
        <div className="error-state" role="alert" data-testid="sync-error">
          <span>{state.error} Dữ liệu vẫn được giữ trên điện thoại.</span>
          {view.lock.locked && isFocal && (
            <Button size="small" variant="tertiary" onClick={() => draft.discardLocal()}>
              Bỏ thay đổi
            </Button>
          )}
        </div>
      )}

      <div className="steps-bar">
        <nav className="steps" aria-label="Các phần của báo cáo">
          {STEPS.map((s) => (
            <button key={s.key} type="button" className={`steps__item${step === s.key ? " steps__item--on" : ""}`} data-testid={`step-${s.key}`} onClick={() => setStep(s.key)}>
              {s.label}
            </button>
          ))}
        </nav>
        {/* the header scrolls away on a long appendix: an unsent draft stays visible here */}
        {isFocal && (state.sync === "offline" || state.sync === "error" || state.sync === "conflict") && (
          <div className={`sync-strip sync-strip--${state.sync}`} data-testid="sync-strip" role="status">
            {SYNC_LABELS[state.sync]}
          </div>
        )}
      </div>

      {step === "indicators" && (
        <section className="stack" aria-label="Phụ lục 01 - Chỉ tiêu">
          {view.indicators.length === 0 && <p className="muted">Đơn vị không phụ trách chỉ tiêu nào.</p>}
          {view.indicators.map((i) => (
            <IndicatorField key={i.indicatorId} item={i} readOnly={!editable} problems={problemsOf("indicator", i.indicatorId)} onChange={(e) => draft.setIndicator(i.indicatorId, e)} />
          ))}
        </section>
      )}
      {step === "tasks" && (
        <section className="stack" aria-label="Phụ lục 02 - Nhiệm vụ">
          {view.tasks.length === 0 && <p className="muted">Đơn vị không phụ trách nhiệm vụ nào.</p>}
          {view.tasks.map((t) => (
            <TaskField key={t.taskId} item={t} readOnly={!editable} problems={problemsOf("task", t.taskId)} onChange={(e) => draft.setTask(t.taskId, e)} />
          ))}
        </section>
      )}
      {step === "notes" && (
        <section className="card stack">
          <NotesField label="Khó khăn, vướng mắc" testId="difficulties" value={view.difficulties} disabled={!editable} onChange={(t) => draft.setText("difficulties", t)} />
          <NotesField label="Đề xuất, kiến nghị" testId="proposals" value={view.proposals} disabled={!editable} onChange={(t) => draft.setText("proposals", t)} />
        </section>
      )}
      {step === "notes" && (view.periodKind === "annual" || view.commendations.length > 0) && (
        <CommendationsEditor items={view.commendations} editable={editable} onChange={(list) => draft.setCommendations(list)} />
      )}
      {step === "evidence" && <EvidenceList items={view.evidence} editable={editable} onChange={(list) => draft.setEvidence(list)} />}

      <div className="row row--between step-nav">
        <Button
          size="small"
          variant="tertiary"
          disabled={step === STEPS[0].key}
          onClick={() => setStep(STEPS[Math.max(0, STEPS.findIndex((s) => s.key === step) - 1)].key)}
        >
          Phần trước
        </Button>
        <Button
          size="small"
          variant="secondary"
          data-testid="next-step"
          disabled={step === STEPS[STEPS.length - 1].key}
          onClick={() => setStep(STEPS[Math.min(STEPS.length - 1, STEPS.findIndex((s) => s.key === step) + 1)].key)}
        >
          Phần tiếp
        </Button>
      </div>

      {problems.length > 0 && (
        <div className="card problems" role="alert" data-testid="submit-problems">
          <h3>Cần hoàn thiện trước khi nộp ({problems.length})</h3>
          <ul>
            {problems.slice(0, 20).map((p) => (
              <li key={p.field + p.code}>
                <button type="button" className="link-button" onClick={() => setStep(stepOf(p), p.itemId ? `item-${p.itemKind}-${p.itemId}` : undefined)}>
                  {p.message}
                </button>
              </li>
            ))}
          </ul>
          {problems.length > 20 && <p className="muted">… và {problems.length - 20} mục khác (được đánh dấu đỏ trong từng phần).</p>}
        </div>
      )}

      {isFocal && (view.status === "draft" || view.status === "returned") && (
        <Button fullWidth data-testid="submit-report" disabled={!editable || busy} loading={busy} onClick={() => setConfirmSubmit(true)}>
          {view.status === "returned" ? "Nộp lại báo cáo" : "Nộp báo cáo"}
        </Button>
      )}

      <Link className="muted center-link" to={`/reports/${periodId}/units/${unitId}/audit`} data-testid="open-audit">
        Xem lịch sử thay đổi
      </Link>
      {/* last: its bar stays at the bottom of the screen, with room left for it under the report */}
      {me?.role === "staff" && <ReviewActions report={view} onChanged={(r) => draft.replaceForm(r)} />}

      <Modal visible={confirmSubmit} title="Nộp báo cáo?" onClose={() => setConfirmSubmit(false)}>
        <p>Sau khi nộp, đơn vị không sửa được báo cáo trừ khi phường trả lại. Bạn đã kiểm tra kỹ số liệu?</p>
        <div className="row row--between">
          <Button variant="tertiary" size="small" onClick={() => setConfirmSubmit(false)}>
            Kiểm tra lại
          </Button>
          <SendButton size="small" data-testid="confirm-submit" onSend={submit}>
            Nộp báo cáo
          </SendButton>
        </div>
      </Modal>

      <ConflictSheet
        changes={state.sync === "conflict" ? (state.conflict?.changes ?? null) : null}
        myId={me?.id ?? null}
        onKeepMine={() => draft.resolveConflict("mine")}
        onTakeServer={() => void takeServer()}
      />
    </AppPage>
  );
}

/**
 * A field changed here and elsewhere to different values (the rest merged by itself): says whether
 * "elsewhere" is the same person on another session or device, or someone else, and lets them choose.
 */
function ConflictSheet(props: { changes: ConflictItem[] | null; myId: number | null; onKeepMine(): void; onTakeServer(): void }) {
  const changes = props.changes ?? [];
  const byMe = (c: ConflictItem) => props.myId !== null && c.changedById === props.myId;
  const others = [...new Set(changes.filter((c) => !byMe(c)).map((c) => c.changedBy ?? "một người khác"))];
  const onlyMe = changes.length > 0 && others.length === 0;
  const title = onlyMe ? "Bạn vừa sửa báo cáo này ở một phiên hoặc thiết bị khác" : `Báo cáo vừa được ${others.join(", ") || "người khác"} cập nhật`;
  return (
    <Sheet visible={props.changes !== null} title={title} autoHeight onClose={() => undefined} mask handler={false}>
      <div className="sheet-body" data-testid="conflict-sheet" data-by={onlyMe ? "same-person" : "another-person"}>
        <p className="muted" data-testid="conflict-who">
          {onlyMe
            ? "Cùng một mục đã được bạn sửa khác nhau trên điện thoại này và ở nơi khác (một trình duyệt hay thiết bị khác). Chưa có gì bị ghi đè."
            : "Dữ liệu của bạn chưa bị ghi đè. Các mục cả hai bên cùng sửa (những mục chỉ một bên sửa đã được gộp tự động):"}
        </p>
        <ConflictTable changes={changes} byMe={byMe} />
        <div className="stack">
          <Button fullWidth data-testid="keep-mine" onClick={props.onKeepMine}>
            {onlyMe ? "Giữ bản trên điện thoại này" : "Giữ bản của tôi"}
          </Button>
          <Button fullWidth variant="secondary" data-testid="take-server" onClick={props.onTakeServer}>
            {onlyMe ? "Dùng bản đã lưu ở nơi khác" : "Dùng bản trên máy chủ"}
          </Button>
        </div>
      </div>
    </Sheet>
  );
}

function ConflictTable({ changes, byMe }: { changes: ConflictItem[]; byMe: (c: ConflictItem) => boolean }) {
  if (changes.length === 0) return <p className="muted">Trạng thái báo cáo đã thay đổi.</p>;
  return (
    <table className="data conflict-table">
      <thead>
        <tr>
          <th>Mục</th>
          <th>Trên máy chủ</th>
          <th>Của bạn</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field}>
            <td>
              {c.label}
              {byMe(c) ? <div className="muted">bởi bạn, ở phiên khác</div> : c.changedBy && <div className="muted">bởi {c.changedBy}</div>}
            </td>
            <td>{showValue(c.serverValue)}</td>
            <td>{showValue(c.yourValue)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReportHeader({ report, syncState, syncError }: { report: Report; syncState: import("./draft-sync").SyncState | null; syncError: string | null }) {
  // staff looking at a unit that has not opened its report yet: there is no draft (id 0)
  const status = report.id === 0 ? "missing" : report.status;
  const tone = REPORT_STATUS_TONE[status];
  return (
    <div className="card stack report-head">
      <div className="row row--between">
        <span className={`pill${tone ? ` pill--${tone}` : ""}`} data-testid="report-status">
          {REPORT_STATUS_LABELS[status]}
        </span>
        {syncState && <SyncBadge state={syncState} error={syncError} />}
      </div>
      <div className={`countdown${report.lock.locked && report.lock.reason === "PERIOD_LOCKED" ? " countdown--locked" : ""}`}>
        {report.lock.exceptionUntil
          ? `Được gia hạn đến ${formatDateTime(report.lock.exceptionUntil)}`
          : deadlineCountdown(report.lock.deadlineAt)}
      </div>
      {report.submittedAt && (
        <div className="muted">
          Nộp lúc {formatDateTime(report.submittedAt)} · {report.timing ? SUBMISSION_TIMING_LABELS[report.timing].toLocaleLowerCase("vi") : ""}
        </div>
      )}
      {report.status === "returned" && report.returnReason && (
        <div className="return-reason" role="alert" data-testid="return-reason">
          <b>Phường trả lại báo cáo:</b> {report.returnReason}
        </div>
      )}
      {report.lock.locked && report.lock.reason && (
        <div className={report.lock.reason.startsWith("PERIOD_") ? "lock-note" : "muted"} role={report.lock.reason.startsWith("PERIOD_") ? "alert" : undefined} data-testid="lock-reason">
          {lockText(report.lock)}
        </div>
      )}
    </div>
  );
}

function EvidenceList({ items, editable, onChange }: { items: Evidence[]; editable: boolean; onChange: (list: Evidence[]) => void }) {
  const notify = useNotify();
  const [uploading, setUploading] = useState(false);
  const [removing, setRemoving] = useState<Evidence | null>(null);
  const MAX_FILES = 30;
  async function add() {
    const files = await pickFiles({ accept: "image/*,.pdf,.doc,.docx,.xls,.xlsx", multiple: true });
    if (!files.length) return;
    const room = MAX_FILES - items.length;
    if (files.length > room) {
      // refuse out loud rather than keep only some of the chosen files
      notify.error(room <= 0 ? `Báo cáo đã có đủ ${MAX_FILES} tệp minh chứng.` : `Chỉ thêm được ${room} tệp nữa (tối đa ${MAX_FILES} tệp). Vui lòng chọn lại.`);
      return;
    }
    setUploading(true);
    const added: Evidence[] = [];
    const failed: string[] = [];
    for (const f of files) {
      try {
        const meta = await reportsApi.upload(f);
        added.push({ fileId: meta.id, name: meta.name, size: meta.size, mime: meta.mime, url: meta.url, itemKind: "report", itemId: null });
      } catch (err) {
        failed.push(`${f.name}: ${toApiError(err).message}`);
      }
    }
    // the files that did upload are kept even when another one failed
    if (added.length) onChange([...items, ...added]);
    if (failed.length) notify.error(`Chưa tải lên được ${failed.length} tệp. ${failed.join(" ")}`);
    setUploading(false);
  }
  return (
    <section className="card stack" data-testid="evidence">
      <h3>Minh chứng (ảnh, văn bản)</h3>
      {items.length === 0 && <p className="muted">Chưa có tệp minh chứng.</p>}
      <ul className="plain-list">
        {items.map((e) => (
          <li key={e.fileId} className="row row--between">
            <button type="button" className="link-button" onClick={() => void openDocument(apiUrl(e.url))}>
              {e.name}
            </button>
            <span className="muted">{Math.max(1, Math.round(e.size / 1024))} KB</span>
            {editable && (
              <button type="button" className="link-button link-button--bad" aria-label={`Bỏ ${e.name}`} data-testid="remove-evidence" onClick={() => setRemoving(e)}>
                Bỏ
              </button>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <Button size="small" variant="secondary" loading={uploading} data-testid="add-evidence" onClick={() => void add()}>
          Thêm tệp minh chứng
        </Button>
      )}
      {removing && (
        <Modal visible title="Bỏ tệp minh chứng?" onClose={() => setRemoving(null)}>
          <p>Tệp “{removing.name}” sẽ không còn gắn với báo cáo. Muốn dùng lại, bạn cần tải tệp lên lần nữa.</p>
          <div className="row row--between">
            <Button size="small" variant="tertiary" onClick={() => setRemoving(null)}>
              Giữ lại
            </Button>
            <Button
              size="small"
              data-testid="confirm-remove-evidence"
              onClick={() => {
                onChange(items.filter((x) => x.fileId !== removing.fileId));
                setRemoving(null);
              }}
            >
              Bỏ tệp
            </Button>
          </div>
        </Modal>
      )}
    </section>
  );
}

function ReviewActions({ report, onChanged }: { report: Report; onChanged: (r: Report) => void }) {
  const notify = useNotify();
  const [sheet, setSheet] = useState<"return" | "reopen" | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  async function run(fn: () => Promise<Report>, done: string) {
    setBusy(true);
    try {
      onChanged(await fn());
      notify.success(done);
      setSheet(null);
      setReason("");
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(false);
    }
  }
  const tooShort = reason.trim().length < 5;
  const actionable = report.status === "submitted" || report.status === "approved";
  // Stays at the bottom of the screen while staff read the report: no scrolling to the end to act.
  return (
    <>
      {actionable && <div className="review-bar-space" aria-hidden="true" />}
      <div className={`card stack${actionable ? " review-bar" : ""}`} data-testid="review-actions">
        <h3>Xem xét báo cáo</h3>
        {report.status === "submitted" && (
          <div className="row">
            <Button size="small" data-testid="approve" loading={busy} onClick={() => void run(() => reportsApi.approve(report.periodId, report.unitId), "Đã duyệt báo cáo.")}>
              Duyệt
            </Button>
            <Button size="small" variant="secondary" data-testid="return" onClick={() => setSheet("return")}>
              Trả lại
            </Button>
          </div>
        )}
        {report.status === "approved" && (
          <Button size="small" variant="secondary" data-testid="reopen" onClick={() => setSheet("reopen")}>
            Mở lại để đơn vị sửa
          </Button>
        )}
        {(report.status === "draft" || report.status === "returned") && <p className="muted">Đơn vị chưa nộp báo cáo.</p>}
      </div>
      {/* outside the bar: a sheet inside its stacking context would sit under the bottom tabs */}
      <Sheet visible={sheet !== null} title={sheet === "return" ? "Trả lại báo cáo" : "Mở lại báo cáo"} autoHeight onClose={() => setSheet(null)}>
        <div className="sheet-body">
          <label>
            <span className="field-label">{sheet === "return" ? "Lý do trả lại (bắt buộc, đơn vị sẽ thấy)" : "Lý do mở lại (không bắt buộc)"}</span>
            <textarea className="native-textarea" data-testid="review-reason" maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          {sheet === "return" && tooShort && reason.length > 0 && <p className="field-error">Vui lòng ghi rõ lý do (ít nhất 5 ký tự).</p>}
          <Button
            fullWidth
            data-testid="confirm-review"
            loading={busy}
            disabled={sheet === "return" && tooShort}
            onClick={() =>
              void run(
                () => (sheet === "return" ? reportsApi.returnReport(report.periodId, report.unitId, reason.trim()) : reportsApi.reopen(report.periodId, report.unitId, reason.trim() || undefined)),
                sheet === "return" ? "Đã trả lại báo cáo cho đơn vị." : "Đã mở lại báo cáo.",
              )
            }
          >
            {sheet === "return" ? "Trả lại báo cáo" : "Mở lại báo cáo"}
          </Button>
        </div>
      </Sheet>
    </>
  );
}
