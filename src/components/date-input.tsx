import { useEffect, useId, useRef, useState } from "react";
import { dayText, parseDayText, parseTimeText, shapeDayTyping, shapeTimeTyping, timeText } from "../lib/date-text";
import "./date-input.css";

/**
 * The app's one way to enter a date (and a time): typed as dd/MM/yyyy and 24-hour HH:mm whatever
 * the phone's locale (a native date input follows the phone: 11/30/2026 or 8:30 PM), with the
 * number keypad, slashes added while typing, and the phone's own calendar one tap away.
 *
 * `value` and `onChange` use the native inputs' formats — "yyyy-MM-dd" (DateInput),
 * "yyyy-MM-ddTHH:mm" Vietnam time (DateTimeInput), "" when empty — so a form keeps its state as it
 * was. While what is typed is not a real date yet, `onChange` gets that text as it is: check with
 * isDayValue / isMomentValue (lib/date-text.ts) before using it.
 */
export interface DateInputProps {
  value: string;
  onChange(value: string): void;
  /** accessible name of the field (its visible label may also point at `id`) */
  label?: string;
  id?: string;
  testId?: string;
  disabled?: boolean;
}

const DAY_ERROR = "Ngày chưa đúng: nhập theo dạng ngày/tháng/năm, ví dụ 30/11/2026.";
const TIME_ERROR = "Giờ chưa đúng: nhập giờ:phút theo 24 giờ, ví dụ 08:30 hoặc 14:00.";

/** A text field that keeps what is typed, shaped as typed. */
function useTypedField(initial: string, shape: (next: string, prev: string) => string) {
  const [text, setText] = useState(initial);
  const [touched, setTouched] = useState(false);
  return {
    text,
    setText,
    touched,
    change(next: string) {
      const shaped = shape(next, text);
      setText(shaped);
      return shaped;
    },
    blur: () => setTouched(true),
  };
}

/**
 * Tells a value the form received from elsewhere (loaded, reset) from the one this field just
 * produced: only the former replaces what is typed.
 */
function useOutsideValue(value: string, reset: (value: string) => void) {
  const emitted = useRef(value);
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      reset(value);
    }
  }, [value]);
  return (v: string) => {
    emitted.current = v;
  };
}

/** The phone's calendar, for people who would rather tap a day (its value is always yyyy-MM-dd). */
function CalendarButton({ value, onPick, disabled }: { value: string; onPick(day: string): void; disabled?: boolean }) {
  const ref = useRef<HTMLInputElement>(null);
  const canPick = typeof HTMLInputElement !== "undefined" && "showPicker" in HTMLInputElement.prototype;
  if (!canPick) return null;
  return (
    <>
      <button type="button" className="date-input__calendar" aria-label="Chọn trên lịch" disabled={disabled} onClick={() => ref.current?.showPicker()}>
        <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
          <path d="M7 2h2v2h6V2h2v2h3a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3zm12 8H5v9h14zM5 8h14V6H5z" />
        </svg>
      </button>
      <input ref={ref} type="date" className="date-input__native" tabIndex={-1} aria-hidden="true" value={value} onChange={(e) => e.target.value && onPick(e.target.value)} />
    </>
  );
}

/** A day, dd/MM/yyyy. */
export function DateInput({ value, onChange, label, id, testId, disabled }: DateInputProps) {
  const ownId = useId();
  const fieldId = id ?? ownId;
  const day = useTypedField(dayText(value), shapeDayTyping);
  const produced = useOutsideValue(value, (v) => day.setText(dayText(v)));
  const send = (v: string) => {
    produced(v);
    onChange(v);
  };
  const emit = (text: string) => send(text.trim() === "" ? "" : (parseDayText(text) ?? text));
  const invalid = day.touched && day.text.trim() !== "" && !parseDayText(day.text);
  return (
    <div className="date-input">
      <div className="date-input__row">
        <input
          id={fieldId}
          className="native-input date-input__day"
          inputMode="numeric"
          autoComplete="off"
          placeholder="dd/mm/yyyy"
          aria-label={label}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${fieldId}-error` : undefined}
          maxLength={10}
          disabled={disabled}
          data-testid={testId}
          value={day.text}
          onChange={(e) => emit(day.change(e.target.value))}
          onBlur={() => {
            day.blur();
            const parsed = parseDayText(day.text);
            if (parsed && dayText(parsed) !== day.text) emit(day.change(dayText(parsed)));
          }}
        />
        <CalendarButton
          value={/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : ""}
          disabled={disabled}
          onPick={(d) => {
            day.setText(dayText(d));
            send(d);
          }}
        />
      </div>
      {invalid && (
        <p className="field-error" id={`${fieldId}-error`} role="alert">
          {DAY_ERROR}
        </p>
      )}
    </div>
  );
}

/** A moment, dd/MM/yyyy and HH:mm (24 h), Vietnam time. */
export function DateTimeInput({ value, onChange, label, id, testId, disabled }: DateInputProps) {
  const ownId = useId();
  const fieldId = id ?? ownId;
  const day = useTypedField(dayText(value), shapeDayTyping);
  const time = useTypedField(timeText(value), shapeTimeTyping);
  const produced = useOutsideValue(value, (v) => {
    day.setText(dayText(v));
    time.setText(timeText(v));
  });
  const emit = (dText: string, tText: string) => {
    const d = parseDayText(dText);
    const t = parseTimeText(tText);
    // Not a moment yet: the form gets the text as typed and sees it is not valid.
    const v = !dText.trim() && !tText.trim() ? "" : d && t ? `${d}T${t}` : `${dText} ${tText}`.trim();
    produced(v);
    onChange(v);
  };
  const dayInvalid = day.touched && day.text.trim() !== "" && !parseDayText(day.text);
  const timeInvalid = time.touched && time.text.trim() !== "" && !parseTimeText(time.text);
  const missing = day.touched && time.touched && !!day.text.trim() !== !!time.text.trim();
  return (
    <div className="date-input">
      <div className="date-input__row">
        <input
          id={fieldId}
          className="native-input date-input__day"
          inputMode="numeric"
          autoComplete="off"
          placeholder="dd/mm/yyyy"
          aria-label={label ? `${label}: ngày` : "Ngày"}
          aria-invalid={dayInvalid || undefined}
          maxLength={10}
          disabled={disabled}
          data-testid={testId ? `${testId}-day` : undefined}
          value={day.text}
          onChange={(e) => emit(day.change(e.target.value), time.text)}
          onBlur={() => {
            day.blur();
            const d = parseDayText(day.text);
            if (d && dayText(d) !== day.text) emit(day.change(dayText(d)), time.text);
          }}
        />
        <CalendarButton value={/^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : ""} disabled={disabled} onPick={(d) => emit(day.change(dayText(d)), time.text)} />
        <input
          className="native-input date-input__time"
          inputMode="numeric"
          autoComplete="off"
          placeholder="hh:mm"
          aria-label={label ? `${label}: giờ` : "Giờ"}
          aria-invalid={timeInvalid || undefined}
          maxLength={5}
          disabled={disabled}
          data-testid={testId ? `${testId}-time` : undefined}
          value={time.text}
          onChange={(e) => emit(day.text, time.change(e.target.value))}
          onBlur={() => {
            time.blur();
            const t = parseTimeText(time.text);
            if (t && t !== time.text) emit(day.text, time.change(t));
          }}
        />
      </div>
      {(dayInvalid || timeInvalid || missing) && (
        <p className="field-error" role="alert">
          {dayInvalid ? DAY_ERROR : timeInvalid ? TIME_ERROR : day.text.trim() ? "Vui lòng nhập cả giờ (24 giờ, ví dụ 08:30)." : "Vui lòng nhập cả ngày (dd/mm/yyyy)."}
        </p>
      )}
    </div>
  );
}

/** A time of day typed as HH:mm (24 h) whatever the phone's locale; `value` "HH:mm" or "" (or the text as typed). */
export function TimeInput({ value, onChange, label, id, testId, disabled }: DateInputProps) {
  const ownId = useId();
  const fieldId = id ?? ownId;
  const time = useTypedField(value, shapeTimeTyping);
  const produced = useOutsideValue(value, (v) => time.setText(v));
  const emit = (text: string) => {
    const v = text.trim() === "" ? "" : (parseTimeText(text) ?? text);
    produced(v);
    onChange(v);
  };
  const invalid = time.touched && time.text.trim() !== "" && !parseTimeText(time.text);
  return (
    <div className="date-input">
      <input
        id={fieldId}
        className="native-input date-input__time"
        inputMode="numeric"
        autoComplete="off"
        placeholder="hh:mm"
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${fieldId}-error` : undefined}
        maxLength={5}
        disabled={disabled}
        data-testid={testId}
        value={time.text}
        onChange={(e) => emit(time.change(e.target.value))}
        onBlur={time.blur}
      />
      {invalid && (
        <p className="field-error" id={`${fieldId}-error`} role="alert">
          {TIME_ERROR}
        </p>
      )}
    </div>
  );
}
