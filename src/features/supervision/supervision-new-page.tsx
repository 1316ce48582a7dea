import { DateInput } from "../../components/date-input";
import { useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import { AppPage } from "../../components/app-page";
import { UnitChecklist } from "../../components/unit-checklist";
import { ErrorState, Skeleton } from "../../components/states";
import { errorMessage, toApiError } from "../../lib/api-client";
import { instantFromInput, vnDateKey } from "../../lib/dates";
import { useLoad } from "../../lib/use-load";
import { supervisionApi } from "./api";

interface RecDraft {
  text: string;
  unitId: number;
  due: string;
}
interface Draft {
  heldOn: string;
  title: string;
  unitIds: number[];
  findings: string;
  recs: RecDraft[];
}
const KEY = "tns.supervision-draft";

function readDraft(): Draft {
  try {
    const d = JSON.parse(localStorage.getItem(KEY) ?? "") as Draft;
    if (Array.isArray(d.recs)) return d;
  } catch {
    /* no draft */
  }
  return { heldOn: vnDateKey(new Date()), title: "", unitIds: [], findings: "", recs: [{ text: "", unitId: 0, due: "" }] };
}

/** The Front's observer records a supervision: its only write in the app. Kept as a draft on the phone. */
export function SupervisionNewPage() {
  const navigate = useNavigate();
  const units = useLoad(() => supervisionApi.units(), []);
  const [draft, setDraft] = useState<Draft>(readDraft);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    try {
      localStorage.setItem(KEY, JSON.stringify(draft));
    } catch {
      /* the form still holds it */
    }
  }, [draft]);
  const update = (p: Partial<Draft>) => setDraft((d) => ({ ...d, ...p }));
  const setRec = (i: number, p: Partial<RecDraft>) => setDraft((d) => ({ ...d, recs: d.recs.map((r, k) => (k === i ? { ...r, ...p } : r)) }));

  async function submit() {
    const heldOn = instantFromInput(draft.heldOn, "08:00");
    if (!heldOn) return setError("Vui lòng chọn ngày giám sát.");
    if (draft.recs.some((r) => !r.unitId || !instantFromInput(r.due))) return setError("Mỗi kiến nghị cần chọn đơn vị trả lời và hạn trả lời.");
    setBusy(true);
    setError(null);
    try {
      const s = await supervisionApi.create({
        heldOn,
        title: draft.title,
        unitIds: draft.unitIds,
        findings: draft.findings,
        recommendations: draft.recs.map((r) => ({ text: r.text, unitId: r.unitId, dueAt: instantFromInput(r.due)! })),
      });
      localStorage.removeItem(KEY);
      navigate(`/supervisions/${s.id}`, { replace: true });
    } catch (err) {
      const e = toApiError(err);
      const details = Array.isArray(e.details) ? (e.details as { message?: string }[]).map((d) => d.message).filter(Boolean) : [];
      setError([e.message, ...details].join(" "));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AppPage title="Ghi nhận giám sát" back testId="supervision-new-page">
      {!!units.error && <ErrorState message={errorMessage(units.error)} onRetry={units.reload} />}
      {!units.data && !units.error && <Skeleton rows={2} />}
      {units.data && (
        <form
          className="card stack"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label className="field-label" htmlFor="sv-date">
            Ngày giám sát
          </label>
          <DateInput id="sv-date" value={draft.heldOn} onChange={(heldOn) => update({ heldOn })} testId="sv-date" />
          <label className="field-label" htmlFor="sv-title">
            Tên cuộc giám sát
          </label>
          <input id="sv-title" className="native-input" value={draft.title} onChange={(e) => update({ title: e.target.value })} data-testid="sv-title" />
          <div className="field-label">Đơn vị được giám sát</div>
          <UnitChecklist units={units.data.filter((u) => u.kind !== "front")} chosen={draft.unitIds} onChange={(unitIds) => update({ unitIds })} testId="sv-units" />
          <label className="field-label" htmlFor="sv-findings">
            Kết quả giám sát
          </label>
          <textarea id="sv-findings" className="native-textarea" value={draft.findings} onChange={(e) => update({ findings: e.target.value })} data-testid="sv-findings" />
          {draft.recs.map((r, i) => (
            <fieldset key={i} className="stack" style={{ border: "1px solid var(--line)", borderRadius: 10, padding: 10 }} data-testid={`sv-rec-${i}`}>
              <legend className="field-label">Kiến nghị {i + 1}</legend>
              <textarea className="native-textarea" aria-label={`Nội dung kiến nghị ${i + 1}`} value={r.text} onChange={(e) => setRec(i, { text: e.target.value })} data-testid="sv-rec-text" />
              <select className="native-select" aria-label="Đơn vị trả lời" value={r.unitId} onChange={(e) => setRec(i, { unitId: Number(e.target.value) })} data-testid="sv-rec-unit">
                <option value={0}>— Gửi đơn vị —</option>
                {units.data!
                  .filter((u) => u.kind !== "front")
                  .map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.kind === "ward" ? "UBND phường (cán bộ phường trả lời)" : u.name}
                    </option>
                  ))}
              </select>
              <div className="field-label">
                Hạn trả lời
                <DateInput label="Hạn trả lời" value={r.due} onChange={(due) => setRec(i, { due })} testId="sv-rec-due" />
              </div>
              {draft.recs.length > 1 && (
                <button type="button" className="link-button" onClick={() => update({ recs: draft.recs.filter((_, k) => k !== i) })}>
                  Bỏ kiến nghị này
                </button>
              )}
            </fieldset>
          ))}
          <Button size="small" variant="secondary" onClick={() => update({ recs: [...draft.recs, { text: "", unitId: 0, due: "" }] })} data-testid="sv-add-rec">
            + Thêm kiến nghị
          </Button>
          {error && (
            <div className="banner banner--bad" role="alert" data-testid="sv-error">
              {error}
            </div>
          )}
          <Button htmlType="submit" fullWidth loading={busy} data-testid="sv-submit">
            Ghi nhận và gửi kiến nghị
          </Button>
          <p className="muted">Nội dung đang soạn được lưu trên máy này cho đến khi gửi xong.</p>
        </form>
      )}
    </AppPage>
  );
}
