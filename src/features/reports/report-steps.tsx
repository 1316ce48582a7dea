import { Button } from "zmp-ui";
import type { SubmitProblem } from "@contract/reports";
import { SYNC_LABELS, type SyncState } from "./draft-sync";

export type Step = "indicators" | "tasks" | "notes" | "evidence";
export const STEPS: { key: Step; label: string }[] = [
  { key: "indicators", label: "Phụ lục 01" },
  { key: "tasks", label: "Phụ lục 02" },
  { key: "notes", label: "Khó khăn, đề xuất" },
  { key: "evidence", label: "Minh chứng" },
];

/** The part of the form a submit problem is in (commendation problems are under "Khó khăn, đề xuất"). */
export const stepOf = (p: SubmitProblem | undefined): Step => (p?.itemKind === "task" ? "tasks" : p?.field.startsWith("commendation:") ? "notes" : "indicators");

/** The parts of the report as tabs, with the draft's sync state for a focal point (`sync` null otherwise). */
export function StepsBar({ step, sync, onStep }: { step: Step; sync: SyncState | null; onStep: (s: Step) => void }) {
  return (
    <div className="steps-bar">
      <nav className="steps" aria-label="Các phần của báo cáo">
        {STEPS.map((s) => (
          <button key={s.key} type="button" className={`steps__item${step === s.key ? " steps__item--on" : ""}`} data-testid={`step-${s.key}`} onClick={() => onStep(s.key)}>
            {s.label}
          </button>
        ))}
      </nav>
      {/* the header scrolls away on a long appendix: an unsent draft stays visible here */}
      {(sync === "offline" || sync === "error" || sync === "conflict") && (
        <div className={`sync-strip sync-strip--${sync}`} data-testid="sync-strip" role="status">
          {SYNC_LABELS[sync]}
        </div>
      )}
    </div>
  );
}

/** "Phần trước" / "Phần tiếp" under the current part. */
export function StepNav({ step, onStep }: { step: Step; onStep: (s: Step) => void }) {
  return (
    <div className="row row--between step-nav">
      <Button
        size="small"
        variant="tertiary"
        disabled={step === STEPS[0].key}
        onClick={() => onStep(STEPS[Math.max(0, STEPS.findIndex((s) => s.key === step) - 1)].key)}
      >
        Phần trước
      </Button>
      <Button
        size="small"
        variant="secondary"
        data-testid="next-step"
        disabled={step === STEPS[STEPS.length - 1].key}
        onClick={() => onStep(STEPS[Math.min(STEPS.length - 1, STEPS.findIndex((s) => s.key === step) + 1)].key)}
      >
        Phần tiếp
      </Button>
    </div>
  );
}
