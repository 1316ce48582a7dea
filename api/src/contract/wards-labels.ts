// Vietnamese labels for wards and unit kinds (no zod: the mini app imports this at runtime).
import type { WardLevel } from "./wards";

/** How a level is written at the start of a name ("Phường Hồng Bàng") and inside one ("Công an phường Hồng Bàng"). */
export const WARD_LEVEL_LABELS: Record<WardLevel, { title: string; word: string }> = {
  phuong: { title: "Phường", word: "phường" },
  xa: { title: "Xã", word: "xã" },
  dac_khu: { title: "Đặc khu", word: "đặc khu" },
};

/** The kinds of unit a ward's CSV may list (the city and the ward itself are not among them). */
export const UNIT_KIND_LABELS = {
  office: "Phòng, ban",
  police: "Công an",
  military: "Quân sự",
  front: "Mặt trận Tổ quốc",
  youth_union: "Đoàn Thanh niên",
  youth_federation: "Hội Liên hiệp Thanh niên",
  service_centre: "Trung tâm dịch vụ công",
  health: "Y tế",
  residential_group: "Tổ dân phố, thôn",
} as const;
export type WardUnitKind = keyof typeof UNIT_KIND_LABELS;

/** The CSV columns of a ward's units, in the order of the example file. */
export const WARD_CSV_COLUMNS = ["code", "name", "short_name", "kind", "parent_code"] as const;

/** A small example of the CSV of a ward's units (shown on the screen and in the README). */
export const WARD_CSV_EXAMPLE = [
  "code,name,short_name,kind,parent_code",
  "VHXH,Phòng Văn hóa - Xã hội,Phòng VHXH,office,",
  "CA,Công an phường Hồng Bàng,Công an phường,police,",
  "DOAN,Đoàn TNCS Hồ Chí Minh phường Hồng Bàng,Đoàn phường,youth_union,",
  "TDP01,Tổ dân phố số 1,TDP 1,residential_group,",
].join("\n");

const LEVEL_BY_WORD: [RegExp, WardLevel][] = [
  [/^đặc khu\s+/i, "dac_khu"],
  [/^xã\s+/i, "xa"],
  [/^phường\s+/i, "phuong"],
];

/**
 * A ward's name as people write it ("Phường Lê Đại Hành") and its level, from the name of its People's
 * Committee unit ("Ủy ban nhân dân phường Lê Đại Hành"); a unit named otherwise keeps its name.
 */
export function wardTitle(unitName: string): { name: string; level: WardLevel } {
  const rest = unitName.replace(/^(Ủy ban nhân dân|UBND)\s+/i, "").trim();
  for (const [re, level] of LEVEL_BY_WORD) {
    if (re.test(rest)) return { name: `${WARD_LEVEL_LABELS[level].title} ${rest.replace(re, "")}`, level };
  }
  return { name: rest.charAt(0).toUpperCase() + rest.slice(1), level: "phuong" };
}
