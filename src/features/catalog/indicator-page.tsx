import { useEffect, useMemo, useState } from "react";
import { useParams } from "react-router-dom";
import type { AggregationRule, IndicatorDetail, IndicatorPatch, Measure } from "@contract/catalog";
import { PLAN_YEARS } from "@contract/plan";
import { AGGREGATION_RULE_HINTS, AGGREGATION_RULE_LABELS } from "@contract/catalog-labels";
import { ErrorState, Skeleton } from "../../components/states";
import { errorMessage } from "../../lib/api-client";
import { catalogApi } from "./api";
import { useCatalogSave } from "./use-catalog-save";
import { CatalogGate, LevelsNote, type CatalogLevels } from "./catalog-page";
import { HistoryList } from "./history-list";
import { MeasureOptions, SaveBar } from "./editor-parts";
import { MilestonesField, parseMilestone } from "./milestones-field";
import { UnitPicker, type UnitRole } from "./unit-picker";
import { useLoad } from "../../lib/use-load";

interface Draft {
  name: string;
  measure: Measure;
  unitLabel: string;
  target: string;
  targetText: string;
  direction: "at_least" | "at_most";
  roles: Map<number, UnitRole>;
  rule: AggregationRule;
  ruleUnitId: number | null;
  reason: string;
  active: boolean;
  milestones: Record<number, string>;
}

const numText = (v: number | null) => (v === null ? "" : String(v).replace(".", ","));

function draftOf(i: IndicatorDetail): Draft {
  const roles = new Map<number, UnitRole>(i.unitIds.map((u) => [u, i.leadUnitIds.includes(u) ? "lead" : "member"]));
  return {
    name: i.name,
    measure: i.measure,
    unitLabel: i.unitLabel,
    target: numText(i.target),
    targetText: i.targetText,
    direction: i.direction,
    roles,
    rule: i.aggregation.rule,
    ruleUnitId: i.aggregation.unitId,
    reason: i.aggregation.reason,
    active: i.active,
    milestones: Object.fromEntries(PLAN_YEARS.map((y) => [y, numText(i.milestones.find((m) => m.year === y)?.value ?? null)])),
  };
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
const same = (a: number[], b: number[]) => a.length === b.length && sorted(a).every((v, i) => v === sorted(b)[i]);

/** Only what changed goes to the server (each change is one line of the audit trail). */
function patchOf(cur: IndicatorDetail, d: Draft): { body: IndicatorPatch; error: string | null } {
  const body: IndicatorPatch = {};
  if (d.name.trim() !== cur.name) body.name = d.name;
  if (d.measure !== cur.measure) body.measure = d.measure;
  if (d.unitLabel.trim() !== cur.unitLabel) body.unitLabel = d.unitLabel;
  const target = d.target.trim() === "" ? null : parseMilestone(d.target, d.measure);
  if (target !== null && Number.isNaN(target)) return { body, error: "Mục tiêu 2030 phải là một số (để trống nếu phường tự giao)." };
  if (target !== cur.target) body.target = target;
  if (d.targetText.trim() !== cur.targetText) body.targetText = d.targetText;
  if (d.direction !== cur.direction) body.direction = d.direction;
  const unitIds = [...d.roles].filter(([, r]) => r !== "none").map(([u]) => u);
  const leadUnitIds = [...d.roles].filter(([, r]) => r === "lead").map(([u]) => u);
  if (!same(unitIds, cur.unitIds)) body.unitIds = unitIds;
  if (!same(leadUnitIds, cur.leadUnitIds)) body.leadUnitIds = leadUnitIds;
  const unitId = d.rule === "lead" ? d.ruleUnitId : null;
  if (d.rule !== cur.aggregation.rule || unitId !== cur.aggregation.unitId || d.reason.trim() !== cur.aggregation.reason) {
    body.aggregation = { rule: d.rule, unitId, reason: d.reason };
  }
  if (d.active !== cur.active) body.active = d.active;
  const milestones: NonNullable<IndicatorPatch["milestones"]> = [];
  for (const year of PLAN_YEARS) {
    const text = d.milestones[year] ?? "";
    const value = text.trim() === "" ? null : parseMilestone(text, d.measure);
    if (value !== null && Number.isNaN(value)) return { body, error: `Lộ trình năm ${year} phải là một số.` };
    const old = cur.milestones.find((m) => m.year === year)?.value ?? null;
    if (value !== old || (d.measure !== cur.measure && value !== null)) milestones.push({ year, measure: d.measure, value });
  }
  if (milestones.length) body.milestones = milestones;
  return { body, error: null };
}

export function IndicatorPage() {
  const id = Number(useParams().id);
  return <CatalogGate title="Sửa chỉ tiêu">{(levels) => <IndicatorEditor id={id} levels={levels} />}</CatalogGate>;
}

function IndicatorEditor({ id, levels }: { id: number; levels: CatalogLevels }) {
  // the definition is the city's, the units, rule and milestones the ward's
  const canDefine = levels.definitions;
  const canSet = levels.settings;
  const item = useLoad(() => catalogApi.indicator(id), [id]);
  const units = useLoad(catalogApi.units, []);
  const history = useLoad(() => catalogApi.indicatorHistory(id), [id]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const { busy, refusal, setRefusal, run } = useCatalogSave(history.reload);
  useEffect(() => {
    if (item.data) setDraft(draftOf(item.data));
  }, [item.data]);
  const leads = useMemo(() => (draft ? [...draft.roles].filter(([, r]) => r === "lead").map(([u]) => u) : []), [draft]);

  if (item.error) return <ErrorState message={errorMessage(item.error)} onRetry={item.reload} />;
  if (!item.data || !draft || !units.data) return <Skeleton rows={4} />;
  const cur = item.data;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const nameOf = (u: number) => units.data!.find((x) => x.id === u)?.shortName ?? `#${u}`;
  const { body, error } = patchOf(cur, draft);
  const changed = Object.keys(body).length > 0;

  function save() {
    if (error) return setRefusal(error);
    void run(() => catalogApi.patchIndicator(id, body), item.setData);
  }

  return (
    <>
      <LevelsNote levels={levels} />
      <section className="card stack" data-testid="indicator-editor" data-code={cur.code}>
        <h3>
          {cur.code} · {cur.valueCount} số liệu đã báo cáo
        </h3>
        <label>
          <span className="field-label">Tên chỉ tiêu</span>
          <textarea className="native-textarea" data-testid="indicator-name" maxLength={500} value={draft.name} disabled={!canDefine} onChange={(e) => set({ name: e.target.value })} />
        </label>
        <div className="row">
          <label style={{ flex: 1 }}>
            <span className="field-label">Cách đo</span>
            <select className="native-select" data-testid="indicator-measure" value={draft.measure} disabled={!canDefine || cur.valueCount > 0} onChange={(e) => set({ measure: e.target.value as Measure })}>
              <MeasureOptions />
            </select>
          </label>
          <label style={{ flex: 1 }}>
            <span className="field-label">Đơn vị tính</span>
            <input className="native-input" maxLength={40} value={draft.unitLabel} disabled={!canDefine} onChange={(e) => set({ unitLabel: e.target.value })} />
          </label>
        </div>
        {cur.valueCount > 0 && <p className="cat-hint">Đã có số liệu báo cáo nên không đổi được cách đo (các số đã báo cáo sẽ mang nghĩa khác).</p>}
        {draft.measure !== cur.measure && <p className="cat-hint">Đổi cách đo sẽ xóa lộ trình các phường đã đặt theo cách đo cũ.</p>}
        <div className="row">
          <label style={{ flex: 1 }}>
            <span className="field-label">Mục tiêu 2030 (số)</span>
            <input className="native-input" inputMode="decimal" data-testid="indicator-target" value={draft.target} disabled={!canDefine} onChange={(e) => set({ target: e.target.value })} />
          </label>
          <label style={{ flex: 1 }}>
            <span className="field-label">Chiều đánh giá</span>
            <select className="native-select" value={draft.direction} disabled={!canDefine} onChange={(e) => set({ direction: e.target.value as Draft["direction"] })}>
              <option value="at_least">Đạt khi không thấp hơn</option>
              <option value="at_most">Đạt khi không vượt quá</option>
            </select>
          </label>
        </div>
        <label>
          <span className="field-label">Mục tiêu 2030 (ghi trong báo cáo)</span>
          <input className="native-input" maxLength={200} value={draft.targetText} disabled={!canDefine} onChange={(e) => set({ targetText: e.target.value })} />
        </label>
        <label className="row">
          <input type="checkbox" checked={draft.active} disabled={!canDefine} data-testid="indicator-active" onChange={(e) => set({ active: e.target.checked })} />
          Đang theo dõi (bỏ chọn: không đưa vào báo cáo mới, vẫn giữ trong các báo cáo đã có số liệu)
        </label>
      </section>

      {!levels.cityView && (
        <section className="card stack" data-testid="indicator-ward-settings">
          <h3>Lộ trình, đơn vị báo cáo và cách tổng hợp của phường</h3>
          <MilestonesField indicator={cur} measure={draft.measure} values={draft.milestones} disabled={!canSet} onChange={(year, text) => set({ milestones: { ...draft.milestones, [year]: text } })} />
          <UnitPicker
            units={units.data}
            roles={draft.roles}
            memberLabel="Báo cáo"
            disabled={!canSet}
            onChange={(u, role) => {
              const roles = new Map(draft.roles);
              if (role === "none") roles.delete(u);
              else roles.set(u, role);
              set({ roles, ruleUnitId: role !== "lead" && draft.ruleUnitId === u ? null : draft.ruleUnitId });
            }}
          />
          <div className="cat-rules" role="radiogroup" aria-label="Cách tổng hợp số liệu toàn phường" data-testid="indicator-rule">
            {(["sum", "lead", "max"] as const).map((r) => (
              <label key={r}>
                <input type="radio" name="rule" value={r} checked={draft.rule === r} disabled={!canSet} data-testid={`rule-${r}`} onChange={() => set({ rule: r })} />
                <span>
                  <b>{AGGREGATION_RULE_LABELS[r]}</b>
                  <span className="cat-hint"> — {AGGREGATION_RULE_HINTS[r]}</span>
                </span>
              </label>
            ))}
          </div>
          {draft.rule === "lead" && leads.length > 1 && (
            <label>
              <span className="field-label">Đơn vị có số được lấy làm số của phường</span>
              <select className="native-select" data-testid="rule-unit" value={draft.ruleUnitId ?? ""} disabled={!canSet} onChange={(e) => set({ ruleUnitId: e.target.value ? Number(e.target.value) : null })}>
                <option value="">— Chọn đơn vị chủ trì —</option>
                {leads.map((u) => (
                  <option key={u} value={u}>
                    {nameOf(u)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            <span className="field-label">Lý do (một dòng, hiện cùng số liệu)</span>
            <textarea className="native-textarea" data-testid="rule-reason" maxLength={300} value={draft.reason} disabled={!canSet} onChange={(e) => set({ reason: e.target.value })} />
          </label>
        </section>
      )}

      {(canDefine || canSet) && <SaveBar testId="indicator" refusal={refusal} busy={busy} changed={changed} onSave={save} />}
      <HistoryList items={history.data ?? null} />
    </>
  );
}
