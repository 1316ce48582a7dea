import type { IndicatorDetail, Measure } from "@contract/catalog";
import { PLAN_FIRST_YEAR, PLAN_LAST_YEAR, PLAN_YEARS } from "@contract/plan";
import { MILESTONE_KIND_LABELS } from "@contract/summary-labels";

/** "62", "66,5" → a number; "" → null; anything else → NaN (refused before it is sent). */
export function parseMilestone(text: string, measure: Measure): number {
  const t = text.trim().replace(/\s+/g, "").replace(/%$/, "").replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(t)) return Number.NaN;
  const n = Number(t);
  return measure === "percent" ? n : Math.round(n * 1000) / 1000;
}

/** What an empty year means, said on the screen. */
function emptyMeaning(year: number): string {
  if (year === PLAN_FIRST_YEAR) return "Để trống: năm đầu, so với mục tiêu 2030";
  if (year === PLAN_LAST_YEAR) return "Để trống: bằng mục tiêu 2030";
  return `Để trống: chia đều từ kết quả ${PLAN_FIRST_YEAR}`;
}

/**
 * The yearly roadmap to 2030. The screen says how the years the plan did not set are filled: by
 * even steps from the ward's figure of the first year to the 2030 target, until staff set them.
 */
export function MilestonesField(props: { indicator: IndicatorDetail; measure: Measure; values: Record<number, string>; disabled: boolean; onChange: (year: number, text: string) => void }) {
  const { indicator } = props;
  const fromPlan = indicator.milestones.filter((m) => m.source === "plan").length === PLAN_YEARS.length;
  return (
    <div className="stack" data-testid="milestones">
      <span className="field-label">Lộ trình từng năm ({props.measure === "percent" ? "%" : indicator.unitLabel})</span>
      <p className="cat-hint" data-testid="milestones-note">
        {fromPlan
          ? "Kế hoạch đặt chỉ tiêu cho từng năm: lộ trình mỗi năm bằng mục tiêu. Phường có thể đặt lại từng năm."
          : `Kế hoạch chỉ đặt mục tiêu năm 2030: năm để trống được chia đều từ kết quả năm ${PLAN_FIRST_YEAR} của phường đến mục tiêu 2030 (khi đã có kết quả năm ${PLAN_FIRST_YEAR}); năm ${PLAN_FIRST_YEAR} để trống thì so với mục tiêu 2030.`}
      </p>
      <div className="cat-milestones">
        {PLAN_YEARS.map((year) => {
          const set = indicator.milestones.find((m) => m.year === year);
          const text = props.values[year] ?? "";
          const bad = text.trim() !== "" && Number.isNaN(parseMilestone(text, props.measure));
          return (
            <label key={year}>
              Năm {year}
              <input
                className={`native-input${bad ? " input--invalid" : ""}`}
                inputMode="decimal"
                data-testid={`milestone-${year}`}
                aria-invalid={bad || undefined}
                placeholder={year === PLAN_LAST_YEAR && indicator.target !== null ? String(indicator.target) : "—"}
                value={text}
                disabled={props.disabled}
                onChange={(e) => props.onChange(year, e.target.value)}
              />
              <span className="cat-hint">{bad ? "Chỉ nhập số" : set ? MILESTONE_KIND_LABELS[set.source] : emptyMeaning(year)}</span>
            </label>
          );
        })}
      </div>
    </div>
  );
}
