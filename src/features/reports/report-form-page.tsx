import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { Button, Modal } from "zmp-ui";
import type { SubmitProblem } from "@contract/reports";
import { AppPage } from "../../components/app-page";
import { SendButton } from "../../components/send-button";
import { ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { toApiError } from "../../lib/api-client";
import { useSession } from "../../lib/session-store";
import { formatDateTime } from "../../lib/dates";
import { reportsApi } from "./api";
import { ConflictSheet } from "./conflict-sheet";
import { EvidenceList } from "./evidence-list";
import { ReportHeader } from "./report-header";
import { IndicatorsSection, NotesSection, TasksSection } from "./report-sections";
import { StepNav, StepsBar, stepOf, type Step } from "./report-steps";
import { ReviewActions } from "./review-actions";
import { useReportDraft } from "./use-report-draft";
import "./reports.css";

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

      <StepsBar step={step} sync={isFocal ? state.sync : null} onStep={setStep} />

      {step === "indicators" && <IndicatorsSection report={view} editable={editable} draft={draft} problems={problems} />}
      {step === "tasks" && <TasksSection report={view} editable={editable} draft={draft} problems={problems} />}
      {step === "notes" && <NotesSection report={view} editable={editable} draft={draft} />}
      {step === "evidence" && <EvidenceList items={view.evidence} editable={editable} onChange={(list) => draft.setEvidence(list)} />}

      <StepNav step={step} onStep={setStep} />

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
