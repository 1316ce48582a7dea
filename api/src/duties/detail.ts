import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { AppContext, AuthUser } from "../http/context.js";
import type { DutyDetail } from "../contract/duties.js";
import { parseJson } from "../db/dialect.js";
import type { FileMeta } from "../files/store.js";
import { signFiles } from "../files/access.js";
import { focalUserIds } from "../reports/access.js";
import { countsOf, isOverdue } from "./counts.js";
import { dutyNotFound, loadDuty } from "./lookup.js";

type Db = Kysely<DB>;

async function userNames(db: Db, ids: (number | null)[]): Promise<Map<number, string>> {
  const list = [...new Set(ids.filter((x): x is number => x !== null))];
  if (!list.length) return new Map();
  const rows = await db.selectFrom("users").select(["id", "name"]).where("id", "in", list).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function getDuty(ctx: AppContext, user: AuthUser, id: number): Promise<DutyDetail> {
  const { db } = ctx.database;
  const d = await loadDuty(db, id, user);
  const nowIso = ctx.clock.now().toISOString();
  const all = await db
    .selectFrom("duty_units as du")
    .innerJoin("units as u", "u.id", "du.unit_id")
    .selectAll("du")
    .select(["u.code", "u.name", "u.sort_order"])
    .where("du.duty_id", "=", id)
    .orderBy("u.sort_order")
    .orderBy("u.id")
    .execute();
  const shown = user.role === "focal" ? all.filter((r) => r.unit_id === user.unitId) : all;
  // A focal point of a unit that does not owe it learns nothing about it.
  if (user.role === "focal" && shown.length === 0) throw dutyNotFound();
  const history = shown.length
    ? await db.selectFrom("duty_history").selectAll().where("duty_id", "=", id).where("unit_id", "in", shown.map((r) => r.unit_id)).orderBy("id").execute()
    : [];
  const names = await userNames(db, [...shown.map((r) => r.handed_in_by), ...history.map((h) => h.user_id)]);
  const focal = await focalUserIds(db, shown.map((r) => r.unit_id));
  return {
    id: d.id,
    kind: d.kind,
    title: d.title,
    description: d.description,
    year: Number(d.year),
    startsAt: d.starts_at,
    dueAt: d.due_at,
    requiresDocument: !!d.requires_document,
    recursYearly: !!d.recurs_yearly,
    counts: countsOf(all, d.due_at, nowIso),
    units: shown.map((r) => ({
      unitId: r.unit_id,
      unitCode: r.code,
      unitName: r.name,
      status: r.status,
      text: r.text,
      files: signFiles(ctx, parseJson<FileMeta[]>(r.files, [])),
      handedInAt: r.handed_in_at,
      handedInBy: r.handed_in_by ? (names.get(r.handed_in_by) ?? null) : null,
      late: !!r.handed_in_at && r.handed_in_at > d.due_at,
      overdue: isOverdue(r.status, d.due_at, nowIso),
      reviewedAt: r.reviewed_at,
      returnReason: r.return_reason,
      focalCount: focal.get(r.unit_id)?.length ?? 0,
      history: history
        .filter((h) => h.unit_id === r.unit_id)
        .map((h) => ({ action: h.action, note: h.note, userName: h.user_id ? (names.get(h.user_id) ?? null) : null, at: h.at })),
    })),
  };
}
