import type { AppContext } from "../http/context.js";
import { badRequest, notFound } from "../lib/errors.js";

// ---------------------------------------------------------------- categories

export async function listCategories(ctx: AppContext) {
  const rows = await ctx.database.db
    .selectFrom("feedback_categories")
    .select(["id", "code", "name", "answer_days"])
    .where("active", "=", 1)
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, answerDays: Number(r.answer_days) }));
}

export async function updateCategory(ctx: AppContext, id: number, body: { name?: string; answerDays?: number }) {
  const { db } = ctx.database;
  if (body.name === undefined && body.answerDays === undefined) throw badRequest("NOTHING_TO_CHANGE", "Không có thay đổi nào được gửi lên.");
  const res = await db
    .updateTable("feedback_categories")
    .set({
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.answerDays !== undefined ? { answer_days: body.answerDays } : {}),
      updated_at: ctx.clock.now().toISOString(),
    })
    .where("id", "=", id)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw notFound("Không tìm thấy lĩnh vực góp ý.", "CATEGORY_NOT_FOUND");
  const row = await db.selectFrom("feedback_categories").select(["id", "code", "name", "answer_days"]).where("id", "=", id).executeTakeFirstOrThrow();
  return { id: row.id, code: row.code, name: row.name, answerDays: Number(row.answer_days) };
}
