import type { Config } from "../config.js";
import type { Ward, WardLevel } from "../contract/wards.js";
import { WARD_LEVEL_LABELS } from "../contract/wards-labels.js";
import type { WardRow } from "./queries.js";

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

/** The mini app link that puts a youth in this ward (`?ward=<code>`), as a QR code on the ward's posters. */
export const wardJoinLink = (config: Config, code: string) =>
  `https://zalo.me/s/${encodeURIComponent(config.zalo.appId)}/?ward=${encodeURIComponent(code)}`;

export function toWard(config: Config, row: WardRow): Ward {
  const { name, level } = wardTitle(row.name);
  return { id: row.id, code: row.code, name, unitName: row.name, level, joinLink: wardJoinLink(config, row.code) };
}
