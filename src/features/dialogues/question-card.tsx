import { useState } from "react";
import { Button, Modal } from "zmp-ui";
import type { DialogueQuestion } from "@contract/dialogues";
import { useNotify } from "../../components/use-notify";
import { toApiError } from "../../lib/api-client";
import { formatDate } from "../../lib/dates";
import { dialoguesApi } from "./api";

/** A question as youth see it: the code, who asked (unless anonymous), supports, the published answer. */
export function QuestionCard({ dialogueId, q, canReact, onChange }: { dialogueId: number; q: DialogueQuestion; canReact: boolean; onChange: (patch: Partial<DialogueQuestion>) => void }) {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [flagging, setFlagging] = useState(false);
  return (
    <li className="card stack" data-testid="question">
      <div className="row row--between">
        <span className="muted" data-testid="question-code">
          {q.code}
        </span>
        {q.mine && <span className="pill pill--muted">Câu hỏi của bạn</span>}
        {q.hidden && <span className="pill pill--bad">Đang ẩn</span>}
      </div>
      <p className="pre-line" data-testid="question-text">
        {q.text}
      </p>
      <span className="muted">
        {q.senderName ?? "Người hỏi ẩn danh"} · {formatDate(q.createdAt)}
      </span>
      {q.answer && (
        <div className="banner banner--ok" data-testid="question-answer">
          <b>Trả lời:</b> {q.answer}
        </div>
      )}
      <div className="actions">
        <Button
          size="small"
          variant={q.supported ? "secondary" : "primary"}
          disabled={!canReact || q.mine || q.supported || busy}
          data-testid="question-support"
          onClick={async () => {
            setBusy(true);
            try {
              const r = await dialoguesApi.support(dialogueId, q.id);
              onChange({ supported: true, supportsCount: r.supportsCount });
            } catch (err) {
              const e = toApiError(err);
              if (e.code === "ALREADY_SUPPORTED") onChange({ supported: true });
              notify.error(e.message);
            } finally {
              setBusy(false);
            }
          }}
        >
          {q.supported ? "Đã ủng hộ" : "Ủng hộ"} ({q.supportsCount})
        </Button>
        {canReact && !q.mine && (
          <button type="button" className="link-button" disabled={q.flagged} onClick={() => setFlagging(true)}>
            {q.flagged ? "Đã báo cáo" : "Báo cáo vi phạm"}
          </button>
        )}
      </div>
      {flagging && (
        <Modal visible title="Báo cáo vi phạm" onClose={() => setFlagging(false)}>
          <p>Câu hỏi này có nội dung xúc phạm, sai sự thật hoặc vi phạm pháp luật? Cán bộ phường sẽ xem xét.</p>
          <div className="row row--between">
            <Button size="small" variant="tertiary" onClick={() => setFlagging(false)}>
              Hủy
            </Button>
            <Button
              size="small"
              onClick={async () => {
                setFlagging(false);
                try {
                  await dialoguesApi.flag(dialogueId, q.id);
                  onChange({ flagged: true });
                  notify.success("Đã gửi báo cáo vi phạm. Cảm ơn bạn.");
                } catch (err) {
                  notify.error(err);
                }
              }}
            >
              Báo cáo
            </Button>
          </div>
        </Modal>
      )}
    </li>
  );
}
