import type { AppContext } from "../http/context.js";
import { conflict } from "../lib/errors.js";
import { foldVietnamese } from "../lib/text.js";
import type { AnnouncementCategory } from "../contract/announcements.js";

export async function createCategory(ctx: AppContext, name: string): Promise<AnnouncementCategory> {
  const { db } = ctx.database;
  const key = foldVietnamese(name);
  const now = ctx.clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("announcement_categories").select("id").where("name_key", "=", key).executeTakeFirst();
    if (existing) throw conflict("CATEGORY_EXISTS", "Chuyên mục này đã có.");
    const max = await trx.selectFrom("announcement_categories").select((eb) => eb.fn.max("sort_order").as("m")).executeTakeFirst();
    const row = await trx
      .insertInto("announcement_categories")
      .values({ name, name_key: key, sort_order: Number(max?.m ?? 0) + 10, created_at: now })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow();
    return { id: row.id, name: row.name };
  });
}
