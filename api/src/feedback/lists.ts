import { sql } from "kysely";
import type { AppContext, AuthUser } from "../http/context.js";
import { fromBool, likeOp } from "../db/dialect.js";
import { escapeLike, foldVietnamese } from "../lib/text.js";
import { signFiles } from "../files/access.js";
import { wardToRead, whereWard } from "../wards/scope.js";
import type {
  FeedbackInbox,
  FeedbackInboxQuerySchema,
  FeedbackPublicQuerySchema,
  MyFeedbackPage,
  PublicFeedbackPage,
} from "../contract/feedback.js";
import { FEEDBACK_OPEN_STATUSES } from "../contract/feedback-labels.js";
import type { z } from "zod";
import { hasPublicAnswer, itemQuery, loadAnswers, loadMarks, toPublic, toSummary } from "./queries.js";

// ---------------------------------------------------------------- lists

function applySearch<Q extends { where: (...args: any[]) => Q }>(q: Q, ctx: AppContext, text: string | undefined): Q {
  const folded = foldVietnamese(text ?? "");
  if (!folded) return q;
  // ESCAPE is explicit: SQLite has no default escape character, so "50%" or "a_b" would not match literally.
  const pattern = `%${escapeLike(folded)}%`;
  return q.where(sql<boolean>`f.search_text ${sql.raw(likeOp(ctx.database.dialect))} ${pattern} escape '\\'`);
}

function page<T extends { id: number }>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  return { rows: slice, nextCursor: more ? String(slice[slice.length - 1].id) : null };
}

export async function listPublic(ctx: AppContext, user: AuthUser | null, query: z.output<typeof FeedbackPublicQuerySchema>): Promise<PublicFeedbackPage> {
  const { db } = ctx.database;
  let q = whereWard(itemQuery(db), "f.ward_id", await wardToRead(db, user, query.wardId))
    .where("f.allow_public", "=", 1)
    .where("f.status", "=", "answered")
    .where("f.hidden", "=", 0)
    .where(hasPublicAnswer);
  if (query.categoryId) q = q.where("f.category_id", "=", query.categoryId);
  if (query.cursor) q = q.where("f.id", "<", Number(query.cursor));
  q = applySearch(q, ctx, query.q);
  const { rows, nextCursor } = page(await q.orderBy("f.id", "desc").limit(query.limit + 1).execute(), query.limit);
  const ids = rows.map((r) => r.id);
  const [answers, marks] = await Promise.all([loadAnswers(db, ids, true), loadMarks(db, user?.id ?? null, ids)]);
  return {
    items: rows.map((r) => toPublic(r, answers.get(r.id) ?? [], { supported: marks.supported.has(r.id), flagged: marks.flagged.has(r.id) })),
    nextCursor,
  };
}

export async function listMine(ctx: AppContext, user: AuthUser, query: { cursor?: string; limit: number }): Promise<MyFeedbackPage> {
  const { db } = ctx.database;
  let q = itemQuery(db).where("f.sender_id", "=", user.id);
  if (query.cursor) q = q.where("f.id", "<", Number(query.cursor));
  const { rows, nextCursor } = page(await q.orderBy("f.id", "desc").limit(query.limit + 1).execute(), query.limit);
  const answers = await loadAnswers(db, rows.map((r) => r.id), false);
  const nowIso = ctx.clock.now().toISOString();
  return {
    items: rows.map((r) => {
      const list = answers.get(r.id) ?? [];
      const latest = list.length ? list[list.length - 1] : null;
      return { ...toSummary(r, nowIso, true), flagsCount: 0, latestAnswer: latest && { ...latest, attachments: signFiles(ctx, latest.attachments) } };
    }),
    nextCursor,
  };
}

export async function listInbox(ctx: AppContext, user: AuthUser, query: z.output<typeof FeedbackInboxQuerySchema>): Promise<FeedbackInbox> {
  const { db } = ctx.database;
  const nowIso = ctx.clock.now().toISOString();
  const ward = await wardToRead(db, user, query.wardId);
  const scope = <Q extends { where: (...args: any[]) => Q }>(q: Q): Q =>
    // The caller's ward (city staff: the one chosen, or every ward); a focal point only sees what is
    // assigned to their own unit.
    whereWard(user.role === "focal" ? q.where("f.assigned_unit_id", "=", user.unitId ?? -1) : q, "f.ward_id", ward);

  let q = scope(itemQuery(db));
  if (query.status) q = q.where("f.status", "=", query.status);
  if (query.categoryId) q = q.where("f.category_id", "=", query.categoryId);
  if (query.unitId) q = q.where("f.assigned_unit_id", "=", query.unitId);
  if (query.hidden !== undefined) q = q.where("f.hidden", "=", fromBool(query.hidden));
  if (query.overdue === true) q = q.where("f.status", "in", [...FEEDBACK_OPEN_STATUSES]).where("f.due_at", "<", nowIso);
  if (query.overdue === false)
    q = q.where((eb) => eb.or([eb("f.status", "not in", [...FEEDBACK_OPEN_STATUSES]), eb("f.due_at", ">=", nowIso)]));
  if (query.cursor) q = q.where("f.id", "<", Number(query.cursor));
  q = applySearch(q, ctx, query.q);
  const { rows, nextCursor } = page(await q.orderBy("f.id", "desc").limit(query.limit + 1).execute(), query.limit);

  const overdue = await scope(db.selectFrom("feedback_items as f"))
    .select((eb) => eb.fn.countAll().as("n"))
    .where("f.status", "in", [...FEEDBACK_OPEN_STATUSES])
    .where("f.due_at", "<", nowIso)
    .executeTakeFirstOrThrow();

  return { items: rows.map((r) => toSummary(r, nowIso, true)), nextCursor, overdueCount: Number(overdue.n) };
}
