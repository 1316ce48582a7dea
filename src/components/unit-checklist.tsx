import type { Unit } from "@contract/catalog";

/** A scrollable list of units with a checkbox each (the units that owe a duty, the units supervised). */
export function UnitChecklist({ units, chosen, onChange, testId }: { units: Unit[]; chosen: number[]; onChange: (ids: number[]) => void; testId?: string }) {
  return (
    <div className="check-list" data-testid={testId}>
      {units.map((u) => (
        <label key={u.id}>
          <input type="checkbox" checked={chosen.includes(u.id)} onChange={(e) => onChange(e.target.checked ? [...chosen, u.id] : chosen.filter((x) => x !== u.id))} />
          {u.name}
        </label>
      ))}
    </div>
  );
}
