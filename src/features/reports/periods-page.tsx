import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { Button, Modal } from "zmp-ui";
import type { Period, Unit } from "@contract/catalog";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { toApiError } from "../../lib/api-client";
import { useRole } from "../../lib/session-store";
import { dateInputValue, endOfDayVN, formatDate, formatDateTime, startOfDayVN } from "../../lib/dates";
import { reportsApi } from "./api";
import { PeriodExtensions } from "./period-extensions";
import { DateInput } from "../../components/date-input";
import { isDayValue } from "../../lib/date-text";
import "./reports.css";


const STATE_TEXT: Record<string, string> = {
  open: "đang nhận báo cáo",
  locked: "đã quá hạn (khóa, trừ đơn vị được gia hạn)",
  upcoming: "chưa mở",
  closed: "đã đóng",
};

/** Staff: create periods, move deadlines, close/reopen, grant and end extensions (lock exceptions). */
export function PeriodsPage() {
  const role = useRole();
  // the dashboard's "Gia hạn cho đơn vị chưa nộp" opens this screen at that period's extensions
  const [search] = useSearchParams();
  const focusId = Number(search.get("period"));
  const [periods, setPeriods] = useState<Period[] | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    Promise.all([reportsApi.periods(), reportsApi.units()]).then(([p, u]) => {
      setPeriods(p);
      setUnits(u);
    }, setError);
  }, []);
  useEffect(load, [load]);

  if (role !== "staff") {
    return (
      <AppPage title="Kỳ báo cáo" back>
        <EmptyState title="Chỉ cán bộ phường quản lý kỳ báo cáo" />
      </AppPage>
    );
  }
  return (
    <AppPage title="Kỳ báo cáo" back testId="periods-page">
      <CreatePeriod onCreated={load} />
      {error ? <ErrorState message={toApiError(error).message} onRetry={load} /> : null}
      {!periods && !error && <Skeleton rows={2} />}
      {periods?.map((p) => <PeriodEditor key={p.id} period={p} units={units} onChanged={load} focus={p.id === focusId} />)}
    </AppPage>
  );
}

function CreatePeriod({ onCreated }: { onCreated: () => void }) {
  const notify = useNotify();
  const thisYear = new Date().getFullYear();
  const [kind, setKind] = useState<"annual" | "adhoc">("annual");
  const [yearText, setYearText] = useState(String(thisYear));
  const year = Number(yearText);
  const yearOk = Number.isInteger(year) && year >= 2020 && year <= 2100;
  const [title, setTitle] = useState("");
  const [deadline, setDeadline] = useState("");
  const [busy, setBusy] = useState(false);
  async function create() {
    setBusy(true);
    try {
      await reportsApi.createPeriod({ kind, year, title: title.trim() || undefined, deadlineAt: isDayValue(deadline) ? endOfDayVN(deadline) : undefined });
      notify.success("Đã tạo kỳ báo cáo.");
      setTitle("");
      setDeadline("");
      onCreated();
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="card stack" data-testid="create-period">
      <h3>Tạo kỳ báo cáo</h3>
      <div className="segmented">
        {(["annual", "adhoc"] as const).map((k) => (
          <button key={k} type="button" className={`segmented__opt${kind === k ? " segmented__opt--on" : ""}`} onClick={() => setKind(k)}>
            {k === "annual" ? "Hằng năm" : "Đột xuất"}
          </button>
        ))}
      </div>
      <label>
        <span className="field-label">Năm</span>
        <input
          className="native-input"
          type="text"
          inputMode="numeric"
          maxLength={4}
          value={yearText}
          data-testid="period-year"
          onChange={(e) => setYearText(e.target.value.replace(/\D/g, ""))}
        />
        {!yearOk && yearText !== "" && <span className="field-error">Năm từ 2020 đến 2100.</span>}
      </label>
      <label>
        <span className="field-label">Tiêu đề {kind === "annual" ? "(không bắt buộc)" : "(bắt buộc)"}</span>
        <input className="native-input" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        <span className="field-label">Hạn nộp (mặc định 30/11 của năm)</span>
        <DateInput value={deadline} onChange={setDeadline} />
      </label>
      <Button size="small" loading={busy} disabled={!yearOk || (kind === "adhoc" && title.trim().length < 3) || (deadline !== "" && !isDayValue(deadline))} onClick={() => void create()}>
        Tạo kỳ báo cáo
      </Button>
    </div>
  );
}

function PeriodEditor({ period, units, onChanged, focus }: { period: Period; units: Unit[]; onChanged: () => void; focus: boolean }) {
  const notify = useNotify();
  const [deadline, setDeadline] = useState(dateInputValue(period.deadlineAt));
  const [opens, setOpens] = useState(dateInputValue(period.opensAt));
  const [confirmClose, setConfirmClose] = useState(false);
  async function act(fn: () => Promise<unknown>, done: string): Promise<void> {
    try {
      await fn();
      notify.success(done);
      onChanged();
    } catch (err) {
      notify.error(err);
    }
  }
  return (
    <div className="card stack" data-testid={`period-${period.id}`}>
      <h3>{period.title}</h3>
      <p className="muted">
        {period.kind === "annual" ? "Hằng năm" : "Đột xuất"} {period.year} · mở {formatDate(period.opensAt)} · hạn {formatDateTime(period.deadlineAt)} · {period.expectedUnitIds.length} đơn vị ·{" "}
        <span data-testid="period-state">{STATE_TEXT[period.state] ?? period.state}</span>
      </p>
      <div className="row">
        <label className="grow">
          <span className="field-label">Ngày mở</span>
          <DateInput value={opens} onChange={setOpens} />
        </label>
        <label className="grow">
          <span className="field-label">Hạn nộp</span>
          <DateInput value={deadline} testId="deadline-input" onChange={setDeadline} />
        </label>
      </div>
      <Button
        size="small"
        variant="secondary"
        disabled={!isDayValue(deadline) || !isDayValue(opens)}
        onClick={() => void act(() => reportsApi.patchPeriod(period.id, { opensAt: startOfDayVN(opens), deadlineAt: endOfDayVN(deadline) }), "Đã cập nhật thời hạn.")}
      >
        Lưu thời hạn
      </Button>
      <PeriodExtensions period={period} units={units} onChanged={onChanged} open={focus} />
      <ExpectedUnits period={period} units={units} onSave={(ids) => act(() => reportsApi.patchPeriod(period.id, { expectedUnitIds: ids }), "Đã cập nhật danh sách đơn vị phải báo cáo.")} />
      {period.status === "open" ? (
        <Button size="small" variant="tertiary" onClick={() => setConfirmClose(true)}>
          Đóng kỳ báo cáo
        </Button>
      ) : (
        <Button size="small" variant="tertiary" onClick={() => void act(() => reportsApi.patchPeriod(period.id, { status: "open" }), "Đã mở lại kỳ báo cáo.")}>
          Mở lại kỳ báo cáo
        </Button>
      )}
      {confirmClose && (
      <Modal visible title="Đóng kỳ báo cáo?" onClose={() => setConfirmClose(false)}>
        <p>Sau khi đóng, không đơn vị nào lưu hay nộp được báo cáo của kỳ này (có thể mở lại sau).</p>
        <div className="row row--between">
          <Button size="small" variant="tertiary" onClick={() => setConfirmClose(false)}>
            Hủy
          </Button>
          <Button
            size="small"
            onClick={() => {
              setConfirmClose(false);
              void act(() => reportsApi.patchPeriod(period.id, { status: "closed" }), "Đã đóng kỳ báo cáo.");
            }}
          >
            Đóng kỳ
          </Button>
        </div>
      </Modal>
      )}
    </div>
  );
}

/** Which units must report in a period (default when created: every unit with an indicator or task). */
function ExpectedUnits({ period, units, onSave }: { period: Period; units: Unit[]; onSave: (ids: number[]) => Promise<void> }) {
  const [chosen, setChosen] = useState<number[]>(period.expectedUnitIds);
  const [confirm, setConfirm] = useState(false);
  useEffect(() => setChosen(period.expectedUnitIds), [period.expectedUnitIds]);
  const dropped = period.expectedUnitIds.filter((id) => !chosen.includes(id));
  const changed = dropped.length > 0 || chosen.some((id) => !period.expectedUnitIds.includes(id));
  const toggle = (id: number) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  const save = () => {
    setConfirm(false);
    void onSave(chosen);
  };
  return (
    <details data-testid="expected-units">
      <summary>
        Đơn vị phải báo cáo ({period.expectedUnitIds.length}/{units.length})
      </summary>
      <ul className="plain-list unit-checks">
        {units.map((u) => (
          <li key={u.id}>
            <label className="row">
              <input type="checkbox" checked={chosen.includes(u.id)} onChange={() => toggle(u.id)} data-testid={`expected-${u.code}`} />
              <span>{u.name}</span>
            </label>
          </li>
        ))}
      </ul>
      <div className="row">
        <Button size="small" disabled={!changed || chosen.length === 0} data-testid="save-expected" onClick={() => (dropped.length ? setConfirm(true) : save())}>
          Lưu danh sách ({chosen.length} đơn vị)
        </Button>
        {changed && (
          <Button size="small" variant="tertiary" onClick={() => setChosen(period.expectedUnitIds)}>
            Hoàn tác
          </Button>
        )}
      </div>
      {chosen.length === 0 && <p className="field-error">Cần ít nhất một đơn vị phải báo cáo.</p>}
      {confirm && (
      <Modal visible title="Bỏ đơn vị khỏi kỳ báo cáo?" onClose={() => setConfirm(false)}>
        <p>
          {dropped.length} đơn vị sẽ không còn phải báo cáo trong kỳ này: {units.filter((u) => dropped.includes(u.id)).map((u) => u.name).join(", ")}. Báo cáo đã nhập của các đơn vị
          này vẫn được giữ, và sẽ hiện lại nếu thêm đơn vị trở lại.
        </p>
        <div className="row row--between">
          <Button size="small" variant="tertiary" onClick={() => setConfirm(false)}>
            Hủy
          </Button>
          <Button size="small" data-testid="confirm-expected" onClick={save}>
            Bỏ đơn vị
          </Button>
        </div>
      </Modal>
      )}
    </details>
  );
}
