import { useEffect, useState } from "react";
import { Button } from "zmp-ui";
import { DIALOGUE_LIMITS } from "@contract/dialogues-labels";
import { errorMessage } from "../../lib/api-client";
import { dialoguesApi } from "./api";

/** "Gửi câu hỏi": the text is kept on the phone until it is sent; the answer is a tracking code. */
export function AskForm({ dialogueId, onSent }: { dialogueId: number; onSent: () => void }) {
  const key = `tns.dialogue-question.${dialogueId}`;
  const [text, setText] = useState(() => localStorage.getItem(key) ?? "");
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  useEffect(() => {
    try {
      localStorage.setItem(key, text);
    } catch {
      /* the form still holds it */
    }
  }, [key, text]);
  const length = text.trim().length;
  return (
    <form
      className="card stack"
      data-testid="ask-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (length < DIALOGUE_LIMITS.questionMin) return setError(`Câu hỏi cần ít nhất ${DIALOGUE_LIMITS.questionMin} ký tự.`);
        setBusy(true);
        setError(null);
        try {
          const r = await dialoguesApi.ask(dialogueId, text, anonymous);
          setCode(r.code);
          setText("");
          localStorage.removeItem(key);
          onSent();
        } catch (err) {
          setError(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h3>Gửi câu hỏi tới Chủ tịch UBND phường</h3>
      {code && (
        <div className="banner banner--ok" data-testid="ask-code">
          Đã gửi câu hỏi. Mã theo dõi: <b>{code}</b>. Bạn sẽ nhận thông báo khi câu hỏi được trả lời.
        </div>
      )}
      <textarea
        className="native-textarea"
        aria-label="Câu hỏi"
        data-testid="ask-text"
        maxLength={DIALOGUE_LIMITS.questionMax + 100}
        placeholder="Câu hỏi, ý kiến của bạn (ít nhất 10 ký tự)"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <label className="row">
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} data-testid="ask-anonymous" /> Ẩn tên với người khác (cán bộ phường vẫn biết người hỏi)
      </label>
      {error && (
        <div className="banner banner--bad" role="alert" data-testid="ask-error">
          {error}
        </div>
      )}
      <Button htmlType="submit" fullWidth loading={busy} data-testid="ask-submit">
        Gửi câu hỏi
      </Button>
    </form>
  );
}
