import { useEffect, useRef, useState } from "react";
import { Button } from "zmp-ui";
import type { DutyDetail } from "@contract/duties";
import type { FileMeta } from "@contract/files";
import { DUTY_LIMITS } from "@contract/duties-labels";
import { apiUrl, errorMessage } from "../../lib/api-client";
import { dutiesApi } from "./api";

const draftKey = (dutyId: number, unitId: number) => `tns.duty-draft.${dutyId}.${unitId}`;

function readDraft(key: string): { text: string; files: FileMeta[] } {
  try {
    return JSON.parse(localStorage.getItem(key) ?? "") as { text: string; files: FileMeta[] };
  } catch {
    return { text: "", files: [] };
  }
}

/** The focal point's hand-in: a short text and the document(s); kept on the phone until it goes through. */
export function HandInForm({ duty, unitId, onDone }: { duty: DutyDetail; unitId: number; onDone: (d: DutyDetail) => void }) {
  const key = draftKey(duty.id, unitId);
  const [draft, setDraft] = useState(() => readDraft(key));
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  useEffect(() => {
    try {
      if (draft.text || draft.files.length) localStorage.setItem(key, JSON.stringify(draft));
      else localStorage.removeItem(key);
    } catch {
      /* private mode: the form still holds it */
    }
  }, [key, draft]);

  const length = draft.text.trim().length;
  const textError = length < DUTY_LIMITS.textMin ? `Nội dung tóm tắt cần ít nhất ${DUTY_LIMITS.textMin} ký tự.` : length > DUTY_LIMITS.textMax ? `Tối đa ${DUTY_LIMITS.textMax} ký tự.` : null;

  async function addFiles(list: FileList | null) {
    if (!list?.length) return;
    setUploading(true);
    setError(null);
    try {
      for (const f of Array.from(list).slice(0, DUTY_LIMITS.files - draft.files.length)) {
        const meta = await dutiesApi.upload(f);
        setDraft((d) => ({ ...d, files: [...d.files, meta] }));
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setUploading(false);
      if (picker.current) picker.current.value = "";
    }
  }

  async function submit() {
    if (textError) return setError(textError);
    if (duty.requiresDocument && draft.files.length === 0) return setError("Vui lòng đính kèm văn bản (tệp) trước khi nộp.");
    setBusy(true);
    setError(null);
    try {
      const d = await dutiesApi.handIn(duty.id, unitId, { text: draft.text, fileIds: draft.files.map((f) => f.id) });
      setDraft({ text: "", files: [] });
      onDone(d);
    } catch (err) {
      // the draft stays on the phone: nothing typed is lost
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="card stack"
      data-testid="hand-in-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>Nộp {duty.requiresDocument ? "văn bản và nội dung tóm tắt" : "nội dung"}</h3>
      <label className="field-label" htmlFor="hand-in-text">
        Nội dung tóm tắt
      </label>
      <textarea
        id="hand-in-text"
        className="native-textarea"
        data-testid="hand-in-text"
        placeholder="Số, ngày văn bản và nội dung chính (ít nhất 10 ký tự)"
        value={draft.text}
        onChange={(e) => setDraft((d) => ({ ...d, text: e.target.value }))}
      />
      <div className="field-label">Văn bản đính kèm{duty.requiresDocument ? " (bắt buộc)" : ""}</div>
      <ul className="plain-list" data-testid="hand-in-files">
        {draft.files.map((f) => (
          <li key={f.id} className="row row--between">
            <a href={apiUrl(f.url)} target="_blank" rel="noreferrer">
              {f.name}
            </a>
            <button type="button" className="link-button" aria-label={`Bỏ tệp ${f.name}`} onClick={() => setDraft((d) => ({ ...d, files: d.files.filter((x) => x.id !== f.id) }))}>
              Bỏ
            </button>
          </li>
        ))}
      </ul>
      <input ref={picker} type="file" hidden data-testid="hand-in-file" onChange={(e) => void addFiles(e.target.files)} />
      <Button size="small" variant="secondary" loading={uploading} disabled={draft.files.length >= DUTY_LIMITS.files} onClick={() => picker.current?.click()} data-testid="hand-in-add-file">
        Chọn tệp
      </Button>
      {error && (
        <div className="banner banner--bad" role="alert" data-testid="hand-in-error">
          {error}
        </div>
      )}
      <Button htmlType="submit" fullWidth loading={busy} disabled={busy || uploading} data-testid="hand-in-submit">
        Nộp cho phường
      </Button>
      <p className="muted">Nội dung đang soạn được lưu trên máy này cho đến khi nộp xong.</p>
    </form>
  );
}
