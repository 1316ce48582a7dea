import type { ReportIndicator, ReportTask, TaskStatus } from "@contract/reports";
import { TASK_STATUS_LABELS } from "@contract/reports-labels";
import { comparable, isFarFromLastYear, percentText } from "@contract/reports-rules";
import type { IndicatorEdit, TaskEdit } from "./draft-sync";

/** "" → null; anything else → a non-negative number (a minus sign is ignored). */
export function parseAmount(text: string): number | null {
  const t = text.trim().replace(",", ".");
  if (t === "") return null;
  const n = Number(t);
  if (!Number.isFinite(n)) return null;
  return Math.abs(n);
}

const show = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

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
  const id = `ind-${i.indicatorId}`;
  return (
    <div className={`card report-item${flagged ? " report-item--flagged" : ""}`} data-testid={`indicator-${i.code}`}>
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
            <input
              className="native-input"
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              id={`${id}-num`}
              data-testid="numerator"
              value={show(i.numerator)}
              disabled={readOnly}
              onChange={(e) => props.onChange({ numerator: parseAmount(e.target.value) })}
            />
          </label>
          <span className="ratio__slash">/</span>
          <label className="ratio__part">
            <span className="field-label">Mẫu số</span>
            <input
              className="native-input"
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              data-testid="denominator"
              value={show(i.denominator)}
              disabled={readOnly}
              onChange={(e) => props.onChange({ denominator: parseAmount(e.target.value) })}
            />
          </label>
          <span className="ratio__result" data-testid="percent" aria-label="Tỷ lệ">
            = {percentText(i.numerator, i.denominator)}
          </span>
        </div>
      ) : (
        <label>
          <span className="field-label">{i.measure === "times" ? "Số lần" : "Số lượng"} ({i.unitLabel})</span>
          <input
            className="native-input"
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            data-testid="value"
            value={show(i.value)}
            disabled={readOnly}
            onChange={(e) => props.onChange({ value: parseAmount(e.target.value) })}
          />
        </label>
      )}
      {i.measure === "percent" && i.numerator !== null && i.denominator !== null && i.numerator > i.denominator && (
        <p className="field-error">Tử số không được lớn hơn mẫu số.</p>
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
    <div className="card report-item" data-testid={`task-${t.code}`}>
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
        <input
          className="native-input"
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          data-testid="progress"
          value={show(t.progress)}
          disabled={readOnly}
          onChange={(e) => {
            const n = parseAmount(e.target.value);
            props.onChange({ progress: n === null ? null : Math.min(100, Math.round(n)) });
          }}
        />
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
