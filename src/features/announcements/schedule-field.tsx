import type { ReactNode } from "react";
import { DateTimeInput } from "../../components/date-input";
import type { ComposeForm, SetField } from "./compose-form";
import { formatDayTime, vnLocalToIso } from "./vn-datetime";

interface Props {
  /** an already published notice keeps its moment: only its expiry can change */
  published: boolean;
  mode: ComposeForm["mode"];
  publishAt: string;
  expiresAt: string;
  onChange: SetField;
  publishAtError: ReactNode;
  expiresAtError: ReactNode;
}

/** The chosen moment spelled dd/MM/yyyy HH:mm (the native picker shows the phone's own format). */
function whenText(local: string, prefix: string): string {
  const at = vnLocalToIso(local);
  return at ? `${prefix} ${formatDayTime(at)} (giờ Việt Nam).` : "Giờ Việt Nam (UTC+7).";
}

/** When the notice shows on the compose screen: "Thời điểm đăng" (now, scheduled, draft) and "Hết hạn hiển thị". */
export function ScheduleField({ published, mode, publishAt, expiresAt, onChange, publishAtError, expiresAtError }: Props) {
  return (
    <>
      {!published && (
        <fieldset className="ann-fieldset">
          <legend className="field-label">Thời điểm đăng</legend>
          <label className="ann-radio">
            <input type="radio" name="mode" checked={mode === "published"} onChange={() => onChange("mode", "published")} data-testid="ann-mode-now" />
            Đăng ngay
          </label>
          <label className="ann-radio">
            <input type="radio" name="mode" checked={mode === "scheduled"} onChange={() => onChange("mode", "scheduled")} data-testid="ann-mode-schedule" />
            Hẹn giờ đăng
          </label>
          {mode === "scheduled" && (
            <>
              <DateTimeInput label="Thời điểm đăng (giờ Việt Nam)" testId="ann-publish-at" value={publishAt} onChange={(v) => onChange("publishAt", v)} />
              <p className="muted ann-hint" data-testid="ann-publish-at-text">{whenText(publishAt, "Sẽ đăng lúc")}</p>
              {publishAtError}
            </>
          )}
          <label className="ann-radio">
            <input type="radio" name="mode" checked={mode === "draft"} onChange={() => onChange("mode", "draft")} data-testid="ann-mode-draft" />
            Lưu nháp
          </label>
        </fieldset>
      )}

      <label className="field-label" htmlFor="ann-expires">
        Hết hạn hiển thị (không bắt buộc, giờ Việt Nam)
      </label>
      <DateTimeInput id="ann-expires" label="Hết hạn hiển thị" testId="ann-expires" value={expiresAt} onChange={(v) => onChange("expiresAt", v)} />
      {expiresAt && <p className="muted ann-hint">{whenText(expiresAt, "Ẩn khỏi bảng tin từ")}</p>}
      {expiresAtError}
    </>
  );
}
