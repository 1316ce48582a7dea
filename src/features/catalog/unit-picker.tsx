import type { Unit } from "@contract/catalog";

export type UnitRole = "none" | "lead" | "member";

/**
 * Each unit with its role for an item: not involved, reporting/assigned ("member"), or lead.
 * `memberLabel` names the second role ("Báo cáo" for an indicator, "Phối hợp" for a task).
 */
export function UnitPicker(props: { units: Unit[]; roles: Map<number, UnitRole>; memberLabel: string; disabled: boolean; onChange: (unitId: number, role: UnitRole) => void }) {
  const { units, roles } = props;
  return (
    <div className="cat-units" data-testid="unit-picker">
      {units
        .filter((u) => u.kind !== "ward" && u.kind !== "city")
        .map((u) => (
          <label key={u.id} data-testid="unit-role" data-unit={u.code}>
            <span className="cat-units__name">{u.shortName || u.name}</span>
            <select className="native-select" aria-label={`Vai trò của ${u.name}`} value={roles.get(u.id) ?? "none"} disabled={props.disabled} onChange={(e) => props.onChange(u.id, e.target.value as UnitRole)}>
              <option value="none">Không</option>
              <option value="member">{props.memberLabel}</option>
              <option value="lead">Chủ trì</option>
            </select>
          </label>
        ))}
    </div>
  );
}
