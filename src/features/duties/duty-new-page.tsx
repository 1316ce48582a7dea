import { DateInput } from "../../components/date-input";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import { AppPage } from "../../components/app-page";
import { UnitChecklist } from "../../components/unit-checklist";
import { ErrorState, Skeleton } from "../../components/states";
import { errorMessage, toApiError } from "../../lib/api-client";
import { instantFromInput, vnDateKey } from "../../lib/dates";
import { useLoad } from "../../lib/use-load";
import { dutiesApi } from "./api";

/** Staff give the units a duty with a deadline (optionally every year). */
export function DutyNewPage() {
  const navigate = useNavigate();
  const units = useLoad(() => dutiesApi.units(), []);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [starts, setStarts] = useState(() => vnDateKey(new Date()));
  const [due, setDue] = useState("");
  const [chosen, setChosen] = useState<number[]>([]);
  const [requiresDocument, setRequiresDocument] = useState(true);
  const [recursYearly, setRecursYearly] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    const startsAt = instantFromInput(starts, "00:00");
    const dueAt = instantFromInput(due);
    if (title.trim().length < 3) return setError("Vui lòng nhập tên nhiệm vụ (ít nhất 3 ký tự).");
    if (!startsAt || !dueAt) return setError("Vui lòng chọn ngày bắt đầu và hạn hoàn thành.");
    if (!chosen.length) return setError("Vui lòng chọn ít nhất một đơn vị phải thực hiện.");
    setBusy(true);
    setError(null);
    try {
      const d = await dutiesApi.create({ title, description, startsAt, dueAt, unitIds: chosen, requiresDocument, recursYearly });
      navigate(`/duties/${d.id}`, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AppPage title="Giao nhiệm vụ" back testId="duty-new-page">
      {!!units.error && <ErrorState message={toApiError(units.error).message} onRetry={units.reload} />}
      {!units.data && !units.error && <Skeleton rows={2} />}
      {units.data && (
        <form
          className="card stack"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label className="field-label" htmlFor="duty-title">
            Tên nhiệm vụ
          </label>
          <input id="duty-title" className="native-input" value={title} onChange={(e) => setTitle(e.target.value)} data-testid="duty-title-input" />
          <label className="field-label" htmlFor="duty-desc">
            Mô tả, yêu cầu nộp
          </label>
          <textarea id="duty-desc" className="native-textarea" value={description} onChange={(e) => setDescription(e.target.value)} />
          <label className="field-label" htmlFor="duty-start">
            Ngày bắt đầu
          </label>
          <DateInput id="duty-start" value={starts} onChange={setStarts} testId="duty-start" />
          <label className="field-label" htmlFor="duty-due">
            Hạn hoàn thành
          </label>
          <DateInput id="duty-due" value={due} onChange={setDue} testId="duty-due" />
          <div className="field-label">Đơn vị phải thực hiện ({chosen.length})</div>
          <UnitChecklist units={units.data} chosen={chosen} onChange={setChosen} />
          <label className="row">
            <input type="checkbox" checked={requiresDocument} onChange={(e) => setRequiresDocument(e.target.checked)} /> Phải đính kèm văn bản
          </label>
          <label className="row">
            <input type="checkbox" checked={recursYearly} onChange={(e) => setRecursYearly(e.target.checked)} /> Lặp lại hằng năm
          </label>
          {error && (
            <div className="banner banner--bad" role="alert" data-testid="duty-new-error">
              {error}
            </div>
          )}
          <Button htmlType="submit" fullWidth loading={busy} data-testid="duty-create">
            Giao nhiệm vụ
          </Button>
        </form>
      )}
    </AppPage>
  );
}
