import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { UnitKind } from "../catalog/tables.js";
import { SEED_UNITS } from "../catalog/seed-data.js";

/**
 * The plan's reference assignments (which unit reports each indicator, leads each task, owes each duty)
 * are written with Lê Đại Hành's unit codes (VHXH, DOAN, TDP01…). Another ward built from the standard
 * template has the same kinds of units under its own codes. A template code is found in a ward:
 * 1. by code: the same code (Lê Đại Hành), or the ward's prefixed code ("HB-VHXH", any "<prefix>-VHXH");
 * 2. else by name for the offices, which share a kind (VP "Văn phòng", VHXH "Văn hóa", KT "Kinh tế");
 * 3. else by kind, when the template has one unit of that kind (police, military command, Fatherland
 *    Front, Youth Union, Youth Federation, public service centre, health station), and every residential
 *    group for a residential group's code; a ward's residential groups beyond the template's numbers
 *    (TDP12 where Lê Đại Hành has fewer) take what the template's groups take.
 * A code found nowhere assigns nothing: the ward's staff assign that unit on the catalog screen.
 */
export type TemplateResolver = (code: string) => number[];

const OFFICE_NAMES: Record<string, RegExp> = {
  VP: /văn phòng/i,
  VHXH: /văn hóa/i,
  KT: /kinh tế/i,
};

const templateKind = new Map(SEED_UNITS.map((u) => [u.code, u.kind]));
const kindCount = new Map<UnitKind, number>();
for (const u of SEED_UNITS) kindCount.set(u.kind, (kindCount.get(u.kind) ?? 0) + 1);

export async function templateResolver(db: Kysely<DB>, wardId: number): Promise<TemplateResolver> {
  const units = await db
    .selectFrom("units")
    .select(["id", "code", "name", "kind"])
    .where("ward_id", "=", wardId)
    .where("id", "!=", wardId)
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
  const localCode = (c: string) => c.slice(c.lastIndexOf("-") + 1);
  // a residential group beyond the template's (a ward with more groups than Lê Đại Hành) shares theirs
  const extraGroups = units.filter((u) => u.kind === "residential_group" && !templateKind.has(localCode(u.code))).map((u) => u.id);
  return (code) => {
    const byCode = units.filter((u) => u.code === code || u.code.endsWith(`-${code}`));
    if (byCode.length) return [...byCode.map((u) => u.id), ...(templateKind.get(code) === "residential_group" ? extraGroups : [])];
    const kind = templateKind.get(code);
    if (!kind) return [];
    const ofKind = units.filter((u) => u.kind === kind);
    const named = OFFICE_NAMES[code];
    if (named) return ofKind.filter((u) => named.test(u.name)).map((u) => u.id);
    if (kind === "residential_group" || kindCount.get(kind) === 1) return ofKind.map((u) => u.id);
    return [];
  };
}
