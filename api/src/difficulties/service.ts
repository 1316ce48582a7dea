import type { Kysely } from "kysely";
import type { z } from "zod";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import type { DifficultyDetail, DifficultyItem, DifficultyList, DifficultyQuery, DifficultyTheme, ForwardSchema } from "../contract/difficulties.js";
import { DIFFICULTY_STATE_LABELS } from "../contract/difficulties-labels.js";
import { badRequest, conflict, notFound } from "../lib/errors.js";
import { foldVietnamese } from "../lib/text.js";
import { formatDateVN } from "../lib/time.js";
import { enqueueNotifications } from "../notifications/outbox.js";
import { pushEnabled } from "../notifications/channel-name.js";
import { focalUserIds } from "../reports/access.js";
import { planYearAt } from "../lib/plan-year.js";
import { assertSeesWard, requestWardId } from "../wards/request-ward.js";

type Db = Kysely<DB>;
const MAX_ID = 2_147_483_647;
const itemNotFound = () => notFound("Không tìm thấy khó khăn, đề xuất này.", "DIFFICULTY_NOT_FOUND");

function baseQuery(db: Db) {
  return db
    .selectFrom("difficulty_items as d")
    .innerJoin("units as u", "u.id", "d.unit_id")
    .leftJoin("difficulty_themes as t", "t.id", "d.theme_id")
    .leftJoin("difficulty_items as m", "m.id", "d.merged_into_id")
    .leftJoin("units as mu", "mu.id", "m.unit_id")
    .leftJoin("difficulty_themes as mt", "mt.id", "m.theme_id")
    .selectAll("d")
    .select([
      "u.name as unit_name",
      "u.sort_order as unit_sort",
      "u.ward_id as unit_ward",
      "t.name as theme_name",
      "m.text as m_text",
      "m.state as m_state",
      "m.forwarded_to as m_forwarded_to",
      "m.forwarded_at as m_forwarded_at",
      "m.answer as m_answer",
      "m.resolved_at as m_resolved_at",
      "m.theme_id as m_theme_id",
      "mt.name as m_theme_name",
      "mu.name as m_unit_name",
    ])
    .select((eb) => eb.selectFrom("difficulty_items as c").select((e) => e.fn.countAll<number>().as("n")).whereRef("c.merged_into_id", "=", "d.id").as("merged_count"));
}
type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>["executeTakeFirstOrThrow"]>>;

/** A merged item shows what became of the item it was merged into: that is its answer too. */
function toItem(r: Row): DifficultyItem {
  const m = r.merged_into_id !== null && r.m_state !== null;
  return {
    id: r.id,
    kind: r.kind,
    year: Number(r.year),
    periodId: r.period_id,
    unit: { id: r.unit_id, name: r.unit_name },
    text: r.text,
    theme: m ? (r.m_theme_id ? { id: r.m_theme_id, name: r.m_theme_name! } : null) : r.theme_id ? { id: r.theme_id, name: r.theme_name! } : null,
    state: m ? r.m_state! : r.state,
    mergedInto: m ? { id: r.merged_into_id!, text: r.m_text!, unitName: r.m_unit_name! } : null,
    mergedCount: Number(r.merged_count ?? 0),
    forwardedTo: m ? r.m_forwarded_to : r.forwarded_to,
    forwardedAt: m ? r.m_forwarded_at : r.forwarded_at,
    answer: m ? r.m_answer : r.answer,
    resolvedAt: m ? r.m_resolved_at : r.resolved_at,
    createdAt: r.created_at,
  };
}

/** One ward's register of a year (the items of its units' reports). */
export async function listDifficulties(ctx: AppContext, user: AuthUser, query: z.output<typeof DifficultyQuery>): Promise<DifficultyList> {
  const { db } = ctx.database;
  const wardId = await requestWardId(db, user, query.wardId);
  const year = query.year ?? planYearAt(ctx.clock.now());
  let q = baseQuery(db).where("d.year", "=", year).where("u.ward_id", "=", wardId);
  // A focal point sees what became of their own unit's items only.
  if (user.role === "focal") q = q.where("d.unit_id", "=", user.unitId ?? -1);
  else if (query.unitId) q = q.where("d.unit_id", "=", query.unitId);
  if (query.kind) q = q.where("d.kind", "=", query.kind);
  const rows = await q.orderBy("d.kind").orderBy("u.sort_order").orderBy("d.id").execute();
  let items = rows.map(toItem);
  if (query.state) items = items.filter((i) => i.state === query.state);
  if (query.themeId) items = items.filter((i) => i.theme?.id === query.themeId);
  const counts = { new: 0, forwarded: 0, resolved: 0 };
  for (const i of rows.map(toItem)) counts[i.state]++;
  return { year, items, counts };
}

/** An item the caller may see: another ward's answers 404 like a missing one. */
async function loadRow(db: Db, id: number, user: AuthUser): Promise<Row> {
  if (id > MAX_ID) throw itemNotFound();
  const row = await baseQuery(db).where("d.id", "=", id).executeTakeFirst();
  if (!row) throw itemNotFound();
  assertSeesWard(user, row.unit_ward, itemNotFound);
  return row;
}

export async function getDifficulty(ctx: AppContext, user: AuthUser, id: number): Promise<DifficultyDetail> {
  const { db } = ctx.database;
  const row = await loadRow(db, id, user);
  if (user.role === "focal" && row.unit_id !== user.unitId) throw itemNotFound();
  const merged = await db
    .selectFrom("difficulty_items as d")
    .innerJoin("units as u", "u.id", "d.unit_id")
    .select(["d.id", "d.text", "d.unit_id", "u.name"])
    .where("d.merged_into_id", "=", id)
    .orderBy("u.sort_order")
    .execute();
  // Staff see which units wrote the same thing; a focal point sees only that it was grouped.
  const shown = user.role === "focal" ? [] : merged.map((m) => ({ id: m.id, text: m.text, unit: { id: m.unit_id, name: m.name } }));
  return { ...toItem(row), merged: shown };
}

/** Tells the focal points of the item's unit, and of the units whose duplicates were merged into it. */
async function tellUnits(ctx: AppContext, trx: Db, id: number, what: "forwarded" | "resolved", text: string, nowIso: string): Promise<void> {
  const rows = await trx.selectFrom("difficulty_items").select(["id", "unit_id"]).where((eb) => eb.or([eb("id", "=", id), eb("merged_into_id", "=", id)])).execute();
  const focal = await focalUserIds(trx, [...new Set(rows.map((r) => r.unit_id))]);
  const items = rows.flatMap((r) =>
    (focal.get(r.unit_id) ?? []).map((userId) => ({
      userId,
      kind: `difficulty_${what}`,
      title: what === "resolved" ? "Kiến nghị của đơn vị đã được giải quyết" : "Kiến nghị của đơn vị đã được chuyển cấp có thẩm quyền",
      body: text.slice(0, 200),
      link: `/difficulties/${r.id}`,
      dedupeKey: `difficulty:${r.id}:${what}:${nowIso}`,
      source: `difficulty:${id}`,
    })),
  );
  await enqueueNotifications(trx, items, nowIso, pushEnabled(ctx.config));
}

function assertNotMerged(row: Row): void {
  if (row.merged_into_id !== null) {
    throw conflict("DIFFICULTY_MERGED", "Mục này đã được gộp vào một mục khác: hãy xử lý ở mục chính.", { mergedIntoId: row.merged_into_id });
  }
}

export async function setTheme(ctx: AppContext, user: AuthUser, id: number, themeId: number | null): Promise<DifficultyDetail> {
  const { db } = ctx.database;
  const row = await loadRow(db, id, user);
  assertNotMerged(row);
  if (themeId !== null && !(await db.selectFrom("difficulty_themes").select("id").where("id", "=", themeId).executeTakeFirst())) {
    throw badRequest("UNKNOWN_THEME", "Chủ đề được chọn không tồn tại.");
  }
  await db.updateTable("difficulty_items").set({ theme_id: themeId, updated_at: ctx.clock.now().toISOString() }).where("id", "=", id).execute();
  return getDifficulty(ctx, user, id);
}

export async function forwardDifficulty(ctx: AppContext, user: AuthUser, id: number, body: z.output<typeof ForwardSchema>): Promise<DifficultyDetail> {
  const { db } = ctx.database;
  const row = await loadRow(db, id, user);
  assertNotMerged(row);
  if (row.state === "resolved") throw conflict("DIFFICULTY_RESOLVED", "Mục này đã được giải quyết.");
  const nowIso = ctx.clock.now().toISOString();
  const at = body.at ? new Date(body.at).toISOString() : nowIso;
  if (at > nowIso) throw badRequest("FORWARDED_IN_FUTURE", "Ngày chuyển không được ở tương lai.");
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("difficulty_items").set({ state: "forwarded", forwarded_to: body.to, forwarded_at: at, updated_at: nowIso }).where("id", "=", id).execute();
    await tellUnits(ctx, trx, id, "forwarded", `"${row.text.slice(0, 120)}" đã được chuyển tới ${body.to} ngày ${formatDateVN(at)}.`, nowIso);
  });
  return getDifficulty(ctx, user, id);
}

export async function resolveDifficulty(ctx: AppContext, user: AuthUser, id: number, answer: string): Promise<DifficultyDetail> {
  const { db } = ctx.database;
  const row = await loadRow(db, id, user);
  assertNotMerged(row);
  const nowIso = ctx.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("difficulty_items").set({ state: "resolved", answer, resolved_at: nowIso, updated_at: nowIso }).where("id", "=", id).execute();
    await tellUnits(ctx, trx, id, "resolved", answer, nowIso);
  });
  return getDifficulty(ctx, user, id);
}

/** Merges a duplicate into another item: its follow-up (theme, forwarding, answer) is the other's. */
export async function mergeDifficulty(ctx: AppContext, user: AuthUser, id: number, intoId: number): Promise<DifficultyDetail> {
  const { db } = ctx.database;
  const row = await loadRow(db, id, user);
  // only into an item of the same ward (another ward's is unknown here)
  let target = await loadRow(db, intoId, user).catch(() => {
    throw badRequest("UNKNOWN_TARGET", "Không tìm thấy mục muốn gộp vào.");
  });
  if (target.merged_into_id !== null) target = await loadRow(db, target.merged_into_id, user);
  if (target.id === row.id) throw badRequest("MERGE_INTO_SELF", "Không thể gộp một mục vào chính nó.");
  if (target.kind !== row.kind) throw badRequest("MERGE_KIND_MISMATCH", "Chỉ gộp được khó khăn với khó khăn, đề xuất với đề xuất.");
  if (row.state !== "new" && row.merged_into_id === null && row.state !== target.state) {
    throw conflict("DIFFICULTY_HANDLED", `Mục này đã "${DIFFICULTY_STATE_LABELS[row.state]}": không gộp để khỏi mất kết quả xử lý.`);
  }
  const nowIso = ctx.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    // what had been merged into this one follows it
    await trx.updateTable("difficulty_items").set({ merged_into_id: target.id, updated_at: nowIso }).where("merged_into_id", "=", id).execute();
    await trx.updateTable("difficulty_items").set({ merged_into_id: target.id, updated_at: nowIso }).where("id", "=", id).execute();
  });
  return getDifficulty(ctx, user, target.id);
}

export async function listThemes(ctx: AppContext): Promise<DifficultyTheme[]> {
  return ctx.database.db.selectFrom("difficulty_themes").select(["id", "name"]).orderBy("sort_order").orderBy("id").execute();
}

export async function createTheme(ctx: AppContext, name: string): Promise<DifficultyTheme> {
  const { db } = ctx.database;
  const key = foldVietnamese(name);
  if (await db.selectFrom("difficulty_themes").select("id").where("name_key", "=", key).executeTakeFirst()) throw conflict("THEME_EXISTS", "Chủ đề này đã có.");
  const max = await db.selectFrom("difficulty_themes").select((eb) => eb.fn.max("sort_order").as("m")).executeTakeFirst();
  return db
    .insertInto("difficulty_themes")
    .values({ name, name_key: key, sort_order: Number(max?.m ?? 0) + 10, created_at: ctx.clock.now().toISOString() })
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();
}

/** For the ward's report: the ward's items of the year (duplicates folded into their main item), by theme. */
export async function difficultiesByTheme(db: Db, wardId: number, year: number) {
  const rows = (await baseQuery(db).where("d.year", "=", year).where("u.ward_id", "=", wardId).orderBy("d.kind").orderBy("u.sort_order").orderBy("d.id").execute()).map(toItem);
  const main = rows.filter((r) => r.mergedInto === null);
  const unitsOf = (id: number, own: string) => [own, ...rows.filter((r) => r.mergedInto?.id === id).map((r) => r.unit.name)];
  const themes = await db.selectFrom("difficulty_themes").select(["id", "name"]).orderBy("sort_order").orderBy("id").execute();
  const groups = [...themes.map((t) => ({ id: t.id as number | null, name: t.name })), { id: null, name: null as string | null }]
    .map((t) => ({ theme: t.name, items: main.filter((i) => (i.theme?.id ?? null) === t.id).map((i) => ({ ...i, units: [...new Set(unitsOf(i.id, i.unit.name))] })) }))
    .filter((g) => g.items.length > 0);
  return groups;
}
