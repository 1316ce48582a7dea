import { Button } from "zmp-ui";
import type { Measure } from "@contract/catalog";
import { MEASURE_LABELS } from "@contract/catalog-labels";

/** The sticky save button of a catalog editor, with the server's refusal above it (what was typed stays). */
export function SaveBar(props: { testId: string; refusal: string | null; busy: boolean; changed: boolean; onSave: () => void }) {
  return (
    <div className="card stack cat-save">
      {props.refusal && (
        <p className="field-error" role="alert" data-testid={`${props.testId}-refusal`}>
          {props.refusal}
        </p>
      )}
      <Button fullWidth loading={props.busy} disabled={props.busy || !props.changed} onClick={props.onSave} data-testid={`${props.testId}-save`}>
        {props.changed ? "Lưu thay đổi" : "Chưa có thay đổi"}
      </Button>
    </div>
  );
}

/** The options of an indicator's measure. */
export function MeasureOptions() {
  return (
    <>
      {(Object.keys(MEASURE_LABELS) as Measure[]).map((m) => (
        <option key={m} value={m}>
          {MEASURE_LABELS[m]}
        </option>
      ))}
    </>
  );
}
