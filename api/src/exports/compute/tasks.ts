import type { TaskSummary } from "../../contract/summary.js";
import type { SummaryInput } from "../load.js";
import { byArea, pushTo } from "./areas.js";
import type { FigureContext } from "./figures.js";

type TaskValue = SummaryInput["taskValues"][number];

/** A unit's progress as it enters the mean: done = 100, not started = 0, else its percentage. */
export const progressOf = (v: Pick<TaskValue, "status" | "progress">): number =>
  v.status === "done" ? 100 : v.status === "not_started" ? 0 : (v.progress ?? 0);

/** A unit wrote a result (what the screen lists, page by page). */
export const hasText = (v: { result: string }) => v.result.trim() !== "";

/** A task value counts as reported when the unit said anything about it. */
const reported = (v: TaskValue) => v.status !== null || v.progress !== null || v.result.trim() !== "";

interface AreaVerdict {
  rule: "lead" | "all";
  lead: number | null;
  done: boolean;
}

/**
 * Within a ward: a task with a single lead unit is done when that unit's counted report says so;
 * a task led by several units (or none) is done when every assigned unit's counted report says so.
 */
function areaVerdict(assigned: number[], leads: Set<number>, rows: Map<number, TaskValue>): AreaVerdict {
  const mine = assigned.filter((u) => leads.has(u));
  if (mine.length === 1) return { rule: "lead", lead: mine[0], done: rows.get(mine[0])?.status === "done" };
  return { rule: "all", lead: null, done: assigned.length > 0 && assigned.every((u) => rows.get(u)?.status === "done") };
}

export function computeTasks(input: SummaryInput, countedUnits: Set<number>, ctx: FigureContext): TaskSummary[] {
  const expected = new Set(input.expected.map((e) => e.unitId));
  const valuesBy = new Map<number, TaskValue[]>();
  for (const v of input.taskValues) {
    if (!countedUnits.has(v.unitId) || !reported(v)) continue;
    pushTo(valuesBy, v.taskId, v);
  }
  return input.tasks.map((task): TaskSummary => {
    const rows = (valuesBy.get(task.id) ?? []).sort((a, b) => ctx.rank(a.unitId) - ctx.rank(b.unitId));
    const byUnit = new Map(rows.map((r) => [r.unitId, r]));
    const assigned = [...task.leadUnitIds, ...task.partnerUnitIds].filter((u) => expected.has(u));
    const leadSet = new Set(task.leadUnitIds);
    const assignedByArea = new Map<number, number[]>();
    for (const u of assigned) pushTo(assignedByArea, ctx.areaOf(u), u);
    for (const a of byArea(rows, ctx.areaOf).keys()) if (!assignedByArea.has(a)) assignedByArea.set(a, []);
    const verdicts = [...assignedByArea.values()].map((list) => areaVerdict(list, leadSet, byUnit));
    const count = (s: TaskValue["status"]) => rows.filter((r) => r.status === s).length;
    const mean = rows.length ? rows.reduce((s, r) => s + progressOf(r), 0) / rows.length : null;
    const wardDone = verdicts.length > 0 && verdicts.every((v) => v.done);
    const wardStatus: TaskSummary["wardStatus"] = wardDone
      ? "done"
      : rows.some((r) => r.status === "in_progress" || r.status === "done" || (r.progress ?? 0) > 0)
        ? "in_progress"
        : rows.length
          ? "not_started"
          : null;
    const single = verdicts.length === 1 ? verdicts[0] : null;
    return {
      id: task.id,
      code: task.code,
      name: task.name,
      timing: task.timing,
      unitsExpected: assigned.length,
      unitsReported: rows.length,
      notStarted: count("not_started"),
      inProgress: count("in_progress"),
      done: count("done"),
      meanProgress: mean === null ? null : Math.round(mean * 10) / 10,
      completionRule: verdicts.length && verdicts.every((v) => v.rule === "lead") ? "lead" : "all",
      leadUnitName: single?.lead ? ctx.unitName(single.lead) : null,
      wardStatus,
      results: rows.map((r) => ({ unitId: r.unitId, unitName: ctx.unitName(r.unitId), status: r.status, progress: r.progress, result: r.result, lead: leadSet.has(r.unitId) })),
      resultCount: rows.filter(hasText).length,
    };
  });
}
