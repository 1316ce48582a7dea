import type { DifficultyState } from "@contract/difficulties";
import { DIFFICULTY_STATE_LABELS, DIFFICULTY_STATE_TONE } from "@contract/difficulties-labels";

export function StatePill({ state }: { state: DifficultyState }) {
  const tone = DIFFICULTY_STATE_TONE[state];
  return (
    <span className={`pill${tone ? ` pill--${tone}` : ""}`} data-testid="difficulty-state">
      {DIFFICULTY_STATE_LABELS[state]}
    </span>
  );
}
