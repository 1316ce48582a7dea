import type { ReactNode } from "react";
import { ANNOUNCEMENT_LIMITS } from "@contract/announcements-labels";
import { Markdown } from "./markdown";

export type BodyTab = "write" | "preview";

interface Props {
  body: string;
  tab: BodyTab;
  onTab(tab: BodyTab): void;
  onBody(body: string): void;
  error: ReactNode;
}

/** "Nội dung" of the compose screen: the Markdown source, or its preview as readers will see it. */
export function BodyField({ body, tab, onTab, onBody, error }: Props) {
  return (
    <>
      <div className="row row--between">
        <span className="field-label">Nội dung</span>
        <div className="ann-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === "write"} className={`ann-chip${tab === "write" ? " ann-chip--on" : ""}`} onClick={() => onTab("write")}>
            Soạn
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === "preview"}
            className={`ann-chip${tab === "preview" ? " ann-chip--on" : ""}`}
            onClick={() => onTab("preview")}
            data-testid="ann-preview-tab"
          >
            Xem trước
          </button>
        </div>
      </div>
      {tab === "write" ? (
        <>
          <textarea className="native-textarea ann-body-input" data-testid="ann-body-input" value={body} rows={10} onChange={(e) => onBody(e.target.value)} aria-label="Nội dung" />
          {/* No maxLength: a long paste would be cut silently. The counter and the check say it instead. */}
          {body.length > ANNOUNCEMENT_LIMITS.body * 0.8 && (
            <span className={`ann-counter${body.length > ANNOUNCEMENT_LIMITS.body ? " ann-counter--over" : ""}`} data-testid="ann-body-counter">
              {body.length.toLocaleString("vi-VN")}/{ANNOUNCEMENT_LIMITS.body.toLocaleString("vi-VN")}
            </span>
          )}
          <p className="muted ann-hint">Định dạng: **đậm**, *nghiêng*, # tiêu đề, - danh sách, [chữ](https://liên-kết). Dòng trống để sang đoạn mới.</p>
        </>
      ) : (
        <div className="ann-preview" data-testid="ann-preview">
          {body.trim() ? <Markdown source={body} /> : <p className="muted">Chưa có nội dung.</p>}
        </div>
      )}
      {error}
    </>
  );
}
