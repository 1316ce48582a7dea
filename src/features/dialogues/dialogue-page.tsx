import { Link, useParams } from "react-router-dom";
import type { DialogueQuestion } from "@contract/dialogues";
import { DIALOGUE_STATE_LABELS } from "@contract/dialogues-labels";
import { AppPage } from "../../components/app-page";
import { EmptyState, ErrorState, Skeleton } from "../../components/states";
import { toApiError } from "../../lib/api-client";
import { formatDate, formatDateTime } from "../../lib/dates";
import { useSession } from "../../lib/session-store";
import { useLoad } from "../../lib/use-load";
import { dialoguesApi } from "./api";
import { AskForm } from "./ask-form";
import { QuestionCard } from "./question-card";
import { StaffQuestions } from "./dialogue-staff";

/** One dialogue: send a question, see and support others', read the answers; staff prepare it. */
export function DialoguePage() {
  const id = Number(useParams().id);
  const me = useSession((s) => s.me);
  const dialogue = useLoad(() => dialoguesApi.get(id), [id]);
  const questions = useLoad(() => dialoguesApi.questions(id, "popular"), [id, me?.id]);
  const d = dialogue.data;
  const canReact = !!me && me.role !== "observer";
  const patch = (qid: number, p: Partial<DialogueQuestion>) => questions.setData((l) => l?.map((q) => (q.id === qid ? { ...q, ...p } : q)));
  const mine = questions.data?.filter((q) => q.mine) ?? [];
  return (
    <AppPage title="Đối thoại với thanh niên" back testId="dialogue-page">
      {!!dialogue.error && <ErrorState message={toApiError(dialogue.error).message} onRetry={dialogue.reload} />}
      {!d && !dialogue.error && <Skeleton rows={2} />}
      {d && (
        <>
          <section className="card stack">
            <h3 data-testid="dialogue-title">{d.title}</h3>
            <span className="pill" data-testid="dialogue-state">
              {DIALOGUE_STATE_LABELS[d.state]}
            </span>
            <p>
              <b>Thời gian:</b> {formatDateTime(d.heldAt)}
              <br />
              <b>Địa điểm:</b> {d.place}
              <br />
              <b>Chủ trì:</b> {d.presidedBy}
            </p>
            <p className="muted">
              Nhận câu hỏi từ {formatDate(d.questionsOpenAt)} đến hết {formatDateTime(d.questionsCloseAt)} · {d.questionCount} câu hỏi
              {d.answersPublishedAt ? ` · ${d.answeredCount} câu đã được trả lời` : ""}
            </p>
          </section>
          {d.canAsk && me && me.role !== "observer" && <AskForm dialogueId={d.id} onSent={() => { questions.reload(); dialogue.reload(); }} />}
          {d.canAsk && !me && (
            <div className="banner">
              <Link to="/account">Đăng nhập</Link> để gửi và ủng hộ câu hỏi.
            </div>
          )}
          {me?.role === "staff" ? (
            <StaffQuestions dialogue={d} onPublished={(x) => { dialogue.setData(x); questions.reload(); }} />
          ) : (
            <>
              {mine.length > 0 && (
                <section className="stack" data-testid="my-questions">
                  <h3>Câu hỏi của bạn</h3>
                  <ul className="plain-list">
                    {mine.map((q) => (
                      <QuestionCard key={q.id} dialogueId={d.id} q={q} canReact={canReact} onChange={(p) => patch(q.id, p)} />
                    ))}
                  </ul>
                </section>
              )}
              <section className="stack" data-testid="all-questions">
                <h3>Câu hỏi của thanh niên</h3>
                {questions.data?.filter((q) => !q.mine).length === 0 && <EmptyState title="Chưa có câu hỏi nào khác" />}
                <ul className="plain-list">
                  {questions.data
                    ?.filter((q) => !q.mine)
                    .map((q) => (
                      <QuestionCard key={q.id} dialogueId={d.id} q={q} canReact={canReact} onChange={(p) => patch(q.id, p)} />
                    ))}
                </ul>
              </section>
            </>
          )}
        </>
      )}
    </AppPage>
  );
}
