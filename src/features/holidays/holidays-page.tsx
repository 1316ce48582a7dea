import { DateInput } from "../../components/date-input";
import { isDayValue } from "../../lib/date-text";
import { useCallback, useEffect, useState } from "react";
import { Button } from "zmp-ui";
import { ConfirmModal } from "../../components/confirm-modal";
import type { Holiday, HolidayKind } from "@contract/holidays";
import { HOLIDAY_KIND_LABELS } from "@contract/holidays-labels";
import { PLAN_YEARS } from "@contract/plan";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { toApiError } from "../../lib/api-client";
import { useRole } from "../../lib/session-store";
import { isWeekendDate, vnYear } from "../../lib/dates";
import { holidaysApi } from "./api";
import "./holidays.css";

const WEEKDAYS = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
const weekdayOf = (key: string) => new Date(`${key}T00:00:00Z`).getUTCDay();
/** "Thứ Bảy 10/01/2026" for a yyyy-MM-dd key. */
export const dayText = (key: string) => `${WEEKDAYS[weekdayOf(key)]} ${key.split("-").reverse().join("/")}`;

/**
 * The working calendar answer due dates count on: public holidays and days off, and the weekend days
 * worked in exchange for a weekday off. One national list for the whole city: city staff add and
 * remove days; every ward reads it.
 */
export function HolidaysPage() {
  const role = useRole();
  const canEdit = role === "city_staff";
  const notify = useNotify();
  const thisYear = vnYear(new Date());
  const years = [...new Set([...PLAN_YEARS, thisYear])].sort();
  const [year, setYear] = useState(thisYear);
  const [days, setDays] = useState<Holiday[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [removing, setRemoving] = useState<Holiday | null>(null);

  const load = useCallback(() => {
    setError(null);
    setDays(null);
    holidaysApi.list(year).then(setDays, setError);
  }, [year]);
  useEffect(load, [load]);

  async function remove() {
    if (!removing) return;
    const day = removing;
    setRemoving(null);
    try {
      await holidaysApi.remove(day.date);
      notify.success(`Đã xóa ${dayText(day.date)} khỏi lịch.`);
      load();
    } catch (err) {
      notify.error(err);
    }
  }

  return (
    <AppPage title="Ngày nghỉ lễ, ngày làm bù" back testId="holidays-page">
      <p className="muted holiday-note" data-testid="holiday-rule">
        Hạn trả lời góp ý tính theo ngày làm việc: bỏ qua thứ Bảy, Chủ nhật và ngày nghỉ dưới đây, cộng thêm ngày làm bù. Hạn được tính một lần khi góp ý được gửi:
        thay đổi lịch chỉ áp dụng cho góp ý nhận sau đó, hạn của góp ý đã nhận giữ nguyên.
      </p>
      {!canEdit && (
        <p className="muted holiday-note" data-testid="holiday-keeper">
          Lịch nghỉ lễ là lịch chung cả nước, do cán bộ Sở Nội vụ thành phố cập nhật theo thông báo của Chính phủ.
        </p>
      )}
      <div className="segmented" role="tablist" aria-label="Năm">
        {years.map((y) => (
          <button key={y} type="button" role="tab" aria-selected={y === year} className={`segmented__opt${y === year ? " segmented__opt--on" : ""}`} onClick={() => setYear(y)}>
            {y}
          </button>
        ))}
      </div>
      {canEdit && <AddDay year={year} onAdded={load} />}
      {!!error && <ErrorState message={toApiError(error).message} onRetry={load} />}
      {!days && !error && <Skeleton rows={3} />}
      {days && days.length === 0 && <EmptyState title={`Chưa có ngày nghỉ lễ nào của năm ${year}`}>{canEdit ? "Thêm ngày nghỉ theo thông báo của Chính phủ." : null}</EmptyState>}
      {days && days.length > 0 && (
        <ul className="plain-list holiday-list" data-testid="holiday-list">
          {days.map((d) => (
            <li key={d.date} className="card holiday-row" data-testid={`holiday-${d.date}`}>
              <div className="grow">
                <div className="holiday-row__date">{dayText(d.date)}</div>
                <div className="muted">{d.name}</div>
              </div>
              <span className={`pill${d.kind === "working" ? " pill--warn" : " pill--muted"}`}>{HOLIDAY_KIND_LABELS[d.kind]}</span>
              {canEdit && (
                <button type="button" className="link-button link-button--bad" aria-label={`Xóa ${dayText(d.date)}`} data-testid="remove-holiday" onClick={() => setRemoving(d)}>
                  Xóa
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmModal
        visible={removing !== null}
        title="Xóa ngày khỏi lịch?"
        description={
          removing
            ? `${dayText(removing.date)} (${removing.name}) sẽ không còn là ${HOLIDAY_KIND_LABELS[removing.kind].toLocaleLowerCase("vi")}. Hạn trả lời của góp ý đã nhận giữ nguyên; góp ý gửi từ nay tính theo lịch mới.`
            : ""
        }
        confirmText="Xóa ngày"
        cancelText="Giữ lại"
        confirmTestId="confirm-remove-holiday"
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={remove}
      />
    </AppPage>
  );
}

function AddDay({ year, onAdded }: { year: number; onAdded: () => void }) {
  const notify = useNotify();
  const [date, setDate] = useState("");
  const [name, setName] = useState("");
  const [kind, setKind] = useState<HolidayKind>("off");
  const [busy, setBusy] = useState(false);
  const weekdayWorked = kind === "working" && isDayValue(date) && !isWeekendDate(date);
  const ok = isDayValue(date) && name.trim().length >= 2 && !weekdayWorked;
  async function add() {
    setBusy(true);
    try {
      const added = await holidaysApi.add({ date, name: name.trim(), kind });
      notify.success(`Đã thêm ${dayText(added.date)}: ${HOLIDAY_KIND_LABELS[added.kind].toLocaleLowerCase("vi")}.`);
      // what was typed stays when the server refuses it; cleared only once it is saved
      setDate("");
      setName("");
      setKind("off");
      onAdded();
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <details className="card stack" data-testid="add-holiday">
      <summary>Thêm ngày nghỉ hoặc ngày làm bù</summary>
      <div className="segmented">
        {(["off", "working"] as const).map((k) => (
          <button key={k} type="button" className={`segmented__opt${kind === k ? " segmented__opt--on" : ""}`} data-testid={`holiday-kind-${k}`} onClick={() => setKind(k)}>
            {k === "off" ? "Ngày nghỉ" : "Ngày làm bù (thứ Bảy, Chủ nhật đi làm)"}
          </button>
        ))}
      </div>
      <div>
        <span className="field-label">Ngày</span>
        <DateInput value={date} testId="holiday-date" label="Ngày" onChange={setDate} />
        {isDayValue(date) && Number(date.slice(0, 4)) !== year && (
          <span className="input-hint muted">Ngày này thuộc năm {date.slice(0, 4)}: nó sẽ có trong danh sách của năm đó.</span>
        )}
        {weekdayWorked && <span className="field-error">Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.</span>}
      </div>
      <label>
        <span className="field-label">Tên (ví dụ: Nghỉ bù Giỗ Tổ Hùng Vương)</span>
        <input className="native-input" maxLength={120} value={name} data-testid="holiday-name" onChange={(e) => setName(e.target.value)} />
      </label>
      <Button size="small" loading={busy} disabled={!ok} data-testid="holiday-add" onClick={() => void add()}>
        Thêm vào lịch
      </Button>
    </details>
  );
}
