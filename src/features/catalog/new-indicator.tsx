import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import type { Measure } from "@contract/catalog";
import { catalogApi, refusalText } from "./api";
import { MeasureOptions } from "./editor-parts";

/**
 * City staff add an indicator to the city's list (e.g. to replace one whose measure cannot change), then
 * open it; each ward's staff then choose which of their units report it.
 */
export function NewIndicator({ nextCode }: { nextCode: string }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState(nextCode);
  const [name, setName] = useState("");
  const [measure, setMeasure] = useState<Measure>("percent");
  const [unitLabel, setUnitLabel] = useState("%");
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  if (!open) {
    return (
      <Button size="small" variant="secondary" onClick={() => setOpen(true)} data-testid="new-indicator">
        Thêm chỉ tiêu
      </Button>
    );
  }
  async function create() {
    setBusy(true);
    setRefusal(null);
    try {
      const made = await catalogApi.createIndicator({ code: code.trim(), name, measure, unitLabel });
      navigate(`/catalog/indicators/${made.id}`);
    } catch (e) {
      setRefusal(refusalText(e));
      setBusy(false);
    }
  }
  return (
    <section className="card stack" data-testid="new-indicator-form">
      <h3>Thêm chỉ tiêu</h3>
      <div className="row">
        <label style={{ flex: "0 0 90px" }}>
          <span className="field-label">Mã</span>
          <input className="native-input" maxLength={5} value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
        <label style={{ flex: 1 }}>
          <span className="field-label">Cách đo</span>
          <select
            className="native-select"
            value={measure}
            onChange={(e) => {
              const m = e.target.value as Measure;
              setMeasure(m);
              setUnitLabel(m === "percent" ? "%" : m === "count" ? "người/năm" : "lần/năm");
            }}
          >
            <MeasureOptions />
          </select>
        </label>
      </div>
      <label>
        <span className="field-label">Tên chỉ tiêu</span>
        <textarea className="native-textarea" maxLength={500} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        <span className="field-label">Đơn vị tính</span>
        <input className="native-input" maxLength={40} value={unitLabel} onChange={(e) => setUnitLabel(e.target.value)} />
      </label>
      <p className="cat-hint">Sau khi thêm, mỗi phường, xã chọn đơn vị báo cáo và cách tổng hợp chỉ tiêu của mình.</p>
      {refusal && (
        <p className="field-error" role="alert">
          {refusal}
        </p>
      )}
      <div className="row row--between">
        <Button size="small" variant="tertiary" onClick={() => setOpen(false)}>
          Thôi
        </Button>
        <Button size="small" loading={busy} disabled={busy || !name.trim()} onClick={() => void create()}>
          Thêm và sửa tiếp
        </Button>
      </div>
    </section>
  );
}
