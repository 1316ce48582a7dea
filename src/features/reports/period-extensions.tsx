import { DateInput } from "../../components/date-input";
import { isDayValue } from "../../lib/date-text";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button, Modal } from "zmp-ui";
import type { Period, Unit } from "@contract/catalog";
import type { ReportListItem } from "@contract/reports";
import { REPORT_STATUS_LABELS } from "@contract/reports-labels";
import { ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { toApiError } from "../../lib/api-client";
import { endOfDayVN, formatDate, formatDateTime } from "../../lib/dates";
import { reportsApi } from "./api";

/** A unit that has not sent its report (never opened, or a draft) is the one an extension is for. */
const isLate = (u: ReportListItem) => u.status === "missing" || u.status === "draft";

/**
 * Extensions of one period: every one granted, with its date (staff can end a running one early,
 * after a confirmation), and one action with one date for several units — all those not submitted,
 * or the ones chosen.
 */
export function PeriodExtensions({ period, units, onChanged, open }: { period: Period; units: Unit[]; onChanged: () => void; open?: boolean }) {
  const notify = useNotify();
  const ref = useRef<HTMLDetailsElement>(null);
  const [shown, setShown] = useState(Boolean(open));
  const [list, setList] = useState<ReportListItem[] | null>(null);
  const [listError, setListError] = useState<unknown>(null);
  const [chosen, setChosen] = useState<number[]>([]);
  const [date, setDate] = useState("");
  const [busy, setBusy] = useState(false);
  const [ending, setEnding] = useState<{ unitId: number; name: string } | null>(null);
  const nameOf = (id: number) => units.find((u) => u.id === id)?.name ?? `Đơn vị #${id}`;
  const now = new Date().toISOString();

  const loadList = useCallback(() => {
    setListError(null);
    reportsApi.list(period.id).then(setList, setListError);
  }, [period.id]);
  // the unit statuses are read when the section is opened, and again after each change
  useEffect(() => {
    if (shown) loadList();
  }, [shown, loadList, period.exceptions]);
  useEffect(() => {
    if (open) ref.current?.scrollIntoView?.({ block: "start" });
  }, [open]);

  const late = (list ?? []).filter(isLate);
  const allChosen = late.length > 0 && late.every((u) => chosen.includes(u.unitId));
  const toggle = (id: number) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  const running = period.exceptions.filter((e) => e.until > now).length;

  async function grant() {
    setBusy(true);
    try {
      const r = await reportsApi.extendUnits(period.id, chosen, endOfDayVN(date));
      const skipped = r.skipped.length ? ` ${r.skipped.length} đơn vị đã nộp nên không cần gia hạn.` : "";
      notify.success(`Đã gia hạn cho ${r.units.length} đơn vị đến ${formatDate(r.until)}.${skipped}`);
      setChosen([]);
      setDate("");
      onChanged();
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(false);
    }
  }

  async function end() {
    if (!ending) return;
    const target = ending;
    setEnding(null);
    try {
      await reportsApi.setException(period.id, target.unitId, null);
      notify.success(`Đã kết thúc gia hạn cho ${target.name}.`);
      onChanged();
    } catch (err) {
      notify.error(err);
    }
  }

  return (
    <details ref={ref} open={shown} onToggle={(e) => setShown((e.target as HTMLDetailsElement).open)} data-testid="extensions">
      <summary>
        Gia hạn nộp báo cáo{running ? ` (${running} đơn vị đang được gia hạn)` : ""}
      </summary>
      <div className="stack">
        {period.exceptions.length === 0 ? (
          <p className="muted">Chưa gia hạn cho đơn vị nào.</p>
        ) : (
          <ul className="plain-list" data-testid="exception-list">
            {period.exceptions.map((e) => {
              const active = e.until > now;
              return (
                <li key={e.unitId} className="row row--between exception-row" data-testid={`exception-${e.unitId}`}>
                  <span>
                    {nameOf(e.unitId)}
                    <span className="muted"> · đến {formatDateTime(e.until)}{active ? "" : " (đã hết)"}</span>
                  </span>
                  {active && (
                    <button type="button" className="link-button link-button--bad" data-testid="end-exception" onClick={() => setEnding({ unitId: e.unitId, name: nameOf(e.unitId) })}>
                      Kết thúc sớm
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}

        {period.status === "closed" ? (
          <p className="muted">Kỳ báo cáo đã đóng: mở lại kỳ trước khi gia hạn.</p>
        ) : (
          <div className="stack" data-testid="extend-form">
            <h4 className="extend-title">Gia hạn cho đơn vị chưa nộp</h4>
            {listError ? <ErrorState message={toApiError(listError).message} onRetry={loadList} /> : null}
            {!list && !listError && <Skeleton rows={2} />}
            {list && late.length === 0 && <p className="muted">Mọi đơn vị đã nộp báo cáo.</p>}
            {late.length > 0 && (
              <>
                <label className="row">
                  <input type="checkbox" checked={allChosen} data-testid="extend-all" onChange={() => setChosen(allChosen ? [] : late.map((u) => u.unitId))} />
                  <b>Tất cả đơn vị chưa nộp ({late.length})</b>
                </label>
                <ul className="plain-list unit-checks">
                  {late.map((u) => (
                    <li key={u.unitId}>
                      <label className="row">
                        <input type="checkbox" checked={chosen.includes(u.unitId)} onChange={() => toggle(u.unitId)} data-testid={`extend-${u.unitCode}`} />
                        <span className="grow">{u.unitName}</span>
                        <span className="muted">{REPORT_STATUS_LABELS[u.status]}</span>
                      </label>
                    </li>
                  ))}
                </ul>
                <div>
                  <span className="field-label">Gia hạn đến hết ngày</span>
                  <DateInput value={date} testId="extend-date" label="Gia hạn đến hết ngày" onChange={setDate} />
                </div>
                <Button size="small" loading={busy} disabled={!isDayValue(date) || chosen.length === 0} data-testid="extend-submit" onClick={() => void grant()}>
                  Gia hạn cho {chosen.length} đơn vị
                </Button>
                <p className="muted">Đầu mối của đơn vị được báo ngày gia hạn. Báo cáo nộp trong thời gian gia hạn được tính “Đúng hạn (được gia hạn)”.</p>
              </>
            )}
          </div>
        )}
      </div>
      {ending && (
        <Modal visible title="Kết thúc gia hạn?" onClose={() => setEnding(null)}>
          <p>
            {ending.name} sẽ không lưu hay nộp được báo cáo của kỳ này nữa (báo cáo đã nộp vẫn giữ nguyên). Có thể gia hạn lại sau.
          </p>
          <div className="row row--between">
            <Button size="small" variant="tertiary" onClick={() => setEnding(null)}>
              Hủy
            </Button>
            <Button size="small" data-testid="confirm-end-exception" onClick={() => void end()}>
              Kết thúc gia hạn
            </Button>
          </div>
        </Modal>
      )}
    </details>
  );
}
