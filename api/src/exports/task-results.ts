import type { AppContext, AuthUser } from "../http/context.js";
import type { Counted, TaskResultsPage, WardSummary } from "../contract/summary.js";
import { TASK_RESULT_EXCERPT, TASK_RESULT_EXCERPT_CHARS } from "../contract/summary.js";
import { COUNTED_STATUSES } from "../contract/summary-labels.js";
import { listTasks } from "../catalog/items.js";
import { notFound } from "../lib/errors.js";
import { resolveScope, unitLabel } from "./scope.js";
import { hasText } from "./compute/tasks.js";

const cut = (text: string) => {
  const t = text.trim();
  return t.length <= TASK_RESULT_EXCERPT_CHARS ? t : `${t.slice(0, TASK_RESULT_EXCERPT_CHARS - 1).trimEnd()}…`;
};

/**
 * The summary as the screen gets it: each task keeps its counts and an excerpt of its units' results
 * (a city's 2 500 units' texts were 97 % of its 9 MB); the screen fetches the rest when it is opened.
 */
export function summaryView(summary: WardSummary): WardSummary {
  return {
    ...summary,
    tasks: summary.tasks.map((t) => ({
      ...t,
      results: t.results
        .filter(hasText)
        .slice(0, TASK_RESULT_EXCERPT)
        .map((r) => ({ ...r, result: cut(r.result) })),
    })),
  };
}

/**
 * One page of the written results of a task: the same rows as the summary's (the counted reports of
 * the scope, in the catalog's unit order), read straight from the database — not the whole summary.
 */
export async function taskResults(
  ctx: AppContext,
  user: AuthUser | null,
  periodId: number,
  taskId: number,
  q: { unitId?: number; counted: Counted; offset: number; limit: number },
): Promise<TaskResultsPage> {
  const { db } = ctx.database;
  const scope = await resolveScope(ctx, periodId, q.unitId, user);
  const [task] = await listTasks(db, { id: taskId, wardId: scope.wardId ?? undefined, unitIds: scope.unitIds ?? undefined });
  if (!task) throw notFound("Không tìm thấy nhiệm vụ.", "TASK_NOT_FOUND");
  let base = db
    .selectFrom("report_task_values as tv")
    .innerJoin("reports as r", "r.id", "tv.report_id")
    .innerJoin("units as u", "u.id", "r.unit_id")
    .where("r.period_id", "=", scope.period.id)
    .where("r.status", "in", [...COUNTED_STATUSES[q.counted]])
    .where("tv.task_id", "=", taskId)
    .where((eb) => eb(eb.fn("trim", ["tv.result"]), "<>", ""));
  if (scope.unitIds) base = base.where("r.unit_id", "in", scope.unitIds);
  const [rows, total] = await Promise.all([
    base
      .select(["r.unit_id", "tv.status", "tv.progress", "tv.result"])
      .orderBy("u.sort_order")
      .orderBy("u.id")
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const leads = new Set(task.leadUnitIds);
  return {
    taskId,
    total: Number(total.n),
    offset: q.offset,
    limit: q.limit,
    items: rows.map((r) => ({
      unitId: r.unit_id,
      unitName: unitLabel(scope, r.unit_id),
      status: r.status,
      progress: r.progress === null ? null : Number(r.progress),
      result: r.result,
      lead: leads.has(r.unit_id),
    })),
  };
}
