import { useEffect, useState } from "react";
import { Button, Modal } from "zmp-ui";
import type { CommendationRow, Section } from "@contract/summary";
import { COMMENDATION_KIND_LABELS, SECTION_MAX } from "@contract/summary-labels";
import { useNotify } from "../../../components/use-notify";
import { formatDateTime } from "../../../lib/dates";
import { saveSection } from "./api";

/**
 * The parts of the ward report staff write, each prefilled with the draft the data gives until
 * staff save their own text. A failed save keeps what was typed on the screen.
 */
export function SectionsEditor(props: { periodId: number; sections: Section[]; commendations: CommendationRow[]; canWrite: boolean; onSaved: (s: Section) => void }) {
  return (
    <div className="stack" data-testid="sections">
      {props.sections.map((s) => (
        <SectionCard key={s.key} periodId={props.periodId} section={s} canWrite={props.canWrite} onSaved={props.onSaved} />
      ))}
      <Commendations rows={props.commendations} />
    </div>
  );
}

function SectionCard({ periodId, section, canWrite, onSaved }: { periodId: number; section: Section; canWrite: boolean; onSaved: (s: Section) => void }) {
  const notify = useNotify();
  const [text, setText] = useState(section.text ?? section.draft);
  const [busy, setBusy] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  // a new draft from the server (other counted reports) replaces an unsaved draft, never staff's text
  useEffect(() => {
    if (section.text === null) setText(section.draft);
  }, [section.draft, section.text]);
  const dirty = text !== (section.text ?? section.draft);
  const tooLong = text.length > SECTION_MAX;
  async function save(value: string | null) {
    setBusy(true);
    try {
      const saved = await saveSection(periodId, section.key, value);
      onSaved(saved);
      setText(saved.text ?? saved.draft);
      notify.success(value === null ? "Đã dùng lại bản soạn từ số liệu." : "Đã lưu nội dung báo cáo.");
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
      setConfirmReset(false);
    }
  }
  return (
    <section className="card sum-section" data-testid={`section-${section.key}`}>
      <h3>{section.title}</h3>
      <p className="sum-section__meta" data-testid="section-state">
        {section.text === null
          ? "Bản soạn sẵn từ số liệu (chưa lưu): sửa rồi bấm Lưu, báo cáo Word dùng bản này."
          : `Đã lưu${section.updatedAt ? ` lúc ${formatDateTime(section.updatedAt)}` : ""}${section.updatedBy ? ` bởi ${section.updatedBy}` : ""}.`}
      </p>
      <textarea
        className="native-textarea"
        aria-label={section.title}
        data-testid="section-text"
        value={text}
        readOnly={!canWrite}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="row row--between">
        <span className={tooLong ? "field-error" : "muted"}>
          {text.length.toLocaleString("vi-VN")}/{SECTION_MAX.toLocaleString("vi-VN")} ký tự
        </span>
        {canWrite && (
          <div className="row">
            {section.text !== null && (
              <Button size="small" variant="tertiary" disabled={busy} onClick={() => setConfirmReset(true)} data-testid="section-reset">
                Soạn lại từ số liệu
              </Button>
            )}
            <Button size="small" loading={busy} disabled={busy || tooLong || (!dirty && section.text !== null)} onClick={() => void save(text)} data-testid="section-save">
              Lưu
            </Button>
          </div>
        )}
      </div>
      {tooLong && <p className="field-error">Mỗi phần tối đa {SECTION_MAX.toLocaleString("vi-VN")} ký tự; hãy rút gọn hoặc chuyển chi tiết sang phụ lục.</p>}
      <Modal visible={confirmReset} title="Dùng lại bản soạn từ số liệu?" onClose={() => setConfirmReset(false)}>
        <p>Nội dung cán bộ đã lưu của phần này sẽ được thay bằng bản soạn sẵn từ số liệu hiện tại.</p>
        <div className="row row--between">
          <Button size="small" variant="tertiary" onClick={() => setConfirmReset(false)}>
            Giữ nội dung
          </Button>
          <Button size="small" data-testid="confirm-section-reset" onClick={() => void save(null)}>
            Dùng bản soạn
          </Button>
        </div>
      </Modal>
    </section>
  );
}

function Commendations({ rows }: { rows: CommendationRow[] }) {
  return (
    <section className="card" data-testid="commendation-list">
      <h3>Danh sách đề nghị khen thưởng của các đơn vị ({rows.length})</h3>
      {rows.length === 0 ? (
        <p className="muted">Các báo cáo được tính chưa đề nghị khen thưởng.</p>
      ) : (
        <ol className="sum-commendations">
          {rows.map((c, i) => (
            <li key={i}>
              <strong>{c.name}</strong> <span className="muted">({COMMENDATION_KIND_LABELS[c.kind].toLowerCase()}{c.position ? `, ${c.position}` : ""})</span>
              <div>{c.achievement}</div>
              <div className="muted">
                {c.form || "Chưa ghi hình thức"} · {c.unitName} đề nghị
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
