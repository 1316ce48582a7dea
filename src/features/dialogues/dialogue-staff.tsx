import { useState } from "react";
import { Button, Modal } from "zmp-ui";
import type { Dialogue, DialogueQuestion } from "@contract/dialogues";
import { EmptyState } from "../../components/states";
import { useNotify } from "../../components/use-notify";
import { useLoad } from "../../lib/use-load";
import { dialoguesApi } from "./api";

/** Staff: group and order the questions for the chair, write the answers, publish them after the dialogue. */
export function StaffQuestions({ dialogue, onPublished }: { dialogue: Dialogue; onPublished: (d: Dialogue) => void }) {
  const notify = useNotify();
  const list = useLoad(() => dialoguesApi.questions(dialogue.id, "agenda"), [dialogue.id]);
  const [confirm, setConfirm] = useState(false);
  const [attendees, setAttendees] = useState("");
  const [busy, setBusy] = useState(false);
  const canPublish = dialogue.state === "held" || dialogue.state === "answered";
  const replace = (q: DialogueQuestion) => list.setData((l) => l?.map((x) => (x.id === q.id ? q : x)));

  return (
    <section className="stack" data-testid="staff-questions">
      <h3>Câu hỏi theo nhóm, thứ tự cho Chủ tịch</h3>
      {list.data?.length === 0 && <EmptyState title="Chưa có câu hỏi nào" />}
      <ul className="plain-list">
        {list.data?.map((q) => (
          <StaffQuestion key={q.id} dialogueId={dialogue.id} q={q} onSaved={replace} />
        ))}
      </ul>
      <Button fullWidth disabled={!canPublish} onClick={() => setConfirm(true)} data-testid="publish-answers">
        {canPublish ? "Công bố câu trả lời" : "Công bố câu trả lời (sau buổi đối thoại)"}
      </Button>
      {confirm && (
        <Modal visible title="Công bố câu trả lời?" onClose={() => setConfirm(false)}>
          <p>Các câu trả lời đã soạn sẽ hiện cho thanh niên, người hỏi nhận được thông báo. Buổi đối thoại được tính là đã tổ chức (chỉ tiêu CT14).</p>
          <label className="field-label">
            Số thanh niên tham dự
            <input className="native-input" inputMode="numeric" value={attendees} onChange={(e) => setAttendees(e.target.value.replace(/\D/g, ""))} data-testid="publish-attendees" />
          </label>
          <div className="row row--between">
            <Button size="small" variant="tertiary" onClick={() => setConfirm(false)}>
              Hủy
            </Button>
            <Button
              size="small"
              loading={busy}
              data-testid="confirm-publish"
              onClick={async () => {
                setBusy(true);
                try {
                  onPublished(await dialoguesApi.publish(dialogue.id, attendees ? { attendees: Number(attendees) } : {}));
                  notify.success("Đã công bố câu trả lời.");
                  setConfirm(false);
                  list.reload();
                } catch (err) {
                  notify.error(err);
                } finally {
                  setBusy(false);
                }
              }}
            >
              Công bố
            </Button>
          </div>
        </Modal>
      )}
    </section>
  );
}

function StaffQuestion({ dialogueId, q, onSaved }: { dialogueId: number; q: DialogueQuestion; onSaved: (q: DialogueQuestion) => void }) {
  const notify = useNotify();
  const [group, setGroup] = useState(q.group ?? "");
  const [position, setPosition] = useState(q.position === null ? "" : String(q.position));
  const [answer, setAnswer] = useState(q.draftAnswer ?? "");
  const [busy, setBusy] = useState(false);
  async function save(body: Parameters<typeof dialoguesApi.patch>[2], ok: string) {
    setBusy(true);
    try {
      onSaved(await dialoguesApi.patch(dialogueId, q.id, body));
      notify.success(ok);
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <li className="card stack" data-testid="staff-question">
      <div className="row row--between">
        <span className="muted">
          {q.code} · {q.senderName} · {q.supportsCount} ủng hộ{q.flagsCount ? ` · ${q.flagsCount} báo cáo vi phạm` : ""}
        </span>
        {q.hidden && <span className="pill pill--bad">Đang ẩn</span>}
      </div>
      <p className="pre-line">{q.text}</p>
      <div className="row">
        <input className="native-input" style={{ flex: 3 }} aria-label="Nhóm" placeholder="Nhóm (ví dụ: Việc làm)" value={group} onChange={(e) => setGroup(e.target.value)} data-testid="question-group" />
        <input className="native-input" style={{ flex: 1 }} aria-label="Thứ tự" inputMode="numeric" placeholder="Thứ tự" value={position} onChange={(e) => setPosition(e.target.value.replace(/\D/g, ""))} data-testid="question-position" />
      </div>
      <div className="actions">
        <Button size="small" variant="secondary" loading={busy} onClick={() => void save({ group: group.trim() || null, position: position ? Number(position) : null }, "Đã lưu nhóm và thứ tự.")} data-testid="question-save-order">
          Lưu nhóm, thứ tự
        </Button>
        <button type="button" className="link-button" onClick={() => void save({ hidden: !q.hidden }, q.hidden ? "Đã hiện lại câu hỏi." : "Đã ẩn câu hỏi.")}>
          {q.hidden ? "Hiện lại" : "Ẩn câu hỏi"}
        </button>
      </div>
      <textarea className="native-textarea" aria-label="Câu trả lời" placeholder="Câu trả lời của Chủ tịch (công bố sau buổi đối thoại)" value={answer} onChange={(e) => setAnswer(e.target.value)} data-testid="question-answer-input" />
      <Button size="small" loading={busy} disabled={answer.trim().length < 10} onClick={() => void save({ answer }, "Đã lưu câu trả lời (chưa công bố).")} data-testid="question-save-answer">
        Lưu câu trả lời
      </Button>
      {q.answer && <p className="muted">Đã công bố: {q.answer}</p>}
    </li>
  );
}
