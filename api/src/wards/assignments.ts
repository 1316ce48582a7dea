import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";

/**
 * A new ward's share of the plan: which of its units report on which indicators and tasks (and which
 * lead), copied from the reference ward (the first one, Lê Đại Hành) unit by unit — a unit with the
 * same local code takes that unit's assignments (VHXH, CA, DOAN…), a residential group without a
 * counterpart takes those of the reference's residential groups (they all share them). Units of a CSV
 * with codes of their own get none: the ward's staff assign them in the catalog.
 */
export async function copyAssignments(
  trx: Kysely<DB>,
  reference: { id: number; code: string },
  units: { id: number; localCode: string; kind: string }[],
): Promise<void> {
  const refUnits = await trx.selectFrom("units").select(["id", "code", "kind"]).where("ward_id", "=", reference.id).where("id", "!=", reference.id).execute();
  const prefix = `${reference.code}-`;
  const local = (code: string) => (code.startsWith(prefix) ? code.slice(prefix.length) : code);
  const byCode = new Map(refUnits.map((u) => [local(u.code), u.id]));
  const firstGroup = refUnits.find((u) => u.kind === "residential_group")?.id;
  const refIds = refUnits.map((u) => u.id);
  if (refIds.length === 0) return;
  const indicatorLinks = await trx.selectFrom("indicator_units").selectAll().where("unit_id", "in", refIds).execute();
  const taskLinks = await trx.selectFrom("task_units").selectAll().where("unit_id", "in", refIds).execute();
  for (const u of units) {
    const source = byCode.get(u.localCode) ?? (u.kind === "residential_group" ? firstGroup : undefined);
    if (source === undefined) continue;
    const inds = indicatorLinks.filter((l) => l.unit_id === source);
    if (inds.length) await trx.insertInto("indicator_units").values(inds.map((l) => ({ indicator_id: l.indicator_id, unit_id: u.id, is_lead: l.is_lead }))).execute();
    const tasks = taskLinks.filter((l) => l.unit_id === source);
    if (tasks.length) await trx.insertInto("task_units").values(tasks.map((l) => ({ task_id: l.task_id, unit_id: u.id, role: l.role }))).execute();
  }
}
