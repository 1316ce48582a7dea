import { useState } from "react";
import { Button } from "zmp-ui";
import { ConfirmModal } from "../../components/confirm-modal";
import type { Commendation } from "@contract/commendations";
import { COMMENDATIONS_MAX_COUNT, COMMENDATION_FORMS } from "@contract/summary-labels";

const BLANK: Commendation = { kind: "person", name: "", position: "", achievement: "", form: "" };

/**
 * The optional commendation candidates of a unit's yearly report (the ward lists them in its report
 * in the usual table). A line without a name is kept as a draft and blocks the submit with a reason.
 */
export function CommendationsEditor(props: { items: Commendation[]; editable: boolean; onChange: (list: Commendation[]) => void }) {
  const { items, editable, onChange } = props;
  const [removing, setRemoving] = useState<number | null>(null);
  const set = (i: number, patch: Partial<Commendation>) => onChange(items.map((c, k) => (k === i ? { ...c, ...patch } : c)));
  return (
    <section className="card stack" data-testid="commendations">
      <h3>Đề nghị khen thưởng (không bắt buộc)</h3>
      <p className="muted">Tập thể, cá nhân có thành tích trong thực hiện Nghị quyết 83 mà đơn vị đề nghị phường khen thưởng.</p>
      {items.length === 0 && <p className="muted">Đơn vị chưa đề nghị khen thưởng.</p>}
      {items.map((c, i) => (
        <fieldset key={i} className="commendation" data-testid="commendation">
          <legend>Đề nghị thứ {i + 1}</legend>
          <div className="row" role="radiogroup" aria-label="Tập thể hay cá nhân">
            {(["person", "collective"] as const).map((k) => (
              <label key={k} className="row">
                <input type="radio" name={`commendation-kind-${i}`} checked={c.kind === k} disabled={!editable} onChange={() => set(i, { kind: k })} />
                {k === "person" ? "Cá nhân" : "Tập thể"}
              </label>
            ))}
          </div>
          <label>
            <span className="field-label">{c.kind === "person" ? "Họ và tên" : "Tên tập thể"}</span>
            <input className="native-input" data-testid="commendation-name" maxLength={200} value={c.name} disabled={!editable} onChange={(e) => set(i, { name: e.target.value })} />
          </label>
          {editable && !c.name.trim() && (c.achievement.trim() || c.position.trim()) && (
            <p className="field-error" data-testid="commendation-name-error">
              Cần ghi tên trước khi nộp báo cáo.
            </p>
          )}
          <label>
            <span className="field-label">Chức vụ – đơn vị</span>
            <input className="native-input" maxLength={300} value={c.position} disabled={!editable} onChange={(e) => set(i, { position: e.target.value })} />
          </label>
          <label>
            <span className="field-label">Thành tích</span>
            <textarea
              className="native-textarea"
              data-testid="commendation-achievement"
              maxLength={2000}
              value={c.achievement}
              disabled={!editable}
              onChange={(e) => set(i, { achievement: e.target.value })}
            />
          </label>
          <label>
            <span className="field-label">Hình thức đề nghị</span>
            <input className="native-input" list="commendation-forms" maxLength={200} value={c.form} disabled={!editable} onChange={(e) => set(i, { form: e.target.value })} />
          </label>
          {editable && (
            <button type="button" className="link-button link-button--bad" data-testid="remove-commendation" onClick={() => setRemoving(i)}>
              Bỏ đề nghị này
            </button>
          )}
        </fieldset>
      ))}
      <datalist id="commendation-forms">
        {COMMENDATION_FORMS.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      {editable && items.length < COMMENDATIONS_MAX_COUNT && (
        <Button size="small" variant="secondary" data-testid="add-commendation" onClick={() => onChange([...items, { ...BLANK }])}>
          Thêm đề nghị khen thưởng
        </Button>
      )}
      <ConfirmModal
        visible={removing !== null}
        title="Bỏ đề nghị khen thưởng?"
        description={removing === null ? "" : `Đề nghị “${items[removing]?.name.trim() || `thứ ${removing + 1}`}” sẽ bị bỏ khỏi báo cáo.`}
        confirmText="Bỏ đề nghị"
        cancelText="Giữ lại"
        confirmTestId="confirm-remove-commendation"
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          onChange(items.filter((_, k) => k !== removing));
          setRemoving(null);
        }}
      />
    </section>
  );
}
