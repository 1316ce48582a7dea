import { sql } from "kysely";
import type { AppContext, AuthUser } from "../http/context.js";
import { notFound } from "../lib/errors.js";
import { vnInstant } from "../lib/time.js";
import { wardToRead, whereWard } from "../wards/scope.js";
import type { FeedbackStats } from "../contract/feedback.js";
import { FEEDBACK_OPEN_STATUSES, FEEDBACK_STATUSES_NEEDING_REASON } from "../contract/feedback-labels.js";

// ---------------------------------------------------------------- figures

export async function feedbackStats(ctx: AppContext, user: AuthUser, periodId: number | undefined, wardId?: number): Promise<FeedbackStats> {
  const { db } = ctx.database;
  const ward = await wardToRead(db, user, wardId);
  const nowIso = ctx.clock.now().toISOString();
  let year: number | null = null;
  let from: string | null = null;
  let to: string | null = null;
  if (periodId) {
    const period = await db.selectFrom("periods").select("year").where("id", "=", periodId).executeTakeFirst();
    if (!period) throw notFound("Không tìm thấy kỳ báo cáo.", "PERIOD_NOT_FOUND");
    year = Number(period.year);
    from = vnInstant(year, 1, 1);
    to = vnInstant(year + 1, 1, 1);
  }
  const open = sql.join(FEEDBACK_OPEN_STATUSES.map((s) => sql.lit(s)));
  const closed = sql.join(FEEDBACK_STATUSES_NEEDING_REASON.map((s) => sql.lit(s)));
  let q = db
    .selectFrom("feedback_items as f")
    .select([
      "f.category_id",
      sql<string>`count(*)`.as("received"),
      sql<string>`sum(case when f.status = 'answered' then 1 else 0 end)`.as("answered"),
      sql<string>`sum(case when f.status = 'answered' and f.answered_at <= f.due_at then 1 else 0 end)`.as("on_time"),
      sql<string>`sum(case when f.status in (${closed}) then 1 else 0 end)`.as("closed"),
      sql<string>`sum(case when f.status in (${open}) then 1 else 0 end)`.as("open"),
      sql<string>`sum(case when f.status in (${open}) and f.due_at < ${nowIso} then 1 else 0 end)`.as("overdue"),
    ])
    .groupBy("f.category_id");
  q = whereWard(q, "f.ward_id", ward);
  if (from && to) q = q.where("f.created_at", ">=", from).where("f.created_at", "<", to);
  const rows = await q.execute();
  const cats = await db.selectFrom("feedback_categories").select(["id", "name"]).orderBy("sort_order").orderBy("id").execute();
  const byCat = new Map(rows.map((r) => [r.category_id, r]));
  const zero = { received: 0, answered: 0, answeredOnTime: 0, answeredLate: 0, closedWithReason: 0, open: 0, overdue: 0 };
  const byCategory = cats.map((c) => {
    const r = byCat.get(c.id);
    if (!r) return { categoryId: c.id, name: c.name, ...zero };
    const answered = Number(r.answered ?? 0);
    const onTime = Number(r.on_time ?? 0);
    return {
      categoryId: c.id,
      name: c.name,
      received: Number(r.received ?? 0),
      answered,
      answeredOnTime: onTime,
      answeredLate: answered - onTime,
      closedWithReason: Number(r.closed ?? 0),
      open: Number(r.open ?? 0),
      overdue: Number(r.overdue ?? 0),
    };
  });
  const total = { ...zero };
  for (const c of byCategory) for (const k of Object.keys(zero) as (keyof typeof zero)[]) total[k] += c[k];
  return {
    periodId: periodId ?? null,
    year,
    from,
    to,
    ...total,
    onTimeRate: total.answered ? Math.round((total.answeredOnTime / total.answered) * 1000) / 10 : null,
    byCategory,
  };
}
