import { useState } from "react";
import { Button } from "zmp-ui";
import type { Recommendation, Supervision } from "@contract/supervision";
import { RECOMMENDATION_STATE_LABELS, RECOMMENDATION_STATE_TONE, SUPERVISION_LIMITS } from "@contract/supervision-labels";
import { useNotify } from "../../components/use-notify";
import { formatDate, formatDateTime } from "../../lib/dates";
import { supervisionApi } from "./api";

export function RecPill({ r }: { r: Recommendation }) {
  const tone = RECOMMENDATION_STATE_TONE[r.state];
  return (
    <span className={`pill${tone ? ` pill--${tone}` : ""}`} data-testid="rec-state">
      {RECOMMENDATION_STATE_LABELS[r.state]}
    </span>
  );
}

/** A recommendation, its answer, and the answer form for the unit it was sent to. */
export function RecommendationView({ r, onAnswered }: { r: Recommendation; onAnswered: (s: Supervision) => void }) {
  const notify = useNotify();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  return (
    <li className="card stack" data-testid={`rec-${r.id}`}>
      <div className="row row--between">
        <span className="muted">
          Gửi {r.unit.name} · hạn {formatDate(r.dueAt)}
        </span>
        <RecPill r={r} />
      </div>
      <p className="pre-line">{r.text}</p>
      {r.answer && (
        <div className="banner banner--ok" data-testid="rec-answer">
          <b>Trả lời</b>
          {r.answeredAt ? ` (${formatDateTime(r.answeredAt)}${r.answeredBy ? `, ${r.answeredBy}` : ""})` : ""}: {r.answer}
        </div>
      )}
      {r.canAnswer && (
        <form
          className="stack"
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            try {
              onAnswered(await supervisionApi.answer(r.supervisionId, r.id, text));
              notify.success("Đã gửi trả lời tới Ủy ban MTTQ phường.");
            } catch (err) {
              notify.error(err); // the text stays in the form
            } finally {
              setBusy(false);
            }
          }}
        >
          <label className="field-label" htmlFor={`rec-answer-${r.id}`}>
            Trả lời kiến nghị
          </label>
          <textarea id={`rec-answer-${r.id}`} className="native-textarea" data-testid="rec-answer-input" value={text} onChange={(e) => setText(e.target.value)} />
          <Button htmlType="submit" size="small" loading={busy} disabled={text.trim().length < SUPERVISION_LIMITS.answerMin} data-testid="rec-answer-submit">
            Gửi trả lời
          </Button>
        </form>
      )}
    </li>
  );
}
