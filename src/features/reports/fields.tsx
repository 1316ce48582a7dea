import { useEffect, useState } from "react";
import type { ReportIndicator, ReportTask, TaskStatus } from "@contract/reports";
import { TASK_STATUS_LABELS } from "@contract/reports-labels";
import { comparable, isFarFromLastYear, notesTooLong, percentText, REPORT_NOTES_MAX } from "@contract/reports-rules";
import type { IndicatorEdit, TaskEdit } from "./pending-edits";

/**
 * What a focal point typed in a count box: a whole, non-negative number, or why not. Nothing is
 * changed behind their back (a minus sign is not dropped, "12,5" is not read as 125). The
 * Vietnamese thousands separator is read as such: "1.250" and "1.250.000" are whole numbers; a
 * decimal comma ("12,5") is refused, since a count has no fraction.
 */
export function parseCount(text: string, max = 1e12): { value: number | null; error: string | null } {
  const t = text.trim().replace(/\s+/g, "");
  if (t === "") return { value: null, error: null };
  if (/^[-−]/.test(t)) return { value: null, error: "Số liệu không được âm." };
  const digits = /^\d+$/.test(t) ? t : /^\d{1,3}(\.\d{3})+$/.test(t) ? t.replace(/\./g, "") : null;
  if (digits !== null) {
    const n = Number(digits);
    return n > max ? { value: null, error: `Số quá lớn (tối đa ${max.toLocaleString("vi-VN")}).` } : { value: n, error: null };
  }
  if (/^[\d.]*,\d*$/.test(t)) return { value: null, error: `“${t}” có phần thập phân (dấu phẩy): số đếm chỉ nhận số nguyên.` };
  if (/^[\d.]+$/.test(t)) return { value: null, error: "Dấu chấm chỉ dùng để ngăn cách hàng nghìn (ví dụ 1.250): số đếm là số nguyên, không có phần thập phân." };
  return { value: null, error: "Chỉ nhập chữ số 0–9 (có thể ngăn cách hàng nghìn bằng dấu chấm, ví dụ 1.250)." };
}

/**
 * A whole-number box: keeps exactly what was typed on screen, sends only valid numbers, and says
 * what is wrong with anything else (a phone keypad shows digits only).
 */
export function CountInput(props: {
  value: number | null;
  disabled: boolean;
  max?: number;
  testId: string;
  label?: string;
  onChange: (value: number | null) => void;
  /** when given, the error is reported here (shown by the caller) instead of under the box */
  onError?: (error: string | null) => void;
}) {
  const { value, max } = props;
  const [text, setText] = useState(show(value));
  const [error, setError] = useState<string | null>(null);
  // A value replaced from outside (server copy, conflict choice) shows as is.
  useEffect(() => {
    if (parseCount(text, max).value !== value) {
      setText(show(value));
      setError(null);
      props.onError?.(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <>
      <input
        className={`native-input${error ? " input--invalid" : ""}`}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        aria-label={props.label}
        aria-invalid={error ? true : undefined}
        data-testid={props.testId}
        value={text}
        disabled={props.disabled}
        onChange={(e) => {
          const next = e.target.value;
          const parsed = parseCount(next, max);
          setText(next);
          setError(parsed.error);
          props.onError?.(parsed.error);
          if (!parsed.error) props.onChange(parsed.value);
        }}
      />
      {error && !props.onError && (
        <span className="field-error input-hint" role="alert" data-testid={`${props.testId}-error`}>
          {error} Chưa lưu giá trị này.
        </span>
      )}
    </>
  );
}

/** A count as Vietnamese write it: 1.250 (thousands grouped with a dot). */
const show = (n: number | null | undefined) => (n === null || n === undefined ? "" : n.toLocaleString("vi-VN", { maximumFractionDigits: 0 }));

function lastYearText(i: ReportIndicator): string {
  if (!i.lastYear) return "Chưa có số liệu";
  if (i.measure === "percent") {
    const { numerator, denominator } = i.lastYear;
    return `${percentText(numerator, denominator)} (${show(numerator)}/${show(denominator)})`;
  }
  return `${show(i.lastYear.value)} ${i.unitLabel.replace("/năm", "")}`;
}

/** Live flag, the same rule the server applies when saving. */
export function liveFlag(i: ReportIndicator): boolean {
  const last = i.lastYear ? comparable(i.measure, i.lastYear) : null;
  return isFarFromLastYear(comparable(i.measure, i), last);
}

export function IndicatorField(props: {
  item: ReportIndicator;
  readOnly: boolean;
  problems?: string[];
  onChange: (edit: IndicatorEdit) => void;
}) {
  const { item: i, readOnly, problems = [] } = props;
  const flagged = liveFlag(i);
  const needsComment = flagged && i.comment.trim() === "";
  const [boxErrors, setBoxErrors] = useState<{ numerator?: string | null; denominator?: string | null }>({});
  return (
    <div className={`card report-item${flagged ? " report-item--flagged" : ""}`} id={`item-indicator-${i.indicatorId}`} data-testid={`indicator-${i.code}`}>
      <div className="report-item__head">
        <span className="report-item__code">{i.code}</span>
        <span className="report-item__name">{i.name}</span>
      </div>
      <div className="report-item__refs">
        <span>
          Năm trước: <b data-testid="last-year">{lastYearText(i)}</b>
        </span>
        <span>
          Mục tiêu 2030: <b>{i.targetText}</b>
        </span>
      </div>
      {i.measure === "percent" ? (
        <div className="ratio">
          <label className="ratio__part">
            <span className="field-label">Tử số</span>
            <CountInput testId="numerator" value={i.numerator} disabled={readOnly} onChange={(v) => props.onChange({ numerator: v })} onError={(e) => setBoxErrors((b) => ({ ...b, numerator: e }))} />
          </label>
          <span className="ratio__slash">/</span>
          <label className="ratio__part">
            <span className="field-label">Mẫu số</span>
            <CountInput testId="denominator" value={i.denominator} disabled={readOnly} onChange={(v) => props.onChange({ denominator: v })} onError={(e) => setBoxErrors((b) => ({ ...b, denominator: e }))} />
          </label>
          <span className="ratio__result" data-testid="percent" aria-label="Tỷ lệ">
            = {percentText(i.numerator, i.denominator)}
          </span>
        </div>
      ) : (
        <label>
          <span className="field-label">{i.measure === "times" ? "Số lần" : "Số lượng"} ({i.unitLabel})</span>
          <CountInput testId="value" value={i.value} disabled={readOnly} onChange={(v) => props.onChange({ value: v })} />
        </label>
      )}
      {(["numerator", "denominator"] as const).map((k) =>
        boxErrors[k] ? (
          <p key={k} className="field-error" role="alert" data-testid={`${k}-error`}>
            {k === "numerator" ? "Tử số" : "Mẫu số"}: {boxErrors[k]} Chưa lưu giá trị này.
          </p>
        ) : null,
      )}
      {i.measure === "percent" && i.numerator !== null && i.denominator !== null && i.denominator > 0 && i.numerator > i.denominator && (
        <p className="field-error" data-testid="ratio-error">Tử số không được lớn hơn mẫu số.</p>
      )}
      {i.measure === "percent" && i.denominator === 0 && (
        <p className="field-error" data-testid="ratio-error">Mẫu số phải lớn hơn 0.</p>
      )}
      {i.measure !== "percent" && i.value !== null && !Number.isInteger(i.value) && (
        <p className="field-error">Giá trị phải là số nguyên.</p>
      )}
      {flagged && (
        <p className="flag-note" data-testid="flag-note">
          <span className="pill pill--warn">Cần giải thích</span> Giá trị chênh lệch nhiều so với năm trước{needsComment ? ": vui lòng ghi giải thích." : "."}
        </p>
      )}
      <label>
        <span className="field-label">Ghi chú / giải thích</span>
        <textarea
          className={`native-textarea native-textarea--short${needsComment ? " input--attention" : ""}`}
          data-testid="comment"
          maxLength={2000}
          value={i.comment}
          disabled={readOnly}
          placeholder={flagged ? "Vì sao số liệu thay đổi nhiều so với năm trước?" : "Không bắt buộc"}
          onChange={(e) => props.onChange({ comment: e.target.value })}
        />
      </label>
      {problems.map((p) => (
        <p key={p} className="field-error" data-testid="problem">
          {p}
        </p>
      ))}
    </div>
  );
}

const STATUSES: TaskStatus[] = ["not_started", "in_progress", "done"];

export function TaskField(props: { item: ReportTask; readOnly: boolean; problems?: string[]; onChange: (edit: TaskEdit) => void }) {
  const { item: t, readOnly, problems = [] } = props;
  return (
    <div className="card report-item" id={`item-task-${t.taskId}`} data-testid={`task-${t.code}`}>
      <div className="report-item__head">
        <span className="report-item__code">{t.code}</span>
        <span className="report-item__name">{t.name}</span>
      </div>
      <div className="report-item__refs">
        <span>Thời gian: {t.timing}</span>
        <span>{t.role === "lead" ? "Đơn vị chủ trì" : "Đơn vị phối hợp"}</span>
      </div>
      <div className="segmented" role="radiogroup" aria-label="Tình trạng thực hiện">
        {STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            role="radio"
            aria-checked={t.status === s}
            data-testid={`status-${s}`}
            className={`segmented__opt${t.status === s ? " segmented__opt--on" : ""}`}
            disabled={readOnly}
            onClick={() => props.onChange(s === "done" ? { status: s, progress: 100 } : s === "not_started" ? { status: s, progress: 0 } : { status: s })}
          >
            {TASK_STATUS_LABELS[s]}
          </button>
        ))}
      </div>
      <label>
        <span className="field-label">Tiến độ (%)</span>
        <CountInput testId="progress" max={100} value={t.progress} disabled={readOnly} onChange={(v) => props.onChange({ progress: v })} />
      </label>
      <label>
        <span className="field-label">Kết quả thực hiện</span>
        <textarea
          className="native-textarea native-textarea--short"
          data-testid="result"
          maxLength={4000}
          value={t.result}
          disabled={readOnly}
          placeholder="Tóm tắt kết quả: số hoạt động, số người tham gia…"
          onChange={(e) => props.onChange({ result: e.target.value })}
        />
      </label>
      {problems.map((p) => (
        <p key={p} className="field-error" data-testid="problem">
          {p}
        </p>
      ))}
    </div>
  );
}

/**
 * Difficulties or proposals: a counter towards the limit, and past it a clear refusal. The text is
 * never cut (a maxLength would drop the end of a paste silently): it stays on the phone, unsent,
 * until it is shortened.
 */
export function NotesField(props: { label: string; value: string; disabled: boolean; testId: string; onChange: (text: string) => void }) {
  const why = notesTooLong(props.label, props.value);
  const near = props.value.length > REPORT_NOTES_MAX * 0.9;
  return (
    <label>
      <span className="field-label">{props.label}</span>
      <textarea
        className={`native-textarea${why ? " input--invalid" : ""}`}
        data-testid={props.testId}
        value={props.value}
        disabled={props.disabled}
        aria-invalid={why ? true : undefined}
        aria-describedby={`${props.testId}-count`}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <span className={`notes-count${why ? " notes-count--over" : near ? " notes-count--near" : ""}`} id={`${props.testId}-count`} data-testid={`${props.testId}-count`}>
        {props.value.length.toLocaleString("vi-VN")} / {REPORT_NOTES_MAX.toLocaleString("vi-VN")} ký tự
      </span>
      {why && (
        <span className="field-error" role="alert" data-testid={`${props.testId}-error`}>
          {why} Phần này chưa gửi lên máy chủ (vẫn giữ trên điện thoại).
        </span>
      )}
    </label>
  );
}
