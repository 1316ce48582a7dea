import type { Report, SubmitProblem } from "@contract/reports";
import { CommendationsEditor } from "./commendations-editor";
import type { DraftSync } from "./draft-sync";
import { IndicatorField, NotesField, TaskField } from "./fields";

/** What each part of the form needs: the report as shown, whether it can be changed, where edits go. */
interface SectionProps {
  report: Report;
  editable: boolean;
  draft: DraftSync;
}

/** The messages of the submit problems about one indicator or task. */
const problemsOf = (problems: SubmitProblem[], kind: "indicator" | "task", id: number) =>
  problems.filter((p) => p.itemKind === kind && p.itemId === id).map((p) => p.message);

/** Phụ lục 01: the unit's indicators (targets). */
export function IndicatorsSection({ report, editable, draft, problems }: SectionProps & { problems: SubmitProblem[] }) {
  return (
    <section className="stack" aria-label="Phụ lục 01 - Chỉ tiêu">
      {report.indicators.length === 0 && <p className="muted">Đơn vị không phụ trách chỉ tiêu nào.</p>}
      {report.indicators.map((i) => (
        <IndicatorField key={i.indicatorId} item={i} readOnly={!editable} problems={problemsOf(problems, "indicator", i.indicatorId)} onChange={(e) => draft.setIndicator(i.indicatorId, e)} />
      ))}
    </section>
  );
}

/** Phụ lục 02: the unit's tasks. */
export function TasksSection({ report, editable, draft, problems }: SectionProps & { problems: SubmitProblem[] }) {
  return (
    <section className="stack" aria-label="Phụ lục 02 - Nhiệm vụ">
      {report.tasks.length === 0 && <p className="muted">Đơn vị không phụ trách nhiệm vụ nào.</p>}
      {report.tasks.map((t) => (
        <TaskField key={t.taskId} item={t} readOnly={!editable} problems={problemsOf(problems, "task", t.taskId)} onChange={(e) => draft.setTask(t.taskId, e)} />
      ))}
    </section>
  );
}

/** Difficulties and proposals, then the commendations (an annual report, or one that already has some). */
export function NotesSection({ report, editable, draft }: SectionProps) {
  return (
    <>
      <section className="card stack">
        <NotesField label="Khó khăn, vướng mắc" testId="difficulties" value={report.difficulties} disabled={!editable} onChange={(t) => draft.setText("difficulties", t)} />
        <NotesField label="Đề xuất, kiến nghị" testId="proposals" value={report.proposals} disabled={!editable} onChange={(t) => draft.setText("proposals", t)} />
      </section>
      {(report.periodKind === "annual" || report.commendations.length > 0) && (
        <CommendationsEditor items={report.commendations} editable={editable} onChange={(list) => draft.setCommendations(list)} />
      )}
    </>
  );
}
