import type { Harness } from "./harness.js";
import { CITY_CODE } from "../src/catalog/seed-data.js";
import { prepareWard, type PreparedWard } from "../src/wards/prepare.js";
import type { UnitKind } from "../src/catalog/tables.js";

/**
 * A second ward under the city, built the way a ward from the standard template is: its units carry
 * codes prefixed by the ward's ("HB-VHXH"), then `prepareWard` makes it ready. Only what the tests of the
 * plan's work need (adding a ward through the product is another component's).
 */
const TEMPLATE: { code: string; name: string; kind: UnitKind }[] = [
  { code: "VP", name: "Văn phòng HĐND và UBND phường", kind: "office" },
  { code: "VHXH", name: "Phòng Văn hóa - Xã hội", kind: "office" },
  { code: "CA", name: "Công an phường", kind: "police" },
  { code: "QS", name: "Ban Chỉ huy Quân sự phường", kind: "military" },
  { code: "MTTQ", name: "Ủy ban MTTQ Việt Nam phường", kind: "front" },
  { code: "DOAN", name: "Đoàn TNCS Hồ Chí Minh phường", kind: "youth_union" },
  { code: "HOI", name: "Hội LHTN Việt Nam phường", kind: "youth_federation" },
  { code: "TTDV", name: "Trung tâm dịch vụ công", kind: "service_centre" },
  { code: "TDP01", name: "Tổ dân phố số 1", kind: "residential_group" },
  { code: "TDP02", name: "Tổ dân phố số 2", kind: "residential_group" },
];

export interface SecondWard {
  wardId: number;
  /** the ward's unit ids by template code ("VHXH" → id of "HB-VHXH") */
  unit: Record<string, number>;
  prepared: PreparedWard;
}

export async function addSecondWard(h: Harness, code = "HB", name = "Ủy ban nhân dân phường Hồng Bàng"): Promise<SecondWard> {
  const { db } = h.ctx.database;
  const now = h.clock.now().toISOString();
  const city = await h.unitId(CITY_CODE);
  const ward = await db
    .insertInto("units")
    .values({ code, name, short_name: `UBND ${code}`, kind: "ward", parent_id: city, ward_id: null, sort_order: 1000, created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.updateTable("units").set({ ward_id: ward.id }).where("id", "=", ward.id).execute();
  const unit: Record<string, number> = {};
  for (const [i, u] of TEMPLATE.entries()) {
    const row = await db
      .insertInto("units")
      .values({ code: `${code}-${u.code}`, name: u.name, short_name: u.name, kind: u.kind, parent_id: ward.id, ward_id: ward.id, sort_order: 1001 + i, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    unit[u.code] = row.id;
  }
  const prepared = await prepareWard(h.ctx, ward.id);
  return { wardId: ward.id, unit, prepared };
}
